"""Photocopies and digital authentications, added through the day to the daily counters."""
from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Input, Static

from ..domain.act_kinds import AUTENTICACAO_DIGITAL, FOTOCOPIA
from ..domain.deadlines import format_date, office_day
from ..domain.money import format_money
from ..domain.payment import PAYMENT_LABELS
from ..store.usecases.daily import MAX_ENTRY, DailyTotals, add_daily_count, daily_totals
from ..widgets.form_field import FormField, ParsedBy
from ..widgets.payment_line import PaymentChoice, PaymentLine
from ..widgets.store_calls import Failure, StoreCalls
from .base import BACK, BalcaoScreen
from .payment import PAYMENT, TakesPayment


NOUNS = {FOTOCOPIA: "fotocópia(s)", AUTENTICACAO_DIGITAL: "autenticação(ões) digital(is)"}


def parse_quantity(text: str) -> int:
    try:
        quantity = int(text.strip())
    except ValueError:
        raise ValueError("Informe um número inteiro (negativo para corrigir).") from None
    if quantity == 0 or abs(quantity) > MAX_ENTRY:
        raise ValueError(f"Quantidade de 1 a {MAX_ENTRY} (negativa para corrigir).")
    return quantity


def totals_text(totals: DailyTotals) -> Text:
    fees = totals.fees
    text = Text()
    text.append(f"Hoje ({format_date(totals.day)}): ", "bold")
    text.append(f"{totals.quantity}\n")
    text.append("Selo do dia (a emitir): ", "bold")
    text.append(format_money(fees.total), "bold reverse")
    text.append("\n")
    if totals.kind == FOTOCOPIA:
        text.append(f"ISS (pago pelo tabelião): {format_money(fees.iss)}")
    else:
        text.append(f"ISS incluído no total: {format_money(fees.iss)}")
    return text


class DailyBlock(StoreCalls, Vertical):
    def __init__(self, kind_key: str, title: str) -> None:
        super().__init__(id=f"daily-{kind_key}", classes="daily-block")
        self.kind_key = kind_key
        self.title = title

    def compose(self) -> ComposeResult:
        yield Static(self.title, classes="daily-title")
        yield FormField("Quantidade", Input(id=f"quantity-{self.kind_key}", type="integer",
                                            validators=[ParsedBy(parse_quantity,
                                                                 optional=False)],
                                            validate_on=["submitted"]),
                        field="quantity")
        yield Static("Carregando…", classes="daily-totals")

    @property
    def input(self) -> Input:
        return self.query_one(Input)

    def show_totals(self, totals: DailyTotals) -> None:
        self.query_one(".daily-totals", Static).update(totals_text(totals))

    @on(Input.Submitted)
    def _add(self, event: Input.Submitted) -> None:
        event.stop()
        if event.validation_result is not None and not event.validation_result.is_valid:
            return
        quantity = parse_quantity(event.value)
        screen: DailyCountsScreen = self.screen  # type: ignore[assignment]
        user_id, now, paid = screen.balcao.user.id, screen.balcao.clock(), screen.payment
        self.call_store(lambda: add_daily_count(user_id, self.kind_key, quantity, now=now,
                                                **paid.as_kwargs()),
                        lambda totals: self._added(quantity, paid, totals),
                        failed=self._refused, group=f"add-{self.kind_key}", exclusive=True)

    def _added(self, quantity: int, paid: PaymentChoice, totals: DailyTotals) -> None:
        self.input.value = ""
        self.show_totals(totals)
        verb = "Lançada(s)" if quantity > 0 else "Retirada(s)"
        screen: DailyCountsScreen = self.screen  # type: ignore[assignment]
        screen.set_payment()
        screen.say(f"{verb} {abs(quantity)} {NOUNS[self.kind_key]} "
                   f"({PAYMENT_LABELS[paid.payment]}). Total do dia: {totals.quantity}.",
                   kind="ok")

    def _refused(self, failure: Failure) -> None:
        self.query_one(FormField).set_error(failure.message)
        self.input.focus()


class DailyCountsScreen(TakesPayment, BalcaoScreen):
    TITLE_TEXT = "Fotocópias e autenticação digital"
    HELP_TEXT = (
        "• Lance as quantidades ao longo do dia: digite e Enter. Um número negativo "
        "(ex.: -2) corrige um lançamento. Tab passa de um contador ao outro.\n"
        "• No fechamento do expediente sai UM selo para cada contador, com o valor "
        "total do dia, que aparece aqui como \"selo do dia (a emitir)\".\n"
        "• Nas fotocópias o ISS é pago pelo tabelião: aparece à parte e não entra no "
        "total.\n"
        "• F7 muda a forma de pagamento do próximo lançamento (numa correção, a forma "
        "em que o valor foi devolvido); depois de cada lançamento volta a dinheiro.")
    BINDINGS = [BACK, PAYMENT]

    def compose_body(self) -> ComposeResult:
        with Horizontal(id="daily-row"):
            yield DailyBlock(FOTOCOPIA, "Fotocópias")
            yield DailyBlock(AUTENTICACAO_DIGITAL, "Autenticação digital (CENAD)")
        yield PaymentLine(id="payment")

    def has_typed_data(self) -> bool:
        return (any(block.input.value.strip() for block in self.query(DailyBlock))
                or self.payment != PaymentChoice())

    def on_mount(self) -> None:
        self.set_payment()
        self.warn_if_closed()
        self.query_one(f"#daily-{FOTOCOPIA}", DailyBlock).input.focus()
        day = office_day(self.balcao.clock())
        self.call_store(lambda: [daily_totals(kind, day) for kind in (FOTOCOPIA,
                                                                       AUTENTICACAO_DIGITAL)],
                        self._loaded, failed=self.show_failure)

    def _loaded(self, all_totals: list[DailyTotals]) -> None:
        for totals in all_totals:
            self.query_one(f"#daily-{totals.kind}", DailyBlock).show_totals(totals)
