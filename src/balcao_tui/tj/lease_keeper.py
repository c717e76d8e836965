"""Holding the "transmitter" lease: at most one process sends, across terminals and hosts.

The lease row is taken or renewed with the database clock of this process (terminals run
on one server); a holder that dies stops renewing and its lease expires after `ttl`.
While held, a background task renews it every ttl/3, so a long request to the TJ does
not lose it.
"""
from __future__ import annotations

import asyncio
import logging
import os
import secrets
import socket
import time
from datetime import timedelta
from typing import Callable

from ..store.lease import TRANSMITTER_LEASE as LEASE_NAME
from ..store.lease import acquire_lease, lease_holder, release_lease
from ..store.transmitter_reports import clear_holder, record_holder
from .db_thread import db_call

log = logging.getLogger(__name__)


def _try_acquire(holder: str, ttl: timedelta) -> bool:
    """Read first: a standby terminal polling the lease takes no write lock."""
    current = lease_holder(LEASE_NAME)
    if current is not None and current != holder:
        return False
    return acquire_lease(LEASE_NAME, holder, ttl)


def _release(holder: str) -> None:
    release_lease(LEASE_NAME, holder)
    clear_holder(holder)


def make_holder_id() -> str:
    """host:pid:random: says which process holds the lease, nothing personal."""
    return f"{socket.gethostname()}:{os.getpid()}:{secrets.token_hex(3)}"


class LeaseKeeper:
    def __init__(self, ttl: float, holder: str | None = None,
                 on_lost: Callable[[], None] | None = None) -> None:
        self.ttl = ttl
        self.holder = holder or make_holder_id()
        self._on_lost = on_lost
        self._valid_until = 0.0
        self._maybe_in_row = False  # the row may name us: release must clear it
        self._renewer: asyncio.Task | None = None
        self._closing = asyncio.Event()

    @property
    def held(self) -> bool:
        return time.monotonic() < self._valid_until

    async def acquire(self) -> bool:
        """Take or renew the lease now; starts the renewing task when taken.
        Database errors are raised: not knowing is not the same as another holder."""
        asked_at = time.monotonic()
        taken = await db_call(_try_acquire, self.holder, timedelta(seconds=self.ttl))
        was_held = self.held
        self._valid_until = asked_at + self.ttl if taken else 0.0
        self._maybe_in_row = self._maybe_in_row or taken
        if taken and not was_held:
            log.info("lease taken by %s (ttl %.1f s)", self.holder, self.ttl)
            await db_call(record_holder, self.holder)
        if taken and not self._closing.is_set() and (
                self._renewer is None or self._renewer.done()):
            self._renewer = asyncio.create_task(self._renew_loop(), name="lease-renewer")
        if was_held and not taken:
            log.warning("lease lost by %s", self.holder)
            if self._on_lost is not None:
                self._on_lost()
        return taken

    async def release(self) -> None:
        await self._stop_renewing()
        self._valid_until = 0.0
        if self._maybe_in_row:
            self._maybe_in_row = False
            try:
                await db_call(_release, self.holder)
                log.info("lease released by %s", self.holder)
            except Exception:
                log.exception("lease: could not release (it will expire by itself)")

    async def _renew_loop(self) -> None:
        while self.held and not self._closing.is_set():
            try:
                await asyncio.wait_for(self._closing.wait(), self.ttl / 3)
                return
            except TimeoutError:
                pass
            try:
                if not await self.acquire():
                    return
            except Exception:  # the lease runs out by itself if this goes on
                log.exception("lease: could not renew (database error); trying again")

    async def _stop_renewing(self) -> None:
        """Let the renewer finish its current database call (never cut a write short)."""
        task, self._renewer = self._renewer, None
        if task is not None and task is not asyncio.current_task():
            self._closing.set()
            try:
                await task
            except Exception:
                log.exception("lease: renewer failed")
            finally:
                self._closing.clear()
