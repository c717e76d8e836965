"""A running transmitter keeps the state tally small: it folds it where it prunes the
change feed, and the totals stay those of the records it moved."""
from __future__ import annotations

from dataclasses import replace

from balcao_tui.domain.seal_states import SealState
from balcao_tui.store.models import SealStateTally
from balcao_tui.store.state_tally import state_totals
from support.seal_records import insert_pending
from support.tally_walk import counted

from .conftest import FAST, configure_tj, count_in_state, wait_for


async def test_the_transmitter_folds_the_tally_while_it_sends(
        any_office, sim, cert_files, start_transmitter):
    configure_tj(sim.url, cert_files.p12)
    insert_pending(30)
    running = start_transmitter(replace(FAST, prune_every=0.2))
    await wait_for(lambda: count_in_state(SealState.COMMUNICATED) == 30, timeout=30)
    await wait_for(lambda: SealStateTally.select().count() == len(counted()), timeout=30)
    assert state_totals() == counted()
    await running.stop()
