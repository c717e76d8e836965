"""The hash that links an audit entry to the one before it (the tamper-evident chain).

Canonical serialization of an entry, hashed with SHA-256 and written as 64 hex digits:

    JSON array, UTF-8, no spaces (separators "," and ":"), non-ASCII kept as is:
    [seq, at, user_id, action, entity, entity_id, detail, reason, prev_hash]

- seq: the entry's position in the chain (1, 2, 3...), an integer;
- at: UTC, "YYYY-MM-DDTHH:MM:SS.ffffffZ" (always six digits of microseconds);
- user_id: an integer, or null for the system;
- action, entity, entity_id, detail (the JSON text as stored), reason: strings as stored;
- prev_hash: the hash of entry seq - 1; the first entry's is GENESIS.

The database row keeps seq, prev_hash and hash beside the fields they cover.
"""
from __future__ import annotations

import hashlib
import json
from datetime import datetime, timezone

GENESIS = hashlib.sha256(b"balcao-tui: trilha de auditoria").hexdigest()


def canonical_time(at: datetime) -> str:
    if at.tzinfo is not None:
        at = at.astimezone(timezone.utc).replace(tzinfo=None)
    return at.strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def entry_hash(*, seq: int, at: datetime, user_id: int | None, action: str, entity: str,
               entity_id: str, detail: str, reason: str, prev_hash: str) -> str:
    fields = [seq, canonical_time(at), user_id, action, entity, entity_id, detail, reason,
              prev_hash]
    text = json.dumps(fields, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()
