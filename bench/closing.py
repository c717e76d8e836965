#!/usr/bin/env python3
"""How long closing a 5,000-act day takes, and how long a clerk's terminal waits meanwhile.

Builds an office whose yesterday holds N copy authentications (a physical seal each, the
rows the counter writes) with photocopies and digital authentications, and copies it for
every run. On one copy `close_day` runs as a supervisor's terminal runs it; once it holds
the write lock, another process (a clerk's terminal, connected and warm) registers one act
on today and reports how long that took. On the other copy raw SQL (sqlite3 or psycopg, no
Peewee) makes the closing's writes in one transaction: the loads, each record's load and
state, the closing row. Rounds alternate which copy goes first; medians are printed, with
the ratio to the raw SQL. Exits 1 when the median closing takes 1 s or more, or the median
clerk's registration 250 ms or more.

usage: python bench/closing.py [--acts N] [--rounds R] [--pg URL]
  --acts N: the day's acts, at most 10,000 (one sheet of seals); 5,000 by default.
  --pg URL: on PostgreSQL instead of SQLite files; URL names a database where the role may
            create databases (what scripts/start-postgres.sh prints).
"""
from __future__ import annotations

import argparse
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path
from unittest import mock

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from balcao_tui.domain.deadlines import day_bounds, office_day, utcnow  # noqa: E402
from balcao_tui.store.db import close_database, open_database  # noqa: E402
from balcao_tui.store.usecases import closing  # noqa: E402
from balcao_tui.store.usecases.counter import register_counter_acts  # noqa: E402
from balcao_tui.store.usecases.daily import add_daily_count  # noqa: E402
from support import postgres  # noqa: E402
from support.closing import counted, write_day  # noqa: E402
from support.office import make_office  # noqa: E402

CLOSE_TARGET = 1.0
WAIT_TARGET = 0.25


# -- the clerk's terminal (this script again, in its own process) -----------------------

def clerk_terminal(url: str, clerk: int) -> None:
    """Registers 5 acts alone, says "ready MEDIAN"; then one act on the word, "took S"."""
    open_database(url)
    alone = []
    for _ in range(5):
        started = time.perf_counter()
        register_counter_acts(clerk, "autenticacao", 1)
        alone.append(time.perf_counter() - started)
    print(f"ready {statistics.median(alone)}", flush=True)
    sys.stdin.readline()
    started = time.perf_counter()
    register_counter_acts(clerk, "autenticacao", 1)
    print(f"took {time.perf_counter() - started}", flush=True)


class Clerk:
    def __init__(self, url: str, clerk: int) -> None:
        self.process = subprocess.Popen(
            [sys.executable, __file__, "--clerk-terminal", url, str(clerk)],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
        self.alone = float(self._said("ready"))

    def _said(self, word: str) -> str:
        line = self.process.stdout.readline().split()
        if not line or line[0] != word:
            raise SystemExit(f"the clerk's terminal failed (exit {self.process.wait()})")
        return line[1]

    def go(self) -> None:
        self.process.stdin.write("go\n")
        self.process.stdin.flush()

    def took(self) -> float:
        took = float(self._said("took"))
        self.process.wait(timeout=30)
        return took


# -- the day, and its copies ------------------------------------------------------------

class Copies:
    """The day built once, then a fresh copy of its database per run."""

    def __init__(self, folder: Path, pg_url: str | None) -> None:
        self.folder, self.pg_url = folder, pg_url
        self.made: list[str] = []
        self.template = (postgres.create_database(pg_url) if pg_url
                         else f"sqlite:///{folder / 'day.db'}")

    def copy(self) -> str:
        if self.pg_url:
            url = postgres.create_database(self.pg_url, template_url=self.template)
        else:
            url = f"sqlite:///{self.folder / f'copy{len(self.made)}.db'}"
            source, target = (sqlite3.connect(u.removeprefix("sqlite:///"))
                              for u in (self.template, url))
            source.backup(target)
            source.close()
            target.close()
        self.made.append(url)
        return url

    def drop(self) -> None:
        if self.pg_url:
            for url in [*self.made, self.template]:
                postgres.drop_database(self.pg_url, url)


def build_day(url: str, acts: int):
    office = make_office(url)
    day = office_day(utcnow()) - timedelta(days=1)
    at = day_bounds(day)[0] + timedelta(hours=10)
    write_day(office.admin, office.clerk, "AU0500", acts, at)
    add_daily_count(office.clerk, "fotocopia", 120, now=at)
    add_daily_count(office.clerk2, "autenticacao_digital", 15, now=at)
    right = counted(day)
    close_database()
    return office, day, right


# -- the runs ---------------------------------------------------------------------------

def ours(url: str, office, day: date, right: closing.Counted) -> tuple[float, float, float]:
    """close_day on `url` while the clerk registers: (closing s, clerk s, clerk alone s)."""
    clerk = Clerk(url, office.clerk)
    open_database(url).connect()  # the supervisor's terminal is connected already
    real_acting_user = closing.acting_user

    def then_clerk_goes(*args):  # the closing's first step inside its write transaction
        user = real_acting_user(*args)
        clerk.go()
        return user

    with mock.patch.object(closing, "acting_user", then_clerk_goes):
        started = time.perf_counter()
        outcome = closing.close_day(office.supervisor, day, right)
        took = time.perf_counter() - started
    close_database()
    assert not outcome.already_closed and outcome.records > 0
    return took, clerk.took(), clerk.alone


RAW_STEPS = {
    "records": "SELECT id FROM seal_record WHERE day = ? AND state = 'waiting_closing' "
               "ORDER BY id",
    "load": "INSERT INTO seal_load (day, number, record_count, created_at, created_by_id) "
            "VALUES (?, ?, ?, ?, ?) RETURNING id",
    "queue": "UPDATE seal_record SET load_id = ?, state = 'pending', queued_at = ? "
             "WHERE day = ? AND state = 'waiting_closing' AND id BETWEEN ? AND ?",
    "closed": "INSERT INTO shift_closing (day, closed_by_id, closed_at, cash_counted, "
              "paper_count, report, cash_expected, paper_expected, explanation, "
              "open_drawers_reason) VALUES (?, ?, ?, ?, ?, '', ?, ?, '', ?)",
}


def raw(url: str, office, day: date, right: closing.Counted) -> float:
    """The closing's writes in plain SQL, one durable transaction, as fast as they go."""
    if url.startswith("sqlite:///"):
        conn = sqlite3.connect(url.removeprefix("sqlite:///"), isolation_level=None)
        conn.execute("PRAGMA synchronous=FULL")
        conn.execute("PRAGMA foreign_keys=ON")
        sql = dict(RAW_STEPS)
    else:
        import psycopg
        conn = psycopg.connect(url)
        sql = {step: text.replace("?", "%s") for step, text in RAW_STEPS.items()}
    now = utcnow().replace(tzinfo=None)
    started = time.perf_counter()
    if isinstance(conn, sqlite3.Connection):
        conn.execute("BEGIN IMMEDIATE")
    ids = [row[0] for row in conn.execute(sql["records"], (day,)).fetchall()]
    for number, first in enumerate(range(0, len(ids), closing.LOAD_SIZE), start=1):
        chunk = ids[first:first + closing.LOAD_SIZE]
        load = conn.execute(sql["load"], (day, number, len(chunk), now, office.supervisor)
                            ).fetchone()[0]
        conn.execute(sql["queue"], (load, now, day, chunk[0], chunk[-1]))
    conn.execute(sql["closed"], (day, office.supervisor, now, right.cash_counted,
                                 right.paper_count, right.cash_counted, right.paper_count,
                                 right.open_drawers_reason))
    conn.commit()
    took = time.perf_counter() - started
    conn.close()
    return took


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--acts", type=int, default=5000)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--pg", metavar="URL")
    parser.add_argument("--clerk-terminal", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.clerk_terminal:
        clerk_terminal(args.clerk_terminal[0], int(args.clerk_terminal[1]))
        return 0
    with tempfile.TemporaryDirectory() as folder:
        copies = Copies(Path(folder), args.pg)
        try:
            office, day, right = build_day(copies.template, args.acts)
            closings, bases, waits, alone = [], [], [], []
            for round_ in range(args.rounds):
                ours_url, raw_url = copies.copy(), copies.copy()
                runs = [("ours", ours_url), ("raw", raw_url)]
                for name, url in runs if round_ % 2 == 0 else runs[::-1]:
                    if name == "raw":
                        bases.append(raw(url, office, day, right))
                    else:
                        took, waited, by_itself = ours(url, office, day, right)
                        closings.append(took)
                        waits.append(waited)
                        alone.append(by_itself)
        finally:
            close_database()
            copies.drop()
    close, base = statistics.median(closings), statistics.median(bases)
    wait = statistics.median(waits)
    print(f"{'PostgreSQL' if args.pg else 'SQLite'}, a day of {args.acts} acts, "
          f"median of {args.rounds} rounds")
    print(f"closing (close_day):        {close * 1000:7.1f} ms   target < "
          f"{CLOSE_TARGET * 1000:.0f} ms   (worst {max(closings) * 1000:.1f} ms)")
    print(f"raw SQL, the same writes:   {base * 1000:7.1f} ms   ratio {close / base:.2f}x")
    print(f"a clerk's act meanwhile:    {wait * 1000:7.1f} ms   target < "
          f"{WAIT_TARGET * 1000:.0f} ms   (worst {max(waits) * 1000:.1f} ms; "
          f"alone {statistics.median(alone) * 1000:.1f} ms)")
    return 0 if close < CLOSE_TARGET and wait < WAIT_TARGET else 1


if __name__ == "__main__":
    sys.exit(main())
