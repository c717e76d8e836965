"""What the transmitter reads and writes: pending records out, the TJ's answers in.

A record stays `pending` until the TJ's answer for it is committed here, so a crash at any
point leads to a resend of the same content, which the TJ takes as the same record (the
code is the idempotency key).
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime

from ..domain.deadlines import utcnow
from ..domain.seal_states import PhysicalState, RecordKind, SealState
from .db import write_transaction
from .fee_fields import COLUMNS
from .models import Office, PhysicalSeal, SealRecord, TransmissionAttempt, TransmissionBatch
from .state_writes import move_physical_seals, move_seal_records
from .transmitter_reports import record_attempt


@dataclass(frozen=True)
class OutgoingRecord:
    code: str
    record_kind: str
    act_code: str
    act_at: datetime
    values: dict[str, int]
    exempt_reason: str | None
    physical_seal: tuple[str, int] | None
    replaces: str | None
    excludes: str | None
    children: tuple[str, ...]
    quantity: int
    deadline_at: datetime


@dataclass(frozen=True)
class Answer:
    code: str
    accepted: bool
    late: bool = False
    criticisms: tuple[tuple[str, str], ...] = ()


def office_cns() -> str:
    return Office.select(Office.cns).scalar()


# Never accepted by the TJ, and never to be sent again: nothing there to replace.
_NEVER_HELD = (SealState.CRITICIZED, SealState.CORRECTED, SealState.FAILED)


def wire_reference(record: SealRecord) -> SealRecord | None:
    """What a correction of `record` tells the TJ it replaces: `record` itself, or, when the
    TJ criticized it and never held it, the nearest record up its correction chain that the
    TJ holds (None: the correction goes as the act's own first record)."""
    seen: set[int] = set()
    while record is not None and record.id not in seen:
        if record.sent_at is not None or record.state not in _NEVER_HELD:
            return record
        seen.add(record.id)
        record = SealRecord.get_or_none(SealRecord.id == record.replaces_id)
    return None


def _outgoing(record: SealRecord, codes_by_id: dict[int, str]) -> OutgoingRecord:
    values = {name: getattr(record, name) for name in COLUMNS}
    values["iss"], values["total"] = record.iss, record.total
    children = tuple(c.code for c in record.children) if record.record_kind == RecordKind.LINK else ()
    kind, replaces = record.record_kind, codes_by_id.get(record.replaces_id)
    if kind == RecordKind.CORRECTION:
        held = wire_reference(record.replaces)
        kind, replaces = ((RecordKind.CORRECTION, held.code) if held is not None
                          else (RecordKind.ACT, None))
    return OutgoingRecord(
        code=record.code, record_kind=kind, act_code=record.act_code,
        act_at=record.act_at, values=values, exempt_reason=record.exempt_reason,
        physical_seal=((record.physical_series, record.physical_number)
                       if record.physical_series else None),
        replaces=replaces, excludes=codes_by_id.get(record.excludes_id),
        children=children, quantity=record.quantity, deadline_at=record.deadline_at)


def pending_records(limit: int) -> list[OutgoingRecord]:
    """The records owed to the TJ, oldest deadline first. A batch never mixes the records of
    a closing's load with others: a load reaches the TJ whole, as the closing made it."""
    pending = SealRecord.state == SealState.PENDING
    first = SealRecord.select(SealRecord.load).where(pending).order_by(
        SealRecord.deadline_at, SealRecord.id).first()
    if first is None:
        return []
    same_load = (SealRecord.load.is_null() if first.load_id is None
                 else SealRecord.load == first.load_id)
    records = list(SealRecord.select().where(pending & same_load)
                   .order_by(SealRecord.deadline_at, SealRecord.id).limit(limit))
    linked = {r.replaces_id for r in records} | {r.excludes_id for r in records}
    linked.discard(None)
    codes_by_id = dict(SealRecord.select(SealRecord.id, SealRecord.code)
                       .where(SealRecord.id.in_(list(linked))).tuples()) if linked else {}
    return [_outgoing(r, codes_by_id) for r in records]


def pending_count() -> int:
    return SealRecord.select().where(SealRecord.state == SealState.PENDING).count()


def start_batch(codes: list[str], holder: str = "") -> int:
    with write_transaction():
        batch = TransmissionBatch.create(record_count=len(codes), holder=holder)
        TransmissionAttempt.create(batch=batch)
        (SealRecord.update(attempts=SealRecord.attempts + 1, batch=batch)
         .where(SealRecord.code.in_(codes) & (SealRecord.state == SealState.PENDING)).execute())
    return batch.id


def batch_failed(batch_id: int, outcome: str, detail: str) -> None:
    """The TJ did not answer the batch (or refused it whole): records stay pending."""
    now = utcnow()
    with write_transaction():
        (TransmissionBatch.update(finished_at=now, outcome="failed", detail=detail[:2000])
         .where(TransmissionBatch.id == batch_id).execute())
        (TransmissionAttempt.update(finished_at=now, outcome=outcome, detail=detail[:2000])
         .where(TransmissionAttempt.batch == batch_id).execute())
        record_attempt(outcome, detail, now)


def apply_answers(batch_id: int, answers: list[Answer]) -> tuple[int, int]:
    """Commit the TJ's per-record answers; returns (accepted, criticized)."""
    now = utcnow()
    accepted = criticized = 0
    with write_transaction():
        for answer in answers:
            record = SealRecord.get_or_none((SealRecord.code == answer.code)
                                            & (SealRecord.state == SealState.PENDING))
            if record is None:
                continue
            if answer.accepted:
                _communicated(record, answer, now)
                accepted += 1
            else:
                move_seal_records(SealRecord.id == record.id, SealState.PENDING,
                                  SealState.CRITICIZED, None, criticisms=json.dumps(
                                      [{"codigo": c, "mensagem": m} for c, m in answer.criticisms],
                                      ensure_ascii=False))
                criticized += 1
        (TransmissionBatch.update(finished_at=now, outcome="answered",
                                  detail=f"{accepted} aceitos, {criticized} criticados")
         .where(TransmissionBatch.id == batch_id).execute())
        (TransmissionAttempt.update(finished_at=now, outcome="answered")
         .where(TransmissionAttempt.batch == batch_id).execute())
        record_attempt("answered", "", now)
    return accepted, criticized


def _communicated(record: SealRecord, answer: Answer, now: datetime) -> None:
    move_seal_records(SealRecord.id == record.id, SealState.PENDING, SealState.COMMUNICATED,
                      None, sent_at=now, late=answer.late, criticisms="")
    if record.physical_series:
        move_physical_seals((PhysicalSeal.series == record.physical_series)
                            & (PhysicalSeal.number == record.physical_number),
                            PhysicalState.USED, PhysicalState.SENT, None, changed_at=now)
    if record.replaces_id:
        held = wire_reference(record.replaces)
        replaced = {record.replaces_id} | ({held.id} if held is not None else set())
        move_seal_records(SealRecord.id.in_(list(replaced)),
                          (SealState.COMMUNICATED, SealState.CRITICIZED), SealState.CORRECTED,
                          None)
    if record.excludes_id:
        move_seal_records(SealRecord.id == record.excludes_id, SealState.COMMUNICATED,
                          SealState.EXCLUDED, None)


def mark_failed(codes: list[str], reason: str) -> None:
    """Structural failure: the record cannot be sent as it is (never retried blindly)."""
    with write_transaction():
        move_seal_records(SealRecord.code.in_(codes), SealState.PENDING, SealState.FAILED, None,
                          failure=reason[:2000])
