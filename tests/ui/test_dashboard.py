"""Painel de selos: who lands there, what it shows, rows refreshed by key, resend."""
from __future__ import annotations

import json
import time
from datetime import timedelta

from textual.widgets import DataTable, OptionList

from balcao_tui.domain.seal_states import SealState
from balcao_tui.screens.closing import ClosingScreen
from balcao_tui.screens.dashboard import DashboardScreen
from balcao_tui.screens.home import HomeScreen
from balcao_tui.screens.seal_detail import SealDetailScreen
from balcao_tui.store.transmitter_state import read_transmitter_view
from balcao_tui.store.models import SealRecord
from balcao_tui.store.usecases.counter import register_counter_acts
from support.seal_records import digital_row, insert_rows

from .conftest import FROZEN
from .helpers import login, message, settle, text_of

SIZE = (80, 24)

CRITICISM = [{"codigo": "C12", "mensagem": "Valor do emolumento diverge da tabela vigente."}]


def seed_records() -> dict[str, int]:
    """A criticized record, one pending with 1 h left, one late, one with 20 h left."""
    rows = {
        "criticized": digital_row(1, FROZEN - timedelta(hours=5), state=SealState.CRITICIZED,
                                  criticisms=json.dumps(CRITICISM)),
        "soon": digital_row(2, FROZEN - timedelta(hours=23)),
        "late": digital_row(3, FROZEN - timedelta(hours=26)),
        "calm": digital_row(4, FROZEN - timedelta(hours=4)),
        "sent": digital_row(5, FROZEN - timedelta(hours=6), state=SealState.COMMUNICATED),
    }
    insert_rows(list(rows.values()))
    return {name: SealRecord.get(SealRecord.code == row["code"]).id
            for name, row in rows.items()}


async def shown_within(pilot, check, seconds: float = 5.0) -> None:
    """Wait for the change feed to bring what another terminal wrote (about 1 s; a loaded
    machine gets more)."""
    started = time.monotonic()
    while not check():
        assert time.monotonic() - started < seconds, "the change did not show"
        await pilot.pause(0.05)
    await settle(pilot)


def cells(app, record_id: int) -> list:
    return app.screen.query_one("#dash-list", DataTable).get_row(str(record_id))


def listed_ids(app) -> list[int]:
    table = app.screen.query_one("#dash-list", DataTable)
    return [int(row.key.value) for row in table.ordered_rows]


async def test_a_supervisor_lands_on_the_dashboard_comes_back_to_it_and_esc_leads_to_the_menu(make_app, office):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await login(pilot, office.supervisor)
        assert isinstance(app.screen, DashboardScreen)
        await pilot.press("f9")  # home's keys work on the dashboard too
        await settle(pilot)
        assert isinstance(app.screen, ClosingScreen)
        await pilot.press("escape")  # back where the supervisor came from
        await settle(pilot)
        assert isinstance(app.screen, DashboardScreen)
        await pilot.press("f3", "escape")  # a counter key too
        await settle(pilot)
        assert isinstance(app.screen, DashboardScreen)
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
        menu = app.screen.query_one("#menu", OptionList)
        assert "dashboard" not in [menu.get_option_at_index(i).id
                                   for i in range(menu.option_count)]
        await pilot.press("escape")  # and back: Esc goes between the dashboard and the menu
        await settle(pilot)
        assert isinstance(app.screen, DashboardScreen)
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)


async def test_a_clerk_lands_on_home_and_cannot_resend(make_app, office):
    ids = seed_records()
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await login(pilot, office.clerk)
        assert isinstance(app.screen, HomeScreen)
        app.open_destination("dashboard")
        await settle(pilot)
        assert isinstance(app.screen, DashboardScreen)
        await pilot.press("down", "down", "r")
        await settle(pilot)
        assert SealRecord.get_by_id(ids["criticized"]).state == SealState.CRITICIZED
        assert app.focused.id != "dash-reason"
        assert not {"r", "p", "e"} & set(app.active_bindings)
        await pilot.press("p")
        await settle(pilot)
        assert not read_transmitter_view().paused


async def test_a_criticized_record_shows_with_the_tjs_message(make_app, office):
    ids = seed_records()
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await login(pilot, office.notary)
        assert listed_ids(app) == [ids["late"], ids["soon"], ids["criticized"], ids["calm"]]
        row = cells(app, ids["criticized"])
        assert row[2] == "criticado"
        assert row[3] == "Valor do emolumento diverge da tabela vigente."
        await pilot.press("down", "down")
        await settle(pilot)
        assert text_of(app.screen.query_one("#dash-detail")) == (
            "Crítica do TJ: C12 — Valor do emolumento diverge da tabela vigente.")
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, SealDetailScreen)
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, DashboardScreen)


async def test_under_two_hours_and_late_are_highlighted(make_app, office):
    ids = seed_records()
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await login(pilot, office.supervisor)
        late, soon, calm = (cells(app, ids[name])[0] for name in ("late", "soon", "calm"))
        assert (late.plain, str(late.style)) == ("vencido há 2 h", "bold red")
        assert (soon.plain, str(soon.style)) == ("1 h", "bold yellow")
        assert (calm.plain, str(calm.style)) == ("20 h", "")


async def test_a_change_elsewhere_updates_only_its_rows_and_the_counts(make_app, office):
    ids = seed_records()
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await login(pilot, office.supervisor)
        screen = app.screen
        before = dict(screen.counts.overall)
        # The transmitter, in another process: one accepted, one criticized.
        SealRecord.update(state="communicated").where(SealRecord.id == ids["soon"]).execute()
        SealRecord.update(state="criticized", criticisms=json.dumps(CRITICISM)).where(
            SealRecord.id == ids["calm"]).execute()
        await shown_within(pilot, lambda: ids["soon"] not in listed_ids(app)
                           and cells(app, ids["calm"])[2] == "criticado")
        assert listed_ids(app) == [ids["late"], ids["criticized"], ids["calm"]]
        assert screen.counts.overall["pending"] == before["pending"] - 2
        assert screen.counts.overall["criticized"] == before["criticized"] + 1
        assert screen.counts.overall["communicated"] == before["communicated"] + 1
        # A new record comes into its place by deadline.
        [code] = insert_rows([digital_row(9, FROZEN - timedelta(hours=25))])
        new = SealRecord.get(SealRecord.code == code).id
        await shown_within(pilot, lambda: new in listed_ids(app))
        assert listed_ids(app) == [ids["late"], new, ids["criticized"], ids["calm"]]
        assert screen.counts.overall["pending"] == before["pending"] - 1
        # An act at the counter of another terminal: its hour's bar.
        chart = text_of(screen.query_one("#dash-hours"))
        register_counter_acts(office.clerk, "autenticacao", 1, now=FROZEN)
        await shown_within(pilot, lambda: text_of(screen.query_one("#dash-hours")) != chart)
        assert "máx. 1" in text_of(screen.query_one("#dash-hours"))


async def test_resend_a_criticized_record_with_a_reason(make_app, office):
    ids = seed_records()
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await login(pilot, office.supervisor)
        await pilot.press("down", "down", "r")
        await settle(pilot)
        await pilot.press("enter")  # no reason yet
        await settle(pilot)
        assert SealRecord.get_by_id(ids["criticized"]).state == SealState.CRITICIZED
        for key in "Cadastro corrigido":
            await pilot.press("space" if key == " " else key)
        await pilot.press("enter")
        await settle(pilot)
        assert SealRecord.get_by_id(ids["criticized"]).state == SealState.PENDING
        assert "de volta à fila" in message(app)
        assert cells(app, ids["criticized"])[2] == "na fila"
        # The change feed brings the same change back: counted once.
        pending = SealRecord.select().where(SealRecord.state == "pending").count()
        await pilot.pause(1.5)
        await settle(pilot)
        assert app.screen.counts.overall["pending"] == pending


async def test_pause_with_a_reason_then_resume_and_send_now(make_app, office):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await login(pilot, office.supervisor)
        await pilot.press("p")
        await settle(pilot)
        for key in "Troca do certificado":
            await pilot.press("space" if key == " " else key)
        await pilot.press("enter")
        await settle(pilot)
        view = read_transmitter_view()
        assert view.paused and view.paused_by == "sueli"
        assert "pausada por sueli" in text_of(app.screen.query_one("#dash-transmitter"))
        await pilot.press("e")  # refused while paused, in Portuguese
        await settle(pilot)
        assert "retome-a" in message(app)
        await pilot.press("p")
        await settle(pilot)
        assert not read_transmitter_view().paused
        await pilot.press("e")
        await settle(pilot)
        assert read_transmitter_view().send_now_requested_at is not None
        assert message(app) == "Envio pedido ao transmissor."


def test_snapshot_of_the_dashboard(snap_compare, make_app, office):
    seed_records()
    for hours_ago, count in [(5, 2), (4, 5), (3, 8), (2, 3), (1, 6), (0, 1)]:
        register_counter_acts(office.clerk, "autenticacao", count,
                              now=FROZEN - timedelta(hours=hours_ago))

    async def run_before(pilot):
        await login(pilot, office.supervisor)
        await pilot.press("down", "down")
        await settle(pilot)
    assert snap_compare(make_app(), terminal_size=SIZE, run_before=run_before)
