from datetime import date

from balcao_tui.domain.money import format_money
from balcao_tui.screens.daily_counts import DailyCountsScreen
from balcao_tui.store.models import DailyEntry, ShiftClosing
from balcao_tui.store.usecases.daily import daily_totals

from .helpers import login, open_screen, settle, text_of, type_text

DAY = date(2026, 11, 21)


async def test_counts_are_added_through_the_day_and_the_daily_seal_value_shown(make_app, office):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await login(pilot, office.clerk)
        await open_screen(pilot, "f5")
        assert isinstance(app.screen, DailyCountsScreen)
        for text in ("10", "5", "-3"):
            await type_text(pilot, text)
            await pilot.press("enter")
            await settle(pilot)
        await pilot.press("tab")
        await type_text(pilot, "2")
        await pilot.press("enter")
        await settle(pilot)
        copies = daily_totals("fotocopia", DAY)
        shown = text_of(app.screen.query_one("#daily-fotocopia .daily-totals"))
        assert f"ISS (pago pelo tabelião): {format_money(copies.fees.iss)}" in shown
        assert format_money(copies.fees.total) in shown and ": 12" in shown
        digital = text_of(app.screen.query_one("#daily-autenticacao_digital .daily-totals"))
        assert format_money(daily_totals("autenticacao_digital", DAY).fees.total) in digital
    assert copies.quantity == 12 and copies.fees.total == copies.fees.columns.total
    rows = [(e.kind, e.quantity) for e in DailyEntry.select().order_by(DailyEntry.id)]
    assert rows == [("fotocopia", 10), ("fotocopia", 5), ("fotocopia", -3),
                    ("autenticacao_digital", 2)]


async def test_closed_day_refuses_the_count_beside_the_field(make_app, office):
    ShiftClosing.create(day=DAY, closed_by=office.supervisor)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await login(pilot, office.clerk)
        await open_screen(pilot, "f5")
        await type_text(pilot, "4")
        await pilot.press("enter")
        await settle(pilot)
        block_field = app.screen.query_one("#daily-fotocopia FormField")
        assert "já foi fechado" in block_field.error
    assert DailyEntry.select().count() == 0
