"""A lease row: at most one holder at a time across processes; an expired one is taken over."""
from __future__ import annotations

from datetime import datetime, timedelta

from ..domain.deadlines import utcnow
from .db import write_transaction
from .models import Lease

TRANSMITTER_LEASE = "transmitter"  # the one process that sends to the TJ holds it


def acquire_lease(name: str, holder: str, ttl: timedelta, now: datetime | None = None) -> bool:
    """Take or renew the lease; False while someone else holds an unexpired one."""
    now = now or utcnow()
    with write_transaction():
        Lease.insert(name=name, holder="", expires_at=None).on_conflict_ignore().execute()
        taken = (Lease.update(holder=holder, expires_at=now + ttl)
                 .where((Lease.name == name)
                        & ((Lease.holder == holder) | (Lease.holder == "")
                           | Lease.expires_at.is_null() | (Lease.expires_at < now)))
                 .execute())
    return bool(taken)


def release_lease(name: str, holder: str) -> None:
    with write_transaction():
        (Lease.update(holder="", expires_at=None)
         .where((Lease.name == name) & (Lease.holder == holder)).execute())


def lease_holder(name: str, now: datetime | None = None) -> str | None:
    now = now or utcnow()
    row = Lease.get_or_none(Lease.name == name)
    if row is None or not row.holder or row.expires_at is None or row.expires_at < now:
        return None
    return row.holder
