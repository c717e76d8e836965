"""What the transmitter writes to the shared state (store/transmitter_state.py): its link
state when it changes, each attempt, the lease holder, and what it reads back (the pause
and the send-now request)."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from ..domain.deadlines import utcnow
from ..domain.link_state import LinkState
from .db import write_transaction
from .models import TransmitterState
from .transmitter_state import STATE_ID, live_holder, paused_by

_ROW = TransmitterState.id == STATE_ID


@dataclass(frozen=True)
class Control:
    paused: bool
    reason: str
    paused_by: str
    send_now_requested_at: datetime | None


def read_control() -> Control:
    """One read by primary key: polled by every transmitter while it waits."""
    row = TransmitterState.get_by_id(STATE_ID)
    return Control(row.paused, row.paused_reason, paused_by(row), row.send_now_requested_at)


def report_link_state(holder: str, state: LinkState, detail: str,
                      last_success_at: datetime | None) -> bool:
    """Write the link state as `holder` sees it, unless another process holds the lease
    (its word wins) or the transmission is paused (only "paused" is true then). Nothing is
    written when nothing changed. True if written."""
    now = utcnow()
    with write_transaction():
        current, _ = live_holder(now)
        row = TransmitterState.get_by_id(STATE_ID)
        if (current and current != holder) or (row.paused and state != LinkState.PAUSED):
            return False
        success = last_success_at or row.last_success_at
        if (row.link_state, row.detail, row.last_success_at) == (state, detail, success):
            return False
        (TransmitterState.update(link_state=state, detail=detail, last_success_at=success,
                                 updated_at=now).where(_ROW).execute())
    return True


def record_attempt(outcome: str, error: str, at: datetime) -> None:
    """Inside the transaction that records a batch's outcome."""
    fields = {"last_attempt_at": at, "last_attempt_outcome": outcome, "updated_at": at}
    if outcome == "answered":
        fields["last_success_at"] = at
    else:
        fields["last_error"] = error[:2000]
    TransmitterState.update(**fields).where(_ROW).execute()


def record_holder(holder: str, since: datetime | None = None) -> None:
    """The lease was just taken by `holder`."""
    since = since or utcnow()
    with write_transaction():
        (TransmitterState.update(holder=holder, holder_since=since)
         .where(_ROW & (TransmitterState.holder != holder)).execute())


def clear_holder(holder: str) -> None:
    with write_transaction():
        (TransmitterState.update(holder="", holder_since=None)
         .where(_ROW & (TransmitterState.holder == holder)).execute())
