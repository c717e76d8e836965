"""`balcao transmit status`: what it says, and its exit code for monitoring."""
from __future__ import annotations

import json
from datetime import timedelta

from balcao_tui.domain.deadlines import utcnow
from balcao_tui.store.transmitter_state import pause_transmission
from support.seal_records import insert_pending

from .conftest import transmit_status as status


def test_exit_codes_say_all_well_warning_and_critical(any_office):
    calm = status(any_office.url)
    assert calm.returncode == 0, calm.stderr
    assert "Vez de transmitir: nenhum processo" in calm.stdout
    assert "Situação: em ordem" in calm.stdout

    insert_pending(2, act_at=utcnow() - timedelta(hours=1))
    nobody = status(any_office.url, "--format", "json")
    report = json.loads(nobody.stdout)
    assert nobody.returncode == 2 and report["counts"]["pending"] == 2
    assert "nenhum transmissor" in " ".join(report["reasons"])

    pause_transmission(any_office.supervisor, "Manutenção do servidor")
    paused = status(any_office.url)
    assert paused.returncode == 1, paused.stdout
    assert "Transmissor: pausado — Transmissão pausada por sueli: Manutenção do servidor" \
        in paused.stdout


def test_late_seals_are_critical(office):
    insert_pending(1, act_at=utcnow() - timedelta(days=3))
    late = status(office.url)
    assert late.returncode == 2
    assert "prazo vencido" in late.stdout
