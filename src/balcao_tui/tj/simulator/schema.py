"""The simulator's SQLite file: tables and a connection set up for durability."""

from __future__ import annotations

import sqlite3
from pathlib import Path

SCHEMA_VERSION = 1
_SCHEMA = """
CREATE TABLE IF NOT EXISTS offices (
    cns TEXT PRIMARY KEY,
    certificate_pem TEXT NOT NULL,
    client_id TEXT NOT NULL UNIQUE,
    secret_hash TEXT NOT NULL,
    registered_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS tokens (
    token TEXT PRIMARY KEY,
    cns TEXT NOT NULL REFERENCES offices(cns),
    expires_at REAL NOT NULL
);
CREATE TABLE IF NOT EXISTS batches (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    cns TEXT NOT NULL,
    received_at TEXT NOT NULL,
    record_count INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS records (
    code TEXT PRIMARY KEY,
    cns TEXT NOT NULL,
    kind TEXT NOT NULL,
    act_code TEXT NOT NULL,
    act_at TEXT NOT NULL,
    act_day TEXT NOT NULL,
    origin_act_at TEXT NOT NULL,
    received_at TEXT NOT NULL,
    late INTEGER NOT NULL,
    content_hash TEXT NOT NULL,
    body TEXT NOT NULL,
    batch_id INTEGER NOT NULL REFERENCES batches(id),
    physical_series TEXT,
    physical_number INTEGER,
    replaces TEXT REFERENCES records(code),
    replaced_by TEXT REFERENCES records(code),
    excluded_by TEXT REFERENCES records(code)
);
CREATE INDEX IF NOT EXISTS records_by_day ON records(cns, act_day);
CREATE TABLE IF NOT EXISTS physical_seals (
    series TEXT NOT NULL,
    number INTEGER NOT NULL,
    code TEXT NOT NULL REFERENCES records(code),
    PRIMARY KEY (series, number)
);
CREATE TABLE IF NOT EXISTS links (
    parent TEXT NOT NULL REFERENCES records(code),
    child TEXT NOT NULL REFERENCES records(code),
    PRIMARY KEY (parent, child)
);
CREATE TABLE IF NOT EXISTS criticized (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    batch_id INTEGER NOT NULL REFERENCES batches(id),
    code TEXT NOT NULL,
    body TEXT NOT NULL,
    criticisms TEXT NOT NULL
);
"""


def connect(path: str | Path) -> sqlite3.Connection:
    """Autocommit connection (transactions are explicit) usable from worker threads."""
    db = sqlite3.connect(path, timeout=10.0, isolation_level=None, check_same_thread=False)
    db.row_factory = sqlite3.Row
    for pragma in (
        "journal_mode = WAL",
        "synchronous = FULL",
        "foreign_keys = ON",
        "busy_timeout = 10000",
    ):
        db.execute(f"PRAGMA {pragma}")
    db.executescript(f"BEGIN IMMEDIATE;{_SCHEMA}PRAGMA user_version = {SCHEMA_VERSION};COMMIT;")
    return db
