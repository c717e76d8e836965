"""What the dashboard reads: seal counts by state, the records that still need the TJ
ordered by their 24 h deadline, and the day's acts per hour.

Opened once with `open_dashboard` (the overall counts from the tally by state, kept by the
database: store/state_tally.py); afterwards the screen re-reads only the records that
changed (`records_by_id`) and moves its counts by the changes' old and new states
(`moved_counts`), so no refresh counts a million rows again.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Iterable, Mapping

import peewee as pw

from ..domain.criticism import Criticism
from ..domain.deadlines import to_local
from ..domain.seal_states import SealState
from .models import Act, SealRecord, TransmissionBatch
from .queries import criticisms_of
from .state_tally import state_totals

# The records someone may still have to act on, in the dashboard's list.
LISTED = (SealState.PENDING, SealState.CRITICIZED, SealState.FAILED)
COUNTED = (SealState.WAITING_CLOSING, SealState.PENDING, SealState.COMMUNICATED,
           SealState.CRITICIZED, SealState.FAILED, SealState.CORRECTED, SealState.EXCLUDED)
LIST_LIMIT = 200
# Written out, not as parameters: only then may SQLite use the partial index.
_IS_LISTED = pw.NodeList((SealRecord.state,
                          pw.SQL("IN (%s)" % ", ".join(f"'{state}'" for state in LISTED))))
_ID_CHUNK = 500


@dataclass(frozen=True)
class StateCounts:
    """Records per state, today (the office's calendar) and overall. `sending`: pending
    records in a batch the transmitter has sent and the TJ has not answered yet."""

    today: Mapping[str, int]
    overall: Mapping[str, int]
    sending_today: int = 0
    sending_overall: int = 0


@dataclass(frozen=True)
class DashboardRow:
    id: int
    code: str
    state: str
    act_kind: str
    day: date
    deadline_at: datetime
    criticisms: tuple[Criticism, ...]
    failure: str

    @property
    def listed(self) -> bool:
        return self.state in LISTED


@dataclass(frozen=True)
class Listing:
    rows: tuple[DashboardRow, ...]  # the listed records, nearest deadline first
    complete: bool  # every listed record is here (else only the `limit` nearest ones)


@dataclass(frozen=True)
class DashboardData:
    counts: StateCounts
    listing: Listing
    acts_per_hour: tuple[int, ...]  # 24 counts, 0 h to 23 h of the day


@dataclass(frozen=True)
class Move:
    """A record that changed: its state before (None when it is new) and now."""

    record_id: int
    old: str | None
    new: str


def moves_of(changes: Iterable) -> list[Move]:
    """The seal-record changes of the change feed as moves: a Change's key is the record's
    id and its detail "<old>><new>" (old "" for a new record); other entities are left out."""
    moves = []
    for change in changes:
        if change.entity != "seal_record" or ">" not in change.detail:
            continue
        old, new = change.detail.split(">", 1)
        moves.append(Move(int(change.key), old or None, new))
    return moves


def open_dashboard(today: date, limit: int = LIST_LIMIT) -> DashboardData:
    return DashboardData(state_counts(today), listed_records(limit), acts_per_hour(today))


def state_counts(today: date) -> StateCounts:
    """Every state's count today (through the index on day) and overall (the tally, not a
    count of the records)."""
    today_counts = dict(SealRecord.select(SealRecord.state, pw.fn.COUNT(SealRecord.id))
                        .where(SealRecord.day == today).group_by(SealRecord.state).tuples())
    totals = state_totals()
    return StateCounts({state: today_counts.get(state, 0) for state in COUNTED},
                       {state: totals.get(state, 0) for state in COUNTED},
                       *sending_counts(today))


def sending_counts(today: date) -> tuple[int, int]:
    """(today, overall): pending records of batches still waiting for the TJ's answer."""
    batches = [batch for (batch,) in TransmissionBatch.select(TransmissionBatch.id)
               .where(TransmissionBatch.outcome == "sending").tuples()]
    if not batches:
        return 0, 0
    records = (SealRecord.select(SealRecord.day, SealRecord.state)
               .where(SealRecord.batch.in_(batches)).tuples())
    days = [day for day, state in records if state == SealState.PENDING]
    return sum(1 for day in days if day == today), len(days)


def _rows(query: pw.ModelSelect) -> list[DashboardRow]:
    return [DashboardRow(r.id, r.code, r.state, r.act_kind, r.day, r.deadline_at,
                         criticisms_of(r), r.failure) for r in query]


def _columns() -> pw.ModelSelect:
    return SealRecord.select(SealRecord.id, SealRecord.code, SealRecord.state,
                             SealRecord.act_kind, SealRecord.day, SealRecord.deadline_at,
                             SealRecord.criticisms, SealRecord.failure)


def listed_records(limit: int = LIST_LIMIT) -> Listing:
    """The `limit` listed records nearest their deadline: a walk of the index
    seal_record_listed_deadline, whose condition this query repeats word for word."""
    found = _rows(_columns().where(_IS_LISTED)
                  .order_by(SealRecord.deadline_at, SealRecord.id).limit(limit + 1))
    return Listing(tuple(found[:limit]), len(found) <= limit)


def deadline_order(row: DashboardRow) -> tuple[datetime, int]:
    return row.deadline_at, row.id


def records_by_id(ids: Iterable[int]) -> tuple[DashboardRow, ...]:
    """The records of `ids` as they are now, whatever their state (gone ones left out)."""
    ids = sorted(set(ids))
    rows: list[DashboardRow] = []
    for start in range(0, len(ids), _ID_CHUNK):
        rows += _rows(_columns().where(SealRecord.id.in_(ids[start:start + _ID_CHUNK])))
    return tuple(rows)


def moved_counts(counts: StateCounts, moves: Iterable[Move], days: Mapping[int, date],
                 today: date, sending: tuple[int, int]) -> StateCounts:
    """`counts` after `moves`; `days` gives each moved record's day (a record missing from
    it is not counted today); `sending` the fresh (today, overall) of `sending_counts`."""
    today_counts, overall = dict(counts.today), dict(counts.overall)
    for move in moves:
        shifts = [overall]
        if days.get(move.record_id) == today:
            shifts.append(today_counts)
        for shifted in shifts:
            if move.old in shifted:
                shifted[move.old] -= 1
            if move.new in shifted:
                shifted[move.new] += 1
    return StateCounts(today_counts, overall, *sending)


def acts_per_hour(day: date) -> tuple[int, ...]:
    """The acts of `day` that still stand (reversed or spoiled ones left out), per hour."""
    hours = [0] * 24
    times = (Act.select(Act.performed_at)
             .where((Act.day == day) & Act.cancelled_at.is_null()).tuples())
    for (performed_at,) in times:
        hours[to_local(performed_at).hour] += 1
    return tuple(hours)
