"""The only writer of seal-record and physical-seal states (a test keeps it so).

Each write asks the state machine (domain.seal_states) first, then updates only the rows
still in an allowed source state: a row that another terminal or the transmitter moved in
the meantime is not touched, and the caller learns it from the count. Nothing heads for
the TJ (a new record not yet sent, a record released to the queue) while a restored
database waits for its resync.
"""
from __future__ import annotations

from typing import Iterable

import peewee as pw

from ..domain.seal_states import (UNSENT, PhysicalState, SealState,
                                  check_physical_transition, check_seal_transition)
from .models import PhysicalSeal, SealRecord
from .resync_flag import refuse_until_resynced

_INSERT_CHUNK = 500


def _as_tuple(states) -> tuple:
    return (states,) if isinstance(states, str) else tuple(states)


def create_seal_record(state: SealState, role: str, **fields) -> SealRecord:
    check_seal_transition(None, state, role)
    if state in UNSENT:
        refuse_until_resynced()
    return SealRecord.create(state=state, **fields)


def move_seal_records(where: pw.Expression, sources: SealState | Iterable[SealState],
                      target: SealState, role: str | None, reason: str | None = None,
                      **fields) -> int:
    """Move the records matching `where` from any of `sources` to `target`; returns how many
    moved. `role` None is the system itself (the transmitter recording the TJ's answers)."""
    sources = _as_tuple(sources)
    for source in sources:
        check_seal_transition(source, target, role, reason)
    if target in UNSENT:
        refuse_until_resynced()
    return (SealRecord.update(state=target, **fields)
            .where(where & SealRecord.state.in_(sources)).execute())


def create_physical_seals(rows: list[dict], role: str | None) -> None:
    """Insert a purchase's seals, available. `role` None only for the set-up commands."""
    if role is not None:
        check_physical_transition(None, PhysicalState.AVAILABLE, role)
    for start in range(0, len(rows), _INSERT_CHUNK):
        chunk = rows[start:start + _INSERT_CHUNK]
        PhysicalSeal.insert_many([{**row, "state": PhysicalState.AVAILABLE} for row in chunk]
                                 ).execute()


def move_physical_seals(where: pw.Expression, sources: PhysicalState | Iterable[PhysicalState],
                        target: PhysicalState, role: str | None, reason: str | None = None,
                        **fields) -> int:
    sources = _as_tuple(sources)
    for source in sources:
        check_physical_transition(source, target, role, reason)
    if reason is not None:
        fields["reason"] = reason
    return (PhysicalSeal.update(state=target, **fields)
            .where(where & PhysicalSeal.state.in_(sources)).execute())
