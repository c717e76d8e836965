"""Estoque de selos físicos, keyboard only: a supervisor buys seals, hands a range to a clerk,
moves the unused rest of a clerk's seals to another; refusals at their field with nothing
written; the clerk's home warns when the sheets run low."""
from textual.widgets import OptionList

from balcao_tui.screens.home import HomeScreen
from balcao_tui.screens.stock import StockScreen
from balcao_tui.screens.stock_forms import HandoverScreen, PurchaseScreen
from balcao_tui.store.models import PhysicalSeal
from balcao_tui.store.usecases.counter import register_counter_acts
from balcao_tui.store.usecases.office import set_settings
from balcao_tui.store.usecases.stock import next_available_seals
from support.hostile import snapshot

from .conftest import FROZEN
from .helpers import burst, field_error, login, message, slowly, text_of, to_home

DAY = FROZEN.date()


async def open_stock(pilot) -> None:
    """From home: Administração… is the last entry before Sair, the stock its first."""
    await to_home(pilot)
    assert isinstance(pilot.app.screen, HomeScreen)
    await slowly(pilot, "up", "up", "enter", "enter")
    assert isinstance(pilot.app.screen, StockScreen)


def rows(app) -> list[str]:
    listing = app.screen.query_one("#stock-lines", OptionList)
    return [str(listing.get_option_at_index(i).prompt) for i in range(listing.option_count)]


async def test_purchase_assign_and_move_from_the_keyboard(make_app, office):
    register_counter_acts(office.clerk, "autenticacao", 3, now=FROZEN)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await login(pilot, office.supervisor)
        await open_stock(pilot)
        assert [r.split()[:2] for r in rows(app)] == [
            ["AU0001", "Autenticação"], ["RF0001", "Firma"], ["RF0002", "Firma"]]
        assert rows(app)[0].split()[-4:] == ["47", "3", "0", "50"]
        assert "números livres: 4–50" in text_of(app.screen.query_one("#stock-detail"))

        await burst(pilot, "f6")
        assert isinstance(app.screen, PurchaseScreen)
        await burst(pilot, "1", "enter", "rf0100", "enter", "1", "enter", "100", "enter")
        assert "Registrar a compra de 100 selo(s) de reconhecimento de firma, RF0100 " \
               "0000001 a RF0100 0000100?" in text_of(app.screen.query_one("#confirm-question"))
        await burst(pilot, "s")
        assert isinstance(app.screen, StockScreen)
        assert message(app) == ("Compra registrada no estoque: 100 selo(s) RF0100 0000001 a "
                                "RF0100 0000100.")
        stock_row = next(r for r in rows(app) if r.startswith("RF0100"))
        assert "Estoque (sem escrevente)" in stock_row

        # F7 on the stock's line: the form starts from its free range; 1-30 to Bruno.
        app.screen.query_one("#stock-lines", OptionList).highlighted = rows(app).index(stock_row)
        await burst(pilot, "f7")
        assert isinstance(app.screen, HandoverScreen)
        assert [app.screen.value(f) for f in ("series", "first", "last")] == [
            "RF0100", "1", "100"]
        await burst(pilot, "enter", "enter", "end", "backspace", "backspace", "backspace", "30",
                    "enter")
        clerks = app.screen.query_one("#clerks", OptionList)
        names = [str(clerks.get_option_at_index(i).prompt) for i in range(clerks.option_count)]
        assert "Ana Administradora" not in names
        await slowly(pilot, *["down"] * (names.index("Bruno Escrevente")
                                         - clerks.highlighted), "enter")
        assert "Entregar a Bruno Escrevente os selos RF0100 0000001 a RF0100 0000030" in \
            text_of(app.screen.query_one("#confirm-question"))
        await burst(pilot, "s")
        assert message(app) == "30 selo(s) do estoque passaram a Bruno Escrevente."
        assert next_available_seals(office.clerk2, "reconhecimento", 1, DAY) == [("RF0002", 1)]
        assert (PhysicalSeal.get(series="RF0100", number=30).sheet.clerk_id == office.clerk2)

        # F8: Clara's AU0001 (3 used) to Bruno; the used ones stay with her.
        app.screen.query_one("#stock-lines", OptionList).highlighted = 0
        await burst(pilot, "f8")
        assert [app.screen.value(f) for f in ("series", "first", "last")] == [
            "AU0001", "4", "50"]
        await burst(pilot, "enter", "enter", "enter")
        names = [u.name for u in app.screen.clerks]
        await slowly(pilot, *["down"] * (names.index("Bruno Escrevente")
                                         - app.screen.query_one("#clerks").highlighted))
        await burst(pilot, "f9", "s")
        assert message(app) == "47 selo(s) de Clara Escrevente passaram a Bruno Escrevente."
        assert next_available_seals(office.clerk2, "autenticacao", 1, DAY) == [("AU0001", 4)]
        assert next_available_seals(office.clerk, "autenticacao", 1, DAY) == []
        au = [r.split() for r in rows(app) if r.startswith("AU0001")]
        assert [r[-4:] for r in au] == [["47", "0", "0", "47"], ["0", "3", "0", "3"]]


async def test_refusals_show_at_their_field_and_write_nothing(make_app, office):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await login(pilot, office.supervisor)
        await open_stock(pilot)
        before = snapshot()
        await burst(pilot, "f6", "3", "enter", "RF0001", "enter", "1", "enter", "2", "enter")
        assert field_error(app, "seal_type") == ("Tipo: 1 para reconhecimento de firma, 2 "
                                                 "para autenticação.")
        await burst(pilot, "backspace", "1", "f9", "s")
        assert field_error(app, "first_number") == (
            "O selo RF0001 0000001 já está cadastrado: as cartelas não podem se sobrepor.")
        for series, first, last, field, error in [
                ("😀", "1", "2", "series", "Série do selo físico com caractere inválido"),
                ("RF9", "-1", "2", "first_number", "Do número: informe um número inteiro"),
                ("RF9", "9", "2", "last_number", "O último número deve estar entre 9 e"),
                ("RF9", "1", "99999", "last_number", "Uma cartela tem no máximo 10000 selos"),
                ("RF9", "1", "9" * 9, "last_number", "O último número deve estar entre 1 e")]:
            for field_id, text in (("series", series), ("first", first), ("last", last)):
                app.screen.query_one(f"#{field_id}").value = text
            await burst(pilot, "f9")
            assert field_error(app, field).startswith(error), (series, first, last)
        assert isinstance(app.screen, PurchaseScreen)
        await burst(pilot, "escape", "s")
        assert isinstance(app.screen, StockScreen)
        await burst(pilot, "f7", "RF0001", "enter", "1", "enter", "5", "enter", "enter", "s")
        assert field_error(app, "first_number").startswith(
            "O selo RF0001 0000001 já está com Clara Escrevente: use Mover")
        assert snapshot() == before


async def test_the_clerks_home_warns_when_the_sheets_run_low(make_app, office):
    register_counter_acts(office.clerk, "autenticacao", 35, now=FROZEN)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await login(pilot, office.clerk)
        warning = app.screen.query_one("#low-stock")
        assert warning.display and text_of(warning) == (
            "Restam 15 selos de autenticação: peça uma nova cartela ao supervisor.")
    set_settings(office.admin, {"stock.low_seals": "10"})
    async with make_app().run_test(size=(80, 24)) as pilot:
        await login(pilot, office.clerk)
        assert not pilot.app.screen.query_one("#low-stock").display
