"""What each screen shows at 80x24, frozen at 21/11/2026 14:05 on the test office.

Regenerate after LOOKING at the screens: pytest tests/ui/test_snapshots.py --snapshot-update
"""
import pytest
from textual.widgets import Input

from balcao_tui.store.usecases.counter import register_counter_acts
from balcao_tui.store.usecases.daily import add_daily_count
from balcao_tui.store.usecases.drawers import close_drawer

from .conftest import FROZEN, MARIA_CPF
from .helpers import fill, login, settle, type_text

SIZE = (80, 24)


async def steady(pilot) -> None:
    """Wait for the store, and stop the cursor blinking so that pictures are stable."""
    await settle(pilot)
    for screen in pilot.app.screen_stack:
        for field in screen.query(Input):
            field.cursor_blink = False
    await pilot.pause()


def as_user(user_id: int, *steps):
    """Log in, then press each key or run each step, waiting for the store after each."""
    async def run_before(pilot) -> None:
        await login(pilot, user_id)
        for step in steps:
            if callable(step):
                await step(pilot)
            else:
                await pilot.press(step)
            await settle(pilot)
        await steady(pilot)
    return run_before


async def search_maria(pilot):
    fill(pilot.app, "card-query", MARIA_CPF)
    await pilot.press("enter")


class TestEntry:
    def test_login(self, snap_compare, make_app, office):
        async def run_before(pilot):
            await settle(pilot)
            await type_text(pilot, "clara")
            await pilot.press("enter")
            await steady(pilot)
        assert snap_compare(make_app(), terminal_size=SIZE, run_before=run_before)

    def test_home_with_pending_seals(self, snap_compare, make_app, office, cards):
        register_counter_acts(office.clerk, "autenticacao", 3, now=FROZEN)
        app = make_app()
        assert snap_compare(app, terminal_size=SIZE, run_before=as_user(office.clerk))


class TestCounterActs:
    def test_recognition_with_card_and_fees(self, snap_compare, make_app, office, cards):
        app = make_app()
        assert snap_compare(app, terminal_size=SIZE, run_before=as_user(
            office.clerk, "f2", search_maria, "enter", "2", "2"))

    def test_recognition_in_16_colours(self, snap_compare, make_app, office, cards):
        app = make_app(ansi=True)
        assert snap_compare(app, terminal_size=SIZE, run_before=as_user(
            office.clerk, "f2", search_maria, "enter", "1"))

    def test_label_after_confirming(self, snap_compare, make_app, office, cards):
        app = make_app()
        assert snap_compare(app, terminal_size=SIZE, run_before=as_user(
            office.clerk, "f2", search_maria, "enter", "1", "enter", "enter"))

    def test_authentication(self, snap_compare, make_app, office):
        app = make_app()
        assert snap_compare(app, terminal_size=SIZE,
                            run_before=as_user(office.clerk, "f3", "3"))

    def test_confirm_step_paid_by_pix(self, snap_compare, make_app, office, cards):
        app = make_app()
        assert snap_compare(app, terminal_size=SIZE, run_before=as_user(
            office.clerk, "f2", search_maria, "enter", "2", "2", "f7", "2"))

    def test_payment_choice_asking_the_legal_reason(self, snap_compare, make_app, office):
        app = make_app()
        assert snap_compare(app, terminal_size=SIZE, run_before=as_user(
            office.clerk, "f3", "2", "f7", "5", "enter"))


def a_day_at_the_counter(office, cards) -> None:
    register_counter_acts(office.clerk, "autenticacao", 2, now=FROZEN, payment="pix")
    register_counter_acts(office.clerk, "firma_com_valor", 3, now=FROZEN,
                          signature_card_id=cards["maria"])
    register_counter_acts(office.clerk, "firma_sem_valor", 1, now=FROZEN, payment="credito",
                          signature_card_id=cards["jose"])
    register_counter_acts(office.clerk, "autenticacao", 1, now=FROZEN, payment="isento",
                          exempt_reason="Lei 1.060/50, art. 3º")
    add_daily_count(office.clerk, "fotocopia", 20, now=FROZEN)


class TestDrawer:
    def test_open_with_a_difference(self, snap_compare, make_app, office, cards):
        a_day_at_the_counter(office, cards)

        async def count(pilot):
            for typed in ("60,00", "10,30", "", "10,00"):
                await type_text(pilot, typed)
                await pilot.press("enter")

        app = make_app()
        assert snap_compare(app, terminal_size=SIZE,
                            run_before=as_user(office.clerk, "f8", count, "f9"))

    def test_closed(self, snap_compare, make_app, office, cards):
        a_day_at_the_counter(office, cards)
        close_drawer(office.clerk, FROZEN.date(), {"dinheiro": 6000, "pix": 1030},
                     "Faltou troco; o cartão de crédito ficou na outra maquininha.",
                     now=FROZEN)
        app = make_app()
        assert snap_compare(app, terminal_size=SIZE, run_before=as_user(office.clerk, "f8"))

    def test_the_days_drawers_for_a_supervisor(self, snap_compare, make_app, office, cards):
        a_day_at_the_counter(office, cards)
        register_counter_acts(office.clerk2, "firma_com_valor", 1, now=FROZEN,
                              signature_card_id=cards["maria"])
        close_drawer(office.clerk, FROZEN.date(), {"dinheiro": 6000}, "Faltou troco.",
                     now=FROZEN)
        app = make_app()
        assert snap_compare(app, terminal_size=SIZE,
                            run_before=as_user(office.supervisor, "f8", "f6", "down"))


class TestRecords:
    def test_signature_card_with_errors(self, snap_compare, make_app, office, cards):
        async def fill_form(pilot):
            await type_text(pilot, "Maria")
            await pilot.press("enter")
            await settle(pilot)
            fill(pilot.app, "name", "Maria Aparecida Santos")
            fill(pilot.app, "cpf", "123.456.789-00")
            fill(pilot.app, "birth_date", "31/02/1990")
            await pilot.press("f9")

        app = make_app()
        assert snap_compare(app, terminal_size=SIZE,
                            run_before=as_user(office.clerk, "f4", fill_form))

    def test_daily_counts(self, snap_compare, make_app, office):
        add_daily_count(office.clerk, "fotocopia", 35, now=FROZEN)
        add_daily_count(office.clerk2, "autenticacao_digital", 4, now=FROZEN)
        app = make_app()
        assert snap_compare(app, terminal_size=SIZE,
                            run_before=as_user(office.clerk, "f5"))


class TestHelp:
    def test_help_of_the_recognition(self, snap_compare, make_app, office):
        app = make_app()
        assert snap_compare(app, terminal_size=SIZE,
                            run_before=as_user(office.clerk, "f2", "f1"))


COLOUR_MODES = ["256", "16", "no-colour"]


def coloured_app(make_app, monkeypatch, mode: str):
    """The App as a 256-colour terminal, a 16-colour one (TERM=linux) or NO_COLOR sees it."""
    if mode == "no-colour":
        monkeypatch.setenv("NO_COLOR", "1")
    return make_app(ansi=mode == "16")


async def wrong_password(pilot):
    await settle(pilot)
    await type_text(pilot, "clara")
    await pilot.press("enter")
    await type_text(pilot, "errada")
    await pilot.press("enter")
    await steady(pilot)


class TestErrorStates:
    """Each screen refusing what was typed, as each kind of terminal shows it: the empty
    and the focused fields must be visible, and the message fit under its field."""

    @pytest.mark.parametrize("mode", COLOUR_MODES)
    def test_login_refused(self, snap_compare, make_app, office, monkeypatch, mode):
        app = coloured_app(make_app, monkeypatch, mode)
        assert snap_compare(app, terminal_size=SIZE, run_before=wrong_password)

    @pytest.mark.parametrize("mode", COLOUR_MODES)
    def test_recognition_without_card(self, snap_compare, make_app, office, monkeypatch,
                                      mode):
        app = coloured_app(make_app, monkeypatch, mode)
        assert snap_compare(app, terminal_size=SIZE, run_before=as_user(
            office.clerk, "f2", "f9"))

    @pytest.mark.parametrize("mode", COLOUR_MODES)
    def test_authentication_with_zero_pages(self, snap_compare, make_app, office,
                                            monkeypatch, mode):
        app = coloured_app(make_app, monkeypatch, mode)
        assert snap_compare(app, terminal_size=SIZE, run_before=as_user(
            office.clerk, "f3", "backspace", "0", "enter"))

    @pytest.mark.parametrize("mode", COLOUR_MODES)
    def test_signature_card_with_errors(self, snap_compare, make_app, office, cards,
                                        monkeypatch, mode):
        async def fill_form(pilot):
            await type_text(pilot, "Joana")
            await pilot.press("enter")
            await settle(pilot)
            fill(pilot.app, "name", "Joana Nova Pereira")
            fill(pilot.app, "cpf", MARIA_CPF)
            fill(pilot.app, "birth_date", "01/01/2090")
            await pilot.press("f9")

        app = coloured_app(make_app, monkeypatch, mode)
        assert snap_compare(app, terminal_size=SIZE,
                            run_before=as_user(office.clerk, "f4", fill_form))

    @pytest.mark.parametrize("mode", COLOUR_MODES)
    def test_daily_counts_refused(self, snap_compare, make_app, office, monkeypatch, mode):
        app = coloured_app(make_app, monkeypatch, mode)
        assert snap_compare(app, terminal_size=SIZE, run_before=as_user(
            office.clerk, "f5", "-", "5", "enter"))

    @pytest.mark.parametrize("mode", COLOUR_MODES)
    def test_own_password_refused(self, snap_compare, make_app, office, monkeypatch, mode):
        async def wrong_current(pilot):
            await type_text(pilot, "nao-e-esta")
            await pilot.press("enter")
            await type_text(pilot, "nova-senha-1")
            await pilot.press("enter")
            await type_text(pilot, "nova-senha-1")
            await pilot.press("enter")

        app = coloured_app(make_app, monkeypatch, mode)
        assert snap_compare(app, terminal_size=SIZE,
                            run_before=as_user(office.clerk, "f7", wrong_current))

    @pytest.mark.parametrize("mode", COLOUR_MODES)
    def test_my_day_with_nothing_yet(self, snap_compare, make_app, office, monkeypatch,
                                     mode):
        app = coloured_app(make_app, monkeypatch, mode)
        assert snap_compare(app, terminal_size=SIZE, run_before=as_user(office.clerk, "f6"))
