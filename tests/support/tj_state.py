"""Planting in the TJ simulator's state file what the TJ could hold after a mishap: a record
lost, a value changed, a record put there without passing the TJ's rules."""
from __future__ import annotations

import json
import sqlite3
from datetime import datetime, timezone

from balcao_tui.domain.deadlines import office_day
from balcao_tui.tj.wire import WireRecord, content_hash, format_timestamp, record_to_json


def delete_at_tj(state_path, code: str) -> None:
    with sqlite3.connect(state_path) as db:
        db.execute("DELETE FROM physical_seals WHERE code = ?", (code,))
        db.execute("DELETE FROM records WHERE code = ?", (code,))


def raise_value_at_tj(state_path, code: str, cents: int) -> None:
    """The Tabelião column and the total of a held record, `cents` higher."""
    with sqlite3.connect(state_path) as db:
        body = json.loads(db.execute("SELECT body FROM records WHERE code = ?",
                                     (code,)).fetchone()[0])
        body["valores"]["tabeliao"] += cents
        body["valores"]["total"] += cents
        db.execute("UPDATE records SET body = ? WHERE code = ?", (json.dumps(body), code))


def plant_at_tj(state_path, rec: WireRecord, received_at: datetime | None = None) -> None:
    """`rec` held by the TJ as received, whatever its rules would have said."""
    received = format_timestamp(received_at or datetime.now(timezone.utc))
    with sqlite3.connect(state_path) as db:
        batch = db.execute("INSERT INTO batches (cns, received_at, record_count) VALUES (?, ?, 1)",
                           (rec.cns, received)).lastrowid
        physical = rec.physical_seal or (None, None)
        db.execute(
            "INSERT INTO records (code, cns, kind, act_code, act_at, act_day, origin_act_at,"
            " received_at, late, content_hash, body, batch_id, physical_series,"
            " physical_number, replaces) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?, ?, ?, ?, ?)",
            (rec.code, rec.cns, rec.kind, rec.act_code, format_timestamp(rec.act_at),
             office_day(rec.act_at).isoformat(), format_timestamp(rec.act_at), received,
             content_hash(rec), json.dumps(record_to_json(rec)), batch, *physical,
             rec.replaces))
