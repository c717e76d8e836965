"""The mark a restored database carries until it is resynced with the TJ.

A copy brings the store back to an earlier moment while the TJ kept everything it received:
until the resync moves the sequences past the TJ's numbers and brings back what the store
lost, nothing may head for the TJ (a new seal record, a record released to the queue), or
the office would issue again a code the TJ already holds.
"""
from __future__ import annotations

from datetime import datetime

from .errors import Refused
from .models import Setting

RESYNC_KEY = "tj.resync_required"
WAIT_FOR_RESYNC = ("O banco foi restaurado de uma cópia de segurança: aguarde a "
                   "ressincronização com o TJ.")


def resync_required_since() -> datetime | None:
    """When the restored copy was taken (the resync lists the TJ from a few days before),
    or None when no resync is owed."""
    row = Setting.get_or_none(Setting.key == RESYNC_KEY)
    return datetime.fromisoformat(row.value) if row and row.value else None


def refuse_until_resynced() -> None:
    if Setting.select().where((Setting.key == RESYNC_KEY) & (Setting.value != "")).exists():
        raise Refused(WAIT_FOR_RESYNC)


def require_resync(taken_at: datetime) -> None:
    """Inside the caller's write transaction (or on a copy no terminal uses yet)."""
    value = taken_at.isoformat()
    Setting.insert(key=RESYNC_KEY, value=value).on_conflict(
        conflict_target=[Setting.key], update={Setting.value: value}).execute()


def resync_done() -> None:
    Setting.delete().where(Setting.key == RESYNC_KEY).execute()
