"""Painel de selos: who lands there, what it shows, rows refreshed by key, resend."""
from __future__ import annotations

import json
from collections import namedtuple
from datetime import timedelta

from textual.message import Message
from textual.widgets import DataTable, OptionList

from balcao_tui.domain.seal_states import SealState
from balcao_tui.screens.closing import ClosingScreen
from balcao_tui.screens.dashboard import DashboardScreen
from balcao_tui.screens.home import HomeScreen
from balcao_tui.screens.seal_detail import SealDetailScreen
from balcao_tui.store.dashboard import Move
from balcao_tui.store.models import SealRecord
from balcao_tui.store.usecases.counter import register_counter_acts
from support.seal_records import digital_row, insert_rows

from .conftest import FROZEN
from .helpers import login, message, settle, text_of

SIZE = (80, 24)


class StoreChanged(Message):
    """The change feed's message as its contract gives it (part 1 brings the real one:
    import it from balcao_tui.store_changes once it is on main)."""

    def __init__(self, changes: tuple, full: bool) -> None:
        super().__init__()
        self.changes, self.full = changes, full
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


def cells(app, record_id: int) -> list:
    return app.screen.query_one("#dash-list", DataTable).get_row(str(record_id))


def listed_ids(app) -> list[int]:
    table = app.screen.query_one("#dash-list", DataTable)
    return [int(row.key.value) for row in table.ordered_rows]


async def test_a_supervisor_lands_on_the_dashboard_and_esc_leads_to_the_menu(make_app, office):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await login(pilot, office.supervisor)
        assert isinstance(app.screen, DashboardScreen)
        await pilot.press("f9")  # home's keys work on the dashboard too
        await settle(pilot)
        assert isinstance(app.screen, ClosingScreen)
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
        assert app.focused.id != "resend-reason"
        assert "r" not in app.active_bindings


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
        screen.records_changed([Move(ids["soon"], "pending", "communicated"),
                                Move(ids["calm"], "pending", "criticized")])
        await settle(pilot)
        assert listed_ids(app) == [ids["late"], ids["criticized"], ids["calm"]]
        assert cells(app, ids["calm"])[2] == "criticado"
        assert screen.counts.overall["pending"] == before["pending"] - 2
        assert screen.counts.overall["criticized"] == before["criticized"] + 1
        assert screen.counts.overall["communicated"] == before["communicated"] + 1
        # A new record comes into its place by deadline.
        [code] = insert_rows([digital_row(9, FROZEN - timedelta(hours=25))])
        new = SealRecord.get(SealRecord.code == code).id
        screen.records_changed([Move(new, None, "pending")])
        await settle(pilot)
        assert listed_ids(app) == [ids["late"], new, ids["criticized"], ids["calm"]]


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
        pending = app.screen.counts.overall["pending"]
        feed_change = namedtuple("Change", "revision entity key detail")
        app.screen.post_message(StoreChanged(
            (feed_change(1, "seal_record", str(ids["criticized"]), "criticized>pending"),),
            False))
        await settle(pilot)
        assert app.screen.counts.overall["pending"] == pending
        # Another change from the feed: its row goes, the counts move.
        SealRecord.update(state="communicated").where(SealRecord.id == ids["soon"]).execute()
        app.screen.post_message(StoreChanged(
            (feed_change(2, "seal_record", str(ids["soon"]), "pending>communicated"),), False))
        await settle(pilot)
        assert app.screen.counts.overall["pending"] == pending - 1
        assert ids["soon"] not in listed_ids(app)


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
