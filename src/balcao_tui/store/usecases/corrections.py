"""Correction (retificação): a new record, with a new code, that replaces an earlier one.

The record corrected is never changed but for its state, and when:
- a communicated record stays communicated until the TJ accepts its correction (the
  transmitter then marks it corrected): until then the TJ still holds it as current, and
  if the correction is criticized the old record is what counts;
- a criticized record, which the TJ never accepted, is marked corrected at once: the new
  record takes its place in the queue (store/transmission.py sends it to the TJ as the
  record it stands for).

A hybrid seal keeps its act kind, act and physical seal: only its date or value change.
Fees follow the corrected kind and date from the fee table, or become exempt (or charged
again) when the exemption changes.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from ...domain.act_kinds import ActKind, get_act_kind
from ...domain.boundary import bounded_id, clean_text
from ...domain.deadlines import (correction_deadline, ensure_utc, format_local, office_day,
                                 utcnow)
from ...domain.fee_types import ActFees
from ...domain.permissions import Action
from ...domain.seal_states import RecordKind, SealState
from ..actors import acting_user
from ..audit import audit
from ..db import write_transaction
from ..digital_seals import create_digital_seal
from ..errors import NotFound, Refused
from ..fee_fields import record_fees
from ..models import Act, Office, SealRecord
from ..state_writes import move_seal_records
from ..transmission import wire_reference
from .fee_tables import fees_for
from .fix_rules import (FixResult, chain_origin, locked_record, refuse_if_superseded,
                        refuse_outside_window, state_label)

_CORRECTABLE_KINDS = (RecordKind.ACT, RecordKind.CORRECTION)
_CORRECTABLE_STATES = (SealState.COMMUNICATED, SealState.CRITICIZED)


@dataclass(frozen=True)
class CorrectionInput:
    """The correctable data; None keeps the record's own. `exempt_reason` "" charges the
    act with the values of the fee table (an exempt act, or one charged wrong); a text makes
    the act exempt for that reason."""

    act_kind: str | None = None
    act_at: datetime | None = None
    exempt_reason: str | None = None
    act_id: int | None = None


@dataclass(frozen=True)
class _Corrected:
    kind: ActKind
    act_at: datetime
    exempt_reason: str | None
    act_id: int | None
    from_table: bool  # the values come from the fee table, not from the record


def correct_seal(actor_id: int, record_id: int, changes: CorrectionInput, reason: str,
                 now: datetime | None = None) -> FixResult:
    reason = clean_text(reason, "reason", required=True)
    now = ensure_utc(now or utcnow())
    if not isinstance(changes, CorrectionInput):
        raise Refused("Informe os dados da retificação.", field="changes")
    current = _record(record_id)
    corrected = _corrected(current, changes, now)
    fees = _fees(current, corrected)
    with write_transaction():
        actor = acting_user(actor_id, Action.CORRECT_SEAL)
        record = locked_record(record_id)
        _refuse_if_not_correctable(record, corrected, fees, now)
        physical = ((record.physical_series, record.physical_number)
                    if record.physical_series else None)
        new = create_digital_seal(
            Office.get(), corrected.kind, corrected.act_id, fees, corrected.act_at, actor,
            quantity=record.quantity, record_kind=RecordKind.CORRECTION, replaces=record,
            physical_seal=physical, queued_at=now,
            deadline_at=correction_deadline(chain_origin(record)))
        if record.state == SealState.CRITICIZED and not move_seal_records(
                SealRecord.id == record.id, SealState.CRITICIZED, SealState.CORRECTED,
                actor.role, reason):
            raise Refused(f"O selo {record.code} acabou de ser alterado em outro terminal: "
                          "confira e tente de novo.", field="record")
        audit(actor.id, "seal.correct", "seal_record", record.id,
              {"selo": record.code, "retificacao": new.code,
               "mudancas": _changes_text(record, corrected, fees)}, reason=reason)
        return FixResult(new.id, new.code, (record.code,))


def _record(record_id: object) -> SealRecord:
    record = SealRecord.get_or_none(SealRecord.id == bounded_id(record_id, "record", "O selo"))
    if record is None:
        raise NotFound("Selo não encontrado nesta serventia.", field="record")
    return record


def _corrected(record: SealRecord, changes: CorrectionInput, now: datetime) -> _Corrected:
    kind = get_act_kind(record.act_kind if changes.act_kind is None else changes.act_kind)
    act_at = record.act_at if changes.act_at is None else _act_at(changes.act_at, now)
    exempt = record.exempt_reason
    if changes.exempt_reason is not None:
        exempt = clean_text(changes.exempt_reason, "exempt_reason") or None
    act_id = record.act_id
    if changes.act_id is not None:
        act_id = bounded_id(changes.act_id, "act_id", "O ato")
        if not Act.select().where(Act.id == act_id).exists():
            raise NotFound(f"Ato {act_id} não encontrado.", field="act_id")
    from_table = (changes.exempt_reason is not None or kind.key != record.act_kind
                  or act_at != record.act_at)
    return _Corrected(kind, act_at, exempt, act_id, from_table)


def _act_at(value: object, now: datetime) -> datetime:
    if not isinstance(value, datetime):
        raise Refused("Data do ato: informe data e hora.", field="act_at")
    value = ensure_utc(value)
    if value > now:
        raise Refused(f"A data do ato não pode estar no futuro ({format_local(value)}).",
                      field="act_at")
    return value


def _fees(record: SealRecord, corrected: _Corrected) -> ActFees:
    if not corrected.from_table:
        return record_fees(record)
    _, fees = fees_for(corrected.kind, office_day(corrected.act_at), quantity=record.quantity,
                       exempt_reason=corrected.exempt_reason)
    return fees


def _refuse_if_not_correctable(record: SealRecord, corrected: _Corrected, fees: ActFees,
                               now: datetime) -> None:
    if record.record_kind not in _CORRECTABLE_KINDS:
        raise Refused(f"O selo {record.code} é um registro de exclusão ou de vínculo: só atos e "
                      "retificações podem ser retificados.", field="record")
    if record.state not in _CORRECTABLE_STATES:
        raise Refused(f"O selo {record.code} está {state_label(record)}: só um selo comunicado "
                      "ao TJ, ou criticado por ele, pode ser retificado.", field="record")
    refuse_if_superseded(record)
    refuse_outside_window(record, now, "retificar")
    if record.physical_series:
        if corrected.kind.key != record.act_kind:
            raise Refused("Selo híbrido só pode ser retificado na data ou no valor: o tipo do "
                          "ato não pode mudar.", field="act_kind")
        if corrected.act_id != record.act_id:
            raise Refused("Selo híbrido só pode ser retificado na data ou no valor: o ato não "
                          "pode mudar.", field="act_id")
        if wire_reference(record) is None:
            raise Refused(f"O selo híbrido {record.code} nunca foi aceito pelo TJ: não há "
                          "registro no TJ a retificar, e o código leva o selo físico.",
                          field="record")
    if not _changes_text(record, corrected, fees):
        raise Refused("Nada a retificar: informe ao menos um dado diferente do selo.",
                      field="changes")


def _changes_text(record: SealRecord, corrected: _Corrected, fees: ActFees) -> dict:
    """What differs, for the audit entry (and to refuse a correction that changes nothing)."""
    before = (record.act_kind, record.act_at, record.exempt_reason, record.act_id,
              record.total, record.iss)
    after = (corrected.kind.key, corrected.act_at, corrected.exempt_reason, corrected.act_id,
             fees.total, fees.iss)
    names = ("tipo", "data", "gratuidade", "ato", "total", "iss")
    return {name: [str(old), str(new)] for name, old, new in zip(names, before, after)
            if old != new}
