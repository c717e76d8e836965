"""`balcao transmit` as a process: --once exit codes and summary, clean stop on SIGTERM,
the batch in flight abandoned safely, and a log without secrets."""
from __future__ import annotations

import signal
import socket
import subprocess

from balcao_tui.cli import transmit_cmd
from balcao_tui.store.lease import lease_holder
from balcao_tui.store.models import TransmissionAttempt
from balcao_tui.domain.seal_states import SealState
from balcao_tui.tj.simulator.context import FAULTS
from balcao_tui.tj.simulator.faults import Faults
from support.seal_records import insert_pending

from .conftest import (
    CLI,
    assert_no_secrets,
    configure_tj,
    count_in_state,
    poll_until,
    transmit_process,
)


def _terminate(proc: subprocess.Popen) -> tuple[str, str]:
    """SIGTERM, as systemd stops the daemon, and what it printed until it exited."""
    proc.send_signal(signal.SIGTERM)
    return proc.communicate(timeout=20)


def _reap(proc: subprocess.Popen) -> None:
    if proc.poll() is None:
        proc.kill()
        proc.wait()


def _closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_once_exits_0_when_everything_went(office, sim, cert_files, tmp_path):
    configure_tj(sim.url, cert_files.p12, **{"tj.mode": "offline"})  # --once sends anyway
    insert_pending(7)
    proc = transmit_process(office.url, tmp_path / "t.log", "--once")
    out, err = proc.communicate(timeout=60)
    assert proc.returncode == 0, err
    assert out.strip() == ("Transmissão: 7 comunicado(s), 0 criticado(s), "
                           "0 com falha estrutural; 0 pendente(s).")
    assert count_in_state(SealState.COMMUNICATED) == 7
    assert lease_holder("transmitter") is None


def test_once_exits_1_with_a_summary_when_the_tj_is_down(office, cert_files, tmp_path):
    configure_tj(f"http://127.0.0.1:{_closed_port()}", cert_files.p12)
    insert_pending(3)
    log = tmp_path / "t.log"
    proc = transmit_process(office.url, log, "--once", "--timeout", "1.5")
    out, err = proc.communicate(timeout=60)
    assert proc.returncode == 1
    assert "0 comunicado(s)" in out and "3 pendente(s)" in out
    assert "Falha de conexão com o TJ." in out
    text = log.read_text()
    assert "status failing: Falha de conexão com o TJ." in text
    assert_no_secrets(out, err, text)
    assert count_in_state(SealState.PENDING) == 3


def test_once_stops_at_once_on_a_configuration_problem(office, tmp_path):
    insert_pending(1)
    proc = transmit_process(office.url, tmp_path / "t.log", "--once")
    out, _ = proc.communicate(timeout=60)
    assert proc.returncode == 1
    assert "Transmissão ao TJ não configurada" in out


def test_sigterm_stops_the_daemon_cleanly(office, sim, cert_files, tmp_path):
    configure_tj(sim.url, cert_files.p12)
    insert_pending(20)
    log = tmp_path / "t.log"
    proc = transmit_process(office.url, log)
    try:
        poll_until(lambda: count_in_state(SealState.COMMUNICATED) == 20, timeout=30)
        poll_until(lambda: "Todos os selos foram enviados" in log.read_text(), timeout=10)
        out, err = _terminate(proc)
    finally:
        _reap(proc)
    assert proc.returncode == 0, err
    assert "20 comunicado(s)" in out
    assert lease_holder("transmitter") is None
    text = log.read_text()
    assert "signal SIGTERM received" in text and "lease released" in text
    assert_no_secrets(out, err, text)


def test_sigterm_abandons_a_stuck_batch_safely_after_the_grace(office, sim, cert_files,
                                                               tmp_path):
    sim.app[FAULTS].configure(Faults(latency_ms=20_000))
    configure_tj(sim.url, cert_files.p12)
    insert_pending(5)
    proc = transmit_process(office.url, tmp_path / "t.log", "--grace-seconds", "0.5")
    try:
        poll_until(lambda: TransmissionAttempt.select().count() == 1, timeout=30)
        out, err = _terminate(proc)
    finally:
        _reap(proc)
    assert proc.returncode == 0, err
    assert "seguem pendentes" in out
    assert count_in_state(SealState.PENDING) == 5
    assert [a.outcome for a in TransmissionAttempt.select()] == ["abandoned"]
    assert lease_holder("transmitter") is None


def test_help_and_command_contract():
    assert transmit_cmd.NAME == "transmit"
    result = subprocess.run([*CLI, "transmit", "--help"], capture_output=True, text=True,
                            timeout=60)
    assert result.returncode == 0
    assert "--once" in result.stdout and "--log-file" in result.stdout
