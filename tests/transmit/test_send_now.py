"""Send now, against the real simulator: records the offline or scheduled mode holds go at
once when another terminal asks, each reaching the TJ once; a second request with nothing
pending sends nothing, and the mode holds the next records again; a request that meets
the TJ down is retried until it goes."""
from __future__ import annotations

import asyncio
from dataclasses import replace
from datetime import timedelta

import pytest

from balcao_tui.domain.deadlines import to_local, utcnow
from balcao_tui.domain.seal_states import SealState
from balcao_tui.store.models import AuditEntry
from balcao_tui.store.transmitter_state import request_send_now
from balcao_tui.tj.link_status import LinkState
from balcao_tui.tj.simulator.context import FAULTS
from balcao_tui.tj.simulator.faults import Faults
from support.seal_records import insert_pending

from .conftest import (
    FAST,
    QUIET,
    assert_reached_the_tj_once,
    batch_requests,
    configure_tj,
    count_in_state,
    records_received,
    wait_for,
)

RECORDS = 30
# No poll comes during the test: what is sent is sent because of the request.
SLOW_POLL = replace(FAST, poll_interval=120.0)


def hold_mode(mode: str) -> dict[str, str]:
    """The mode's settings, with a schedule that has just passed (records made after it
    wait for tomorrow's)."""
    if mode == "offline":
        return {"tj.mode": "offline"}
    schedule = to_local(utcnow() - timedelta(hours=1)).strftime("%H:%M")
    return {"tj.mode": "agendado", "tj.schedule": schedule}


@pytest.mark.parametrize("mode", ["offline", "agendado"])
async def test_send_now_sends_what_the_mode_holds_once(any_office, sim, cert_files,
                                                       start_transmitter, mode):
    configure_tj(sim.url, cert_files.p12, **hold_mode(mode))
    recent = utcnow() - timedelta(minutes=10)  # after the schedule, far from its deadline
    codes = insert_pending(RECORDS, act_at=recent)
    running = start_transmitter(SLOW_POLL)
    await wait_for(lambda: running.transmitter.status.state is LinkState.OFFLINE)
    await asyncio.sleep(QUIET)
    assert batch_requests(sim.url) == 0 and count_in_state(SealState.PENDING) == RECORDS

    request_send_now(any_office.supervisor)  # another terminal: a plain store call
    await wait_for(lambda: count_in_state(SealState.COMMUNICATED) == RECORDS, timeout=30)
    assert_reached_the_tj_once(sim.state_path, codes)

    requests = batch_requests(sim.url)
    request_send_now(any_office.notary)  # nothing pending: nothing to send, nothing breaks
    await wait_for(lambda: running.transmitter.status.detail == "Nenhum selo pendente.")
    insert_pending(1, first=6_100_000, act_at=recent)
    running.transmitter.wake()  # the mode holds new records again: the request was one-off
    await asyncio.sleep(QUIET)
    assert batch_requests(sim.url) == requests
    assert records_received(sim.state_path) == RECORDS
    assert count_in_state(SealState.PENDING) == 1
    assert running.transmitter.status.state is LinkState.OFFLINE
    assert not running.task.done()
    assert AuditEntry.select().where(AuditEntry.action == "transmission.send_now").count() == 2


async def test_a_send_now_outlasts_a_tj_failure(any_office, sim, cert_files, start_transmitter):
    sim.app[FAULTS].configure(Faults(error_rate=1.0, seed=5))
    configure_tj(sim.url, cert_files.p12, **hold_mode("offline"))
    codes = insert_pending(RECORDS)
    running = start_transmitter(SLOW_POLL)
    await wait_for(lambda: running.transmitter.status.state is LinkState.OFFLINE)

    request_send_now(any_office.supervisor)
    await wait_for(lambda: batch_requests(sim.url) >= 2)  # failed, and retried
    assert records_received(sim.state_path) == 0
    sim.app[FAULTS].reset()  # the TJ is back: the retry the status promised still comes
    await wait_for(lambda: count_in_state(SealState.COMMUNICATED) == RECORDS, timeout=30)
    assert_reached_the_tj_once(sim.state_path, codes)
    assert any(s.state is LinkState.FAILING and "Nova tentativa" in s.detail
               for s in running.statuses)
