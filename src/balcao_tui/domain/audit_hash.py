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


def entry_body(*, at: datetime, user_id: int | None, action: str, entity: str,
               entity_id: str, detail: str, reason: str) -> str:
    """The canonical array's fields between seq and prev_hash, as JSON text: what the
    database needs to finish the hash once it knows the entry's place in the chain."""
    fields = [canonical_time(at), user_id, action, entity, entity_id, detail, reason]
    return json.dumps(fields, ensure_ascii=False, separators=(",", ":"))[1:-1]


def chain_hash(seq: int, body: str, prev_hash: str) -> str:
    """The canonical array is `[seq,<body>,"prev_hash"]`: seq is an integer and prev_hash
    hex digits, which JSON writes as they are."""
    return hashlib.sha256(f'[{seq},{body},"{prev_hash}"]'.encode("utf-8")).hexdigest()


def entry_hash(*, seq: int, at: datetime, user_id: int | None, action: str, entity: str,
               entity_id: str, detail: str, reason: str, prev_hash: str) -> str:
    body = entry_body(at=at, user_id=user_id, action=action, entity=entity,
                      entity_id=entity_id, detail=detail, reason=reason)
    return chain_hash(seq, body, prev_hash)
