"""Frozen DDL of the seal records' tally by state.

`seal_state_tally` is insert-only for the writers: database triggers on seal_record add
+1 for a new record's state, -1/+1 for a change of state and -1 for a deleted record, so
no write path can forget it and no two terminals wait on one counter row.
`store/state_tally.py` sums it by state and now and then folds it into one row per state.
On PostgreSQL the triggers run once per statement over its transition tables, so a batch
of the transmitter adds a row or two per state, not one per record.

The triggers are created before the backfill counts the records, in the same
transaction: on PostgreSQL, creating them waits for the writers in flight and holds back
the next ones until the step commits, so every record is counted exactly once.
"""
from __future__ import annotations

BACKFILL = ('INSERT INTO "seal_state_tally" ("state", "delta") '
            'SELECT "state", COUNT(*) FROM "seal_record" GROUP BY "state"')


def _table(serial: str) -> str:
    return (f'CREATE TABLE "seal_state_tally" ("id" {serial}, '
            '"state" VARCHAR(255) NOT NULL, "delta" BIGINT NOT NULL)')


def _sqlite_trigger(name: str, event: str, rows: tuple[tuple[str, str], ...],
                    when: str = "") -> str:
    values = ", ".join(f"({state}, {delta})" for state, delta in rows)
    return (f'CREATE TRIGGER "tally_seal_record_{name}" AFTER {event} ON "seal_record" '
            f'{when}BEGIN INSERT INTO "seal_state_tally" ("state", "delta") '
            f"VALUES {values}; END")


SQLITE = [
    _table("INTEGER NOT NULL PRIMARY KEY"),
    _sqlite_trigger("insert", "INSERT", (("NEW.state", "1"),)),
    _sqlite_trigger("update", 'UPDATE OF "state"', (("OLD.state", "-1"), ("NEW.state", "1")),
                    "WHEN OLD.state IS NOT NEW.state "),
    _sqlite_trigger("delete", "DELETE", (("OLD.state", "-1"),)),
    BACKFILL,
]


def _pg_function(name: str, body: str) -> str:
    return (f'CREATE FUNCTION "{name}"() RETURNS trigger LANGUAGE plpgsql AS $$\n'
            f"BEGIN\n{body}\nRETURN NULL;\nEND\n$$")


_PG_ADDED = _pg_function("balcao_tally_added", (
    'INSERT INTO "seal_state_tally" ("state", "delta") '
    'SELECT "state", COUNT(*) FROM added GROUP BY "state";'))
_PG_REMOVED = _pg_function("balcao_tally_removed", (
    'INSERT INTO "seal_state_tally" ("state", "delta") '
    'SELECT "state", -COUNT(*) FROM removed GROUP BY "state";'))
_PG_MOVED = _pg_function("balcao_tally_moved", (
    'INSERT INTO "seal_state_tally" ("state", "delta") '
    'SELECT "state", SUM("delta") FROM ('
    'SELECT o."state", -1 AS "delta" FROM old_rows o JOIN new_rows n ON n."id" = o."id" '
    'WHERE o."state" <> n."state" '
    'UNION ALL SELECT n."state", 1 FROM old_rows o JOIN new_rows n ON n."id" = o."id" '
    'WHERE o."state" <> n."state") AS moved '
    'GROUP BY "state" HAVING SUM("delta") <> 0;'))

POSTGRESQL = [
    _table("BIGSERIAL NOT NULL PRIMARY KEY"),
    _PG_ADDED, _PG_REMOVED, _PG_MOVED,
    'CREATE TRIGGER "tally_seal_record_insert" AFTER INSERT ON "seal_record" '
    'REFERENCING NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION "balcao_tally_added"()',
    'CREATE TRIGGER "tally_seal_record_update" AFTER UPDATE ON "seal_record" '
    'REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows '
    'FOR EACH STATEMENT EXECUTE FUNCTION "balcao_tally_moved"()',
    'CREATE TRIGGER "tally_seal_record_delete" AFTER DELETE ON "seal_record" '
    'REFERENCING OLD TABLE AS removed FOR EACH STATEMENT EXECUTE FUNCTION '
    '"balcao_tally_removed"()',
    BACKFILL,
]
