"""The transmitter's state that every terminal shows alike, and the supervisor's controls.

The row lives in the database (transmitter_state): the link state and its detail, the
last attempt, the pause, the send-now request, and the lease holder with since when. The
transmitter writes it (store/transmitter_reports.py); the controls below are use cases.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from ..domain.boundary import clean_text
from ..domain.deadlines import utcnow
from ..domain.link_state import LinkState
from ..domain.permissions import Action
from .actors import acting_user
from .audit import audit
from .db import write_transaction
from .errors import Refused
from .models import Lease, TransmissionBatch, TransmitterState, User

LEASE_NAME = "transmitter"
STATE_ID = 1


@dataclass(frozen=True)
class TransmitterView:
    link_state: str  # a domain.link_state.LinkState value
    detail: str
    last_success_at: datetime | None
    last_attempt_at: datetime | None
    last_attempt_outcome: str
    last_error: str
    paused: bool
    paused_by: str  # login, "" when not paused
    holder: str  # "host:pid:…", "" when no process holds the lease
    holder_since: datetime | None
    lease_expires_at: datetime | None
    send_now_requested_at: datetime | None
    interrupted_batches: int  # left "sending" by a process that no longer holds the lease


def live_holder(now: datetime) -> tuple[str, datetime | None]:
    """The lease holder and its expiry; ("", None) when nobody holds it now."""
    lease = Lease.get_or_none(Lease.name == LEASE_NAME)
    if lease is None or not lease.holder or lease.expires_at is None or lease.expires_at < now:
        return "", None
    return lease.holder, lease.expires_at


def paused_by(row: TransmitterState) -> str:
    if not row.paused or row.paused_by_id is None:
        return ""
    return User.select(User.login).where(User.id == row.paused_by_id).scalar() or ""


def read_transmitter_view(now: datetime | None = None) -> TransmitterView:
    now = now or utcnow()
    row = TransmitterState.get_by_id(STATE_ID)
    holder, expires = live_holder(now)
    sending = TransmissionBatch.outcome == "sending"
    interrupted = (TransmissionBatch.select()
                   .where(sending & (TransmissionBatch.holder != holder)).count())
    return TransmitterView(
        link_state=row.link_state, detail=row.detail, last_success_at=row.last_success_at,
        last_attempt_at=row.last_attempt_at, last_attempt_outcome=row.last_attempt_outcome,
        last_error=row.last_error, paused=row.paused, paused_by=paused_by(row),
        holder=holder, holder_since=row.holder_since if holder == row.holder else None,
        lease_expires_at=expires, send_now_requested_at=row.send_now_requested_at,
        interrupted_batches=interrupted)


def _state() -> TransmitterState:
    return TransmitterState.get_by_id(STATE_ID)


def pause_transmission(actor_id: int, reason: str) -> TransmitterView:
    """No record goes to the TJ until someone resumes; the transmitters let go the lease."""
    reason = clean_text(reason, "reason", required=True)
    with write_transaction():
        actor = acting_user(actor_id, Action.MANAGE_TRANSMISSION)
        if _state().paused:
            raise Refused("A transmissão já está pausada.")
        (TransmitterState.update(paused=True, paused_by=actor.id, paused_reason=reason,
                                 link_state=LinkState.PAUSED,
                                 detail=f"Transmissão pausada por {actor.login}: {reason}",
                                 updated_at=utcnow())
         .where(TransmitterState.id == STATE_ID).execute())
        audit(actor.id, "transmission.pause", "transmitter", STATE_ID, reason=reason)
    return read_transmitter_view()


def resume_transmission(actor_id: int) -> TransmitterView:
    with write_transaction():
        actor = acting_user(actor_id, Action.MANAGE_TRANSMISSION)
        if not _state().paused:
            raise Refused("A transmissão não está pausada.")
        (TransmitterState.update(paused=False, paused_by=None, paused_reason="",
                                 link_state=LinkState.STOPPED,
                                 detail="Transmissão retomada; aguardando o transmissor.",
                                 updated_at=utcnow())
         .where(TransmitterState.id == STATE_ID).execute())
        audit(actor.id, "transmission.resume", "transmitter", STATE_ID)
    return read_transmitter_view()


def request_send_now(actor_id: int) -> TransmitterView:
    """The transmitter sends at once, also in offline or scheduled mode."""
    with write_transaction():
        actor = acting_user(actor_id, Action.MANAGE_TRANSMISSION)
        if _state().paused:
            raise Refused("A transmissão está pausada: retome-a antes de pedir o envio.")
        (TransmitterState.update(send_now_requested_at=utcnow(), updated_at=utcnow())
         .where(TransmitterState.id == STATE_ID).execute())
        audit(actor.id, "transmission.send_now", "transmitter", STATE_ID)
    return read_transmitter_view()
