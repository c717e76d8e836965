"""Exclusion of an act (XA): a new record, act code XA and no value, that tells the TJ to
disregard a communicated seal, within 72 h of the act.

The record excluded stays communicated until the TJ accepts the exclusion (the transmitter
then marks it excluded). Its physical seal, once sent, is never sent again: it is spoiled
at once, never put back on the sheet.
"""
from __future__ import annotations

from datetime import datetime

from ...domain.act_kinds import EXCLUSION_ACT_CODE
from ...domain.boundary import clean_text
from ...domain.deadlines import correction_deadline, ensure_utc, office_day, utcnow
from ...domain.permissions import Action
from ...domain.seal_states import PhysicalState, RecordKind, SealState
from ..actors import acting_user
from ..audit import audit
from ..db import write_transaction
from ..digital_seals import next_digital_code
from ..errors import Refused
from ..fee_fields import COLUMNS
from ..models import Office, PhysicalSeal
from ..state_writes import create_seal_record, move_physical_seals
from .fix_rules import (FixResult, chain_origin, locked_record, refuse_if_superseded,
                        refuse_outside_window, state_label)


def exclude_seal(actor_id: int, record_id: int, reason: str,
                 now: datetime | None = None) -> FixResult:
    # One line: it is also written on the physical seal it spoils.
    reason = clean_text(reason, "seal_reason", required=True)
    now = ensure_utc(now or utcnow())
    with write_transaction():
        actor = acting_user(actor_id, Action.EXCLUDE_SEAL)
        record = locked_record(record_id)
        if record.record_kind == RecordKind.EXCLUSION:
            raise Refused(f"O selo {record.code} já é uma exclusão: uma exclusão não pode ser "
                          "excluída.", field="record")
        if record.state != SealState.COMMUNICATED:
            raise Refused(f"O selo {record.code} está {state_label(record)}: só um selo "
                          "comunicado ao TJ pode ser excluído.", field="record")
        refuse_if_superseded(record)
        refuse_outside_window(record, now, "excluir")
        exclusion = create_seal_record(
            SealState.PENDING, actor.role,
            code=next_digital_code(Office.get(), EXCLUSION_ACT_CODE, now),
            record_kind=RecordKind.EXCLUSION, act_kind=record.act_kind,
            act_code=EXCLUSION_ACT_CODE, act_at=now, day=office_day(now), excludes=record,
            deadline_at=correction_deadline(chain_origin(record)), created_by=actor,
            queued_at=now, iss=0, total=0, **dict.fromkeys(COLUMNS, 0))
        spoiled = _spoil_physical_seal(record, actor.role, reason, now)
        audit(actor.id, "seal.exclude", "seal_record", record.id,
              {"selo": record.code, "exclusao": exclusion.code, "selo_fisico": spoiled},
              reason=reason)
        return FixResult(exclusion.id, exclusion.code, (record.code,))


def _spoil_physical_seal(record, role: str, reason: str, now: datetime) -> str | None:
    if not record.physical_series:
        return None
    move_physical_seals((PhysicalSeal.series == record.physical_series)
                        & (PhysicalSeal.number == record.physical_number),
                        PhysicalState.SENT, PhysicalState.SPOILED, role, reason, changed_at=now)
    return f"{record.physical_series} {record.physical_number:07d}"
