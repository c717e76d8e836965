#!/usr/bin/env python3
"""How long the dashboard takes to open, and to refresh after one change, at a million seal
records.

Builds an office whose store holds N seal records (a year of them, communicated mostly;
P pending over the last day, some of them late; a few hundred criticized, failed,
corrected, excluded and waiting for the closing), seeded by bulk inserts in SQL, and the
state tally folded once (as the running transmitter does every minute). Then, in one
process, alternating: the dashboard's reads as the screen makes them (`open_dashboard`:
counts by state today, overall from the tally, the listed records nearest their deadline,
the acts per hour) against the same queries in raw SQL (sqlite3/psycopg, no Peewee), and
against counting every record by state instead of the tally; a page of the seal
search (`search_seals`: the newest seals, and the pending ones) against the same keyset
query in raw SQL; and a refresh after one record changed state (the changed record read by
key, the batch being sent, the counts moved) against reading that record by key in raw
SQL. Medians are printed with the ratio to the raw SQL. Exits 1 when opening or a search
page takes 200 ms or more, or a refresh 50 ms or more.

usage: python bench/dashboard.py [--records N] [--pending P] [--rounds R] [--pg URL]
  --records N: seal records in the store, 1,000,000 by default (100,000 for a quick run).
  --pending P: how many of them are pending, N/10 by default.
  --pg URL: on PostgreSQL instead of a SQLite file; URL names a database where the role
            may create databases (what scripts/start-postgres.sh prints).
"""
from __future__ import annotations

import argparse
import sqlite3
import statistics
import sys
import tempfile
import time
from datetime import date, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from balcao_tui.domain.deadlines import office_day, utcnow  # noqa: E402
from balcao_tui.store import dashboard  # noqa: E402
from balcao_tui.store.db import close_database, open_database  # noqa: E402
from balcao_tui.store.seal_search import SealFilter, search_seals  # noqa: E402
from balcao_tui.store.state_tally import fold_tally  # noqa: E402
from support import postgres  # noqa: E402
from support.office import make_office  # noqa: E402

OPEN_TARGET = 0.200
SEARCH_PAGE = 20
REFRESH_TARGET = 0.050
CRITICISM = ('[{"codigo": "C12", "mensagem": "Valor do emolumento diverge da tabela '
             'vigente."}]')


# -- the store --------------------------------------------------------------------------

def connect(url: str):
    if url.startswith("sqlite:///"):
        conn = sqlite3.connect(url.removeprefix("sqlite:///"), isolation_level=None)
        conn.execute("PRAGMA foreign_keys=ON")
        return conn
    import psycopg
    return psycopg.connect(url, autocommit=True)


def plan(records: int, pending: int) -> list[tuple[str, int]]:
    """(state, how many), the pending ones first; communicated makes up the rest."""
    few = [("criticized", max(records // 5000, 1)), ("failed", max(records // 20000, 1)),
           ("waiting_closing", max(records // 500, 1)), ("corrected", max(records // 1000, 1)),
           ("excluded", max(records // 2000, 1))]
    communicated = records - pending - sum(count for _, count in few)
    return [("pending", pending), *few, ("communicated", communicated)]


SQLITE_SEED = """
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?),
 t(i, at) AS (SELECT i, datetime(?, '-' || (i * ?) || ' seconds') FROM n)
INSERT INTO seal_record (quantity, tabeliao, estado, sefaz, registro_civil, tribunal_justica,
  ministerio_publico, iss, total, code, record_kind, act_kind, act_code, act_at, day, state,
  deadline_at, created_at, attempts, late, criticisms, failure)
SELECT 1, 1000, 284, 194, 52, 68, 48, 50, 1646,
  '1455731AF' || printf('%013d', i + ?) || '260', 'ato', 'abertura_firma', 'AF', at,
  date(at, '-3 hours'), ?, datetime(at, '+24 hours'), at, 0, 0, ?, '' FROM t
"""

PG_SEED = """
INSERT INTO seal_record (quantity, tabeliao, estado, sefaz, registro_civil, tribunal_justica,
  ministerio_publico, iss, total, code, record_kind, act_kind, act_code, act_at, day, state,
  deadline_at, created_at, attempts, late, criticisms, failure)
SELECT 1, 1000, 284, 194, 52, 68, 48, 50, 1646,
  '1455731AF' || lpad((i + %s)::text, 13, '0') || '260', 'ato', 'abertura_firma', 'AF', at,
  (at - interval '3 hours')::date, %s, at + interval '24 hours', at, 0, false, %s, ''
FROM (SELECT i, %s::timestamp - make_interval(secs => i * %s) AS at
      FROM generate_series(1, %s) AS i) AS t
"""


def seed(url: str, records: int, pending: int, now: datetime) -> None:
    """Bulk inserts straight in SQL: pending acts spread over the last 26 hours (some past
    their deadline), the others over the year before."""
    conn = connect(url)
    naive_now = now.replace(tzinfo=None)
    first = 0
    for state, count in plan(records, pending):
        recent = state in ("pending", "criticized", "failed", "waiting_closing")
        start = naive_now if recent else naive_now - timedelta(days=2)
        step = (26 * 3600 if recent else 365 * 86400) / count
        criticisms = CRITICISM if state == "criticized" else ""
        if isinstance(conn, sqlite3.Connection):
            conn.execute("BEGIN")
            conn.execute(SQLITE_SEED, (count, start.isoformat(" "), step, first, state,
                                       criticisms))
            conn.execute("COMMIT")
        else:
            conn.execute(PG_SEED, (first, state, criticisms, start, step, count))
        first += count
    conn.execute("ANALYZE" if isinstance(conn, sqlite3.Connection) else "VACUUM ANALYZE")
    conn.close()


# -- raw SQL: the same reads ------------------------------------------------------------

RAW = {
    "totals": "SELECT state, SUM(delta) FROM seal_state_tally GROUP BY state",
    "counted": "SELECT state, COUNT(id) FROM seal_record GROUP BY state",
    "batches": "SELECT id FROM transmission_batch WHERE outcome = 'sending'",
    "today": "SELECT state, COUNT(id) FROM seal_record WHERE day = ? GROUP BY state",
    "listed": "SELECT id, code, state, act_kind, day, deadline_at, criticisms, failure "
              "FROM seal_record WHERE state IN ('pending', 'criticized', 'failed') "
              "ORDER BY deadline_at, id LIMIT ?",
    "hours": "SELECT performed_at FROM act WHERE day = ? AND cancelled_at IS NULL",
    "by_id": "SELECT id, code, state, act_kind, day, deadline_at, criticisms, failure "
             "FROM seal_record WHERE id = ?",
    "criticize": "UPDATE seal_record SET state = 'criticized' WHERE id = ?",
    "newest": "SELECT id, code, state, act_kind, act_at, total, deadline_at FROM seal_record "
              "ORDER BY act_at DESC, id DESC LIMIT ?",
    "newest_in_state": "SELECT id, code, state, act_kind, act_at, total, deadline_at "
                       "FROM seal_record WHERE state = ? ORDER BY act_at DESC, id DESC LIMIT ?",
}


class Raw:
    def __init__(self, url: str) -> None:
        self.conn = connect(url)
        pg = not isinstance(self.conn, sqlite3.Connection)
        self.sql = {name: text.replace("?", "%s") if pg else text for name, text in RAW.items()}

    def rows(self, name: str, *params) -> list:
        return self.conn.execute(self.sql[name], params).fetchall()

    def open(self, today: date) -> None:
        self.rows("totals")
        self.rows("today", today)
        self.rows("batches")
        self.rows("listed", dashboard.LIST_LIMIT + 1)
        self.rows("hours", today)

    def search(self) -> None:
        self.rows("newest", SEARCH_PAGE + 1)
        self.rows("newest_in_state", "pending", SEARCH_PAGE + 1)

    def refresh(self, record_id: int) -> None:
        self.rows("by_id", record_id)
        self.rows("batches")


# -- the runs ---------------------------------------------------------------------------

def timed(job) -> float:
    started = time.perf_counter()
    job()
    return time.perf_counter() - started


def criticize_one(raw: Raw) -> dashboard.Move:
    """What the transmitter does to one record (not timed): pending to criticized."""
    pending = next(row[0] for row in raw.rows("listed", dashboard.LIST_LIMIT)
                   if row[2] == "pending")
    raw.conn.execute(raw.sql["criticize"], (pending,))
    return dashboard.Move(pending, "pending", "criticized")


def ours_refresh(counts: dashboard.StateCounts, move: dashboard.Move, today: date) -> None:
    rows = dashboard.records_by_id([move.record_id])
    dashboard.moved_counts(counts, [move], {row.id: row.day for row in rows}, today,
                           dashboard.sending_counts(today))


def search(actor: int) -> None:
    search_seals(actor, SealFilter(), None, SEARCH_PAGE)
    search_seals(actor, SealFilter(state="pending"), None, SEARCH_PAGE)


def run(url: str, rounds: int, today: date, actor: int) -> dict[str, list[float]]:
    open_database(url).connect()
    raw = Raw(url)
    data = dashboard.open_dashboard(today)  # warm both, as a terminal that opened before
    raw.open(today)
    times: dict[str, list[float]] = {name: [] for name in (
        "open", "raw_open", "raw_counted", "search", "raw_search", "refresh",
        "raw_refresh")}
    for round_ in range(rounds):
        steps = [("open", lambda: dashboard.open_dashboard(today)),
                 ("raw_open", lambda: raw.open(today)),
                 ("raw_counted", lambda: raw.rows("counted")),
                 ("search", lambda: search(actor)),
                 ("raw_search", raw.search)]
        for name, job in steps if round_ % 2 == 0 else steps[::-1]:
            times[name].append(timed(job))
        move = criticize_one(raw)
        steps = [("refresh", lambda: ours_refresh(data.counts, move, today)),
                 ("raw_refresh", lambda: raw.refresh(move.record_id))]
        for name, job in steps if round_ % 2 == 0 else steps[::-1]:
            times[name].append(timed(job))
    raw.conn.close()
    close_database()
    return times


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, default=1_000_000)
    parser.add_argument("--pending", type=int)
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--pg", metavar="URL")
    args = parser.parse_args()
    pending = args.pending if args.pending is not None else args.records // 10
    now = utcnow()
    with tempfile.TemporaryDirectory() as folder:
        url = postgres.create_database(args.pg) if args.pg else f"sqlite:///{folder}/bench.db"
        try:
            actor = make_office(url).supervisor
            close_database()
            started = time.perf_counter()
            seed(url, args.records, pending, now)
            seeded = time.perf_counter() - started
            open_database(url)
            folded = fold_tally()
            close_database()
            times = run(url, args.rounds, office_day(now), actor)
        finally:
            close_database()
            if args.pg:
                postgres.drop_database(args.pg, url)
    median = {name: statistics.median(values) for name, values in times.items()}
    print(f"{'PostgreSQL' if args.pg else 'SQLite'}, {args.records:,} seal records "
          f"({pending:,} pending, seeded in {seeded:.1f} s, {folded:,} tally rows folded), "
          f"median of {args.rounds} rounds")
    print(f"open the dashboard:          {median['open'] * 1000:7.1f} ms   target < "
          f"{OPEN_TARGET * 1000:.0f} ms   (worst {max(times['open']) * 1000:.1f} ms)")
    print(f"raw SQL, the same reads:     {median['raw_open'] * 1000:7.1f} ms   ratio "
          f"{median['open'] / median['raw_open']:.2f}x")
    print(f"raw SQL, counting by state:  {median['raw_counted'] * 1000:7.1f} ms   (every record, "
          f"instead of the tally)")
    print(f"two search pages:            {median['search'] * 1000:7.1f} ms   target < "
          f"{OPEN_TARGET * 1000:.0f} ms   (worst {max(times['search']) * 1000:.1f} ms)")
    print(f"raw SQL, the same keysets:   {median['raw_search'] * 1000:7.1f} ms   ratio "
          f"{median['search'] / median['raw_search']:.2f}x")
    print(f"refresh after one change:    {median['refresh'] * 1000:7.1f} ms   target < "
          f"{REFRESH_TARGET * 1000:.0f} ms   (worst {max(times['refresh']) * 1000:.1f} ms)")
    print(f"raw SQL, the record by key:  {median['raw_refresh'] * 1000:7.1f} ms   ratio "
          f"{median['refresh'] / median['raw_refresh']:.2f}x")
    met = (median["open"] < OPEN_TARGET and median["search"] < OPEN_TARGET
           and median["refresh"] < REFRESH_TARGET)
    return 0 if met else 1


if __name__ == "__main__":
    sys.exit(main())
