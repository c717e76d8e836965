"""Frozen DDL of the tamper-evident audit chain: each entry's position, the hash of the
entry before it and its own hash (domain/audit_hash.py), and a one-row head with the last
link, which every audit write locks on PostgreSQL. The existing entries are chained by the
migration step (store/audit_chain.chain_existing) before the unique index on the position."""
from __future__ import annotations


# The same on SQLite and PostgreSQL.
STATEMENTS = [
    'ALTER TABLE "audit_entry" ADD COLUMN "seq" INTEGER NOT NULL DEFAULT 0',
    'ALTER TABLE "audit_entry" ADD COLUMN "prev_hash" VARCHAR(64) NOT NULL DEFAULT \'\'',
    'ALTER TABLE "audit_entry" ADD COLUMN "hash" VARCHAR(64) NOT NULL DEFAULT \'\'',
    'CREATE TABLE "audit_head" ("id" INTEGER NOT NULL PRIMARY KEY, '
    '"entries" INTEGER NOT NULL, "last_id" INTEGER NOT NULL, "hash" VARCHAR(64) NOT NULL)',
]
AFTER_CHAINING = ['CREATE UNIQUE INDEX "audit_entry_seq" ON "audit_entry" ("seq")']
