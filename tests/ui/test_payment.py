"""How the customer pays, chosen with one key on the screens that register a service: the
choice shows before confirming, is stored on every act, is printed on the label, and the
next customer starts again at Dinheiro."""
from balcao_tui.screens.authentication import AuthenticationScreen
from balcao_tui.screens.label import LabelScreen
from balcao_tui.screens.payment import NO_REASON, PaymentScreen
from balcao_tui.store.models import Act, DailyEntry
from balcao_tui.store.usecases.office_settings import save_office_settings
from balcao_tui.widgets.payment_line import PaymentLine

from .helpers import burst, field_error, login, message, open_screen, text_of

REASON = "Lei 1.060/50, art. 3º"


def payment_shown(app) -> str:
    return text_of(app.screen.query_one(PaymentLine))


async def test_payment_changed_on_the_confirm_step_is_stored_and_printed(make_app, office):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await login(pilot, office.clerk)
        await open_screen(pilot, "f3")
        await burst(pilot, "2")
        assert payment_shown(app).startswith("Pagamento      Dinheiro")
        await burst(pilot, "f7")
        assert isinstance(app.screen, PaymentScreen)
        await burst(pilot, "2")
        assert isinstance(app.screen, AuthenticationScreen)
        assert "PIX" in payment_shown(app) and "F7 muda" in payment_shown(app)
        assert app.focused.id == "count"  # back where the clerk was
        await burst(pilot, "enter", "enter")
        assert isinstance(app.screen, LabelScreen)
        assert all("Pagamento: PIX" in label for label in app.screen.labels)
        await burst(pilot, "enter")
        assert "Dinheiro" in payment_shown(app)  # the next customer
        await burst(pilot, "1", "enter", "enter", "enter")
    assert [a.payment for a in Act.select().order_by(Act.id)] == ["pix", "pix", "dinheiro"]


async def test_isento_needs_its_legal_reason_and_charges_nothing(make_app, office):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await login(pilot, office.clerk)
        await open_screen(pilot, "f3")
        await burst(pilot, "f7", "5", "enter")
        assert isinstance(app.screen, PaymentScreen)
        assert field_error(app, "exempt_reason") == NO_REASON
        await burst(pilot, REASON, "enter")
        assert f"Isento  {REASON}" in payment_shown(app)
        assert "Total a cobrar (1 × Autenticação): R$ 0,00" in text_of(
            app.screen.query_one("#fees"))
        await burst(pilot, "enter", "enter")
        label = app.screen.labels[0]
        assert "Pagamento: Isento" in label and f"Gratuito: {REASON}" in label
    act = Act.get()
    assert (act.payment, act.exempt_reason, act.total) == ("isento", REASON, 0)


async def test_escape_keeps_the_payment_and_clear_goes_back_to_cash(make_app, office):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await login(pilot, office.clerk)
        await open_screen(pilot, "f3")
        await burst(pilot, "f7", "4")
        await burst(pilot, "f7", "escape")
        assert "Cartão de crédito" in payment_shown(app)
        await burst(pilot, "f8")
        assert "Dinheiro" in payment_shown(app)


async def test_daily_counts_and_the_signature_card_are_paid_too(make_app, office):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await login(pilot, office.clerk)
        await open_screen(pilot, "f5")
        await burst(pilot, "f7", "3", "12", "enter")
        assert "(Cartão de débito)" in message(app)
        assert "Dinheiro" in payment_shown(app)
        await burst(pilot, "tab", "4", "enter")
        await open_screen(pilot, "f4")
        await burst(pilot, "f7", "2", "Joana Nova Pereira", "enter", "enter",
                    "390.533.447-05", "f9")
        assert "Pagamento: PIX" in text_of(app.screen.query_one("#confirm-question"))
        await burst(pilot, "s")
    entries = [(e.kind, e.payment) for e in DailyEntry.select().order_by(DailyEntry.id)]
    assert entries == [("fotocopia", "debito"), ("autenticacao_digital", "dinheiro")]
    assert [(a.kind, a.payment) for a in Act.select()] == [("abertura_firma", "pix")]


async def test_no_payment_key_where_the_card_is_not_charged(make_app, office):
    save_office_settings(office.notary, {"office.signature_card_seal": "não"})
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await login(pilot, office.clerk)
        await open_screen(pilot, "f4")
        assert not app.screen.query_one(PaymentLine).display
        await burst(pilot, "f7")
        assert not isinstance(app.screen, PaymentScreen)
