"""Frozen DDL of the change feed and of the transmitter's shared state.

`change_log` gets one row per written row of the watched tables, inserted by triggers, so
no write path can forget it: the entity (the table; "transmitter" for transmitter_state),
the row's id and, for a seal record, "<old state>><new state>". On PostgreSQL, ids from a
sequence can commit out of order: the trigger takes a shared advisory lock (class 7441,
key 1) before it draws an id and keeps it until the transaction ends, so a reader that
gets the exclusive lock knows every id drawn so far is committed or gone for good
(store/change_feed.py). The trigger also sends a NOTIFY on the channel `balcao_changes`.
`change_log_floor` says up to which id the log was pruned.

`transmitter_state` is a single row: the link state, the last attempt, the pause and the
send-now request, the lease holder and since when; `transmission_batch.holder` names the
process that sent each batch.
"""
from __future__ import annotations

# (table, entity) of every watched table.
WATCHED = (
    ("seal_record", "seal_record"), ("physical_seal", "physical_seal"), ("act", "act"),
    ("daily_entry", "daily_entry"), ("cash_drawer", "cash_drawer"),
    ("shift_closing", "shift_closing"), ("user", "user"), ("audit_entry", "audit_entry"),
    ("transmitter_state", "transmitter"),
)


def _tables(timestamp: str, serial: str, boolean: str, false: str) -> list[str]:
    return [
        f'CREATE TABLE "change_log" ("id" {serial}, "entity" VARCHAR(40) NOT NULL, '
        '"key" VARCHAR(40) NOT NULL, "detail" VARCHAR(80) NOT NULL, '
        f'"at" {timestamp} NOT NULL)',
        'CREATE INDEX "change_log_at" ON "change_log" ("at")',
        'CREATE TABLE "change_log_floor" ("id" INTEGER NOT NULL PRIMARY KEY, '
        '"pruned_through" BIGINT NOT NULL)',
        'INSERT INTO "change_log_floor" ("id", "pruned_through") VALUES (1, 0)',
        'CREATE TABLE "transmitter_state" ("id" INTEGER NOT NULL PRIMARY KEY, '
        '"link_state" VARCHAR(20) NOT NULL, "detail" TEXT NOT NULL, '
        f'"last_success_at" {timestamp}, "last_attempt_at" {timestamp}, '
        '"last_attempt_outcome" VARCHAR(40) NOT NULL, "last_error" TEXT NOT NULL, '
        f'"paused" {boolean} NOT NULL, "paused_by_id" INTEGER, "paused_reason" TEXT NOT NULL, '
        f'"holder" VARCHAR(255) NOT NULL, "holder_since" {timestamp}, '
        f'"send_now_requested_at" {timestamp}, "updated_at" {timestamp}, '
        'FOREIGN KEY ("paused_by_id") REFERENCES "user" ("id"))',
        'CREATE INDEX "transmitter_state_paused_by_id" ON "transmitter_state" ("paused_by_id")',
        'INSERT INTO "transmitter_state" ("id", "link_state", "detail", "last_attempt_outcome", '
        '"last_error", "paused", "paused_reason", "holder") '
        f"VALUES (1, 'stopped', '', '', '', {false}, '', '')",
        'ALTER TABLE "transmission_batch" ADD COLUMN "holder" VARCHAR(255) NOT NULL DEFAULT \'\'',
    ]


def _sqlite_trigger(table: str, entity: str, operation: str) -> str:
    row = "OLD" if operation == "DELETE" else "NEW"
    if table == "seal_record":
        detail = {"INSERT": "'>' || NEW.state", "UPDATE": "OLD.state || '>' || NEW.state",
                  "DELETE": "OLD.state || '>'"}[operation]
    else:
        detail = f"'{operation.lower()}'"
    return (f'CREATE TRIGGER "change_{table}_{operation.lower()}" AFTER {operation} ON '
            f'"{table}" BEGIN INSERT INTO "change_log" ("entity", "key", "detail", "at") '
            f"VALUES ('{entity}', {row}.id, {detail}, "
            "strftime('%Y-%m-%d %H:%M:%f', 'now')); END")


SQLITE = [
    *_tables("DATETIME", "INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT", "INTEGER", "0"),
    *(_sqlite_trigger(table, entity, operation) for table, entity in WATCHED
      for operation in ("INSERT", "UPDATE", "DELETE")),
]

_PG_FUNCTION = """CREATE FUNCTION "balcao_note_change"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  row_id bigint;
  note text;
BEGIN
  IF TG_OP = 'DELETE' THEN row_id := OLD.id; ELSE row_id := NEW.id; END IF;
  IF TG_TABLE_NAME = 'seal_record' THEN
    IF TG_OP = 'INSERT' THEN note := '>' || NEW.state;
    ELSIF TG_OP = 'UPDATE' THEN note := OLD.state || '>' || NEW.state;
    ELSE note := OLD.state || '>';
    END IF;
  ELSE
    note := lower(TG_OP);
  END IF;
  PERFORM pg_advisory_xact_lock_shared(7441, 1);
  INSERT INTO "change_log" ("entity", "key", "detail", "at")
  VALUES (TG_ARGV[0], row_id::text, note, now() AT TIME ZONE 'UTC');
  PERFORM pg_notify('balcao_changes', '');
  RETURN NULL;
END
$$"""

POSTGRESQL = [
    *_tables("TIMESTAMP", "BIGSERIAL NOT NULL PRIMARY KEY", "BOOLEAN", "FALSE"),
    _PG_FUNCTION,
    *(f'CREATE TRIGGER "change_{table}" AFTER INSERT OR UPDATE OR DELETE ON "{table}" '
      f"FOR EACH ROW EXECUTE FUNCTION \"balcao_note_change\"('{entity}')"
      for table, entity in WATCHED),
]
