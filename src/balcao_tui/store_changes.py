"""The App's watch on the change feed: a thread waits for changes (store.feed_waiter) and
each batch reaches the App, which posts StoreChanged to the active screen and refreshes
the status line. Screens that care implement `on_store_changed` and update by key."""
from __future__ import annotations

import logging
import time
from typing import TYPE_CHECKING, Callable

from textual.message import Message
from textual.worker import get_current_worker

if TYPE_CHECKING:
    from .store.change_feed import Change, ChangeBatch

log = logging.getLogger("balcao_tui.ui")


class StoreChanged(Message):
    """What other terminals (or this one) wrote; `full`: too much, reload everything."""

    def __init__(self, changes: tuple[Change, ...], full: bool) -> None:
        super().__init__()
        self.changes = changes
        self.full = full


def watch_feed(report: Callable[[ChangeBatch], None]) -> None:
    """In a thread worker, until it is cancelled: `report` (called in this thread) gets
    every batch with changes or a gap."""
    from .store.change_feed import changes_since, current_revision
    from .store.db import connected, is_sqlite
    from .store.feed_waiter import FeedWaiter

    worker = get_current_worker()
    waiter = FeedWaiter()
    try:
        with connected():
            revision = current_revision()
        while not worker.is_cancelled:
            waiter.wait()
            if worker.is_cancelled:
                return
            try:
                with connected():
                    if is_sqlite() and current_revision() == revision:
                        continue
                    batch = changes_since(revision)
            except Exception:
                log.exception("change feed: read failed; trying again")
                time.sleep(1.0)
                continue
            if batch.changes or batch.gap:
                report(batch)
            revision = batch.revision
    finally:
        waiter.close()
