"""Meus atos de hoje: exactly the logged-in clerk's acts, totals to the centavo, and the
reprint of a chosen service identical to its original label; and the one-key reprint of
the last label on the counter screens, read from the store."""
from datetime import date, timedelta

from textual.widgets import OptionList

from balcao_tui.domain.act_kinds import get_act_kind
from balcao_tui.domain.fees import act_fees
from balcao_tui.domain.money import format_money
from balcao_tui.labels import labels_document, registration_labels
from balcao_tui.screens.authentication import AuthenticationScreen
from balcao_tui.screens.day_acts import DayActsScreen
from balcao_tui.screens.label import LabelScreen
from balcao_tui.store.usecases.counter import register_counter_acts
from balcao_tui.store.usecases.fee_tables import current_fee_table
from balcao_tui.store.usecases.stock import add_seal_sheet

from .conftest import FROZEN
from .helpers import login, message, open_screen, settle, text_of

SP = "São Paulo"


def unit_total(kind_key: str) -> int:
    """From the fee table itself, not from anything the app stored or showed."""
    return act_fees(current_fee_table(), get_act_kind(kind_key), date(2026, 11, 21), 500).total


async def test_my_acts_of_today_lists_only_mine_with_totals_and_reprints_identically(
        make_app, office, cards, data_dir):
    firma = register_counter_acts(office.clerk, "firma_com_valor", 2,
                                  signature_card_id=cards["maria"], now=FROZEN)
    pages = register_counter_acts(office.clerk, "autenticacao", 3, now=FROZEN, payment="pix")
    register_counter_acts(office.clerk2, "firma_sem_valor", 1, signature_card_id=cards["jose"],
                          now=FROZEN)  # Bruno's: not on Clara's list
    register_counter_acts(office.clerk, "autenticacao", 1,
                          now=FROZEN - timedelta(days=1))  # yesterday's: not today's
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await login(pilot, office.clerk)
        await open_screen(pilot, "f6")
        assert isinstance(app.screen, DayActsScreen)
        listing = app.screen.query_one("#day-acts", OptionList)
        shown = [int(listing.get_option_at_index(i).id) for i in range(listing.option_count)]
        assert shown == [a.act_id for a in reversed(firma.acts + pages.acts)]
        cash, pix = 2 * unit_total("firma_com_valor"), 3 * unit_total("autenticacao")
        totals = text_of(app.screen.query_one("#day-acts-totals"))
        assert totals == (f"21/11/2026: 5 ato(s) · total {format_money(cash + pix)}\n"
                          f"Dinheiro {format_money(cash)} · PIX {format_money(pix)}")
        first_line = str(listing.get_option_at_index(3).prompt)
        assert first_line.startswith("14:05 Firma c/ valor") and "MARIA DA SILVA" in first_line
        assert "RF0001 0000002 Dinheiro" in first_line
        assert " PIX " in str(listing.get_option_at_index(0).prompt)
        assert all(len(str(listing.get_option_at_index(i).prompt)) <= 78 for i in range(5))
        await pilot.press("down", "down", "down")  # the second signature of the firma service
        await settle(pilot)
        assert "CPF ***.982.247-**" in text_of(app.screen.query_one("#day-act-detail"))
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, LabelScreen)
        assert app.screen.labels == registration_labels(firma, SP)
        await pilot.press("i")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, DayActsScreen)
    [written] = (data_dir / "etiquetas").glob("etiqueta-*.txt")
    assert written.read_text(encoding="utf-8") == labels_document(
        registration_labels(firma, SP))


async def test_my_acts_come_in_pages_from_the_store(make_app, office):
    services = [register_counter_acts(office.clerk, "autenticacao", 7, now=FROZEN)
                for _ in range(2)]
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await login(pilot, office.clerk)
        await open_screen(pilot, "f6")
        listing = app.screen.query_one("#day-acts", OptionList)
        assert listing.option_count == 12
        assert "14 ato(s)" in text_of(app.screen.query_one("#day-acts-totals"))
        assert "página 1 de 2" in text_of(app.screen.query_one("#day-acts-totals"))
        await pilot.press("pagedown")
        await settle(pilot)
        assert [int(listing.get_option_at_index(i).id) for i in range(listing.option_count)] \
            == [a.act_id for a in reversed(services[0].acts[:2])]
        await pilot.press("enter")  # an act of the first service: all its 7 pages
        await settle(pilot)
        assert app.screen.labels == registration_labels(services[0], SP)
        assert "folha 7 de 7" in app.screen.labels[-1]


async def test_one_key_reprints_my_last_label_from_the_store(make_app, office, cards):
    register_counter_acts(office.clerk, "autenticacao", 1, now=FROZEN - timedelta(hours=1))
    last = register_counter_acts(office.clerk, "firma_sem_valor", 2,
                                 signature_card_id=cards["maria"], now=FROZEN)
    register_counter_acts(office.clerk2, "firma_sem_valor", 1, signature_card_id=cards["jose"],
                          now=FROZEN)  # someone else's, later
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await login(pilot, office.clerk)
        await open_screen(pilot, "f3")
        assert isinstance(app.screen, AuthenticationScreen)
        await pilot.press("f6")
        await settle(pilot)
        assert isinstance(app.screen, LabelScreen)
        assert app.screen.labels == registration_labels(last, SP)
        assert app.screen.summary.startswith("Reimpressão · 2 ato(s) · Firma s/ valor")
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, AuthenticationScreen)


async def test_one_key_reprint_with_nothing_registered_says_so(make_app, office):
    add_seal_sheet(office.admin, series="RF0009", seal_type="reconhecimento", first_number=1,
                   last_number=3, clerk_id=office.supervisor)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await login(pilot, office.supervisor)
        await open_screen(pilot, "f2")
        await pilot.press("f6")
        await settle(pilot)
        assert "ainda não registrou atos com etiqueta" in message(app)
