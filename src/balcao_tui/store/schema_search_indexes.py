"""Frozen DDL of the seal search's indexes: each filter walks its own index in the order
of the results (newest act first, then the newest id), so a page is read by a keyset
without sorting or counting the whole table."""
from __future__ import annotations

STATEMENTS = [
    'CREATE INDEX "seal_record_search_act_at" ON "seal_record" ("act_at", "id")',
    'CREATE INDEX "seal_record_search_state" ON "seal_record" ("state", "act_at", "id")',
    'CREATE INDEX "seal_record_search_clerk" ON "seal_record" '
    '("created_by_id", "act_at", "id")',
    'CREATE INDEX "seal_record_search_kind" ON "seal_record" ("act_kind", "act_at", "id")',
    'CREATE INDEX "seal_record_search_physical" ON "seal_record" '
    '("physical_number", "physical_series")',
]
