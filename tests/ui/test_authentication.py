from balcao_tui.screens.authentication import AuthenticationScreen
from balcao_tui.screens.label import LabelScreen
from balcao_tui.store.models import Act, PhysicalSeal, SealRecord
from balcao_tui.domain.seal_states import PhysicalState, SealState
from balcao_tui.store.usecases.office import set_settings

from .helpers import login, open_screen, settle, type_text, value


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
