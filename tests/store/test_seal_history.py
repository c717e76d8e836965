"""A seal record in full, on SQLite and PostgreSQL: made at the counter, sent and criticized
by the transmitter's own store calls, corrected by a later record; each step in the history
in order, with who did it."""
from __future__ import annotations

from datetime import timedelta

import pytest

from balcao_tui.domain.deadlines import utcnow
from balcao_tui.domain.refusal import Refusal
from balcao_tui.domain.seal_states import RecordKind, SealState
from balcao_tui.store.models import SealRecord
from balcao_tui.store.seal_history import seal_record_detail
from balcao_tui.store.transmission import Answer, apply_answers, start_batch
from balcao_tui.store.usecases.counter import register_counter_acts
from support.seal_records import digital_row, insert_rows


def test_a_counter_seal_shows_its_act_values_and_who_made_it(any_office):
    registered = register_counter_acts(any_office.clerk, "autenticacao", 1)
    record = SealRecord.get(SealRecord.code == registered.acts[0].seal_code)
    detail = seal_record_detail(any_office.supervisor, record.id)
    assert detail.code == record.code and detail.state_label == "aguardando fechamento"
    assert detail.physical_seal == "AU0001 0000001"
    assert detail.act is not None and detail.act.clerk_login == "clara"
    assert detail.act.payment_label == "Dinheiro"
    assert dict(detail.values)["Tabelião"] == record.tabeliao
    assert detail.total == record.total
    assert [(e.what, e.who) for e in detail.history] == [("Gerado", "clara")]
    assert detail.consultation_url is None  # no certificate in this office


def test_sent_criticized_then_corrected_reads_in_order(any_office):
    at = utcnow() - timedelta(hours=1)
    code, = insert_rows([digital_row(900, at, created_by=any_office.clerk)])
    batch = start_batch([code])
    apply_answers(batch, [Answer(code, False, criticisms=(("E7", "Data do ato inválida"),))])
    old = SealRecord.get(SealRecord.code == code)
    new_code, = insert_rows([digital_row(901, at, record_kind=RecordKind.CORRECTION,
                                         replaces=old.id, created_by=any_office.notary)])

    detail = seal_record_detail(any_office.clerk, old.id)
    assert detail.state == SealState.CRITICIZED
    assert [(c.code, c.message) for c in detail.criticisms] == [("E7", "Data do ato inválida")]
    assert [e.what for e in detail.history] == [
        "Gerado", "Enviado ao TJ (respondido)", "Criticado pelo TJ",
        f"Retificado pelo selo {new_code}"]
    assert detail.history[-1].who == "tadeu"
    assert detail.replaced_by == (new_code,)

    new = seal_record_detail(any_office.clerk, SealRecord.get(SealRecord.code == new_code).id)
    assert new.replaces == code and new.record_kind_label == "retificação"
    assert new.history[0].what == f"Gerado como retificação do selo {code}"


@pytest.mark.parametrize("record_id", [0, 10**6, -1, 2**40, "1", None, True])
def test_a_record_that_is_not_there_is_refused(any_office, record_id):
    with pytest.raises(Refusal) as refused:
        seal_record_detail(any_office.clerk, record_id)
    assert refused.value.field == "record"
