"""A supervisor's pause, against the real simulator: the running transmitter sends nothing
more (also when the pause comes while it backs off after a TJ failure), every terminal
reads who paused and why, and after the resume the held records reach the TJ once."""
from __future__ import annotations

import asyncio
import signal
import time
from dataclasses import replace

from balcao_tui.domain.link_state import LinkState
from balcao_tui.domain.seal_states import SealState
from balcao_tui.store.transmitter_state import (pause_transmission, read_transmitter_view,
                                                 resume_transmission)
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
    poll_until,
    records_received,
    transmit_process,
    transmit_status,
    wait_for,
)

RECORDS = 400
REASON = "Troca do certificado"


async def test_a_pause_holds_the_pending_records_until_resumed(any_office, sim, cert_files,
                                                               start_transmitter):
    sim.app[FAULTS].configure(Faults(latency_ms=150))  # batches take a while: pause midway
    configure_tj(sim.url, cert_files.p12)
    codes = insert_pending(RECORDS)
    running = start_transmitter(replace(FAST, batch_size=50))
    await wait_for(lambda: records_received(sim.state_path) > 0)

    pause_transmission(any_office.supervisor, REASON)
    await wait_for(lambda: running.transmitter.status.state is LinkState.PAUSED)
    received, requests = records_received(sim.state_path), batch_requests(sim.url)
    await asyncio.sleep(QUIET)
    assert records_received(sim.state_path) == received
    assert batch_requests(sim.url) == requests
    assert count_in_state(SealState.PENDING) == RECORDS - received > 0

    view = read_transmitter_view()
    assert (view.paused, view.paused_by, view.link_state) == (True, "sueli", LinkState.PAUSED)
    assert view.detail == f"Transmissão pausada por sueli: {REASON}"
    assert view.holder == ""  # a paused transmitter lets go of the lease
    shown = await asyncio.to_thread(transmit_status, any_office.url)
    assert shown.returncode == 1, shown.stdout + shown.stderr
    assert f"Transmissor: pausado — Transmissão pausada por sueli: {REASON}" in shown.stdout

    resume_transmission(any_office.supervisor)
    await wait_for(lambda: count_in_state(SealState.COMMUNICATED) == RECORDS)
    await wait_for(lambda: read_transmitter_view().link_state == LinkState.ONLINE)
    await running.stop()
    assert_reached_the_tj_once(sim.state_path, codes)
    view = read_transmitter_view()
    assert not view.paused and view.paused_by == ""


def test_a_pause_during_the_backoff_is_honoured_when_the_tj_is_back(any_office, sim,
                                                                    cert_files, tmp_path):
    sim.app[FAULTS].configure(Faults(error_rate=1.0, seed=3))
    configure_tj(sim.url, cert_files.p12)
    codes = insert_pending(20)
    log = tmp_path / "t.log"
    daemon = transmit_process(any_office.url, log)  # the transmitter: another process
    try:
        poll_until(lambda: batch_requests(sim.url) >= 3)
        poll_until(lambda: read_transmitter_view().link_state == LinkState.FAILING)

        pause_transmission(any_office.supervisor, REASON)
        sim.app[FAULTS].reset()  # the TJ is back
        poll_until(lambda: "status paused" in log.read_text())
        requests = batch_requests(sim.url)
        time.sleep(QUIET)  # "status paused" is logged past the backoff it was waiting out
        assert batch_requests(sim.url) == requests
        assert records_received(sim.state_path) == 0
        assert count_in_state(SealState.PENDING) == len(codes)
        view = read_transmitter_view()
        assert view.link_state == LinkState.PAUSED and view.holder == ""

        resume_transmission(any_office.supervisor)
        poll_until(lambda: count_in_state(SealState.COMMUNICATED) == len(codes))
        daemon.send_signal(signal.SIGTERM)
        out, err = daemon.communicate(timeout=30)
        assert daemon.returncode == 0, err
    finally:
        if daemon.poll() is None:
            daemon.kill()
            daemon.wait()
    assert_reached_the_tj_once(sim.state_path, codes)
