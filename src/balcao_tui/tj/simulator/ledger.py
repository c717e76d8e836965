"""The rules' read-only view of what the TJ already holds."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from balcao_tui.tj.wire import parse_timestamp


@dataclass(frozen=True)
class HeldRecord:
    code: str
    cns: str
    kind: str
    act_code: str
    act_at: datetime
    origin_act_at: datetime
    content_hash: str
    late: bool
    physical_seal: tuple[str, int] | None
    replaced_by: str | None
    excluded_by: str | None


class Ledger(Protocol):
    def office_certificate(self, cns: str) -> str | None: ...

    def held(self, code: str) -> HeldRecord | None: ...

    def physical_seal_owner(self, seal: tuple[str, int]) -> str | None: ...


class SqliteLedger:
    """The held records as seen from inside a batch's transaction."""

    def __init__(self, db: sqlite3.Connection) -> None:
        self._db = db

    def office_certificate(self, cns: str) -> str | None:
        row = self._db.execute(
            "SELECT certificate_pem FROM offices WHERE cns = ?", (cns,)
        ).fetchone()
        return row["certificate_pem"] if row else None

    def held(self, code: str) -> HeldRecord | None:
        row = self._db.execute("SELECT * FROM records WHERE code = ?", (code,)).fetchone()
        if row is None:
            return None
        physical = None
        if row["physical_series"] is not None:
            physical = (row["physical_series"], row["physical_number"])
        return HeldRecord(
            code=row["code"],
            cns=row["cns"],
            kind=row["kind"],
            act_code=row["act_code"],
            act_at=parse_timestamp(row["act_at"]),
            origin_act_at=parse_timestamp(row["origin_act_at"]),
            content_hash=row["content_hash"],
            late=bool(row["late"]),
            physical_seal=physical,
            replaced_by=row["replaced_by"],
            excluded_by=row["excluded_by"],
        )

    def physical_seal_owner(self, seal: tuple[str, int]) -> str | None:
        row = self._db.execute(
            "SELECT code FROM physical_seals WHERE series = ? AND number = ?", seal
        ).fetchone()
        return row["code"] if row else None
