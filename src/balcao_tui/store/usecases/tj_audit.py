"""The store's side of the audit against the TJ: the day's records as the audit compares
them, and the two answers to a finding that start from a local record: resend it (the TJ
lacks it) or correct it (the TJ holds other values). Recovery is in tj_recovery.py."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from ...domain.act_kinds import get_act_kind
from ...domain.boundary import clean_text
from ...domain.deadlines import (correction_deadline, format_local, utcnow,
                                 within_correction_window)
from ...domain.permissions import Action
from ...domain.refusal import Refusal
from ...domain.seal_states import SEAL_LABELS, RecordKind, SealState
from ...domain.tj_audit import LocalRecord, SealContent
from ..actors import acting_user
from ..audit import audit
from ..db import serialize, write_transaction
from ..digital_seals import create_digital_seal
from ..errors import NotFound, Refused
from ..fee_fields import COLUMNS, record_fees
from ..models import Office, SealRecord
from ..state_writes import move_seal_records
from .fix_rules import chain_origin

RESEND_REASON = "Auditoria com o TJ: o TJ não tem este selo."
# A correction still on its way (or accepted) makes another one for the same seal wrong.
_LIVE_CORRECTION = (SealState.PENDING, SealState.COMMUNICATED, SealState.CRITICIZED)


@dataclass(frozen=True)
class LocalDay:
    cns: str
    day: date
    records: tuple[LocalRecord, ...]


@dataclass(frozen=True)
class Resent:
    code: str


@dataclass(frozen=True)
class CorrectionMade:
    code: str  # the record corrected
    new_code: str


def local_day(actor_id: int, day: date) -> LocalDay:
    """Every seal record of `day` (the office's calendar), cancelled ones included."""
    acting_user(actor_id, Action.CLOSE_SHIFT)
    if not isinstance(day, date) or isinstance(day, datetime):
        raise Refused("Data inválida.", field="day")
    records = list(SealRecord.select().where(SealRecord.day == day).order_by(SealRecord.id))
    linked = {r.replaces_id for r in records} | {r.excludes_id for r in records}
    linked.discard(None)
    codes = dict(SealRecord.select(SealRecord.id, SealRecord.code)
                 .where(SealRecord.id.in_(list(linked))).tuples()) if linked else {}
    return LocalDay(Office.select(Office.cns).scalar(), day,
                    tuple(LocalRecord(_content(r, codes), SealState(r.state)) for r in records))


def _content(record: SealRecord, codes: dict[int, str]) -> SealContent:
    values = {name: getattr(record, name) for name in (*COLUMNS, "iss", "total")}
    physical = ((record.physical_series, record.physical_number)
                if record.physical_series else None)
    return SealContent(
        code=record.code, kind=record.record_kind, act_code=record.act_code,
        act_at=record.act_at, values=values, exempt_reason=record.exempt_reason,
        quantity=record.quantity, physical_seal=physical,
        replaces=codes.get(record.replaces_id), excludes=codes.get(record.excludes_id))


def live_record(code: str) -> SealRecord:
    """The record of `code` that is not cancelled (there is at most one)."""
    code = clean_text(code, "code", required=True).upper()
    record = (SealRecord.select()
              .where((SealRecord.code == code) & (SealRecord.state != SealState.CANCELLED))
              .first())
    if record is None:
        raise NotFound(f"Selo {code} não encontrado nesta serventia.", field="code")
    return record


def _communicated(record: SealRecord, what: str) -> None:
    if record.state != SealState.COMMUNICATED:
        raise Refused(f"O selo {record.code} está {SEAL_LABELS[SealState(record.state)]}: "
                      f"só um selo comunicado pode ser {what}.", field="code")


def resend_to_tj(actor_id: int, code: str, now: datetime | None = None) -> Resent:
    """A communicated record the TJ does not hold goes back to the transmitter's queue.
    The code is the TJ's idempotency key: if the TJ had it after all, nothing doubles."""
    now = now or utcnow()
    with write_transaction():
        actor = acting_user(actor_id, Action.MANAGE_TRANSMISSION)
        record = live_record(code)
        _communicated(record, "reenviado")
        move_seal_records(SealRecord.id == record.id, SealState.COMMUNICATED, SealState.PENDING,
                          actor.role, RESEND_REASON, queued_at=now)
        audit(actor.id, "tj_audit.resend", "seal_record", record.id,
              {"selo": record.code, "dia": record.day}, reason=RESEND_REASON)
    return Resent(record.code)


def correct_from_audit(actor_id: int, code: str, now: datetime | None = None
                       ) -> CorrectionMade:
    """A correction record (new code) that replaces `code` at the TJ with the values the
    store holds. It keeps the act, its kind and its physical seal: a hybrid seal is only
    ever corrected in its date or values."""
    now = now or utcnow()
    with write_transaction():
        actor = acting_user(actor_id, Action.CORRECT_SEAL)
        record = live_record(code)
        serialize(f"correction:{record.id}")
        _communicated(record, "retificado")
        pending = (SealRecord.select(SealRecord.code)
                   .where((SealRecord.replaces == record.id)
                          & SealRecord.state.in_(_LIVE_CORRECTION)).scalar())
        if pending:
            raise Refused(f"O selo {record.code} já tem a retificação {pending}.", field="code")
        origin = chain_origin(record)
        if not within_correction_window(origin, now):
            raise Refused(f"O prazo de 72 horas para retificar o selo {record.code} terminou "
                          f"em {format_local(correction_deadline(origin))}.", field="code")
        try:
            kind = get_act_kind(record.act_kind)
        except Refusal:
            raise Refused(f"O selo {record.code} é de um tipo de ato desconhecido aqui "
                          f"({record.act_kind}).", field="code") from None
        new = create_digital_seal(
            Office.get(), kind, record.act, record_fees(record), record.act_at, actor,
            quantity=record.quantity, record_kind=RecordKind.CORRECTION, replaces=record,
            physical_seal=((record.physical_series, record.physical_number)
                           if record.physical_series else None))
        audit(actor.id, "tj_audit.correct", "seal_record", record.id,
              {"selo": record.code, "retificacao": new.code, "dia": record.day},
              reason="Auditoria com o TJ: valores divergentes no TJ.")
    return CorrectionMade(record.code, new.code)

