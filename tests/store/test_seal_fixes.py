"""Corrections and exclusions on SQLite and PostgreSQL: what they make, what they leave of
the record they act on, who may do them, and each refusal, with nothing written."""
from __future__ import annotations

import json
from datetime import timedelta

import pytest

from balcao_tui.domain.deadlines import utcnow
from balcao_tui.domain.permissions import PermissionDenied
from balcao_tui.domain.seal_states import PhysicalState, RecordKind, SealState
from balcao_tui.store.models import AuditEntry, SealRecord
from balcao_tui.store.transmission import pending_records
from balcao_tui.store.usecases.corrections import CorrectionInput, correct_seal
from balcao_tui.store.usecases.exclusions import exclude_seal
from support.fix_records import (communicated_digital, communicated_hybrid,
                                 criticized_digital, physical_state)
from support.hostile import refused_or_done
from support.seal_records import digital_row, insert_rows

REASON = "Valor cobrado a mais: o ato era gratuito."
EXEMPT = CorrectionInput(exempt_reason="Lei 11.331/2002, art. 8º")


def reload(record: SealRecord) -> SealRecord:
    return SealRecord.get_by_id(record.id)


def refused(call, *args, field: str | None = None, **kwargs) -> str:
    with refused_or_done() as outcome:
        call(*args, **kwargs)
    assert outcome, "not refused"
    [refusal] = outcome
    if field is not None:
        assert refusal.field == field, refusal.message
    return refusal.message


# -- corrections -------------------------------------------------------------------------

def test_a_communicated_record_is_replaced_by_a_new_code_and_stays_until_the_tj_agrees(
        any_office):
    now = utcnow()
    old = communicated_digital(8_000_001, now - timedelta(hours=5))
    made = correct_seal(any_office.notary, old.id, EXEMPT, REASON, now=now)
    new = SealRecord.get_by_id(made.record_id)
    assert made.code == new.code != old.code and made.affected_codes == (old.code,)
    assert new.record_kind == RecordKind.CORRECTION and new.replaces_id == old.id
    assert new.state == SealState.PENDING and new.act_code == old.act_code == "AF"
    assert (new.total, new.iss, new.tabeliao) == (0, 0, 0)
    assert new.exempt_reason == "Lei 11.331/2002, art. 8º"
    assert new.act_at == old.act_at and new.created_by_id == any_office.notary
    assert reload(old).state == SealState.COMMUNICATED
    [outgoing] = pending_records(10)
    assert (outgoing.code, outgoing.record_kind, outgoing.replaces) == (
        new.code, RecordKind.CORRECTION, old.code)
    entry = AuditEntry.get(AuditEntry.action == "seal.correct")
    assert entry.user_id == any_office.notary and entry.reason == REASON
    detail = json.loads(entry.detail)
    assert (detail["selo"], detail["retificacao"]) == (old.code, new.code)
    assert set(detail["mudancas"]) == {"gratuidade", "total", "iss"}


def test_a_criticized_record_is_corrected_at_once_and_its_fix_goes_as_the_act(any_office):
    now = utcnow()
    old = criticized_digital(8_000_002, now - timedelta(hours=2), total=1)
    made = correct_seal(any_office.notary, old.id, CorrectionInput(exempt_reason=""), REASON,
                        now=now)
    assert reload(old).state == SealState.CORRECTED
    new = SealRecord.get_by_id(made.record_id)
    assert new.replaces_id == old.id and new.total > 1
    [outgoing] = pending_records(10)
    assert (outgoing.record_kind, outgoing.replaces) == (RecordKind.ACT, None)


def test_a_criticized_correction_is_corrected_against_the_record_the_tj_holds(any_office):
    now = utcnow()
    held = communicated_digital(8_000_003, now - timedelta(hours=5))
    first = SealRecord.get_by_id(correct_seal(any_office.notary, held.id, EXEMPT, REASON,
                                              now=now).record_id)
    SealRecord.update(state=SealState.CRITICIZED).where(SealRecord.id == first.id).execute()
    second = correct_seal(any_office.notary, first.id, CorrectionInput(exempt_reason=""),
                          REASON, now=now)
    assert reload(first).state == SealState.CORRECTED
    assert reload(held).state == SealState.COMMUNICATED
    [outgoing] = pending_records(10)
    assert (outgoing.code, outgoing.record_kind, outgoing.replaces) == (
        second.code, RecordKind.CORRECTION, held.code)


def test_the_kind_date_and_act_of_a_digital_seal_may_change(any_office):
    now = utcnow()
    old = communicated_digital(8_000_004, now - timedelta(hours=30))
    new_at = now - timedelta(hours=26)
    made = correct_seal(any_office.notary, old.id,
                        CorrectionInput(act_kind="fotocopia", act_at=new_at), REASON, now=now)
    new = SealRecord.get_by_id(made.record_id)
    assert (new.act_kind, new.act_code, new.act_at) == ("fotocopia", "FC", new_at)
    assert new.code[7:9] == "FC"


def test_a_hybrid_seal_keeps_its_physical_seal_and_changes_only_date_or_value(any_office):
    now = utcnow()
    old = communicated_hybrid(1, now - timedelta(hours=3))
    made = correct_seal(any_office.notary, old.id,
                        CorrectionInput(act_at=now - timedelta(hours=4)), REASON, now=now)
    new = SealRecord.get_by_id(made.record_id)
    assert (new.physical_series, new.physical_number) == ("RF0001", 1)
    assert new.act_code == old.act_code and new.code != old.code
    assert physical_state("RF0001", 1) == PhysicalState.SENT
    other = communicated_hybrid(2, now - timedelta(hours=3))
    message = refused(correct_seal, any_office.notary, other.id,
                      CorrectionInput(act_kind="firma_com_valor"), REASON, now=now,
                      field="act_kind")
    assert "só pode ser retificado na data ou no valor" in message
    refused(correct_seal, any_office.notary, other.id, CorrectionInput(act_id=1), REASON,
            now=now, field="act_id")


def test_who_may_correct(any_office):
    now = utcnow()
    old = communicated_digital(8_000_005, now - timedelta(hours=1))
    for user in (any_office.clerk, any_office.supervisor, any_office.admin):
        with refused_or_done() as outcome:
            correct_seal(user, old.id, EXEMPT, REASON, now=now)
        assert isinstance(outcome[0], PermissionDenied)
    correct_seal(any_office.notary, old.id, EXEMPT, REASON, now=now)


def test_correction_refusals_write_nothing(any_office):
    now = utcnow()
    late = communicated_digital(8_000_006, now - timedelta(hours=73))
    message = refused(correct_seal, any_office.notary, late.id, EXEMPT, REASON, now=now,
                      field="record")
    assert message.startswith(f"O prazo de 72 horas para retificar o selo {late.code}")
    [code] = insert_rows([digital_row(8_000_007, now - timedelta(hours=1))])
    pending = SealRecord.get(SealRecord.code == code)
    assert "comunicação pendente" in refused(correct_seal, any_office.notary, pending.id,
                                             EXEMPT, REASON, now=now, field="record")
    ok = communicated_digital(8_000_008, now - timedelta(hours=1))
    refused(correct_seal, any_office.notary, ok.id, CorrectionInput(), REASON, now=now,
            field="changes")
    refused(correct_seal, any_office.notary, ok.id, EXEMPT, "  ", now=now, field="reason")
    refused(correct_seal, any_office.notary, ok.id, EXEMPT, "a\x00b", now=now, field="reason")
    refused(correct_seal, any_office.notary, ok.id,
            CorrectionInput(act_at=now + timedelta(hours=1)), REASON, now=now, field="act_at")
    refused(correct_seal, any_office.notary, ok.id, CorrectionInput(act_kind="nada"), REASON,
            now=now)
    refused(correct_seal, any_office.notary, ok.id, CorrectionInput(act_id=2**31 - 1),
            REASON, now=now, field="act_id")
    refused(correct_seal, any_office.notary, 2**40, EXEMPT, REASON, now=now, field="record")
    refused(correct_seal, any_office.notary, 999_999, EXEMPT, REASON, now=now, field="record")
    correct_seal(any_office.notary, ok.id, EXEMPT, REASON, now=now)
    message = refused(correct_seal, any_office.notary, ok.id, CorrectionInput(
        exempt_reason=""), REASON, now=now, field="record")
    assert "já foi retificado pelo selo" in message


# -- exclusions --------------------------------------------------------------------------

def test_an_exclusion_is_an_xa_record_and_spoils_the_physical_seal(any_office):
    now = utcnow()
    old = communicated_hybrid(3, now - timedelta(hours=10))
    made = exclude_seal(any_office.notary, old.id, "Reimpressão: selo em duplicidade.",
                        now=now)
    new = SealRecord.get_by_id(made.record_id)
    assert new.record_kind == RecordKind.EXCLUSION and new.act_code == "XA"
    assert new.excludes_id == old.id and new.total == 0 and new.state == SealState.PENDING
    assert new.code[7:9] == "XA" and made.affected_codes == (old.code,)
    assert reload(old).state == SealState.COMMUNICATED
    assert physical_state("RF0001", 3) == PhysicalState.SPOILED
    [outgoing] = pending_records(10)
    assert (outgoing.record_kind, outgoing.excludes) == (RecordKind.EXCLUSION, old.code)
    entry = AuditEntry.get(AuditEntry.action == "seal.exclude")
    assert json.loads(entry.detail)["selo_fisico"] == "RF0001 0000003"
    message = refused(exclude_seal, any_office.notary, old.id, "De novo", now=now,
                      field="record")
    assert f"já tem a exclusão {new.code}" in message


def test_exclusion_refusals(any_office):
    now = utcnow()
    late = communicated_digital(8_000_010, now - timedelta(hours=72, minutes=1))
    assert "prazo de 72 horas para excluir" in refused(
        exclude_seal, any_office.notary, late.id, "Erro", now=now, field="record")
    criticized = criticized_digital(8_000_011, now - timedelta(hours=1))
    assert "aguardando retificação" in refused(exclude_seal, any_office.notary,
                                               criticized.id, "Erro", now=now)
    ok = communicated_digital(8_000_012, now - timedelta(hours=1))
    with pytest.raises(PermissionDenied):
        exclude_seal(any_office.supervisor, ok.id, "Erro", now=now)
    refused(exclude_seal, any_office.notary, ok.id, "x" * 300, now=now,
            field="seal_reason")
    refused(exclude_seal, any_office.notary, ok.id, "duas\nlinhas", now=now,
            field="seal_reason")
    made = exclude_seal(any_office.notary, ok.id, "Certidão impressa errada", now=now)
    exclusion = SealRecord.get_by_id(made.record_id)
    SealRecord.update(state=SealState.COMMUNICATED).where(
        SealRecord.id == exclusion.id).execute()
    assert "uma exclusão não pode ser excluída" in refused(
        exclude_seal, any_office.notary, exclusion.id, "Erro", now=now)
    assert "exclusão ou de vínculo" in refused(
        correct_seal, any_office.notary, exclusion.id, EXEMPT, REASON, now=now)
    assert "já tem a exclusão" in refused(correct_seal, any_office.notary, ok.id, EXEMPT,
                                          REASON, now=now)
