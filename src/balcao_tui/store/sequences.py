"""Sequential numbers for purely digital seal codes, one series per (CNS, act code, year).

Called inside a write transaction: the upsert takes the row lock (PostgreSQL) or the
database is already locked (SQLite, BEGIN IMMEDIATE), so two terminals never get the same
number.
"""
from __future__ import annotations

from .models import SequenceCounter


def _counter(cns: str, act_code: str, year: int):
    (SequenceCounter.insert(cns=cns, act_code=act_code, year=year, last_value=0)
     .on_conflict_ignore().execute())
    return ((SequenceCounter.cns == cns) & (SequenceCounter.act_code == act_code)
            & (SequenceCounter.year == year))


def next_sequence(cns: str, act_code: str, year: int) -> int:
    """One statement: the series' first number, or the one after its last."""
    cursor = (SequenceCounter.insert(cns=cns, act_code=act_code, year=year, last_value=1)
              .on_conflict(conflict_target=[SequenceCounter.cns, SequenceCounter.act_code,
                                            SequenceCounter.year],
                           update={SequenceCounter.last_value:
                                   SequenceCounter.last_value + 1})
              .returning(SequenceCounter.last_value).tuples().execute())
    [(number,)] = list(cursor)
    return number


def advance_sequence(cns: str, act_code: str, year: int, used: int) -> None:
    """Never hand out `used` or a number below it (a code the TJ already holds)."""
    key = _counter(cns, act_code, year)
    SequenceCounter.update(last_value=used).where(
        key & (SequenceCounter.last_value < used)).execute()
