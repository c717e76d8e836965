"""After a kill -9 of a terminal on PostgreSQL, its server session outlives it for a moment:
a COMMIT the terminal sent just before the kill may still land. Tests that count what the
killed terminal left wait for its session to end first."""
from __future__ import annotations

import time

from balcao_tui.store.db import database, is_sqlite

OTHERS = ("SELECT count(*) FROM pg_stat_activity "
          "WHERE datname = current_database() AND pid <> pg_backend_pid() "
          "AND backend_type = 'client backend'")


def wait_for_killed_sessions(timeout: float = 30) -> None:
    """Until this test's connection is the only one left on the database (SQLite: at
    once, the killed process took its transaction with it)."""
    if is_sqlite():
        return
    deadline = time.monotonic() + timeout
    while database.obj.execute_sql(OTHERS).fetchone()[0]:
        assert time.monotonic() < deadline, "a killed terminal's session never ended"
        time.sleep(0.02)
