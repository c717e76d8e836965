"""Frozen DDL of schema version 4: a user's first-access code (only its hash is kept) and
when it stops working."""
from __future__ import annotations


def _statements(timestamp: str) -> list[str]:
    return [
        'ALTER TABLE "user" ADD COLUMN "access_code_hash" VARCHAR(255) NOT NULL DEFAULT \'\'',
        f'ALTER TABLE "user" ADD COLUMN "access_code_expires_at" {timestamp}',
    ]


SQLITE = _statements("DATETIME")
POSTGRESQL = _statements("TIMESTAMP")
