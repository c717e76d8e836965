"""The tamper-evident audit chain: appending an entry and verifying the whole trail.

Each entry carries its position (seq), the hash of the entry before it and its own hash
over every field (domain/audit_hash.py). The head row (AuditHead, id 1) keeps the number
of entries, the last entry's id and hash: each append locks it (SELECT ... FOR UPDATE on
PostgreSQL, inside the server's `balcao_audit_append`; SQLite has one writer at a time
already), so two terminals never chain from the same entry, and a deleted last entry
shows as a head that points past the trail.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from ..domain.audit_hash import GENESIS, chain_hash, entry_body, entry_hash
from ..domain.deadlines import format_local
from .db import connected, database, is_sqlite, joined_write_transaction
from .models import AuditEntry, AuditHead

HEAD_ID = 1
BATCH = 2000

EDITED = "alterada"
INSERTED = "inserida"
DELETED_BEFORE = "removida antes desta"
DELETED_LAST = "removida (era a última da trilha)"
HEAD_MISSING = "registro do fim da cadeia ausente"


@dataclass(frozen=True)
class ChainProblem:
    entry_id: int
    what: str  # EDITED, INSERTED, DELETED_BEFORE, DELETED_LAST or HEAD_MISSING
    at: datetime | None = None  # unknown for an entry that is gone
    action: str = ""

    def line(self) -> str:
        where = f" ({format_local(self.at)}, {self.action})" if self.at else ""
        return f"entrada {self.entry_id}{where}: {self.what}"


@dataclass(frozen=True)
class ChainReport:
    ok: bool
    checked: int
    problems: tuple[ChainProblem, ...]

    def summary(self) -> str:
        if self.ok:
            return f"cadeia de auditoria íntegra ({self.checked} entradas)"
        ids = ", ".join(str(p.entry_id) for p in self.problems[:5])
        more = "..." if len(self.problems) > 5 else ""
        plural = "entradas" if len(self.problems) > 1 else "entrada"
        return f"cadeia de auditoria violada ({plural} {ids}{more})"


def append_entry(*, at: datetime, user_id: int | None, action: str, entity: str,
                 entity_id: str, detail: str, reason: str) -> None:
    """Write one audit entry chained to the last one (inside the caller's transaction).
    PostgreSQL does it in one call (store/schema_audit_append.py): the head stays locked
    until the caller commits, and every other terminal's audited write waits for it."""
    fields = dict(at=at, user_id=user_id, action=action, entity=entity,
                  entity_id=entity_id, detail=detail, reason=reason)
    body = entry_body(**fields)
    if not is_sqlite():
        database.obj.execute_sql(
            'SELECT "balcao_audit_append"(%s, %s, %s, %s, %s, %s, %s, %s)',
            (AuditEntry.at.db_value(at), user_id, action, entity, entity_id, detail, reason,
             body))
        return
    with joined_write_transaction():
        head = AuditHead.get(AuditHead.id == HEAD_ID)
        seq = head.entries + 1
        digest = chain_hash(seq, body, head.hash)
        fields["user"] = fields.pop("user_id")
        entry_id = AuditEntry.insert(seq=seq, prev_hash=head.hash, hash=digest,
                                     **fields).execute()
        (AuditHead.update(entries=seq, last_id=entry_id, hash=digest)
         .where(AuditHead.id == HEAD_ID).execute())


def chain_existing() -> None:
    """The migration's data step: chain the entries written before the chain, in id
    order, and write the head. Plain SQL on the columns of that version."""
    db = database.obj
    mark = db.param
    rows = db.execute_sql('SELECT "id", "at", "user_id", "action", "entity", "entity_id", '
                          '"detail", "reason" FROM "audit_entry" ORDER BY "id"').fetchall()
    prev, last_id = GENESIS, 0
    for seq, (entry_id, at, user_id, action, entity, entity_id, detail, reason) in \
            enumerate(rows, start=1):
        digest = entry_hash(seq=seq, at=AuditEntry.at.python_value(at), user_id=user_id,
                            action=action, entity=entity, entity_id=entity_id,
                            detail=detail, reason=reason, prev_hash=prev)
        db.execute_sql(f'UPDATE "audit_entry" SET "seq" = {mark}, "prev_hash" = {mark}, '
                       f'"hash" = {mark} WHERE "id" = {mark}', (seq, prev, digest, entry_id))
        prev, last_id = digest, entry_id
    db.execute_sql(f'INSERT INTO "audit_head" ("id", "entries", "last_id", "hash") '
                   f'VALUES ({mark}, {mark}, {mark}, {mark})',
                   (HEAD_ID, len(rows), last_id, prev))


def verify_chain() -> ChainReport:
    """Walk the trail in id order, in batches, on one snapshot of the database."""
    with connected() as db, db.atomic():
        if not is_sqlite():
            db.execute_sql("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY")
        head = AuditHead.get_or_none(AuditHead.id == HEAD_ID)
        walk = _Walk(head)
        for entry in _entries():
            walk.step(entry)
        return walk.report()


def _entries():
    last = 0
    while True:
        batch = list(AuditEntry.select().where(AuditEntry.id > last)
                     .order_by(AuditEntry.id).limit(BATCH))
        yield from batch
        if len(batch) < BATCH:
            return
        last = batch[-1].id


def _intact(entry: AuditEntry) -> bool:
    return entry.hash == entry_hash(
        seq=entry.seq, at=entry.at, user_id=entry.user_id, action=entry.action,
        entity=entry.entity, entity_id=entry.entity_id, detail=entry.detail,
        reason=entry.reason, prev_hash=entry.prev_hash)


@dataclass(frozen=True)
class _Link:
    id: int
    seq: int
    hash: str
    prev_hash: str
    at: datetime | None = None
    action: str = ""


_START = _Link(0, 0, GENESIS, "")


class _Walk:
    """The last entry accepted as part of the chain (the anchor) and what each entry that
    does not follow it from there says about the ones around it."""

    def __init__(self, head: AuditHead | None):
        self.head = head
        self.anchor = _START
        self.rival: _Link | None = None  # an earlier entry claiming the anchor's place
        self.checked = 0
        self.found: dict[tuple[int, str], ChainProblem] = {}

    def flag(self, link: _Link, what: str) -> None:
        self.found.setdefault((link.id, what), ChainProblem(link.id, what, link.at,
                                                            link.action))

    def step(self, entry: AuditEntry) -> None:
        self.checked += 1
        link = _Link(entry.id, entry.seq, entry.hash, entry.prev_hash, entry.at, entry.action)
        intact = _intact(entry)
        if self.head is not None and entry.id > self.head.last_id:
            self.flag(link, INSERTED)  # appended after the last link the head knows
            return
        if self.rival is not None:
            self._settle(entry.prev_hash)
        anchor = self.anchor
        if entry.prev_hash == anchor.hash:
            if not intact:
                self.flag(link, EDITED)
            self.anchor = link
        elif entry.seq == anchor.seq and entry.prev_hash == anchor.prev_hash and intact:
            self.rival, self.anchor = anchor, link  # the next link tells which is forged
        elif entry.seq == anchor.seq + 1:
            # In its place, but the entry before was rewritten (hash and all), or this one.
            self.flag(link if not intact or anchor is _START else anchor, EDITED)
            self.anchor = link
        elif entry.seq > anchor.seq + 1:
            self.flag(link, DELETED_BEFORE)
            if not intact:
                self.flag(link, EDITED)
            self.anchor = link
        else:
            self.flag(link, INSERTED)

    def _settle(self, next_prev: str) -> None:
        if next_prev == self.rival.hash:
            self.flag(self.anchor, INSERTED)
            self.anchor = self.rival
        else:
            self.flag(self.rival, INSERTED)
        self.rival = None

    def report(self) -> ChainReport:
        head = self.head
        if head is None:
            self.flag(_START, HEAD_MISSING)
        else:
            if self.rival is not None:
                self._settle(head.hash)
            if self.anchor.seq < head.entries:
                self.flag(_Link(head.last_id, head.entries, head.hash, ""), DELETED_LAST)
            elif self.anchor.hash != head.hash:
                self.flag(self.anchor, EDITED)
        inserted = {entry_id for entry_id, what in self.found if what == INSERTED}
        problems = sorted((p for (entry_id, what), p in self.found.items()
                           if what == INSERTED or entry_id not in inserted),
                          key=lambda p: p.entry_id)
        return ChainReport(not problems, self.checked, tuple(problems))
