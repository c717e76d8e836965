"""One counter terminal of the soak, run as its own process until the plan's deadline.

usage: python -m soak.worker PLAN_JSON SPAWN_ID SLOT JOURNAL
SPAWN_ID is unique to this process (it picks the fresh CPFs); SLOT is the terminal it plays
(it picks the clerk). Opens the store, says "ready" in its journal, waits for the go-file
(which holds the deadline, a Unix time), then registers acts, signature cards and daily
counts at random. A refusal is an expected answer; any other exception is written to the
journal and ends the process with exit code 1.
"""
from __future__ import annotations

import json
import random
import sys
import time
import traceback
from pathlib import Path

from balcao_tui.domain.identifiers import cpf_check_digits
from balcao_tui.domain.refusal import Refusal
from balcao_tui.store.db import open_database
from balcao_tui.store.models import User
from balcao_tui.store.usecases.counter import register_counter_acts
from balcao_tui.store.usecases.daily import add_daily_count
from balcao_tui.store.usecases.signature_cards import CardData, create_signature_card
from soak.journal import JournalWriter
from support.register_worker import spelled

ACT_KINDS = ("firma_sem_valor", "autenticacao")
DAILY_KIND = "fotocopia"
HOT_CPF_BASE = 100_000_000
HOT_CPFS_PER_SECOND = 8
FRESH_CPF_BASE = 200_000_000  # CPFs only one terminal picks


def cpf(base9: int) -> str:
    digits = f"{base9:09d}"
    return digits + cpf_check_digits(digits)


def hot_cpf() -> str:
    """The CPF of this moment, a new one every 1/8 s: terminals keep asking for the same
    new person at once all through the run (a fixed pool would, only until all its cards
    exist)."""
    return cpf(HOT_CPF_BASE + int(time.time() * HOT_CPFS_PER_SECOND) % HOT_CPF_BASE)


class Terminal:
    def __init__(self, plan: dict, spawn_id: int, slot: int, rng: random.Random) -> None:
        self.plan, self.rng = plan, rng
        self.clerk = plan["clerks"][slot % len(plan["clerks"])]
        self.cards = [plan["card_id"]]
        self.fresh_cpfs = (cpf(FRESH_CPF_BASE + spawn_id * 100_000 + i) for i in range(100_000))

    def next_call(self) -> tuple[str, dict]:
        choice = self.rng.random()
        if choice < 0.55:
            kind = self.rng.choice(ACT_KINDS)
            card = self.rng.choice(self.cards) if kind == "firma_sem_valor" else None
            return "act", {"kind": kind, "count": self.rng.randint(1, 3), "card": card}
        if choice < 0.75:
            number = hot_cpf() if self.rng.random() < 0.5 else next(self.fresh_cpfs)
            return "card", {"cpf": number, "seal": self.rng.random() < 0.5}
        correction = self.rng.random() < 0.1
        quantity = -self.rng.randint(1, 3) if correction else self.rng.randint(1, 20)
        return "daily", {"quantity": quantity}

    def call(self, op: str, args: dict) -> dict:
        if op == "act":
            done = register_counter_acts(self.clerk, args["kind"], args["count"],
                                         signature_card_id=args["card"])
            return {"acts": [[a.act_id, a.seal_code, a.series, a.number] for a in done.acts]}
        if op == "card":
            done = create_signature_card(
                self.clerk, CardData(name=f"Pessoa Soak {spelled(int(args['cpf'][:9]))}",
                                    cpf=args["cpf"]),
                generate_seal=args["seal"])
            self.cards.append(done.card_id)
            return {"card": done.card_id, "seal": done.seal_code}
        totals = add_daily_count(self.clerk, DAILY_KIND, args["quantity"])
        return {"day_total": totals.quantity}


def wait_for_go(path: Path, timeout: float = 120) -> float | None:
    """The deadline the go-file holds, once it exists (None if it never came)."""
    given_up = time.monotonic() + timeout
    while not path.exists():
        if time.monotonic() > given_up:
            return None
        time.sleep(0.01)
    return float(path.read_text())


def main() -> int:
    plan_path, spawn_id, slot, journal_path = sys.argv[1:5]
    spawn_id, slot = int(spawn_id), int(slot)
    plan = json.loads(Path(plan_path).read_text())
    open_database(plan["url"])
    User.select().count()  # connect now, not inside the first timed call
    journal = JournalWriter(Path(journal_path))
    journal.write(t="ready", spawn=spawn_id)
    deadline = wait_for_go(Path(plan["go"]))
    if deadline is None:
        return 2
    terminal = Terminal(plan, spawn_id, slot, random.Random(plan["seed"] * 1000 + spawn_id))
    n = 0
    while time.time() < deadline:
        n += 1
        op, args = terminal.next_call()
        journal.write(t="intent", n=n, op=op, args=args)
        started = time.perf_counter()
        try:
            result = terminal.call(op, args)
        except Refusal as exc:
            journal.write(t="refused", n=n, ms=(time.perf_counter() - started) * 1000,
                          message=exc.message)
        except Exception:
            journal.write(t="error", n=n, ms=(time.perf_counter() - started) * 1000,
                          message=traceback.format_exc())
            return 1
        else:
            journal.write(t="ok", n=n, ms=(time.perf_counter() - started) * 1000,
                          result=result)
        time.sleep(terminal.rng.uniform(0, 2 * plan["think_ms"]) / 1000)
    return 0


if __name__ == "__main__":
    sys.exit(main())
