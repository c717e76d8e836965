"""Fechar o meu caixa: expected per method from the store, differences live as the clerk
types, the explanation they require, a closed drawer read-only and refusing services,
and the supervisor's reopening."""
from hypothesis import given, settings
from hypothesis import strategies as st
from textual.widgets import Input, OptionList

from balcao_tui.domain.money import format_money
from balcao_tui.screens.drawer import DrawerScreen, parse_counted
from balcao_tui.screens.drawers_of_day import DrawersOfDayScreen
from balcao_tui.screens.label import LabelScreen
from balcao_tui.store.models import CashDrawer
from balcao_tui.store.usecases.counter import register_counter_acts
from balcao_tui.store.usecases.drawers import MAX_COUNTED, close_drawer
from support.hostile import HOSTILE_TEXTS, message_problem

from .conftest import FROZEN
from .helpers import burst, field_error, login, message, open_screen, text_of

DAY = FROZEN.date()
CLOSED = "Seu caixa de 21/11/2026 está fechado: peça ao supervisor para reabri-lo."


def shown(app, widget_id: str) -> str:
    return text_of(app.screen.query_one(f"#{widget_id}"))


def services(office, cards) -> dict[str, int]:
    """A morning at the counter; what each method should hold."""
    pix = register_counter_acts(office.clerk, "autenticacao", 2, now=FROZEN, payment="pix")
    cash = register_counter_acts(office.clerk, "firma_com_valor", 1, now=FROZEN,
                                 signature_card_id=cards["maria"])
    register_counter_acts(office.clerk, "autenticacao", 1, now=FROZEN, payment="isento",
                          exempt_reason="Lei 1.060/50, art. 3º")
    return {"dinheiro": cash.total, "pix": pix.total}


async def test_differences_show_as_typed_and_must_be_explained(make_app, office, cards):
    expected = services(office, cards)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await login(pilot, office.clerk)
        await open_screen(pilot, "f8")
        assert isinstance(app.screen, DrawerScreen) and app.focused.id == "counted-dinheiro"
        assert shown(app, "expected-dinheiro") == format_money(expected["dinheiro"])
        assert shown(app, "expected-pix") == format_money(expected["pix"])
        assert shown(app, "expected-total") == format_money(sum(expected.values()))
        assert shown(app, "drawer-exempt").startswith("Isentos: 1")
        await burst(pilot, "10,00")
        assert shown(app, "difference-dinheiro") == format_money(1000 - expected["dinheiro"])
        assert shown(app, "difference-pix") == format_money(-expected["pix"])
        await burst(pilot, "enter", f"{expected['pix'] // 100},{expected['pix'] % 100:02d}")
        assert shown(app, "difference-pix") == "R$ 0,00"
        assert shown(app, "difference-total") == format_money(1000 - expected["dinheiro"])
        await burst(pilot, "f9")
        assert "explique a diferença" in field_error(app, "explanation")
        assert app.focused.id == "explanation"
        assert CashDrawer.select().count() == 0
        await burst(pilot, "Troco dado a mais.", "enter")
        assert "Caixa fechado" in message(app)
        assert "caixa fechado em 21/11/2026 14:05" in shown(app, "drawer-state")
        assert all(field.disabled for field in app.screen.query(Input))
        assert app.screen.check_action("confirm", ()) is False
        await burst(pilot, "escape", "f3")
        assert message(app) == CLOSED  # said on opening, before anything is typed
        await burst(pilot, "1", "enter", "enter")
        assert message(app) == CLOSED
        await burst(pilot, "escape", "f5")
        assert message(app) == CLOSED
    drawer = CashDrawer.get()
    assert (drawer.state, drawer.counted_dinheiro, drawer.counted_pix) == (
        "closed", 1000, expected["pix"])
    assert drawer.explanation == "Troco dado a mais."


async def test_money_typed_wrong_is_a_field_error(make_app, office):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await login(pilot, office.clerk)
        await open_screen(pilot, "f8")
        for typed, error in [("abc", "Valor inválido"), ("-5", "negativo"),
                             ("99.999.999.999,99", "no máximo R$ 9.999.999,99"),
                             ("9" * 200, "Valor grande demais")]:
            app.screen.query_one("#counted-dinheiro", Input).value = ""
            await burst(pilot, typed, "enter")
            assert error in field_error(app, "counted_dinheiro"), typed
            assert app.focused.id == "counted-dinheiro"
            assert shown(app, "difference-dinheiro") == "—"
        await burst(pilot, "f9")
        assert error in field_error(app, "counted_dinheiro")
    assert CashDrawer.select().count() == 0


@settings(max_examples=300, deadline=None)
@given(text=st.one_of(st.sampled_from(HOSTILE_TEXTS), st.text(max_size=60),
                      st.from_regex(r"\A-?\s?(R\$)?\s?[0-9.,]{0,24}\Z")))
def test_a_counted_amount_is_read_or_refused_in_portuguese(text):
    try:
        cents = parse_counted(text)
    except ValueError as exc:
        assert message_problem(str(exc)) is None, str(exc)
    else:
        assert 0 <= cents <= MAX_COUNTED


async def test_a_supervisor_reopens_a_clerks_drawer_with_a_reason(make_app, office, cards):
    services(office, cards)
    close_drawer(office.clerk, DAY, {"dinheiro": 500}, "Faltou dinheiro.", now=FROZEN)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await login(pilot, office.supervisor)
        await open_screen(pilot, "f8")
        await burst(pilot, "f6")
        assert isinstance(app.screen, DrawersOfDayScreen)
        listing = app.screen.query_one("#drawers", OptionList)
        assert "Clara Escrevente       fechado" in str(listing.get_option_at_index(0).prompt)
        assert shown(app, "drawer-explanation") == "Explicação: Faltou dinheiro."
        await burst(pilot, "enter", "enter")
        assert field_error(app, "reason") == "Informe o campo motivo."
        await burst(pilot, "Recontagem com o supervisor.", "enter")
        assert message(app) == "Caixa de Clara Escrevente reaberto."
        assert "reaberto" in str(listing.get_option_at_index(0).prompt)
    assert CashDrawer.get().state == "open"

    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await login(pilot, office.clerk)
        await open_screen(pilot, "f8")
        assert ("Reaberto por Sueli Supervisora em 21/11/2026 14:05: Recontagem com o "
                "supervisor.") in shown(app, "drawer-state")
        assert app.screen.query_one("#counted-dinheiro", Input).value == "5,00"  # to correct
        assert app.screen.check_action("drawers_of_day", ()) is False  # a clerk's screen
        await burst(pilot, "escape", "f3", "1", "enter", "enter")
        assert isinstance(app.screen, LabelScreen)  # services are taken again
