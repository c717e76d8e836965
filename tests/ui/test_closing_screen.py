"""The day closing screen, keyboard only: the counts beside the system's, the words the
divergences need, the closing itself, the report; and what a clerk cannot do."""
from datetime import date

from balcao_tui.screens.closing import ClosingReportScreen, ClosingScreen
from balcao_tui.store.models import SealLoad, SealRecord, ShiftClosing
from balcao_tui.store.usecases.counter import register_counter_acts
from balcao_tui.store.usecases.daily import add_daily_count

from .conftest import FROZEN
from .helpers import burst, field_error, login, message, settle, text_of
from .test_snapshots import SIZE, as_user

DAY = date(2026, 11, 21)


def _day_with_acts(office) -> int:
    registration = register_counter_acts(office.clerk, "autenticacao", 3, now=FROZEN)
    add_daily_count(office.clerk, "fotocopia", 4, now=FROZEN)
    return registration.total


async def test_a_supervisor_closes_the_day_keyboard_only(make_app, office):
    total = _day_with_acts(office)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await login(pilot, office.supervisor)
        await burst(pilot, "f9")
        assert isinstance(app.screen, ClosingScreen)
        summary = text_of(app.screen.query_one("#closing-summary"))
        assert "3 selo(s) híbrido(s) aguardando" in summary and "Clara Escrevente" in summary
        await burst(pilot, "2", "enter")
        assert "diferença -1" in text_of(app.screen.query_one("#paper-compare"))
        await burst(pilot, "1,00", "enter", "enter", "enter")
        assert "explique" in field_error(app, "explanation")
        await burst(pilot, "Um selo rasgado", "enter", "enter")
        assert "caixas abertos" in field_error(app, "open_drawers_reason")
        await burst(pilot, "Conferido com a escrevente", "enter")
        assert ShiftClosing.select().count() == 0  # the question first
        await burst(pilot, "s")
        await settle(pilot)
        assert "fechado: 3 selo(s) em 1 carga(s) e 1 selo(s) diário(s)" in message(app)
        assert "Fechado por Sueli Supervisora" in text_of(app.screen.query_one(
            "#closing-summary"))
        await burst(pilot, "f6")
        assert isinstance(app.screen, ClosingReportScreen)
        assert "Carga 1: 3 selo(s)" in app.screen.document
    closing = ShiftClosing.get()
    assert (closing.day, closing.paper_count, closing.cash_counted) == (DAY, 2, 100)
    assert closing.cash_expected != 100 and closing.paper_expected == 3
    assert (closing.explanation, closing.open_drawers_reason) == (
        "Um selo rasgado", "Conferido com a escrevente")
    assert SealLoad.get().record_count == 3
    assert {r.state for r in SealRecord.select()} == {"pending"}
    assert closing.cash_expected == total + closing.cash_expected - total


async def test_the_clerks_home_has_no_closing(make_app, office):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await login(pilot, office.clerk)
        menu = [str(option.prompt) for option in app.screen.query_one("#menu").options]
        assert not any("Fechamento" in line for line in menu)
        await burst(pilot, "f9")
        assert not isinstance(app.screen, ClosingScreen)


class TestClosingSnapshots:
    def test_closing_with_divergence(self, snap_compare, make_app, office):
        _day_with_acts(office)

        async def type_counts(pilot):
            await burst(pilot, "2", "enter", "1,00", "enter", "enter", "enter")

        assert snap_compare(make_app(), terminal_size=SIZE,
                            run_before=as_user(office.supervisor, "f9", type_counts))

    def test_closing_report(self, snap_compare, make_app, office):
        _day_with_acts(office)
        assert snap_compare(make_app(), terminal_size=SIZE,
                            run_before=as_user(office.supervisor, "f9", "f6"))
