"""Frozen DDL of schema version 3: payments, cash drawers, loads, and a seal code that a
reversed (cancelled) record gives back to its physical seal."""
from __future__ import annotations


def _statements(timestamp: str, serial: str) -> list[str]:
    return [
        'ALTER TABLE "act" ADD COLUMN "payment" VARCHAR(255) NOT NULL DEFAULT \'dinheiro\'',
        f'ALTER TABLE "act" ADD COLUMN "cancelled_at" {timestamp}',
        'ALTER TABLE "daily_entry" ADD COLUMN "payment" VARCHAR(255) NOT NULL '
        'DEFAULT \'dinheiro\'',
        'ALTER TABLE "daily_entry" ADD COLUMN "total" INTEGER NOT NULL DEFAULT 0',
        f'CREATE TABLE "seal_load" ("id" {serial} NOT NULL PRIMARY KEY, "day" DATE NOT NULL, '
        '"number" INTEGER NOT NULL, "record_count" INTEGER NOT NULL, '
        f'"created_at" {timestamp} NOT NULL, "created_by_id" INTEGER NOT NULL, '
        'FOREIGN KEY ("created_by_id") REFERENCES "user" ("id"))',
        'CREATE INDEX "seal_load_created_by_id" ON "seal_load" ("created_by_id")',
        'CREATE UNIQUE INDEX "seal_load_day_number" ON "seal_load" ("day", "number")',
        'ALTER TABLE "seal_record" ADD COLUMN "load_id" INTEGER '
        'REFERENCES "seal_load" ("id")',
        'CREATE INDEX "seal_record_load_id" ON "seal_record" ("load_id")',
        'DROP INDEX "seal_record_code"',
        'CREATE INDEX "seal_record_code" ON "seal_record" ("code")',
        'CREATE UNIQUE INDEX "seal_record_code_live" ON "seal_record" ("code") '
        'WHERE ("state" != \'cancelled\')',
        f'CREATE TABLE "cash_drawer" ("id" {serial} NOT NULL PRIMARY KEY, '
        '"clerk_id" INTEGER NOT NULL, "day" DATE NOT NULL, "state" VARCHAR(255) NOT NULL, '
        '"expected_dinheiro" INTEGER NOT NULL, "expected_pix" INTEGER NOT NULL, '
        '"expected_debito" INTEGER NOT NULL, "expected_credito" INTEGER NOT NULL, '
        '"counted_dinheiro" INTEGER NOT NULL, "counted_pix" INTEGER NOT NULL, '
        '"counted_debito" INTEGER NOT NULL, "counted_credito" INTEGER NOT NULL, '
        f'"explanation" TEXT NOT NULL, "closed_at" {timestamp}, "reopened_at" {timestamp}, '
        '"reopened_by_id" INTEGER, "reopen_reason" TEXT NOT NULL, '
        'FOREIGN KEY ("clerk_id") REFERENCES "user" ("id"), '
        'FOREIGN KEY ("reopened_by_id") REFERENCES "user" ("id"))',
        'CREATE INDEX "cash_drawer_clerk_id" ON "cash_drawer" ("clerk_id")',
        'CREATE INDEX "cash_drawer_reopened_by_id" ON "cash_drawer" ("reopened_by_id")',
        'CREATE UNIQUE INDEX "cash_drawer_clerk_id_day" ON "cash_drawer" ("clerk_id", "day")',
        'ALTER TABLE "shift_closing" ADD COLUMN "cash_expected" INTEGER NOT NULL DEFAULT 0',
        'ALTER TABLE "shift_closing" ADD COLUMN "paper_expected" INTEGER NOT NULL DEFAULT 0',
        'ALTER TABLE "shift_closing" ADD COLUMN "explanation" TEXT NOT NULL DEFAULT \'\'',
        'ALTER TABLE "shift_closing" ADD COLUMN "open_drawers_reason" TEXT NOT NULL '
        'DEFAULT \'\'',
    ]


SQLITE = _statements("DATETIME", "INTEGER")
POSTGRESQL = _statements("TIMESTAMP", "SERIAL")
