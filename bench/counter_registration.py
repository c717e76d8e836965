#!/usr/bin/env python3
"""How much a recognition costs over the unavoidable: one durable commit.

Registers N single-signature recognitions (the counter's hot path: claim the next seal,
compute fees, write act, seal record and audit, in one BEGIN IMMEDIATE transaction with
synchronous=FULL) and, in the same run and on the same kind of file, N bare transactions
that insert one row. Prints both rates and their ratio; and the status line's query
(pending_summary) over a year's worth of records against a plain COUNT(*).

usage: python bench/counter_registration.py [N] [YEAR_RECORDS]
"""
from __future__ import annotations

import sqlite3
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

from balcao_tui.store.db import close_database  # noqa: E402
from balcao_tui.store.models import SealRecord  # noqa: E402
from balcao_tui.store.queries import pending_summary  # noqa: E402
from balcao_tui.domain.seal_states import SealState  # noqa: E402
from balcao_tui.store.usecases.counter import register_counter_acts  # noqa: E402
from balcao_tui.store.usecases.signature_cards import CardData, create_signature_card  # noqa: E402
from support.office import make_office  # noqa: E402
from support.seal_records import FIRST_SEQUENCE, insert_pending  # noqa: E402


def bare_commits(path: Path, n: int) -> float:
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA journal_mode=wal")
    conn.execute("PRAGMA synchronous=FULL")
    conn.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT)")
    start = time.perf_counter()
    for i in range(n):
        conn.execute("BEGIN IMMEDIATE")
        conn.execute("INSERT INTO t (v) VALUES (?)", (f"ato {i}",))
        conn.execute("COMMIT")
    elapsed = time.perf_counter() - start
    conn.close()
    return n / elapsed


def registrations(url: str, n: int) -> float:
    office = make_office(url, sheet_size=n)
    card = create_signature_card(office.clerk, CardData(name="Maria da Silva",
                                                        cpf="529.982.247-25")).card_id
    start = time.perf_counter()
    for _ in range(n):
        register_counter_acts(office.clerk, "firma_sem_valor", 1, signature_card_id=card)
    return n / (time.perf_counter() - start)


def status_query(year_records: int) -> tuple[float, float]:
    insert_pending(year_records)
    SealRecord.update(state=SealState.COMMUNICATED).execute()
    insert_pending(50, first=FIRST_SEQUENCE + year_records)
    db = SealRecord._meta.database
    runs = 50
    start = time.perf_counter()
    for _ in range(runs):
        pending_summary()
    ours = (time.perf_counter() - start) / runs
    start = time.perf_counter()
    for _ in range(runs):
        db.execute_sql("SELECT COUNT(*) FROM seal_record WHERE state = 'pending'").fetchone()
    plain = (time.perf_counter() - start) / runs
    return ours, plain


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 300
    year = int(sys.argv[2]) if len(sys.argv) > 2 else 100_000
    with tempfile.TemporaryDirectory() as tmp:
        base = bare_commits(Path(tmp) / "bare.db", n)
        ours = registrations(f"sqlite:///{tmp}/balcao.db", n)
        print(f"bare durable commits:     {base:8.1f}/s")
        print(f"recognitions registered:  {ours:8.1f}/s")
        print(f"ratio recognition/commit: {base / ours:8.2f}x the cost of one bare commit")
        summary, plain = status_query(year)
        print(f"status line query over {year} records: {summary * 1000:.2f} ms "
              f"(plain COUNT: {plain * 1000:.2f} ms, ratio {summary / plain:.2f}x)")
        close_database()


if __name__ == "__main__":
    main()
