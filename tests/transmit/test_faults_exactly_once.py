"""2,000 records through 500s, 429s, connections dropped after the TJ committed, and a
restart of the TJ itself: every record ends communicated and the TJ holds each code once."""
from __future__ import annotations

import asyncio
import time

from balcao_tui.store.models import SealRecord, TransmissionAttempt
from balcao_tui.domain.seal_states import SealState
from balcao_tui.tj.link_status import LinkState
from support.seal_records import insert_pending

from .conftest import configure_tj, count_in_state, held_codes, sim_stats, wait_for

RECORDS = 2000


async def test_faults_and_a_tj_restart_change_nothing(any_office, sim_process, cert_files,
                                                      start_transmitter):
    tj = sim_process("--error-rate", "0.2", "--drop-after-commit-rate", "0.2",
                     "--rate-limit-rate", "0.2", "--retry-after", "1", "--seed", "9",
                     "--latency-ms", "60")
    configure_tj(tj.url, cert_files.p12)
    codes = insert_pending(RECORDS)
    started = time.monotonic()
    running = start_transmitter()

    # Stop the TJ once it holds part of the records, and start it again on its state file.
    await wait_for(lambda: 0 < len(held_codes(tj.state_path)) < RECORDS, timeout=60)
    injected = dict(sim_stats(tj.url)["falhas_injetadas"])
    tj.stop()
    held_while_down = len(held_codes(tj.state_path))
    await asyncio.sleep(0.5)
    tj.start()

    await wait_for(lambda: count_in_state(SealState.COMMUNICATED) == RECORDS, timeout=90)
    took = time.monotonic() - started
    for kind, count in sim_stats(tj.url)["falhas_injetadas"].items():
        injected[kind] = injected.get(kind, 0) + count
    await running.stop()

    held = held_codes(tj.state_path)
    assert len(held) == RECORDS and set(held) == set(codes)
    assert sim_stats(tj.url)["registros_criticados"] == 0  # no conflict, no duplicate
    assert count_in_state(SealState.PENDING) == 0
    assert SealRecord.select().where(SealRecord.sent_at.is_null()).count() == 0
    outcomes = {row.outcome for row in TransmissionAttempt.select()}
    assert "answered" in outcomes and "unavailable" in outcomes
    assert 0 < held_while_down < RECORDS
    assert injected.get("erro_500", 0) + injected.get("erro_503", 0) > 0
    assert injected.get("conexao_derrubada", 0) > 0
    assert injected.get("limite_de_taxa", 0) > 0
    assert any(s.state is LinkState.FAILING for s in running.statuses)
    # Retry-After (1 s) is honoured: the next attempt never starts earlier.
    attempts = list(TransmissionAttempt.select().order_by(TransmissionAttempt.id))
    waits = [(after.started_at - before.finished_at).total_seconds()
             for before, after in zip(attempts, attempts[1:])
             if before.outcome == "rate_limited"]
    assert waits and min(waits) >= 1.0
    print(f"\n{RECORDS} records through faults and a TJ restart in {took:.1f} s "
          f"({RECORDS / took:.0f} records/s); faults injected: {injected}")
