"""Frozen DDL of the dashboard's index: the records someone may still have to act on
(pending, criticized, failed) in deadline order, so that the dashboard's list is a short
index walk at a million records, whatever the planner thinks of how states and deadlines
go together."""
from __future__ import annotations

STATEMENTS = [
    'CREATE INDEX IF NOT EXISTS "seal_record_listed_deadline" ON "seal_record" '
    '("deadline_at", "id") WHERE "state" IN (\'pending\', \'criticized\', \'failed\')',
]
