from datetime import date

from balcao_tui.screens.confirm import ConfirmScreen
from balcao_tui.screens.label import LabelScreen
from balcao_tui.screens.signature_card import SignatureCardScreen
from balcao_tui.store.models import Act, AuditEntry, SealRecord, SignatureCard
from balcao_tui.widgets.card_search import CardSearch

from .conftest import MARIA_CPF
from .helpers import field_error, fill, login, message, open_screen, settle, type_text, value

PEDRO_CPF = "390.533.447-05"


async def open_card_screen(pilot, office):
    await login(pilot, office.clerk)
    await open_screen(pilot, "f4")
    assert isinstance(pilot.app.screen, SignatureCardScreen)


async def test_search_first_shows_the_existing_card(make_app, office, cards):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_card_screen(pilot, office)
        await type_text(pilot, MARIA_CPF)
        await pilot.press("enter")
        await settle(pilot)
        search = app.screen.query_one(CardSearch)
        assert [card.name for card in search.cards] == ["Maria da Silva"]
        assert value(app, "cpf") == MARIA_CPF  # what was typed goes to the form
        fill(app, "name", "Maria da Silva")
        await pilot.press("f9")  # the store refuses a second card for the same CPF
        await settle(pilot)
        assert "Já existe ficha para este CPF: nº" in field_error(app, "cpf")
    assert SignatureCard.select().count() == 3


async def test_invalid_cpf_and_dates_are_shown_beside_each_field(make_app, office):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_card_screen(pilot, office)
        await type_text(pilot, "Pedro Alvares Cabral")
        await pilot.press("enter")
        await settle(pilot)
        assert app.focused.id == "name" and value(app, "name") == "Pedro Alvares Cabral"
        await pilot.press("enter")  # next field: CPF
        await type_text(pilot, "123.456.789-00")
        await pilot.press("enter")
        assert "dígito verificador" in field_error(app, "cpf")
        fill(app, "birth_date", "31/02/1990")
        fill(app, "deposited_on", "amanhã")
        await pilot.press("f9")
        await settle(pilot)
        assert "dígito verificador" in field_error(app, "cpf")
        assert "Data inexistente" in field_error(app, "birth_date")
        assert "dd/mm/aaaa" in field_error(app, "deposited_on")
    assert SignatureCard.select().count() == 0


async def test_card_with_the_office_seal_then_one_without(make_app, office):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_card_screen(pilot, office)
        fill(app, "card-query", "Pedro Alvares Cabral")
        await pilot.press("enter")
        await settle(pilot)
        fill(app, "cpf", PEDRO_CPF)
        fill(app, "birth_date", "22041970")
        fill(app, "mother", "Ana Cabral")
        fill(app, "rg_number", "11.222.333-4")
        await pilot.press("f9")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmScreen)  # the office uses a seal: ask
        await pilot.press("s")
        await settle(pilot)
        assert isinstance(app.screen, LabelScreen)  # the card's print, with its seal
        await pilot.press("enter")
        await settle(pilot)
        assert "aberta para Pedro Alvares Cabral" in message(app) and "Selo:" in message(app)
        assert value(app, "name") == "" and app.focused.id == "card-query"
        fill(app, "name", "Rita de Cassia Lopes")
        fill(app, "rg_number", "55667788")
        await pilot.press("f9")
        await settle(pilot)
        await pilot.press("n")
        await settle(pilot)
        assert "aberta para Rita de Cassia Lopes" in message(app)
    pedro = SignatureCard.get(SignatureCard.cpf == "39053344705")
    assert pedro.birth_date == date(1970, 4, 22) and pedro.mother == "Ana Cabral"
    assert pedro.collected_by_id == office.clerk
    act = Act.get(Act.signature_card == pedro)
    assert act.kind == "abertura_firma" and SealRecord.get(SealRecord.act == act).act_code == "AF"
    rita = SignatureCard.get(SignatureCard.name == "Rita de Cassia Lopes")
    assert not Act.select().where(Act.signature_card == rita).exists()
    assert AuditEntry.select().where(AuditEntry.action == "card.create").count() == 2


async def test_same_name_and_birth_date_asks_before_creating_another(make_app, office, cards):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_card_screen(pilot, office)
        fill(app, "name", "MARIA DA SILVA")
        fill(app, "birth_date", "01/02/1980")
        fill(app, "rg_number", "999")
        await pilot.press("f9")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmScreen)
        assert "Abrir outra mesmo assim" in app.screen.question
        await pilot.press("escape")
        await settle(pilot)
        assert "Nada foi gravado" in message(app)
    assert SignatureCard.select().count() == 3
