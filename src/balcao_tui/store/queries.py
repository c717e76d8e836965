"""Read-only views for the status line, the dashboard and `balcao seals show`."""
from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime

import peewee as pw

from ..domain.boundary import clean_text
from ..domain.criticism import Criticism
from ..domain.seal_code import parse_seal_code
from .errors import NotFound
from .models import SealRecord
from ..domain.seal_states import SEAL_LABELS, UNSENT, SealState


@dataclass(frozen=True)
class PendingSummary:
    unsent: int
    waiting_closing: int
    pending: int
    criticized: int
    failed: int
    oldest_deadline: datetime | None
    oldest_open_day: date | None = None  # the oldest day with seals waiting for its closing
    closing_deadline: datetime | None = None  # the 24 h deadline of its oldest act


def pending_summary() -> PendingSummary:
    shown = [*UNSENT, SealState.CRITICIZED, SealState.FAILED]
    counts = dict(SealRecord.select(SealRecord.state, pw.fn.COUNT(SealRecord.id))
                  .where(SealRecord.state.in_(shown))  # the index skips the years sent
                  .group_by(SealRecord.state).tuples())
    oldest = (SealRecord.select(pw.fn.MIN(SealRecord.deadline_at))
              .where(SealRecord.state.in_(list(UNSENT))).scalar())
    if oldest is not None:
        oldest = SealRecord.deadline_at.python_value(oldest)
    waiting = counts.get(SealState.WAITING_CLOSING, 0)
    pending = counts.get(SealState.PENDING, 0)
    open_day = closing_deadline = None
    if waiting:
        open_day, closing_deadline = (
            SealRecord.select(pw.fn.MIN(SealRecord.day), pw.fn.MIN(SealRecord.deadline_at))
            .where(SealRecord.state == SealState.WAITING_CLOSING).tuples().get())
        open_day = SealRecord.day.python_value(open_day)
        closing_deadline = SealRecord.deadline_at.python_value(closing_deadline)
    return PendingSummary(waiting + pending, waiting, pending,
                          counts.get(SealState.CRITICIZED, 0), counts.get(SealState.FAILED, 0),
                          oldest, open_day, closing_deadline)


@dataclass(frozen=True)
class SealDetail:
    code: str
    record_kind: str
    act_kind: str
    act_at: datetime
    state: str
    state_label: str
    total: int
    iss: int
    physical_seal: str | None
    deadline_at: datetime
    sent_at: datetime | None
    late: bool
    attempts: int
    criticisms: tuple[Criticism, ...]
    failure: str
    replaces: str | None
    replaced_by: tuple[str, ...]
    excludes: str | None


def criticisms_of(record: SealRecord) -> tuple[Criticism, ...]:
    if not record.criticisms:
        return ()
    return tuple(Criticism(c.get("codigo", ""), c.get("mensagem", ""))
                 for c in json.loads(record.criticisms))


def _by_code(code: str) -> SealRecord | None:
    """The record of a code: the live one, or the newest cancelled one (a reversed seal's
    code comes back when its physical seal is used again)."""
    return (SealRecord.select().where(SealRecord.code == code)
            .order_by(SealRecord.state == SealState.CANCELLED, SealRecord.id.desc()).first())


def seal_detail(code: str) -> SealDetail:
    """A seal by its code; a stored code that is itself invalid is still found as typed."""
    typed = clean_text(code, "code", required=True).upper()
    record = _by_code(typed)
    if record is None:
        code = parse_seal_code(typed).code
        record = _by_code(code)
    if record is None:
        raise NotFound(f"Selo {code} não encontrado nesta serventia.", field="code")
    physical = (f"{record.physical_series} {record.physical_number:07d}"
                if record.physical_series else None)
    return SealDetail(
        code=record.code, record_kind=record.record_kind, act_kind=record.act_kind,
        act_at=record.act_at, state=record.state,
        state_label=SEAL_LABELS.get(SealState(record.state), record.state),
        total=record.total, iss=record.iss, physical_seal=physical,
        deadline_at=record.deadline_at, sent_at=record.sent_at, late=record.late,
        attempts=record.attempts, criticisms=criticisms_of(record), failure=record.failure,
        replaces=record.replaces.code if record.replaces_id else None,
        replaced_by=tuple(r.code for r in record.replaced_by),
        excludes=record.excludes.code if record.excludes_id else None)
