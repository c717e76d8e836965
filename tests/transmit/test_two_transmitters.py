"""Two `balcao transmit` daemons on one database: only the lease holder sends, and when it
is killed the other takes over within the lease time."""
from __future__ import annotations

import re
import signal
import time

from balcao_tui.store.lease import lease_holder
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
    transmit_process,
)

RECORDS = 1500
LEASE_SECONDS = 2.0
SENT = re.compile(r"batch \d+ sent by (\S+):")
TAKEN = re.compile(r"lease taken by (\S+) ")


def _holders(log: str, pattern: re.Pattern) -> set[str]:
    return set(pattern.findall(log))


def _read(path) -> str:
    return path.read_text() if path.exists() else ""


def test_one_sender_and_a_takeover_after_kill(any_office, sim, cert_files, tmp_path):
    sim.app[FAULTS].configure(Faults(latency_ms=400))
    configure_tj(sim.url, cert_files.p12)
    codes = insert_pending(RECORDS)
    logs = [tmp_path / "a.log", tmp_path / "b.log"]
    procs = [transmit_process(any_office.url, log) for log in logs]
    try:
        # Wait for a first batch confirmed: only one process may have sent it.
        poll_until(lambda: any(_holders(_read(log), SENT) for log in logs), timeout=60)
        texts = [log.read_text() for log in logs]
        senders = [i for i, text in enumerate(texts) if _holders(text, TAKEN)]
        assert len(senders) == 1, texts  # exactly one took the lease
        sender, other = senders[0], 1 - senders[0]
        assert "status standby" in texts[other] and not _holders(texts[other], SENT)
        procs[sender].kill()
        procs[sender].wait(timeout=10)
        killed_at = time.monotonic()
        assert count_in_state(SealState.COMMUNICATED) < RECORDS

        took_over = poll_until(lambda: _holders(_read(logs[other]), TAKEN), timeout=30)
        assert took_over <= LEASE_SECONDS + 1.5, f"took over after {took_over:.2f} s"
        poll_until(lambda: count_in_state(SealState.COMMUNICATED) == RECORDS, timeout=60)
        finished = time.monotonic() - killed_at

        procs[other].send_signal(signal.SIGTERM)
        out, err = procs[other].communicate(timeout=30)
        assert procs[other].returncode == 0, err
        assert "Transmissão:" in out
        assert lease_holder("transmitter") is None  # released on the clean stop
    finally:
        for proc in procs:
            if proc.poll() is None:
                proc.kill()
                proc.wait()
    held = held_codes(sim.state_path)
    assert len(held) == RECORDS and set(held) == set(codes)
    texts = [log.read_text() for log in logs]
    # Each process sent only with its own lease: batches in a log name only its holder,
    # and the survivor's first batch comes after the takeover.
    for text in texts:
        assert _holders(text, SENT) <= _holders(text, TAKEN)
    assert _holders(texts[sender], SENT) and _holders(texts[other], SENT)
    survivor = texts[other]
    assert survivor.index("lease taken by") < survivor.index(" sent by ")
    assert_no_secrets(*texts)
    print(f"\ntakeover {took_over:.2f} s after kill -9 (lease {LEASE_SECONDS} s); "
          f"remaining records communicated {finished:.1f} s after the kill")
