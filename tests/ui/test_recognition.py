from datetime import date

from textual.widgets import Input, OptionList

from balcao_tui.domain.act_kinds import get_act_kind
from balcao_tui.domain.fees import act_fees
from balcao_tui.domain.money import format_money
from balcao_tui.screens.confirm import ConfirmScreen
from balcao_tui.screens.home import HomeScreen
from balcao_tui.screens.label import LabelScreen
from balcao_tui.screens.recognition import RecognitionScreen
from balcao_tui.store.models import Act, AuditEntry, PhysicalSeal, SealRecord, ShiftClosing
from balcao_tui.domain.seal_states import PhysicalState, SealState
from balcao_tui.store.usecases.counter import register_counter_acts
from balcao_tui.store.usecases.fee_tables import current_fee_table
from balcao_tui.widgets.fee_panel import FeePanel

from .conftest import FROZEN, MARIA_CPF
from .helpers import (
    field_error,
    fill,
    login,
    message,
    open_screen,
    settle,
    text_of,
    type_text,
    value,
)


def unit_fees(kind_key):
    return act_fees(current_fee_table(), get_act_kind(kind_key), date(2026, 11, 21), 500)


async def press_counted(pilot, keys: list[str]) -> int:
    """Press keys one at a time, waiting for the database between them like a clerk."""
    for key in keys:
        await pilot.press(key)
        await settle(pilot)
    return len(keys)


async def test_likeness_recognition_by_cpf_takes_five_keys_after_the_cpf(make_app, office, cards):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await login(pilot, office.clerk)
        await open_screen(pilot, "f2")
        assert isinstance(app.screen, RecognitionScreen)
        await type_text(pilot, "52998224725")
        # search, pick the single result, kind 1, accept 1 signature, confirm the prefilled seal
        keystrokes = await press_counted(pilot, ["enter", "enter", "1", "enter", "enter"])
        assert keystrokes <= 8
        assert isinstance(app.screen, LabelScreen)
        shown = "\n".join(app.screen.labels)
        assert "MARIA DA SILVA, sem valor econômico" in shown and "RF0001 0000001" in shown
        await press_counted(pilot, ["enter"])  # close the label: ready for the next service
        assert isinstance(app.screen, RecognitionScreen)
        assert app.focused.id == "card-query" and value(app, "card-query") == ""
        assert value(app, "seals") == "RF0001 0000002"
        assert "RF0001 0000001" in message(app)
        assert app.status.pending.unsent == 1
    act = Act.get()
    assert (act.kind, act.signature_card_id, act.clerk_id) == ("firma_sem_valor", cards["maria"],
                                                               office.clerk)
    assert act.total == unit_fees("firma_sem_valor").total and act.performed_at == FROZEN
    record = SealRecord.get(SealRecord.act == act)
    assert record.state == SealState.WAITING_CLOSING
    assert (record.physical_series, record.physical_number) == ("RF0001", 1)
    assert PhysicalSeal.get(series="RF0001", number=1).state == PhysicalState.USED
    assert AuditEntry.select().where(AuditEntry.action == "act.register").count() == 1


async def test_fees_are_shown_before_confirming(make_app, office, cards):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await login(pilot, office.clerk)
        await open_screen(pilot, "f2")
        fill(app, "card-query", MARIA_CPF)
        await press_counted(pilot, ["enter", "enter", "2", "3"])  # 3 signatures with value
        fees = unit_fees("firma_com_valor")
        shown = text_of(app.screen.query_one(FeePanel))
        assert format_money(fees.total) in shown and format_money(3 * fees.total) in shown
        assert value(app, "seals") == "RF0001 0000001-0000003"
        assert Act.select().count() == 0


async def test_name_search_ignores_accents_and_picks_from_the_list(make_app, office, cards):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await login(pilot, office.clerk)
        await open_screen(pilot, "f2")
        await type_text(pilot, "SOUZA")
        await press_counted(pilot, ["enter"])
        results = app.screen.query_one("#card-results", OptionList)
        assert results.option_count == 2  # José da Conceição Souza, Mariana Souza Lima
        await press_counted(pilot, ["down", "enter", "3", "enter"])
        # a scanner on the seal field: series and number glued, then Enter
        await type_text(pilot, "RF00010000007")
        await press_counted(pilot, ["enter"])
        assert isinstance(app.screen, LabelScreen)
    act = Act.get()
    assert (act.kind, act.signature_card_id) == ("firma_autenticidade", cards["mariana"])
    assert PhysicalSeal.get(series="RF0001", number=7).act_id == act.id


async def test_number_alone_means_the_prefilled_series_and_the_following_seals(
        make_app, office, cards):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await login(pilot, office.clerk)
        await open_screen(pilot, "f2")
        fill(app, "card-query", MARIA_CPF)
        await press_counted(pilot, ["enter", "enter", "1", "2", "enter"])
        await type_text(pilot, "20")
        await press_counted(pilot, ["enter"])
    used = [(s.series, s.number) for s in PhysicalSeal.select().where(
        PhysicalSeal.state == PhysicalState.USED).order_by(PhysicalSeal.number)]
    assert used == [("RF0001", 20), ("RF0001", 21)]
    assert Act.select().count() == 2


async def test_wrong_seals_are_refused_beside_the_seal_field(make_app, office, cards):
    register_counter_acts(office.clerk, "firma_sem_valor", 1, signature_card_id=cards["maria"],
                          now=FROZEN)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await login(pilot, office.clerk)
        await open_screen(pilot, "f2")
        fill(app, "card-query", MARIA_CPF)
        await press_counted(pilot, ["enter", "enter", "1", "enter"])
        assert value(app, "seals") == "RF0001 0000002"  # the sheet's next one
        await type_text(pilot, "??")
        await press_counted(pilot, ["enter"])
        assert "não reconhecido" in field_error(app, "seals")  # not even sent to the store
        fill(app, "seals", "1")
        await press_counted(pilot, ["enter"])
        assert isinstance(app.screen, RecognitionScreen)
        assert "já foi utilizado" in field_error(app, "seals")
        assert app.focused.id == "seals"
    assert Act.select().count() == 1 and SealRecord.select().count() == 1


async def test_closed_day_refuses_new_acts(make_app, office, cards):
    ShiftClosing.create(day=date(2026, 11, 21), closed_by=office.supervisor)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await login(pilot, office.clerk)
        await open_screen(pilot, "f2")
        fill(app, "card-query", MARIA_CPF)
        await press_counted(pilot, ["enter", "enter", "1", "enter", "enter"])
        assert isinstance(app.screen, RecognitionScreen)
        assert "já foi fechado" in message(app)
    assert Act.select().count() == 0
    assert PhysicalSeal.get(series="RF0001", number=1).state == PhysicalState.AVAILABLE


async def test_missing_card_is_answered_and_escape_backs_out_without_saving(
        make_app, office, cards):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await login(pilot, office.clerk)
        await open_screen(pilot, "f2")
        await press_counted(pilot, ["f9"])
        assert "Escolha a ficha" in field_error(app, "card")
        assert app.focused.id == "card-query"
        fill(app, "card-query", MARIA_CPF)
        await press_counted(pilot, ["enter", "enter", "1", "escape"])
        assert isinstance(app.screen, ConfirmScreen)  # a card was chosen: discard it?
        await press_counted(pilot, ["s"])
        assert isinstance(app.screen, HomeScreen)
    assert Act.select().count() == 0


async def test_administrator_forced_into_the_screen_is_refused_by_the_use_case(
        make_app, office, cards):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await login(pilot, office.admin)
        await pilot.press("f2")  # not offered to the administrator
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
        app.push_screen(RecognitionScreen())
        await settle(pilot)
        assert value(app, "seals") == ""  # no sheet of seals
        fill(app, "card-query", MARIA_CPF)
        await press_counted(pilot, ["enter", "enter", "1", "enter"])
        app.screen.query_one("#seals", Input).value = "RF0001 0000001"
        await press_counted(pilot, ["enter"])
        assert "Administrador não tem permissão" in message(app)
    assert Act.select().count() == 0
    assert PhysicalSeal.get(series="RF0001", number=1).state == PhysicalState.AVAILABLE

