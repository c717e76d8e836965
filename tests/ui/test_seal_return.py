"""Estornar and Inutilizar from Meus atos de hoje, keyboard only: what the dialogs show, the
question before the store, refusals at their field, and the day's list afterwards."""
from __future__ import annotations

from textual.widgets import OptionList

from balcao_tui.domain.seal_states import PhysicalState, SealState
from balcao_tui.screens.confirm import ConfirmScreen
from balcao_tui.screens.day_acts import DayActsScreen
from balcao_tui.screens.help import HelpScreen
from balcao_tui.screens.seal_return import ReversalScreen, SpoilageScreen
from balcao_tui.store.models import Act, PhysicalSeal, SealRecord, ShiftClosing
from balcao_tui.store.usecases.counter import register_counter_acts
from balcao_tui.store.usecases.spoilage import spoil_seals
from balcao_tui.store.usecases.stock import add_seal_sheet

from .conftest import FROZEN
from .helpers import field_error, login, message, open_screen, slowly, text_of


def state_of(number: int, series: str = "AU0001") -> str:
    return PhysicalSeal.get(series=series, number=number).state


def dialog_message(app) -> str:
    return text_of(app.screen.query_one("#seal-return-message"))


async def my_acts(pilot, user: int) -> None:
    await login(pilot, user)
    await open_screen(pilot, "f6")
    assert isinstance(pilot.app.screen, DayActsScreen)


async def test_reversal_of_the_chosen_act_keyboard_only(make_app, office, cards):
    service = register_counter_acts(office.clerk, "autenticacao", 3, now=FROZEN)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await my_acts(pilot, office.clerk)
        await slowly(pilot, "down", "f7")  # the second page of the service: AU0001 0000002
        assert isinstance(app.screen, ReversalScreen)
        assert text_of(app.screen.query_one("#seal-return-seals")) == (
            "Volta para a cartela o selo AU0001 0000002.")
        assert "Autenticação" in text_of(app.screen.query_one("#seal-return-detail"))
        await slowly(pilot, "enter")  # no reason yet: said at the field, nothing asked
        assert field_error(app, "seal_reason") == "Informe o campo motivo."
        await slowly(pilot, "Lançado a mais", "enter")
        assert isinstance(app.screen, ConfirmScreen)
        assert app.screen.question == ("Estornar o selo AU0001 0000002? O ato dele será "
                                       "cancelado.")
        await slowly(pilot, "s")
        assert isinstance(app.screen, DayActsScreen)
        assert message(app).startswith("Selo AU0001 0000002 estornado: voltou para a cartela")
        listing = app.screen.query_one("#day-acts", OptionList)
        assert str(listing.get_option_at_index(1).prompt).split()[-4:] == [
            "AU0001", "0000002", "Dinheiro", "estornado"]
        assert "2 ato(s)" in text_of(app.screen.query_one("#day-acts-totals"))
        assert "1 cancelado(s)" in text_of(app.screen.query_one("#day-acts-totals"))
        await slowly(pilot, "f7")  # the same act again: refused before any dialog
        assert isinstance(app.screen, DayActsScreen)
        assert message(app) == "Este ato já foi cancelado: o selo foi estornado."
        await slowly(pilot, "f6")
        assert "não há etiqueta para reimprimir" in message(app)
    undone = service.acts[1]
    assert Act.get_by_id(undone.act_id).cancelled_at is not None
    assert SealRecord.get(SealRecord.act == undone.act_id).state == SealState.CANCELLED
    assert state_of(2) == PhysicalState.REVERSED


async def test_giving_up_changes_nothing(make_app, office):
    register_counter_acts(office.clerk, "autenticacao", 1, now=FROZEN)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await my_acts(pilot, office.clerk)
        await slowly(pilot, "f7", "f1")
        assert isinstance(app.screen, HelpScreen) and app.screen.title_text == "Estornar selo(s)"
        await slowly(pilot, "escape", "Engano", "enter", "enter")  # Enter answers "Não"
        assert isinstance(app.screen, ReversalScreen)
        await slowly(pilot, "escape")
        assert isinstance(app.screen, DayActsScreen)
    assert state_of(1) == PhysicalState.USED


async def test_a_refusal_of_the_store_shows_in_the_dialog(make_app, office):
    register_counter_acts(office.clerk, "autenticacao", 1, now=FROZEN)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await my_acts(pilot, office.clerk)
        ShiftClosing.create(day=FROZEN.date(), closed_by=office.supervisor)
        await slowly(pilot, "f7", "Engano", "enter", "s")
        assert isinstance(app.screen, ReversalScreen)
        assert dialog_message(app) == ("O expediente de 21/11/2026 já foi fechado: os selos "
                                       "dele não podem mais ser estornados.")
    assert state_of(1) == PhysicalState.USED


async def test_spoilage_of_typed_seals_by_a_supervisor(make_app, office):
    spoil_seals(office.supervisor, [("AU0001", 7)], "Rasgado.", now=FROZEN)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await my_acts(pilot, office.supervisor)
        await slowly(pilot, "f8")
        assert isinstance(app.screen, SpoilageScreen)
        await slowly(pilot, "AU0001 5-7; 5", "enter")
        assert field_error(app, "seals") == "O mesmo selo foi informado mais de uma vez."
        await slowly(pilot, *["backspace"] * 3, "enter", "Borrados na colagem", "enter", "s")
        assert isinstance(app.screen, SpoilageScreen)  # 7 was spoiled already: at the field
        assert field_error(app, "seals") == "O selo AU0001 0000007 já foi inutilizado."
        await slowly(pilot, "AU0001 5-6", "enter", "enter", "s")  # typed over the old
        assert isinstance(app.screen, DayActsScreen)
        assert message(app) == "Inutilizado(s): AU0001 0000005-0000006."
    assert [state_of(n) for n in (5, 6)] == [PhysicalState.SPOILED] * 2


async def test_spoilage_prefilled_with_the_chosen_acts_seal(make_app, office):
    add_seal_sheet(office.admin, series="AU0009", seal_type="autenticacao", first_number=1,
                   last_number=5, clerk_id=office.supervisor)
    register_counter_acts(office.supervisor, "autenticacao", 1, now=FROZEN)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await my_acts(pilot, office.supervisor)
        await slowly(pilot, "f8")
        assert app.screen.query_one("#seal-list").value == "AU0009 0000001"
        await slowly(pilot, "Borrado", "enter", "s")
        assert message(app) == ("Inutilizado(s): AU0009 0000001. 1 ato(s) cancelado(s): "
                                "refaça-os com outro selo.")
        listing = app.screen.query_one("#day-acts", OptionList)
        assert str(listing.get_option_at_index(0).prompt).endswith("inutilizado")


async def test_an_escrevente_has_no_spoilage_key(make_app, office):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await my_acts(pilot, office.clerk)
        assert app.screen.check_action("spoil", ()) is False  # hidden from footer and help
        await slowly(pilot, "f8")
        assert isinstance(app.screen, DayActsScreen)
