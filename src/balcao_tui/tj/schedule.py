"""The daily schedule of the "agendado" mode, in São Paulo local time.

A record is due when its act happened before the most recent scheduled time (so the
office's day goes out at, say, 21:00 and whatever was still pending then goes out as soon
as it can), or when its 24 h deadline ends within the urgent horizon. The rule needs no
memory of earlier runs, so a restart changes nothing. The hour is read by
domain/transmission_mode.py.
"""
from __future__ import annotations

from datetime import datetime, time, timedelta

from ..domain.deadlines import OFFICE_TZ, ensure_utc


def last_scheduled_at(now: datetime, schedule: tuple[int, int]) -> datetime:
    """The most recent instant (UTC) when the local clock showed the scheduled time."""
    local = ensure_utc(now).astimezone(OFFICE_TZ)
    at = datetime.combine(local.date(), time(*schedule), tzinfo=OFFICE_TZ)
    if at > local:
        at = datetime.combine(local.date() - timedelta(days=1), time(*schedule),
                              tzinfo=OFFICE_TZ)
    return at.astimezone(ensure_utc(now).tzinfo)


def next_scheduled_at(now: datetime, schedule: tuple[int, int]) -> datetime:
    local = ensure_utc(now).astimezone(OFFICE_TZ)
    at = datetime.combine(local.date(), time(*schedule), tzinfo=OFFICE_TZ)
    if at <= local:
        at = datetime.combine(local.date() + timedelta(days=1), time(*schedule),
                              tzinfo=OFFICE_TZ)
    return at.astimezone(ensure_utc(now).tzinfo)


def is_due(act_at: datetime, deadline_at: datetime, now: datetime,
           schedule: tuple[int, int], urgent_horizon: timedelta) -> bool:
    return (ensure_utc(act_at) <= last_scheduled_at(now, schedule)
            or ensure_utc(deadline_at) <= ensure_utc(now) + urgent_horizon)
