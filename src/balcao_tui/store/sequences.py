"""Sequential numbers for purely digital seal codes, one series per (CNS, act code, year).

Called inside a write transaction: the UPDATE takes the row lock (PostgreSQL) or the
database is already locked (SQLite, BEGIN IMMEDIATE), so two terminals never get the same
number.
"""
from __future__ import annotations

from .models import SequenceCounter


def next_sequence(cns: str, act_code: str, year: int) -> int:
    key = ((SequenceCounter.cns == cns) & (SequenceCounter.act_code == act_code)
           & (SequenceCounter.year == year))
    (SequenceCounter.insert(cns=cns, act_code=act_code, year=year, last_value=0)
     .on_conflict_ignore().execute())
    SequenceCounter.update(last_value=SequenceCounter.last_value + 1).where(key).execute()
    return SequenceCounter.select(SequenceCounter.last_value).where(key).scalar()
