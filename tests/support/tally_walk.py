"""A seeded random walk of seal records through the state machine's allowed transitions
(written through store/state_writes.py), with deletes, for the state tally's tests; and
the count the tally must equal."""
from __future__ import annotations

import random
from datetime import timedelta

import peewee as pw

from balcao_tui.domain.deadlines import utcnow
from balcao_tui.domain.seal_states import SEAL_TRANSITIONS, SealState
from balcao_tui.store.db import write_transaction
from balcao_tui.store.models import SealRecord
from balcao_tui.store.state_writes import create_seal_record, move_seal_records

from .seal_records import FIRST_SEQUENCE, digital_row

# Far above support.seal_records' own sequences: each walker has a range of its own.
WALK_SEQUENCES = FIRST_SEQUENCE + 1_000_000
PER_WALKER = 100_000


def _role(source: SealState | None, target: SealState) -> str | None:
    return None if SEAL_TRANSITIONS[(source, target)].action is None else "tabeliao"


def _targets(source: SealState | None) -> list[SealState]:
    return [target for (s, target) in SEAL_TRANSITIONS if s == source]


class Walker:
    def __init__(self, seed: int, walker: int = 0) -> None:
        self.rng = random.Random(seed)
        self.next_sequence = WALK_SEQUENCES + walker * PER_WALKER
        self.mine: list[int] = []  # walkers never touch each other's records: no deadlocks

    def insert(self) -> None:
        target = self.rng.choice(_targets(None))
        row = digital_row(self.next_sequence, utcnow() - timedelta(minutes=5))
        del row["state"]
        self.next_sequence += 1
        self.mine.append(create_seal_record(target, _role(None, target), **row).id)

    def _some_record(self) -> tuple[int, str] | None:
        if not self.mine:
            return None
        record = self.rng.choice(self.mine)
        return record, SealRecord.get_by_id(record).state

    def move(self) -> None:
        found = self._some_record()
        if found is None or not _targets(SealState(found[1])):
            return
        record, source = found[0], SealState(found[1])
        target = self.rng.choice(_targets(source))
        move_seal_records(SealRecord.id == record, source, target, _role(source, target),
                          reason="Passeio aleatório do teste.")

    def delete(self) -> None:
        found = self._some_record()
        if found is not None:
            SealRecord.delete().where(SealRecord.id == found[0]).execute()
            self.mine.remove(found[0])

    def step(self) -> None:
        """One transaction of one to three writes."""
        mine = list(self.mine)
        try:
            with write_transaction():
                for _ in range(self.rng.randint(1, 3)):
                    self.rng.choices([self.insert, self.move, self.delete], [4, 5, 1])[0]()
        except BaseException:
            self.mine = mine
            raise


def counted() -> dict[str, int]:
    """Records per state, counted one by one."""
    return dict(SealRecord.select(SealRecord.state, pw.fn.COUNT(SealRecord.id))
                .group_by(SealRecord.state).tuples())
