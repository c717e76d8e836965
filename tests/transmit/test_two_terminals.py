"""Two instances on one database: an App under Pilot, a supervisor on the dashboard, and
other processes that register an act through the use case and run `balcao transmit`. The
App's dashboard lists the new seal, and its status line and transmitter panel show the
other process's link state, soon after each change (the delays are printed)."""
from __future__ import annotations

import asyncio
import subprocess
import sys
import time

from textual.widgets import Static

from balcao_tui.app import BalcaoApp
from balcao_tui.screens.dashboard import DashboardScreen
from balcao_tui.store.models import SealRecord
from balcao_tui.store.usecases.office import get_office
from balcao_tui.store.usecases.users import get_user
from balcao_tui.widgets.status_line import StatusLine

from .conftest import FAST_FLAGS, CLI, configure_tj

REGISTER = ("import sys; from balcao_tui.store.db import open_database; "
            "from balcao_tui.store.usecases.signature_cards import CardData, "
            "create_signature_card; open_database(sys.argv[1]); "
            "create_signature_card(int(sys.argv[2]), CardData(name='Maria Teste da Silva', "
            "cpf='52998224725'), generate_seal=True)")


def _line(app: BalcaoApp) -> str:
    return app.screen.query_one(StatusLine).render().plain


def _panel(app: BalcaoApp) -> str:
    return str(app.screen.query_one("#dash-transmitter", Static).render())


def _listed(app: BalcaoApp) -> set[str]:
    return {row.code for row in app.screen.rows.values()}


async def _shows(app: BalcaoApp, pilot, text: str, timeout: float = 30.0) -> float:
    started = time.monotonic()
    while text not in _line(app):
        if time.monotonic() - started > timeout:
            raise AssertionError(f"{text!r} not shown: {_line(app)!r}")
        await pilot.pause(0.02)
    return time.monotonic() - started


async def test_a_seal_and_the_link_state_from_other_processes_reach_the_status_line(
        any_office, sim, cert_files, tmp_path):
    configure_tj(sim.url, cert_files.p12)
    app = BalcaoApp(any_office.url, data_dir=tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        while app.office is None or app.key_gate.in_flight or not app.key_gate.idle:
            await pilot.pause(0.02)
        await pilot.pause()
        app.login_as(get_user(any_office.supervisor), get_office())
        await pilot.pause(0.5)
        await _shows(app, pilot, "Pendentes: 0")
        assert isinstance(app.screen, DashboardScreen) and _listed(app) == set()
        assert "TJ: desligado" in _line(app)
        await pilot.pause(0.5)  # the feed's watch has started

        await asyncio.to_thread(subprocess.run, [sys.executable, "-c", REGISTER,
                                                 any_office.url, str(any_office.clerk)],
                                check=True)
        started = time.monotonic()  # the other process has committed and exited
        [code] = [record.code for record in SealRecord.select()]
        while code not in _listed(app):
            assert time.monotonic() - started < 30, _listed(app)
            await pilot.pause(0.02)
        shown = time.monotonic() - started
        await _shows(app, pilot, "Pendentes: 1")
        print(f"\nseal registered elsewhere on the dashboard after {shown:.2f} s")
        assert shown < 1.0

        log = tmp_path / "transmit.log"
        daemon = subprocess.Popen([*CLI, "--db", any_office.url, "transmit", "--log-file",
                                   str(log), *FAST_FLAGS],
                                  stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            await _shows(app, pilot, "TJ: online", timeout=60)
            started = time.monotonic()  # the panel re-reads the state on its own
            while "online" not in _panel(app):
                assert time.monotonic() - started < 5.0, _panel(app)
                await pilot.pause(0.02)
            started = time.monotonic()
            await _shows(app, pilot, "Pendentes: 0", timeout=60)
            print(f"the other process's send shown after {time.monotonic() - started:.2f} s")
        finally:
            daemon.terminate()
            daemon.wait(timeout=30)
        await _shows(app, pilot, "TJ: parado", timeout=30)  # "Transmissor encerrado."
