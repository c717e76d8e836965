"""Tokens that expire in the middle of the run: renewed (before expiry, or after a 401)
without losing or repeating a record."""
from __future__ import annotations

import sqlite3
import time
from dataclasses import replace

from balcao_tui.domain.seal_states import SealState
from balcao_tui.tj.simulator.context import FAULTS
from balcao_tui.tj.simulator.faults import Faults
from support.seal_records import insert_pending

from .conftest import FAST, configure_tj, count_in_state, held_codes, sim_stats, wait_for

RECORDS = 1000


async def test_token_expiry_mid_run_loses_nothing(any_office, sim, cert_files,
                                                  start_transmitter):
    # A 1 s token, several times over during the run: the client renews it shortly before
    # it expires (the forced 401 path is the next test).
    sim.app[FAULTS].configure(Faults(token_ttl_seconds=1, latency_ms=150))
    configure_tj(sim.url, cert_files.p12)
    codes = insert_pending(RECORDS)
    started = time.monotonic()
    running = start_transmitter(replace(FAST, batch_size=100))
    await wait_for(lambda: count_in_state(SealState.COMMUNICATED) == RECORDS, timeout=60)
    took = time.monotonic() - started
    await running.stop()
    stats = sim_stats(sim.url)
    held = held_codes(sim.state_path)
    assert len(held) == RECORDS and set(held) == set(codes)
    assert stats["registros_criticados"] == 0
    assert stats["tokens_emitidos"] >= 2
    assert stats["lotes_recebidos"] == RECORDS // 100
    print(f"\n{RECORDS} records in {took:.1f} s with {stats['tokens_emitidos']} tokens "
          f"and {stats['requisicoes_lote']} batch requests")


def _forget_tokens(state_path) -> None:
    db = sqlite3.connect(state_path, timeout=10)
    try:
        db.execute("DELETE FROM tokens")
        db.commit()
    finally:
        db.close()


async def test_token_refused_by_the_tj_is_renewed_and_the_batch_sent_again(
        office, sim, cert_files, start_transmitter):
    sim.app[FAULTS].configure(Faults(latency_ms=100))
    configure_tj(sim.url, cert_files.p12)
    codes = insert_pending(300)
    running = start_transmitter(replace(FAST, batch_size=50))
    await wait_for(lambda: sim_stats(sim.url)["lotes_recebidos"] >= 1, timeout=30)
    _forget_tokens(sim.state_path)  # every token the client holds is now unknown: 401
    await wait_for(lambda: count_in_state(SealState.COMMUNICATED) == 300, timeout=30)
    await running.stop()
    stats = sim_stats(sim.url)
    assert stats["tokens_emitidos"] >= 1  # the table was emptied: only new ones count
    assert stats["requisicoes_lote"] > stats["lotes_recebidos"] == 6
    assert sorted(held_codes(sim.state_path)) == sorted(codes)
