"""A supervisor's terminal closing a day, run as a separate process to be killed with -9.

usage: python -m support.closing_worker URL ACTOR_ID DAY NOW PAPER_COUNT CASH REASON PAUSE
Prints "ready" once the store is open, waits for a line on stdin, prints "closing" and
closes DAY. PAUSE stops it for good at one moment of the closing, printing "paused PAUSE":
inside the transaction once the second load exists and the first holds its records
(`load2`), every record is pending in its load (`queued`), the daily seals are made
(`daily`), the audit entry is written (`audit`); or after the commit (`closed`). With
`none` it prints "done" when the closing returns.
"""
import contextlib
import sys
import time
from datetime import date, datetime
from unittest import mock

from balcao_tui.store import models
from balcao_tui.store.db import open_database
from balcao_tui.store.usecases import closing

INSIDE = {"load2": (models.SealLoad, "create", 2),
          "queued": (closing, "_queue_hybrid_records", 1),
          "daily": (closing, "make_daily_seals", 1), "audit": (closing, "audit", 1)}


def stop_here(name: str) -> None:
    print(f"paused {name}", flush=True)
    time.sleep(3600)


def pause_after(name: str):
    owner, attribute, nth = INSIDE[name]
    original = getattr(owner, attribute)
    calls = []

    def then_pause(*args, **kwargs):
        result = original(*args, **kwargs)
        calls.append(1)
        if len(calls) == nth:
            stop_here(name)
        return result

    return mock.patch.object(owner, attribute, then_pause)


def main() -> int:
    url, actor, day, now, paper, cash, reason, pause = sys.argv[1:9]
    open_database(url)
    counted = closing.Counted(int(paper), int(cash), open_drawers_reason=reason)
    print("ready", flush=True)
    sys.stdin.readline()
    print("closing", flush=True)
    with pause_after(pause) if pause in INSIDE else contextlib.nullcontext():
        closing.close_day(int(actor), date.fromisoformat(day), counted,
                          now=datetime.fromisoformat(now))
    if pause == "closed":
        stop_here(pause)
    print("done", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
