"""Waiting for the change feed without busy work: on PostgreSQL a dedicated connection
LISTENs on `balcao_changes` (the triggers' NOTIFY) and wakes at once; on SQLite it sleeps a
quarter of a second, and the caller polls `current_revision()` (one indexed read)."""
from __future__ import annotations

import logging
import time

from .db import database, is_sqlite

POLL_SECONDS = 0.25
CHANNEL = "balcao_changes"
log = logging.getLogger(__name__)


class FeedWaiter:
    def __init__(self) -> None:
        self._listener = None

    def wait(self) -> None:
        """Until something may have changed, or POLL_SECONDS (a safety net on PostgreSQL:
        a late commit lets an earlier change through after its NOTIFY was read)."""
        if is_sqlite():
            time.sleep(POLL_SECONDS)
            return
        try:
            listener = self._listen()
            for _ in listener.notifies(timeout=POLL_SECONDS, stop_after=1):
                pass
        except Exception:
            log.exception("change feed: LISTEN failed; polling instead")
            self.close()
            time.sleep(POLL_SECONDS)

    def _listen(self):
        if self._listener is None:
            import psycopg

            db = database.obj
            self._listener = psycopg.connect(dbname=db.database, autocommit=True,
                                             **db.connect_params)
            self._listener.execute(f"LISTEN {CHANNEL}")
        return self._listener

    def close(self) -> None:
        if self._listener is not None:
            listener, self._listener = self._listener, None
            listener.close()
