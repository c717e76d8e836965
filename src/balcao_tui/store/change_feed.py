"""The change feed: what was written since a revision, for the terminals that watch it.

Database triggers (store/schema_change_feed.py) log every written row of the watched
tables, so every write path bumps the revision. A revision is a change_log id. On SQLite
ids commit in order (one writer at a time). On PostgreSQL an id drawn earlier can commit
later: a reader never moves past a missing id until every transaction that could still
hold it has ended (the row's `horizon` against the oldest running transaction), so a
change committed late is delivered, not skipped.
"""
from __future__ import annotations

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


def _oldest_running() -> int | None:
    """PostgreSQL: every transaction below this id has ended. None on SQLite."""
    if is_sqlite():
        return None
    return ChangeLog._meta.database.execute_sql(
        "SELECT txid_snapshot_xmin(txid_current_snapshot())").fetchone()[0]


def _floor() -> int:
    return ChangeLogFloor.select(ChangeLogFloor.pruned_through).scalar() or 0


def current_revision() -> int:
    """The newest revision that no late commit can precede (one indexed read)."""
    running = _oldest_running()
    query = ChangeLog.select(pw.fn.MAX(ChangeLog.id))
    if running is not None:
        query = query.where(ChangeLog.horizon <= running)
    return query.scalar() or _floor()


def changes_since(revision: int, limit: int = 2000) -> ChangeBatch:
    running = _oldest_running()  # before the rows: what ended by now is in what we read
    floor = _floor()
    newest = ChangeLog.select(pw.fn.MAX(ChangeLog.id)).scalar() or floor
    if revision < floor or revision > newest:
        return ChangeBatch(current_revision(), (), True)
    rows = list(ChangeLog.select(ChangeLog.id, ChangeLog.entity, ChangeLog.key,
                                 ChangeLog.detail, ChangeLog.horizon)
                .where(ChangeLog.id > revision).order_by(ChangeLog.id).limit(limit + 1))
    if len(rows) > limit:
        return ChangeBatch(current_revision(), (), True)
    changes: list[Change] = []
    last = revision
    for row in rows:
        if row.id != last + 1 and running is not None and row.horizon > running:
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
