"""`balcao transmit pause|resume|send-now` from a shell, as an operator without the screen
would: a daemon `balcao transmit` (another process) and the real simulator obey them;
only a supervisor or a tabelião may, and a pause needs its reason."""
from __future__ import annotations

import subprocess
import time
from datetime import timedelta

from balcao_tui.domain.deadlines import utcnow
from balcao_tui.domain.link_state import LinkState
from balcao_tui.domain.seal_states import SealState
from balcao_tui.store.models import AuditEntry
from balcao_tui.store.transmitter_state import read_transmitter_view
from support.office import PASSWORD
from support.seal_records import insert_pending

from .conftest import (CLI, QUIET, assert_reached_the_tj_once, batch_requests, configure_tj,
                       count_in_state, poll_until, transmit_process, transmit_status)
from .test_send_now import hold_mode

RECORDS = 20


def control(url: str, *args: str, login: str, password: str = PASSWORD
            ) -> subprocess.CompletedProcess:
    return subprocess.run([*CLI, "--db", url, "transmit", *args, "--login", login,
                           "--password-stdin"], input=password + "\n", capture_output=True,
                          text=True, timeout=60)


def _stop(daemon: subprocess.Popen) -> None:
    daemon.terminate()
    daemon.wait(timeout=30)


def test_send_now_from_the_shell_sends_what_the_schedule_holds(any_office, sim, cert_files,
                                                                tmp_path):
    configure_tj(sim.url, cert_files.p12, **hold_mode("agendado"))
    codes = insert_pending(RECORDS, act_at=utcnow() - timedelta(minutes=10))
    daemon = transmit_process(any_office.url, tmp_path / "t.log", "--poll-seconds", "120")
    try:
        poll_until(lambda: read_transmitter_view().holder != "")
        poll_until(lambda: read_transmitter_view().link_state == LinkState.OFFLINE)
        assert batch_requests(sim.url) == 0

        done = control(any_office.url, "send-now", login="sueli")
        assert done.returncode == 0, done.stderr
        assert "Envio imediato pedido" in done.stdout
        poll_until(lambda: count_in_state(SealState.COMMUNICATED) == RECORDS, timeout=30)
    finally:
        _stop(daemon)
    assert_reached_the_tj_once(sim.state_path, codes)
    [asked] = AuditEntry.select().where(AuditEntry.action == "transmission.send_now")
    assert asked.user_id == any_office.supervisor


def test_a_pause_from_the_shell_holds_the_daemon_until_resumed(any_office, sim, cert_files,
                                                                tmp_path):
    configure_tj(sim.url, cert_files.p12)
    paused = control(any_office.url, "pause", "--reason", "Troca do certificado",
                     login="tadeu")
    assert paused.returncode == 0, paused.stderr
    codes = insert_pending(RECORDS)
    daemon = transmit_process(any_office.url, tmp_path / "t.log")
    try:
        poll_until(lambda: "pausado" in transmit_status(any_office.url).stdout)
        time.sleep(QUIET)  # a daemon that ignored the pause would have sent by now
        shown = transmit_status(any_office.url)
        assert shown.returncode == 1
        assert "Transmissão pausada por tadeu: Troca do certificado" in shown.stdout
        assert batch_requests(sim.url) == 0
        assert count_in_state(SealState.PENDING) == RECORDS

        resumed = control(any_office.url, "resume", login="tadeu")
        assert resumed.returncode == 0, resumed.stderr
        poll_until(lambda: count_in_state(SealState.COMMUNICATED) == RECORDS, timeout=30)
    finally:
        _stop(daemon)
    assert_reached_the_tj_once(sim.state_path, codes)
    assert not read_transmitter_view().paused


def test_who_may_not_or_says_no_reason_is_refused_and_nothing_changes(any_office):
    refusals = [
        control(any_office.url, "pause", "--reason", "Quero pausar", login="clara"),
        control(any_office.url, "pause", login="sueli"),
        control(any_office.url, "pause", "--reason", "com\x1b[31mcor", login="sueli"),
        control(any_office.url, "pause", "--reason", "Senha errada", login="sueli",
                password="errada"),
        control(any_office.url, "resume", login="sueli"),  # nothing paused
        control(any_office.url, "send-now", "--reason", "à toa", login="sueli"),
    ]
    for refused in refusals:
        assert refused.returncode == 1, refused.stdout + refused.stderr
        assert "Traceback" not in refused.stderr and refused.stderr.strip()
    assert "informe o motivo" in refusals[1].stderr
    assert "não está pausada" in refusals[4].stderr
    assert not read_transmitter_view().paused
    assert AuditEntry.select().where(AuditEntry.action.startswith("transmission.")).count() == 0
