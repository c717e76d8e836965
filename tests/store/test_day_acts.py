"""A clerk's acts of the day and the service rebuilt from the store for its reprint."""
from datetime import datetime, timedelta, timezone

import pytest

from balcao_tui.domain.refusal import Refusal
from balcao_tui.labels import registration_labels
from balcao_tui.store.usecases.counter import register_counter_acts
from balcao_tui.store.usecases.day_acts import last_service, my_day_acts, service_registration
from balcao_tui.store.usecases.signature_cards import CardData, create_signature_card

AT = datetime(2026, 11, 21, 17, 5, tzinfo=timezone.utc)


def test_a_service_rebuilt_from_the_store_is_the_registration_itself(any_office):
    card = create_signature_card(any_office.clerk, CardData(name="Maria da Silva",
                                                            cpf="529.982.247-25"), now=AT)
    first = register_counter_acts(any_office.clerk, "firma_com_valor", 3,
                                  signature_card_id=card.card_id, now=AT)
    # same instant, same kind: only the audit of the registration tells the services apart
    second = register_counter_acts(any_office.clerk, "firma_com_valor", 2,
                                   signature_card_id=card.card_id, now=AT)
    register_counter_acts(any_office.clerk2, "firma_com_valor", 1,
                          signature_card_id=card.card_id, now=AT + timedelta(minutes=1))
    assert service_registration(any_office.clerk, first.acts[1].act_id) == first
    assert service_registration(any_office.clerk, second.acts[0].act_id) == second
    assert last_service(any_office.clerk) == second
    assert (registration_labels(last_service(any_office.clerk), "São Paulo")
            == registration_labels(second, "São Paulo"))
    with pytest.raises(Refusal, match="não encontrado"):  # someone else's act
        service_registration(any_office.clerk2, first.acts[0].act_id)


def test_the_day_in_pages_with_totals_of_the_whole_day(any_office):
    services = [register_counter_acts(any_office.clerk, "autenticacao", n, now=AT)
                for n in (3, 2)]
    first = my_day_acts(any_office.clerk, AT.date(), page=0, page_size=4)
    second = my_day_acts(any_office.clerk, AT.date(), page=1, page_size=4)
    assert (first.count, first.pages, len(first.acts), len(second.acts)) == (5, 2, 4, 1)
    assert first.total == sum(s.total for s in services)
    shown = [a.act_id for a in first.acts + second.acts]
    assert shown == sorted((a.act_id for s in services for a in s.acts), reverse=True)
    assert my_day_acts(any_office.clerk2, AT.date()).count == 0
    assert last_service(any_office.clerk2) is None
