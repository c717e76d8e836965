from balcao_tui.screens.authentication import AuthenticationScreen
from balcao_tui.screens.label import LabelScreen
from balcao_tui.store.models import Act, PhysicalSeal, SealRecord
from balcao_tui.domain.seal_states import PhysicalState, SealState
from balcao_tui.store.usecases.office import set_settings

from datetime import date

from balcao_tui.domain.act_kinds import get_act_kind
from balcao_tui.domain.fees import act_fees
from balcao_tui.domain.money import format_money
from balcao_tui.screens.confirm import ConfirmScreen
from balcao_tui.store.usecases.fee_tables import current_fee_table

from .helpers import burst, login, message, open_screen, settle, type_text, value


async def test_three_pages_take_three_seals_of_the_authentication_sheet(make_app, office):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await login(pilot, office.clerk)
        await open_screen(pilot, "f3")
        assert isinstance(app.screen, AuthenticationScreen)
        assert app.focused.id == "count"
        await type_text(pilot, "3")
        await pilot.press("enter")
        assert value(app, "seals") == "AU0001 0000001-0000003"
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, LabelScreen)
        assert len(app.screen.labels) == 3
        assert "folha 3 de 3" in app.screen.labels[2]
    acts = list(Act.select().order_by(Act.id))
    assert [a.kind for a in acts] == ["autenticacao"] * 3
    assert all(a.signature_card_id is None for a in acts)
    numbers = [s.number for s in PhysicalSeal.select().where(
        (PhysicalSeal.series == "AU0001") & (PhysicalSeal.state == PhysicalState.USED))]
    assert sorted(numbers) == [1, 2, 3]
    assert {r.state for r in SealRecord.select()} == {SealState.WAITING_CLOSING}
    assert {r.act_code for r in SealRecord.select()} == {"AU"}


async def test_labels_are_written_where_print_dir_says(make_app, office, tmp_path):
    chosen = tmp_path / "impressora-de-arquivos"
    set_settings(None, {"print.dir": str(chosen)})
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await login(pilot, office.clerk)
        await open_screen(pilot, "f3")
        await type_text(pilot, "1")
        await pilot.press("enter", "enter")
        await settle(pilot)
        assert isinstance(app.screen, LabelScreen)
        await pilot.press("i")
        await settle(pilot)
    written = list(chosen.glob("etiqueta-*.txt"))
    assert len(written) == 1 and "AU0001 0000001" in written[0].read_text()


async def _pages_after(pilot, app, *keys) -> str:
    await burst(pilot, *keys)
    return value(app, "count")


async def test_the_next_digit_replaces_the_quantity_after_confirm_or_clear(make_app, office):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await login(pilot, office.clerk)
        await open_screen(pilot, "f3")
        # confirm 2 pages, close the label, then type the next customer's 3
        assert await _pages_after(pilot, app, "2", "f9", "enter", "3") == "3"
        assert value(app, "seals") == "AU0001 0000003-0000005"
        # clear after typing 2, then 4
        assert await _pages_after(pilot, app, "2", "f8", "4") == "4"
    assert Act.select().count() == 2


async def test_a_large_service_asks_once_showing_count_seals_and_total(make_app, office):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await login(pilot, office.clerk)
        await open_screen(pilot, "f3")
        await burst(pilot, "13", "enter", "enter")
        assert isinstance(app.screen, ConfirmScreen)
        question = app.screen.question
        assert "Registrar 13 páginas?" in question and "AU0001 0000001-0000013" in question
        unit = act_fees(current_fee_table(), get_act_kind("autenticacao"), date(2026, 11, 21),
                        500).total
        assert f"total {format_money(13 * unit)}" in question
        await burst(pilot, "enter")  # Enter is "no": a slip of the finger registers nothing
        assert Act.select().count() == 0
        assert "Nada foi registrado" in message(app)
        assert app.focused.id == "count"
        await burst(pilot, "3", "enter", "enter")  # the digit replaced 13: no question
        assert isinstance(app.screen, LabelScreen)
        await burst(pilot, "enter", "11", "f9", "s")
        assert isinstance(app.screen, LabelScreen) and len(app.screen.labels) == 11
    assert Act.select().count() == 14


async def test_the_threshold_is_an_office_setting(make_app, office):
    set_settings(None, {"counter.confirm_pages": "2"})
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await login(pilot, office.clerk)
        await open_screen(pilot, "f3")
        await burst(pilot, "3", "f9")
        assert isinstance(app.screen, ConfirmScreen)
