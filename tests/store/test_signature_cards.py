from datetime import date, datetime, timezone

import pytest

from balcao_tui.domain.refusal import Refusal
from balcao_tui.domain.seal_code import parse_seal_code
from balcao_tui.store.errors import Refused
from balcao_tui.store.models import AuditEntry, Office, SealRecord, SignatureCard
from balcao_tui.domain.seal_states import SealState
from balcao_tui.store.usecases.signature_cards import (
    CardData, card_by_cpf, check_duplicates, create_signature_card, find_signature_cards)

NOON = datetime(2026, 11, 21, 15, 0, tzinfo=timezone.utc)


def _card(office, name="José da Conceição", cpf="529.982.247-25", **extra):
    return create_signature_card(office.clerk, CardData(name=name, cpf=cpf, **extra), now=NOON)


def test_search_by_name_prefix_ignores_accents_and_case(office):
    _card(office)
    _card(office, name="Maria Joséfa Souza", cpf="111.444.777-35")
    assert [c.name for c in find_signature_cards("jose")] == ["José da Conceição",
                                                             "Maria Joséfa Souza"]
    assert [c.name for c in find_signature_cards("CONCEI")] == ["José da Conceição"]
    assert find_signature_cards("ria") == []  # a prefix of a word, not any substring


def test_search_by_cpf_and_rg_and_the_list_masks_the_cpf(office):
    _card(office, rg_number="12.345.678-9")
    by_cpf = find_signature_cards("52998224725")
    assert [c.cpf_masked for c in by_cpf] == ["***.982.247-**"]
    assert find_signature_cards("529.982.247-25")[0].id == by_cpf[0].id
    assert find_signature_cards("1234567")[0].id == by_cpf[0].id
    assert card_by_cpf("529.982.247-25").id == by_cpf[0].id and card_by_cpf("123") is None


def test_invalid_cpf_and_missing_document_are_refused_and_nothing_saved(office):
    with pytest.raises(Refused, match="CPF") as info:
        _card(office, cpf="529.982.247-24")
    assert info.value.field == "cpf"
    with pytest.raises(Refused, match="CPF ou o número") as info:
        _card(office, cpf="")
    with pytest.raises(Refused, match="nome completo"):
        _card(office, name="José")
    assert SignatureCard.select().count() == 0


def test_same_cpf_is_refused_same_name_and_birth_needs_confirmation(office):
    first = _card(office, birth_date=date(1970, 5, 1))
    with pytest.raises(Refused, match="Já existe ficha para este CPF: nº 1, José da Conceição"):
        _card(office, name="Outro Nome", birth_date=date(1980, 1, 1))
    twin = CardData(name="josé  da conceição", cpf="111.444.777-35", birth_date=date(1970, 5, 1))
    assert [c.id for c in check_duplicates(twin).same_person] == [first.card_id]
    with pytest.raises(Refused, match="este nome e data de nascimento"):
        create_signature_card(office.clerk, twin, now=NOON)
    created = create_signature_card(office.clerk, twin, allow_duplicate=True, now=NOON)
    assert [d.id for d in created.duplicates] == [first.card_id]


@pytest.mark.parametrize("dates,field,says", [
    ({"birth_date": date(2030, 1, 1)}, "birth_date", "no futuro"),
    ({"birth_date": date(1899, 12, 31)}, "birth_date", "antes de 1900"),
    ({"deposited_on": date(2099, 1, 1)}, "deposited_on", "no futuro"),
    ({"birth_date": date(1990, 1, 1), "id_issued_on": date(1989, 1, 1)}, "id_issued_on",
     "anterior ao nascimento"),
])
def test_dates_that_cannot_be_are_refused_saying_why(office, dates, field, says):
    with pytest.raises(Refusal) as info:
        _card(office, **dates)
    assert info.value.field == field and says in info.value.message
    assert SignatureCard.select().count() == 0


def test_seal_only_when_the_office_uses_it_and_the_clerk_asks(office):
    assert _card(office).seal_code is None  # not asked
    sealed = create_signature_card(office.clerk, CardData(name="Ana Paula Reis",
                                                          cpf="111.444.777-35"),
                                   generate_seal=True, now=NOON)
    parsed = parse_seal_code(sealed.seal_code)
    assert (parsed.act_code, parsed.act_info) == ("AF", "0000000000001")
    record = SealRecord.get(SealRecord.code == sealed.seal_code)
    assert record.state == SealState.PENDING and record.total > 0
    Office.update(signature_card_seal=False).execute()
    off = create_signature_card(office.clerk, CardData(name="Rui Barbosa Neto",
                                                       cpf="935.411.347-80"),
                                generate_seal=True, now=NOON)
    assert off.seal_code is None


def test_audit_keeps_the_cpf_masked(office):
    _card(office)
    detail = AuditEntry.get(AuditEntry.action == "card.create").detail
    assert "***.982.247-**" in detail and "52998224725" not in detail
