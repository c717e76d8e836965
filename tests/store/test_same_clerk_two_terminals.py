"""A clerk on two terminals (PostgreSQL, where writers run side by side): a service on one
does not wait for a service still in progress on the other, and each takes its own seal
from the clerk's sheet. The drawer's closing still waits for both (test_races.py)."""
from __future__ import annotations

import threading
from datetime import datetime, timezone

from balcao_tui.store.models import Act, SealRecord
from balcao_tui.store.usecases import counter
from balcao_tui.store.usecases.counter import register_counter_acts
from support.office import close_store, make_office

NOON = datetime(2026, 11, 21, 15, 0, tzinfo=timezone.utc)


def _two_terminals(monkeypatch, clerk: int, *, first_fails: bool, wait: float
                   ) -> tuple[dict[str, object], bool]:
    """The first terminal's service stops after taking its seal, uncommitted, until the
    second one has run for `wait` seconds; then it commits (or fails and rolls back).
    Returns each one's outcome and whether the second was still waiting then."""
    in_progress, finish = threading.Event(), threading.Event()
    record = counter.create_seal_record

    def held_open(*args, **kwargs):
        if threading.current_thread().name == "first":
            in_progress.set()
            assert finish.wait(30)
            if first_fails:
                raise RuntimeError("the first terminal's service fails")
        return record(*args, **kwargs)

    monkeypatch.setattr(counter, "create_seal_record", held_open)
    done: dict[str, object] = {}

    def terminal() -> None:
        name = threading.current_thread().name
        try:
            done[name] = register_counter_acts(clerk, "autenticacao", 1, now=NOON)
        except Exception as exc:  # noqa: BLE001 - reported by the assertions
            done[name] = exc

    one = threading.Thread(target=terminal, name="first")
    one.start()
    assert in_progress.wait(30)
    other = threading.Thread(target=terminal, name="second")
    other.start()
    other.join(wait)
    still_waiting = other.is_alive()
    finish.set()
    one.join(30)
    other.join(30)
    return done, still_waiting


def test_a_service_in_progress_on_one_terminal_does_not_hold_up_the_other(pg_url,
                                                                          monkeypatch):
    office = make_office(pg_url)
    done, still_waiting = _two_terminals(monkeypatch, office.clerk, first_fails=False,
                                         wait=10)
    assert not still_waiting, "the second terminal waited for the first one's service"
    [taken_first] = done["first"].acts
    [taken_second] = done["second"].acts
    assert (taken_first.series, taken_first.number) != (taken_second.series,
                                                        taken_second.number)
    assert {taken_first.number, taken_second.number} == {1, 2}
    assert Act.select().count() == SealRecord.select().count() == 2
    close_store()


def test_the_last_free_seal_is_waited_for_and_taken_when_the_other_service_fails(
        pg_url, monkeypatch):
    office = make_office(pg_url, sheet_size=1)
    done, still_waiting = _two_terminals(monkeypatch, office.clerk, first_fails=True,
                                         wait=1)
    assert still_waiting  # nothing else to take: it waits to see whether the seal comes back
    assert isinstance(done["first"], RuntimeError)
    [taken] = done["second"].acts
    assert (taken.series, taken.number) == ("AU0001", 1)
    assert Act.select().count() == SealRecord.select().count() == 1
    close_store()
