"""kill -9 of the supervisor's terminal while it closes a 5,000-act day, then closing again:
the day is closed whole or not at all, and the second closing completes it with no record,
load or daily seal made twice."""
from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from datetime import date, datetime, timezone
from pathlib import Path

import pytest

from balcao_tui.domain.act_kinds import get_act_kind
from balcao_tui.store.models import AuditEntry, SealRecord, SequenceCounter, ShiftClosing
from balcao_tui.store.usecases.closing import Counted, close_day
from balcao_tui.store.usecases.daily import add_daily_count
from support.closing import assert_closed, assert_open, counted, write_day
from support.killed_sessions import wait_for_killed_sessions
from support.office import close_store, make_office

TESTS = Path(__file__).resolve().parents[1]
ACTS = 5000
DAY = date(2026, 11, 20)
MORNING = datetime(2026, 11, 20, 13, 0, tzinfo=timezone.utc)
EVENING = datetime(2026, 11, 20, 21, 0, tzinfo=timezone.utc)
DAILY = {"fotocopia", "autenticacao_digital"}


class Closer:
    """`support.closing_worker` in its own process, ready to close DAY on a word."""

    def __init__(self, url: str, supervisor: int, right: Counted, pause: str) -> None:
        self.process = subprocess.Popen(
            [sys.executable, "-m", "support.closing_worker", url, str(supervisor),
             DAY.isoformat(), EVENING.isoformat(), str(right.paper_count),
             str(right.cash_counted), right.open_drawers_reason, pause],
            env={**os.environ, "PYTHONPATH": str(TESTS)}, stdin=subprocess.PIPE,
            stdout=subprocess.PIPE, text=True)
        self.expect("ready")

    def expect(self, line: str) -> None:
        got = self.process.stdout.readline().strip()
        assert got == line, f"closing worker said {got!r} (exit {self.process.poll()})"

    def go(self) -> None:
        self.process.stdin.write("go\n")
        self.process.stdin.flush()
        self.expect("closing")

    def kill(self) -> None:
        self.process.send_signal(signal.SIGKILL)
        self.process.wait(timeout=10)
        self.process.stdin.close()
        self.process.stdout.close()
        wait_for_killed_sessions()


@pytest.fixture
def day_to_close(db_url):
    office = make_office(db_url)
    write_day(office.admin, office.clerk, "AU0500", ACTS, MORNING)
    add_daily_count(office.clerk, "fotocopia", 30, now=MORNING)
    add_daily_count(office.clerk2, "autenticacao_digital", 4, now=MORNING)
    right = counted(DAY)
    started: list[Closer] = []

    def closer(pause: str) -> Closer:
        started.append(Closer(office.url, office.supervisor, right, pause))
        return started[-1]

    yield office, right, closer
    for leftover in started:  # a failed assertion must not leave a paused closer behind
        leftover.kill()
    close_store()


def _daily_sequences() -> list[int]:
    codes = [get_act_kind(kind).act_code for kind in sorted(DAILY)]
    return sorted(value for (value,) in SequenceCounter.select(SequenceCounter.last_value)
                  .where(SequenceCounter.act_code.in_(codes)).tuples())


def _all_or_nothing() -> str:
    """The day closed once and whole, or not touched at all; says which."""
    closings = AuditEntry.select().where(AuditEntry.action == "day.close").count()
    if ShiftClosing.select().where(ShiftClosing.day == DAY).exists():
        assert_closed(DAY, ACTS, DAILY)
        assert closings == 1 and _daily_sequences() == [1, 1]  # each daily seal made once
        return "closed"
    assert_open(DAY, ACTS)
    assert closings == 0 and _daily_sequences() in ([], [0, 0])
    return "open"


def test_a_kill_inside_the_closing_undoes_it_all_then_it_completes(day_to_close):
    office, right, closer_pausing_at = day_to_close
    for pause in ("load2", "queued", "daily", "audit"):
        closer = closer_pausing_at(pause)
        closer.go()
        started = time.monotonic()
        closer.expect(f"paused {pause}")
        inside = time.monotonic() - started  # at "audit": the whole closing but its commit
        closer.kill()
        assert _all_or_nothing() == "open", pause
    # Then at random moments over the length of a closing: before, during, after the commit.
    rng = random.Random(8)
    outcomes = []
    for delay in (rng.uniform(0.0, 2 * inside) for _ in range(3)):
        closer = closer_pausing_at("none")
        closer.go()
        time.sleep(delay)
        closer.kill()
        outcomes.append((round(delay, 2), _all_or_nothing()))

    outcome = close_day(office.supervisor, DAY, right, now=EVENING)

    closed_by_a_child = any(state == "closed" for _, state in outcomes)
    assert outcome.already_closed == closed_by_a_child
    if not closed_by_a_child:
        assert (outcome.loads, outcome.records, len(outcome.daily_seals)) == (10, ACTS, 2)
    assert _all_or_nothing() == "closed"
    print(f"\nclosing {inside:.2f} s before its commit; killed at random moments: {outcomes}")


def test_a_kill_after_the_commit_leaves_it_closed_and_closing_again_adds_nothing(
        day_to_close):
    office, right, closer_pausing_at = day_to_close
    closer = closer_pausing_at("closed")
    closer.go()
    closer.expect("paused closed")
    closer.kill()
    assert _all_or_nothing() == "closed"
    before = sorted(SealRecord.select(SealRecord.code, SealRecord.state, SealRecord.load)
                    .tuples())

    again = close_day(office.supervisor, DAY, right, now=EVENING)

    assert again.already_closed and (again.loads, again.records) == (0, 0)
    assert _all_or_nothing() == "closed"
    assert sorted(SealRecord.select(SealRecord.code, SealRecord.state, SealRecord.load)
                  .tuples()) == before
