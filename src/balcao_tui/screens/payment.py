"""How the customer pays: one key on the screens that register a service opens the choice;
a digit picks the method, and Isento asks for the legal reason. Each new customer starts
again at Dinheiro."""
from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from ..domain.boundary import LIMITS
from ..domain.deadlines import office_day
from ..domain.payment import PAYMENT_LABELS, Payment
from ..widgets.form_field import FormField
from ..widgets.keys import key_display
from ..widgets.payment_line import PaymentChoice, PaymentLine

PAYMENT = Binding("f7", "choose_payment", "Forma de pagamento", id="counter.payment",
                  show=False)  # the payment line shows its key: the footer has no room
NO_REASON = "Informe o fundamento legal da isenção."


class PaymentScreen(ModalScreen[PaymentChoice | None]):
    HELP_TEXT = ("Escolha como o cliente paga este atendimento: um número, ou ↑↓ e Enter. "
                 "Isento pede o fundamento legal da gratuidade (Enter confirma). Esc volta "
                 "sem mudar.")
    BINDINGS = [
        Binding("1", f"choose('{Payment.CASH}')", "Dinheiro", id="payment.cash"),
        Binding("2", f"choose('{Payment.PIX}')", "PIX", id="payment.pix"),
        Binding("3", f"choose('{Payment.DEBIT}')", "Cartão de débito", id="payment.debit"),
        Binding("4", f"choose('{Payment.CREDIT}')", "Cartão de crédito", id="payment.credit"),
        Binding("5", f"choose('{Payment.EXEMPT}')", "Isento (gratuidade)",
                id="payment.exempt"),
        Binding("escape", "cancel", "Voltar sem mudar", id="payment.cancel"),
    ]

    def __init__(self, current: PaymentChoice) -> None:
        super().__init__()
        self.current = current

    def compose(self) -> ComposeResult:
        keys = {binding.action: key_display(self.app, binding) for binding in self.BINDINGS}
        with Vertical(id="payment-dialog"):
            yield Static("Forma de pagamento", id="payment-title")
            yield OptionList(*(Option(f"{keys[f'choose({payment.value!r})']:<3} "
                                      f"{PAYMENT_LABELS[payment]}", id=payment.value)
                               for payment in Payment), id="payment-options")
            yield FormField("Fundamento", Input(self.current.exempt_reason or "",
                                                id="exempt-reason",
                                                max_length=LIMITS["exempt_reason"].max_length,
                                                placeholder="fundamento legal da isenção"),
                            field="exempt_reason", id="exempt-field")
            yield Static("", id="payment-hint")

    def on_mount(self) -> None:
        options = self.query_one(OptionList)
        options.highlighted = list(Payment).index(self.current.payment)
        options.focus()
        self._show_reason(False)

    def _show_reason(self, shown: bool) -> None:
        self.query_one("#exempt-field", FormField).display = shown
        cancel = key_display(self.app, self.BINDINGS[-1])
        self.query_one("#payment-hint", Static).update(
            f"Enter confirma a isenção · {cancel} volta sem mudar" if shown else
            f"Tecle o número, ou ↑↓ e Enter · {cancel} volta sem mudar")

    def action_choose(self, value: str) -> None:
        payment = Payment(value)
        if payment is not Payment.EXEMPT:
            self.dismiss(PaymentChoice(payment))
            return
        self.query_one(OptionList).highlighted = list(Payment).index(payment)
        self._show_reason(True)
        self.query_one("#exempt-reason", Input).focus()

    @on(OptionList.OptionSelected, "#payment-options")
    def _picked(self, event: OptionList.OptionSelected) -> None:
        self.action_choose(event.option_id or Payment.CASH)

    @on(Input.Submitted, "#exempt-reason")
    def _reason_given(self, event: Input.Submitted) -> None:
        reason = " ".join(event.value.split())
        if not reason:
            self.query_one("#exempt-field", FormField).set_error(NO_REASON)
            return
        self.dismiss(PaymentChoice(Payment.EXEMPT, reason))

    def action_cancel(self) -> None:
        self.dismiss(None)


class TakesPayment:
    """For the screens that register a service: the payment of the service being typed,
    changed with one key, shown on the screen's PaymentLine."""

    payment: PaymentChoice = PaymentChoice()

    def action_choose_payment(self) -> None:
        self.app.push_screen(PaymentScreen(self.payment),  # type: ignore[attr-defined]
                             self._payment_chosen)

    def _payment_chosen(self, choice: PaymentChoice | None) -> None:
        if choice is not None:
            self.set_payment(choice)

    def warn_if_closed(self) -> None:
        """On opening: say at once why a service would be refused (the day or the clerk's
        drawer closed), before anything is typed; the confirm refuses it all the same."""
        from ..store.usecases.counter import why_no_service

        app = self.app  # type: ignore[attr-defined]
        clerk, day = app.user.id, office_day(app.clock())
        self.call_store(lambda: why_no_service(clerk, day),  # type: ignore[attr-defined]
                        self._closed_said, group="closed")

    def _closed_said(self, why: str | None) -> None:
        if why:
            self.say(why, kind="error")  # type: ignore[attr-defined]

    def set_payment(self, choice: PaymentChoice = PaymentChoice()) -> None:
        """Show `choice`; with no argument, back to Dinheiro for the next customer."""
        self.payment = choice
        self.query_one(PaymentLine).show(  # type: ignore[attr-defined]
            choice, key_display(self.app, PAYMENT))  # type: ignore[attr-defined]
        self.payment_changed()

    def payment_changed(self) -> None:
        """What else on the screen follows the payment (the fees of an exempt service)."""
