"""The answers to the audit's findings as use cases: who may, what they refuse, what they
write (SQLite and PostgreSQL; the round trip with the TJ is in tests/transmit)."""
from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

import pytest

from balcao_tui.domain.deadlines import office_day, utcnow
from balcao_tui.domain.permissions import PermissionDenied
from balcao_tui.domain.refusal import Refusal
from balcao_tui.domain.seal_code import build_digital_seal_code, build_hybrid_seal_code
from balcao_tui.domain.seal_states import PhysicalState, RecordKind, SealState
from balcao_tui.domain.tj_audit import SealContent, TJRecord, TJSituation
from balcao_tui.store.errors import NotFound, Refused
from balcao_tui.store.models import AuditEntry, PhysicalSeal, SealRecord
from balcao_tui.store.usecases.tj_audit import correct_from_audit, local_day, resend_to_tj
from balcao_tui.store.usecases.tj_recovery import recover_from_tj
from support.fee_values import fee_values
from support.seal_records import CNS, digital_row, hybrid_row, insert_rows

NOW = utcnow()
AT = NOW - timedelta(hours=1)


def communicated_hybrid(number: int = 1, at=AT) -> str:
    [code] = insert_rows([hybrid_row("RF0001", number, at, state=SealState.COMMUNICATED)])
    return code


def tj_record(code: str, *, act_code: str, physical=None, kind=RecordKind.ACT,
              replaces=None, values=None) -> TJRecord:
    content = SealContent(code, kind, act_code, AT.replace(microsecond=0),
                          values or fee_values(), physical_seal=physical, replaces=replaces)
    return TJRecord(content, TJSituation.ACTIVE, NOW.replace(microsecond=0))


def test_the_days_records_are_read_by_a_supervisor_only(any_office):
    code = communicated_hybrid()
    insert_rows([digital_row(7, AT - timedelta(days=2))])
    day = local_day(any_office.supervisor, office_day(AT))
    assert (day.cns, [r.content.code for r in day.records]) == (CNS, [code])
    assert day.records[0].content.physical_seal == ("RF0001", 1)
    with pytest.raises(PermissionDenied):
        local_day(any_office.clerk, office_day(AT))


def test_resend_moves_only_a_communicated_record_back_to_the_queue(any_office):
    code = communicated_hybrid()
    with pytest.raises(PermissionDenied):
        resend_to_tj(any_office.clerk, code)
    with pytest.raises(NotFound):
        resend_to_tj(any_office.supervisor, "1455731AF0000000000999264")
    resend_to_tj(any_office.supervisor, code.lower(), now=NOW)
    record = SealRecord.get(SealRecord.code == code)
    assert (record.state, record.queued_at) == (SealState.PENDING, NOW)
    entry = AuditEntry.get(AuditEntry.action == "tj_audit.resend")
    assert (entry.user_id, entry.reason) == (any_office.supervisor,
                                             "Auditoria com o TJ: o TJ não tem este selo.")
    with pytest.raises(Refused, match="comunicação pendente: só um selo comunicado"):
        resend_to_tj(any_office.supervisor, code)


def test_a_correction_keeps_the_values_and_physical_seal_and_is_made_once(any_office):
    code = communicated_hybrid()
    with pytest.raises(PermissionDenied, match="retificar"):
        correct_from_audit(any_office.supervisor, code)
    made = correct_from_audit(any_office.notary, code, now=NOW)
    old, new = (SealRecord.get(SealRecord.code == c) for c in (code, made.new_code))
    assert (new.record_kind, new.replaces_id, new.state) == (
        RecordKind.CORRECTION, old.id, SealState.PENDING)
    assert new.code[7:9] == "RS" and new.code != code
    assert [(getattr(new, f), new.physical_series, new.physical_number) for f in
            ("tabeliao", "iss", "total")] == [(getattr(old, f), "RF0001", 1) for f in
                                              ("tabeliao", "iss", "total")]
    assert (new.act_at, new.day, old.state) == (old.act_at, old.day, SealState.COMMUNICATED)
    with pytest.raises(Refused, match=f"já tem a retificação {made.new_code}"):
        correct_from_audit(any_office.notary, code)


def test_no_correction_after_72_hours(any_office):
    code = communicated_hybrid(at=NOW - timedelta(hours=73))
    with pytest.raises(Refused, match="prazo de 72 horas"):
        correct_from_audit(any_office.notary, code, now=NOW)
    assert SealRecord.select().count() == 1


def test_recovery_brings_a_correction_back_and_marks_what_it_replaced(any_office):
    original = communicated_hybrid(3)
    code = build_digital_seal_code(CNS, "1", "RS", 12, AT.year)
    found = tj_record(code, act_code="RS", kind=RecordKind.CORRECTION,
                      physical=("RF0001", 3), replaces=original)
    with pytest.raises(PermissionDenied):
        recover_from_tj(any_office.clerk, found)
    recovered = recover_from_tj(any_office.admin, found, now=NOW)
    assert (recovered.sequence, recovered.physical_state) == (12, PhysicalState.SENT)
    record = SealRecord.get(SealRecord.code == code)
    assert (record.state, record.record_kind, record.replaces.code, record.act_kind) == (
        SealState.COMMUNICATED, RecordKind.CORRECTION, original, "firma_sem_valor")
    assert SealRecord.get(SealRecord.code == original).state == SealState.CORRECTED
    with pytest.raises(Refused, match="já consta aqui"):
        recover_from_tj(any_office.admin, found)


def test_a_recovered_seal_leaves_the_sheet_even_if_reversed_but_not_if_spoiled_or_absent(
        any_office):
    PhysicalSeal.update(state=PhysicalState.REVERSED).where(
        (PhysicalSeal.series == "RF0001") & (PhysicalSeal.number == 4)).execute()
    PhysicalSeal.update(state=PhysicalState.SPOILED).where(
        (PhysicalSeal.series == "RF0001") & (PhysicalSeal.number == 5)).execute()
    for series, number, state in (("RF0001", 4, PhysicalState.SENT),
                                  ("RF0001", 5, PhysicalState.SPOILED), ("ZZ0001", 1, None)):
        code = build_hybrid_seal_code(CNS, "1", "RS", series, number, AT.year)
        found = tj_record(code, act_code="RS", physical=(series, number))
        recovered = recover_from_tj(any_office.supervisor, found)
        assert (recovered.physical_seal, recovered.physical_state) == ((series, number), state)


@pytest.mark.parametrize("change, message", [
    ({"code": build_digital_seal_code("222222", "1", "AF", 3, AT.year)}, "outra serventia"),
    ({"act_code": "AD"}, "código do ato"),
    ({"values": {**fee_values(), "total": -1}}, "total"),
    ({"code": "145573"}, "25 caracteres"),
])
def test_a_recovery_refuses_what_the_tj_could_not_have_sent(any_office, change, message):
    found = tj_record(build_digital_seal_code(CNS, "1", "AF", 3, AT.year), act_code="AF")
    found = replace(found, content=replace(found.content, **change))
    with pytest.raises(Refusal, match=message):
        recover_from_tj(any_office.supervisor, found)
    assert not SealRecord.select().exists() and not AuditEntry.select().where(
        AuditEntry.action == "tj_audit.recover").exists()
