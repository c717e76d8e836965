"""The worker's life inside an app: cancelled on exit, leaving no lease and no connection."""
from __future__ import annotations

import asyncio
from pathlib import Path

from balcao_tui.store.db import close_database
from balcao_tui.store.lease import lease_holder
from balcao_tui.domain.seal_states import SealState
from balcao_tui.tj.link_status import LinkState
from support.seal_records import insert_pending

from .conftest import configure_tj, count_in_state, wait_for


async def test_cancel_releases_the_lease_and_leaves_no_sqlite_connection(
        office, sim, cert_files, start_transmitter):
    configure_tj(sim.url, cert_files.p12)
    insert_pending(30)
    running = start_transmitter()
    await wait_for(lambda: count_in_state(SealState.COMMUNICATED) == 30, timeout=30)
    assert lease_holder("transmitter") == running.transmitter.holder
    running.task.cancel()  # what Textual does to its workers when the app exits
    try:
        await running.task
    except asyncio.CancelledError:
        pass
    assert lease_holder("transmitter") is None
    assert running.statuses[-1].state is LinkState.STOPPED
    # SQLite removes the WAL file when the last connection closes: none may be left in
    # the transmitter's worker threads once this thread closes its own.
    close_database()
    database_file = Path(office.url.removeprefix("sqlite:///"))
    assert database_file.exists()
    assert not Path(f"{database_file}-wal").exists()
