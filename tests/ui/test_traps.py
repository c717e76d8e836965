"""The traps a busy counter falls into, each closed: keys that lose work, messages that
outlive their customer, quitting by accident."""
from balcao_tui.screens.authentication import AuthenticationScreen
from balcao_tui.screens.confirm import ConfirmScreen
from balcao_tui.screens.daily_counts import DailyCountsScreen
from balcao_tui.screens.home import HomeScreen
from balcao_tui.screens.recognition import RecognitionScreen
from balcao_tui.screens.signature_card import SignatureCardScreen

from .helpers import burst, field_error, login, message, value


async def test_escape_in_the_results_goes_back_to_the_search_with_its_text(make_app, office,
                                                                           cards):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await login(pilot, office.clerk)
        await burst(pilot, "f2", "maria", "enter")
        assert app.focused.id == "card-results"
        await burst(pilot, "escape")
        assert isinstance(app.screen, RecognitionScreen)
        assert app.focused.id == "card-query" and value(app, "card-query") == "maria"


async def test_escape_on_a_filled_form_asks_before_discarding(make_app, office):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await login(pilot, office.clerk)
        await burst(pilot, "f4", "Joana Nova Pereira", "escape")
        assert isinstance(app.screen, ConfirmScreen)
        assert "Descartar" in app.screen.question
        await burst(pilot, "enter")  # Enter is "no": the card stays
        assert isinstance(app.screen, SignatureCardScreen)
        assert value(app, "card-query") == "Joana Nova Pereira"
        await burst(pilot, "escape", "s")
        assert isinstance(app.screen, HomeScreen)


async def test_escape_on_an_empty_form_goes_back_at_once(make_app, office):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await login(pilot, office.clerk)
        await burst(pilot, "f3", "escape")
        assert isinstance(app.screen, HomeScreen)


async def test_service_keys_work_from_any_counter_screen_asking_if_typed(make_app, office):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await login(pilot, office.clerk)
        await burst(pilot, "f3", "f5")  # nothing typed: straight to the daily counts
        assert isinstance(app.screen, DailyCountsScreen)
        await burst(pilot, "7", "f2")
        assert isinstance(app.screen, ConfirmScreen)
        await burst(pilot, "n")
        assert isinstance(app.screen, DailyCountsScreen) and app.focused.value == "7"
        await burst(pilot, "f2", "s")
        assert isinstance(app.screen, RecognitionScreen)
        assert len(app.screen_stack) == 3  # home stays under it: Esc goes back there
        await burst(pilot, "f3")
        assert isinstance(app.screen, AuthenticationScreen)


async def test_quitting_asks_first(make_app, office):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await login(pilot, office.clerk)
        await burst(pilot, "ctrl+q")
        assert isinstance(app.screen, ConfirmScreen) and "Sair" in app.screen.question
        await burst(pilot, "enter")  # "no"
        assert isinstance(app.screen, HomeScreen) and app.is_running
        await burst(pilot, "f10", "f10")  # logout, then quit from the login screen: asks
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("s")
        await pilot.pause(0.1)
    assert app.return_code == 0 and not app.is_running


async def test_the_last_customers_message_goes_with_the_next_customer(make_app, office,
                                                                       cards):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await login(pilot, office.clerk)
        await burst(pilot, "f2", "52998224725", "enter", "enter", "1", "enter", "enter",
                    "enter")
        assert "Registrado" in message(app)
        await burst(pilot, "jose", "enter")
        assert message(app) == ""


async def test_a_field_error_clears_when_the_field_changes(make_app, office):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await login(pilot, office.clerk)
        await burst(pilot, "f3", "backspace", "0", "enter")
        assert "de 1 a 200" in field_error(app, "count")
        await burst(pilot, "backspace", "2")
        assert field_error(app, "count") == ""


async def test_the_palette_of_home_lists_each_action_once(make_app, office):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await login(pilot, office.clerk)
        titles = [command.title for command in app.get_system_commands(app.screen)]
        assert len(titles) == len(set(titles))
        folded = [t.split(" (")[0].replace("Abrir: ", "") for t in titles]
        assert sum("Reconhecimento" in t or t == "Firma" for t in folded) == 1
        assert sum("Meus atos de hoje" in t for t in folded) == 1


async def test_a_future_birth_date_is_refused_before_the_seal_question(make_app, office):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await login(pilot, office.clerk)
        await burst(pilot, "f4", "Joana Nova Pereira", "enter", "enter", "enter",
                    "01/01/2090", "f9")
        assert isinstance(app.screen, SignatureCardScreen)  # no question was asked
        assert "no futuro" in field_error(app, "birth_date")
        assert app.focused.id == "birth_date"
