"""`balcao transmit` as a process: --once exit codes and summary, clean stop on SIGTERM,
the batch in flight abandoned safely, and a log without secrets."""
from __future__ import annotations

import re
import signal
import socket
import subprocess
from datetime import datetime, timedelta

from balcao_tui.cli import transmit_cmd
from balcao_tui.domain.deadlines import to_local, utcnow
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
    sim_stats,
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


def test_once_says_who_holds_the_lease_and_until_when(any_office, sim, cert_files, tmp_path):
    # The daemon in scheduled mode holds the lease while the records wait for the schedule.
    schedule = to_local(utcnow() - timedelta(hours=1)).strftime("%H:%M")
    configure_tj(sim.url, cert_files.p12, **{"tj.mode": "agendado", "tj.schedule": schedule})
    insert_pending(4, act_at=utcnow() - timedelta(minutes=10))
    daemon = transmit_process(any_office.url, tmp_path / "daemon.log")
    try:
        poll_until(lambda: lease_holder("transmitter") is not None, timeout=30)
        holder = lease_holder("transmitter")
        started = to_local(utcnow())
        once = transmit_process(any_office.url, tmp_path / "once.log", "--once",
                                "--timeout", "2")
        out, err = once.communicate(timeout=60)
        assert lease_holder("transmitter") == holder  # the daemon kept it throughout
    finally:
        _terminate(daemon)
        _reap(daemon)
    assert once.returncode == 1, err  # documented: 1 when records are left pending
    waiting = re.search(r"Aguardando a vez de transmitir\. Outro processo \((\S+)\) está "
                        r"enviando os selos ao TJ; a vez dele vale até (\d\d:\d\d:\d\d)\. "
                        r"Para que ele envie já, também no modo agendado: balcao transmit "
                        r"send-now\.", err)
    assert waiting, err
    assert waiting.group(1) == holder
    until = datetime.strptime(waiting.group(2), "%H:%M:%S").time()
    ahead = (until.hour * 3600 + until.minute * 60 + until.second
             - started.hour * 3600 - started.minute * 60 - started.second) % 86400
    assert ahead <= 60, f"lease said to end at {waiting.group(2)}, started {started:%H:%M:%S}"
    assert out.startswith("Transmissão: 0 comunicado(s), 0 criticado(s), "
                          "0 com falha estrutural; 4 pendente(s). Outro processo")
    assert sim_stats(sim.url).get("requisicoes_lote", 0) == 0
    assert count_in_state(SealState.PENDING) == 4


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
