"""kill -9 of `balcao transmit` in the middle of 2,000 records, then a restart: the TJ holds
each code exactly once and every local record ends communicated."""
from __future__ import annotations

import time

from balcao_tui.store.models import SealRecord
from balcao_tui.domain.seal_states import SealState
from balcao_tui.tj.simulator.context import FAULTS
from balcao_tui.tj.simulator.faults import Faults
from support.seal_records import insert_pending

from .conftest import (
    assert_no_secrets,
    configure_tj,
    count_in_state,
    held_codes,
    poll_until,
    sim_stats,
    transmit_process,
)

RECORDS = 2000


def test_kill_9_mid_run_then_restart(any_office, sim, cert_files, tmp_path):
    sim.app[FAULTS].configure(Faults(latency_ms=250))
    configure_tj(sim.url, cert_files.p12)
    codes = insert_pending(RECORDS)
    started = time.monotonic()
    first = transmit_process(any_office.url, tmp_path / "first.log")
    try:
        # Kill as soon as the TJ holds some records: usually before their answers are
        # committed here, the worst moment.
        poll_until(lambda: len(held_codes(sim.state_path)) > 0, timeout=60, interval=0.005)
        first.kill()
        first.wait(timeout=10)
    finally:
        if first.poll() is None:
            first.kill()
            first.wait()
    held_at_kill = len(held_codes(sim.state_path))
    communicated_at_kill = count_in_state(SealState.COMMUNICATED)
    assert 0 < held_at_kill < RECORDS
    assert communicated_at_kill < RECORDS

    second = transmit_process(any_office.url, tmp_path / "second.log", "--once",
                              "--timeout", "120")
    out, err = second.communicate(timeout=150)
    took = time.monotonic() - started
    assert second.returncode == 0, err
    assert f"Transmissão: {RECORDS - communicated_at_kill} comunicado(s)" in out
    assert "0 pendente(s)" in out

    held = held_codes(sim.state_path)
    assert len(held) == RECORDS and set(held) == set(codes)
    assert sim_stats(sim.url)["registros_criticados"] == 0
    assert count_in_state(SealState.COMMUNICATED) == RECORDS
    assert SealRecord.select().where(SealRecord.attempts < 1).count() == 0
    logs = [(tmp_path / name).read_text() for name in ("first.log", "second.log")]
    assert_no_secrets(out, err, *logs)
    print(f"\nkill -9 with {held_at_kill} held by the TJ and {communicated_at_kill} confirmed "
          f"here; all {RECORDS} communicated {took:.1f} s after the first start")
