"""The change feed: what was written since a revision, for the terminals that watch it.

Database triggers (store/schema_change_feed.py) log every written row of the watched
tables, so every write path bumps the revision. A revision is a change_log id. On SQLite
ids commit in order (one writer at a time). On PostgreSQL an id drawn earlier can commit
later: a reader moves past a missing id only when it is settled, that is, below the last
id drawn at a moment when no writer held the feed's shared lock (taken by the trigger
before it draws an id, kept until commit), so a change committed late is delivered, not
skipped, and the id of a rolled-back write is passed over.
"""
from __future__ import annotations

import time
from dataclasses import dataclass
from datetime import datetime, timedelta

import peewee as pw

from ..domain.deadlines import utcnow
from .db import is_sqlite, write_transaction
from .models import ChangeLog, ChangeLogFloor

KEEP_FOR = timedelta(minutes=15)


@dataclass(frozen=True)
class Change:
    revision: int
    entity: str
    key: str
    detail: str = ""


@dataclass(frozen=True)
class ChangeBatch:
    revision: int
    changes: tuple[Change, ...]
    gap: bool  # the reader fell behind what the log keeps, or too much changed: reload


SETTLE_TRIES = 40  # current_revision: 2 s at most for the writers in flight to end
SETTLE_WAIT = 0.05


def _settled() -> int | None:
    """PostgreSQL: the last id drawn, if no writer is between drawing an id and its end
    right now (None if one is). SQLite: None, nothing to wait for."""
    if is_sqlite():
        return None
    db = ChangeLog._meta.database
    with db.atomic():
        if not db.execute_sql("SELECT pg_try_advisory_xact_lock(7441, 1)").fetchone()[0]:
            return None
        return db.execute_sql('SELECT CASE WHEN is_called THEN last_value ELSE 0 END '
                              'FROM "change_log_id_seq"').fetchone()[0]


def _floor() -> int:
    return ChangeLogFloor.select(ChangeLogFloor.pruned_through).scalar() or 0


def _newest() -> int:
    return ChangeLog.select(pw.fn.MAX(ChangeLog.id)).scalar() or _floor()


def current_revision() -> int:
    """A revision to start watching from: no change after it can still be missed."""
    if is_sqlite():
        return _newest()
    for _ in range(SETTLE_TRIES):
        settled = _settled()
        if settled is not None:
            return max(settled, _floor())
        time.sleep(SETTLE_WAIT)
    return _floor()  # writers never let go: the reader gets a gap and reloads


def changes_since(revision: int, limit: int = 2000) -> ChangeBatch:
    settled = _settled()  # before the rows: what was drawn by now has ended
    floor = _floor()
    if revision < floor or revision > _newest():
        return ChangeBatch(current_revision(), (), True)
    rows = list(ChangeLog.select(ChangeLog.id, ChangeLog.entity, ChangeLog.key,
                                 ChangeLog.detail)
                .where(ChangeLog.id > revision).order_by(ChangeLog.id).limit(limit + 1))
    if len(rows) > limit:
        return ChangeBatch(current_revision(), (), True)
    changes: list[Change] = []
    last = revision
    for row in rows:
        if row.id != last + 1 and not is_sqlite() and (settled is None or row.id > settled + 1):
            break  # a smaller id may still commit
        changes.append(Change(row.id, row.entity, row.key, row.detail))
        last = row.id
    return ChangeBatch(last, tuple(changes), False)


def prune_changes(now: datetime | None = None, keep: timedelta = KEEP_FOR) -> int:
    """Delete the changes older than `keep`; a reader still behind them reloads."""
    cutoff = (now or utcnow()) - keep
    with write_transaction():
        through = (ChangeLog.select(pw.fn.MAX(ChangeLog.id))
                   .where(ChangeLog.at < cutoff).scalar())
        if through is None:
            return 0
        deleted = ChangeLog.delete().where(ChangeLog.id <= through).execute()
        (ChangeLogFloor.update(pruned_through=through)
         .where(ChangeLogFloor.pruned_through < through).execute())
    return deleted
