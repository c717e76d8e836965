"""Retificar selo, keyboard only: the record and the TJ's criticism, who may correct, a
hybrid seal's kind that cannot change, key by key and in one burst."""
from __future__ import annotations

from datetime import timedelta

from textual.widgets import Input

from balcao_tui.domain.seal_states import RecordKind, SealState
from balcao_tui.screens.confirm import ConfirmScreen
from balcao_tui.screens.correction import CorrectionScreen
from balcao_tui.store.models import SealRecord
from support.fix_records import communicated_digital, communicated_hybrid, criticized_digital

from .conftest import FROZEN
from .helpers import burst, field_error, login, message, settle, slowly, text_of

EXEMPT_KEYS = ("f6", "f6", "Lei 11.331/2002", "enter", "Era gratuito", "enter")


async def open_correction(pilot, user: int, record_id: int) -> CorrectionScreen:
    await login(pilot, user)
    pilot.app.push_screen(CorrectionScreen(record_id))
    await settle(pilot)
    assert isinstance(pilot.app.screen, CorrectionScreen)
    return pilot.app.screen


def correction_of(record: SealRecord) -> SealRecord | None:
    return SealRecord.get_or_none(SealRecord.replaces == record.id)


async def test_the_record_and_its_criticism_are_shown(make_app, office):
    record = criticized_digital(8_500_001, FROZEN - timedelta(hours=2))
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_correction(pilot, office.notary, record.id)
        shown = text_of(screen.query_one("#fix-record"))
        assert f"Selo {record.code} · ato · aguardando retificação" in shown
        assert "Abertura firma · 21/11/2026 12:05 · R$ 16,96 (ISS R$ 0,50)" in shown
        assert "até 24/11/2026 12:05" in shown
        assert text_of(screen.query_one("#fix-criticism")).startswith(
            "Crítica do TJ: [E10] Os valores não fecham")
        assert screen.query_one("#fix-kind", Input).value == "AF"
        assert screen.query_one("#fix-date", Input).value == "21/11/2026 12:05"
        assert app.focused is screen.query_one("#fix-kind", Input)
        await slowly(pilot, "f6")
        assert text_of(screen.query_one("#fix-value")) == (
            "Valor (F6)     cobra pela tabela de emolumentos")
        await slowly(pilot, "enter", "enter", "enter")  # no reason: said at the field
        assert field_error(app, "reason") == "Informe o campo motivo."
        assert correction_of(record) is None


async def test_a_clerk_is_refused_and_a_notary_corrects(make_app, office):
    record = communicated_digital(8_500_002, FROZEN - timedelta(hours=2))
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_correction(pilot, office.clerk, record.id)
        await slowly(pilot, *EXEMPT_KEYS)
        assert isinstance(app.screen, ConfirmScreen)
        await slowly(pilot, "s")
        assert message(app) == ("O perfil Escrevente não tem permissão para retificar selos.")
        assert correction_of(record) is None
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_correction(pilot, office.notary, record.id)
        await burst(pilot, *EXEMPT_KEYS, "s")
        new = correction_of(record)
        assert new is not None and new.record_kind == RecordKind.CORRECTION
        assert new.exempt_reason == "Lei 11.331/2002" and new.total == 0
        assert message(app) == (f"Retificação {new.code} feita: substitui o selo "
                                f"{record.code} e vai ao TJ pelo transmissor.")
        assert all(field.disabled for field in screen.query(Input))
        await burst(pilot, "f9")  # done: nothing more happens
        assert SealRecord.select().where(SealRecord.replaces == record.id).count() == 1


async def test_typed_key_by_key_or_in_one_burst_ends_the_same(make_app, office):
    keys = ("backspace", "backspace", "FC", "enter", "ctrl+u", "21/11/2026 09:30", "enter",
            "Tipo lançado errado", "enter", "s")
    made = []
    for n, press in enumerate((slowly, burst)):
        record = communicated_digital(8_500_010 + n, FROZEN - timedelta(hours=6))
        app = make_app()
        async with app.run_test(size=(80, 24)) as pilot:
            await open_correction(pilot, office.notary, record.id)
            await press(pilot, *keys)
        new = correction_of(record)
        made.append((new.act_kind, new.act_code, new.act_at, new.total))
    assert made[0] == made[1]
    assert made[0][:3] == ("fotocopia", "FC", FROZEN.replace(hour=12, minute=30))


async def test_a_hybrid_seal_changes_only_date_or_value(make_app, office):
    record = communicated_hybrid(1, FROZEN - timedelta(hours=3))
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_correction(pilot, office.notary, record.id)
        assert screen.query_one("#fix-kind", Input).disabled
        assert "Selo híbrido: só a data ou o valor" in text_of(screen.query_one("#fix-kinds"))
        assert app.focused is screen.query_one("#fix-date", Input)
        await burst(pilot, "ctrl+u", "21/11/2026 10:00", "enter", "Data errada", "enter", "s")
        new = correction_of(record)
        assert (new.physical_series, new.physical_number) == ("RF0001", 1)
        assert new.act_kind == record.act_kind and new.act_at == FROZEN.replace(hour=13,
                                                                                minute=0)


async def test_a_correction_after_72_hours_is_refused(make_app, office):
    record = communicated_digital(8_500_020, FROZEN - timedelta(hours=73))
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_correction(pilot, office.notary, record.id)
        await burst(pilot, *EXEMPT_KEYS, "s")
        assert message(app).startswith(f"O prazo de 72 horas para retificar o selo "
                                       f"{record.code} terminou em 21/11/2026 13:05.")
        assert correction_of(record) is None
        assert SealRecord.get_by_id(record.id).state == SealState.COMMUNICATED
