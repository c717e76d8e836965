"""Excluir ato and Vincular selos, keyboard only: the warning, the question, refusals
(72 h, a code with a wrong check digit, the same seal twice), key by key and in a burst."""
from __future__ import annotations

from datetime import timedelta

from balcao_tui.domain.seal_states import PhysicalState, RecordKind
from balcao_tui.screens.confirm import ConfirmScreen
from balcao_tui.screens.exclusion import ExclusionScreen, excluded_message
from balcao_tui.screens.help import HelpScreen
from balcao_tui.screens.link import LinkScreen
from balcao_tui.store.models import SealRecord
from support.fix_records import communicated_digital, communicated_hybrid, physical_state

from .conftest import FROZEN
from .helpers import burst, field_error, login, message, settle, slowly, text_of


async def opened(pilot, user: int, screen) -> list:
    await login(pilot, user)
    results = []
    pilot.app.push_screen(screen, results.append)
    await settle(pilot)
    return results


def exclusion_of(record: SealRecord) -> SealRecord | None:
    return SealRecord.get_or_none(SealRecord.excludes == record.id)


async def test_an_exclusion_warns_asks_and_spoils_the_physical_seal(make_app, office):
    record = communicated_hybrid(1, FROZEN - timedelta(hours=3))
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        results = await opened(pilot, office.notary, ExclusionScreen(record.id))
        dialog = app.screen
        assert "fica inutilizado e nunca volta à cartela" in text_of(
            dialog.query_one("#exclusion-warning"))
        assert f"Selo {record.code} · ato · comunicado" in text_of(
            dialog.query_one("#exclusion-record"))
        await slowly(pilot, "f1")
        assert isinstance(app.screen, HelpScreen) and app.screen.title_text == "Excluir ato (XA)"
        await slowly(pilot, "escape", "enter")
        assert field_error(app, "seal_reason") == "Informe o campo motivo."
        await slowly(pilot, "Reimpressão", "enter")
        assert isinstance(app.screen, ConfirmScreen)
        assert app.screen.question == (f"Excluir o selo {record.code}? Isso não pode ser "
                                       "desfeito.")
        await slowly(pilot, "s")
        [result] = results
        assert exclusion_of(record).code == result.code
        assert excluded_message(result).startswith(f"Exclusão {result.code} feita: exclui o "
                                                   f"selo {record.code}")
    assert physical_state("RF0001", 1) == PhysicalState.SPOILED


async def test_an_exclusion_after_72_hours_is_refused(make_app, office):
    record = communicated_digital(8_600_001, FROZEN - timedelta(hours=72, minutes=1))
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await opened(pilot, office.notary, ExclusionScreen(record.id))
        await burst(pilot, "Certidão errada", "enter", "s")
        assert isinstance(app.screen, ExclusionScreen)
        assert text_of(app.screen.query_one("#exclusion-message")).startswith(
            f"O prazo de 72 horas para excluir o selo {record.code} terminou em")
        await slowly(pilot, "escape")
        assert not isinstance(app.screen, ExclusionScreen)
    assert exclusion_of(record) is None


async def test_children_typed_or_scanned_are_checked_then_linked(make_app, office):
    parent, first, second = (communicated_digital(8_600_010 + n, FROZEN - timedelta(hours=1))
                             for n in range(3))
    wrong = second.code[:-1] + ("1" if second.code[-1] != "1" else "2")
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await opened(pilot, office.notary, LinkScreen(parent.id))
        await burst(pilot, wrong, "enter")
        assert "dígito verificador inválido" in field_error(app, "children")
        await burst(pilot, "ctrl+u", parent.code, "enter")
        assert field_error(app, "children") == "Um selo não pode ser vinculado a si mesmo."
        await burst(pilot, "ctrl+u", first.code.lower(), "enter", second.code, "enter",
                    first.code, "enter")
        assert field_error(app, "children") == f"O selo {first.code} já está na lista."
        assert text_of(app.screen.query_one("#link-children")) == (
            f"Vinculados (2):\n{first.code}\n{second.code}")
        await burst(pilot, "ctrl+u", "enter", "Carta de sentença", "enter", "s")
        link = SealRecord.get(SealRecord.record_kind == RecordKind.LINK)
        assert message(app).startswith(f"Vínculo {link.code} feito: 2 selo(s) vinculado(s)")
        assert {c.code for c in link.children} == {first.code, second.code}
        assert link.parent_id == parent.id
