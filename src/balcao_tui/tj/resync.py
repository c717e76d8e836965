"""The resync with the TJ after a restore: the TJ's listing of every day from a few days
before the copy was taken up to today, settled day by day (store/usecases/tj_resync.py);
the mark "resync required" is lifted only once every day was listed. If the TJ cannot be
reached, the mark stays and nothing heads for the TJ; running it again is harmless."""
from __future__ import annotations

import asyncio
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Mapping

import httpx

from ..domain.deadlines import office_day, utcnow
from ..store.usecases.office import get_office
from ..store.usecases.tj_resync import DaySettled, finish_resync, resync_owed, settle_day
from .day_audit import TIMEOUT, list_day_at_tj, tj_config
from .db_thread import db_call

# A record made before the copy may reach the TJ after it: a correction dated on its act's
# day (up to 72 h earlier), a day closed late. The listing starts this many days before.
MARGIN_DAYS = 4


@dataclass(frozen=True)
class ResyncOutcome:
    first: date
    last: date
    days: tuple[DaySettled, ...]

    @property
    def recovered(self) -> tuple[str, ...]:
        return tuple(code for day in self.days for code in day.recovered)

    @property
    def problems(self) -> tuple[str, ...]:
        return tuple(problem for day in self.days for problem in day.problems)


def resync_start(taken_at: datetime) -> date:
    return office_day(taken_at) - timedelta(days=MARGIN_DAYS)


async def resync_since_owed(actor_id: int) -> date | None:
    """The first day to list for the resync the store owes, or None if it owes none."""
    taken_at = await db_call(resync_owed, actor_id)
    return resync_start(taken_at) if taken_at is not None else None


async def resync_with_tj(actor_id: int, since: date, *, until: date | None = None,
                         env: Mapping[str, str] | None = None,
                         transport: httpx.AsyncBaseTransport | None = None,
                         timeout: float = TIMEOUT) -> ResyncOutcome:
    """Raises TJAuditFailed (in Portuguese) when the TJ cannot be consulted."""
    await db_call(resync_owed, actor_id)
    config = await db_call(tj_config, env)
    cns = (await db_call(get_office)).cns
    last = until or office_day(utcnow())
    settled = []
    day = since
    while day <= last:
        listing = await list_day_at_tj(config, cns, day, transport, timeout)
        settled.append(await db_call(settle_day, actor_id, day, listing))
        day += timedelta(days=1)
    await db_call(finish_resync, actor_id, since, last, settled)
    return ResyncOutcome(since, last, tuple(settled))


def resync_blocking(actor_id: int, since: date, **kwargs) -> ResyncOutcome:
    """For the command line: the resync on an event loop of its own."""
    return asyncio.run(resync_with_tj(actor_id, since, **kwargs))
