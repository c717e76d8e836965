"""Fechar o meu caixa: what the system expects per payment method, what the clerk counted,
the differences side by side as they are typed, and the explanation they require."""
from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.widgets import Input, Static

from ..domain.boundary import LIMITS
from ..domain.deadlines import format_date, format_local, office_day
from ..domain.money import format_amount, format_money, parse_money
from ..domain.payment import COUNTED_METHODS, PAYMENT_LABELS, Payment
from ..domain.permissions import Action, can
from ..store.usecases.drawers import MAX_COUNTED, DrawerSummary, close_drawer, drawer_summary
from ..widgets.form_field import FormField, ParsedBy, RowErrors
from ..widgets.store_calls import Failure
from .base import BACK, BalcaoScreen

CLOSE = Binding("f9", "confirm", "Fechar o caixa", id="drawer.close")
DAY_DRAWERS = Binding("f6", "drawers_of_day", "Caixas do dia", id="drawer.of_day")


def parse_counted(text: str) -> int:
    """Centavos from what the clerk typed for one method; a blank field counted nothing."""
    if not text.strip():
        return 0
    cents = parse_money(text)
    if cents > MAX_COUNTED:
        raise ValueError(f"Valor grande demais: no máximo {format_money(MAX_COUNTED)}.")
    return cents


def difference_text(cents: int | None) -> Text:
    if cents is None:
        return Text("—")
    return Text(format_money(cents), "bold" if cents else "")


class DrawerScreen(BalcaoScreen):
    TITLE_TEXT = "Fechar o meu caixa"
    HELP_TEXT = (
        "• Conte o dinheiro da gaveta e os comprovantes de PIX e de cartão, e digite o "
        "total de cada forma de pagamento (ex.: 1.234,56; em branco é zero). Enter passa "
        "à linha seguinte.\n"
        "• Ao lado aparecem o que o sistema espera, pelos atos que você registrou hoje, e "
        "a diferença. Havendo diferença, explique-a antes de fechar.\n"
        "• F9 fecha o caixa. Fechado, ele não aceita novos atendimentos seus neste dia: "
        "só um supervisor pode reabri-lo.\n"
        "• Supervisores: F6 mostra os caixas do dia e reabre o de um escrevente.")
    BINDINGS = [BACK, CLOSE, DAY_DRAWERS]

    def __init__(self) -> None:
        super().__init__()
        self.summary: DrawerSummary | None = None
        self._prefilled: dict[str, str] = {}  # input id: the last count, from the store
        self._busy = False

    def compose_body(self) -> ComposeResult:
        yield Static("Carregando o caixa…", id="drawer-state")
        with Horizontal(classes="drawer-row drawer-head"):
            yield Static("Forma de pagamento", classes="drawer-method")
            yield Static("Contado", classes="drawer-counted")
            yield Static("Esperado", classes="drawer-amount")
            yield Static("Diferença", classes="drawer-amount")
        for method in COUNTED_METHODS:
            with Horizontal(classes="drawer-row"):
                yield FormField(PAYMENT_LABELS[method], Input(
                    id=f"counted-{method}", validators=[ParsedBy(parse_counted)],
                    validate_on=["blur", "submitted"], max_length=LIMITS["money"].max_length),
                    field=f"counted_{method}")
                yield Static("", id=f"expected-{method}", classes="drawer-amount")
                yield Static("", id=f"difference-{method}", classes="drawer-amount")
            yield RowErrors()
        with Horizontal(classes="drawer-row drawer-total"):
            yield Static("Total", classes="drawer-method")
            yield Static("", id="counted-total", classes="drawer-counted")
            yield Static("", id="expected-total", classes="drawer-amount")
            yield Static("", id="difference-total", classes="drawer-amount")
        yield Static("", id="drawer-exempt")
        yield FormField("Explicação", Input(
            id="explanation", max_length=LIMITS["explanation"].max_length,
            placeholder="obrigatória quando há diferença"), field="explanation",
            id="explanation-field")
        yield Static("", id="closed-explanation")

    def on_mount(self) -> None:
        self.query_one(f"#counted-{Payment.CASH}", Input).focus()
        self.load()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "drawers_of_day":
            user = self.balcao.user
            return user is not None and can(user.role, Action.REOPEN_DRAWER)
        if action == "confirm":
            return self.summary is None or not self.summary.closed
        return True

    def load(self) -> None:
        user_id, day = self.balcao.user.id, office_day(self.balcao.clock())
        self.call_store(lambda: drawer_summary(user_id, day), self.show_summary,
                        failed=self.show_failure, group="drawer", exclusive=True)

    def show_summary(self, summary: DrawerSummary) -> None:
        """The drawer as the store has it; a drawer reopened comes with its last count, to
        correct, and a closed one is shown as it was closed, read-only."""
        first = self.summary is None
        self.summary = summary
        self.query_one("#drawer-state", Static).update(self._state_line(summary))
        for method in summary.methods:
            self.query_one(f"#expected-{method.payment}", Static).update(
                format_money(method.expected))
            if method.counted is not None and (first or summary.closed):
                counted = self.query_one(f"#counted-{method.payment}", Input)
                counted.value = self._prefilled[counted.id] = format_amount(method.counted)
        self.query_one("#expected-total", Static).update(format_money(summary.expected_total))
        self.query_one("#drawer-exempt", Static).update(
            f"Isentos: {summary.exempt_count} (gratuidades não entram no caixa)"
            if summary.exempt_count else "")
        self.query_one("#explanation-field").display = not summary.closed
        closed_explanation = self.query_one("#closed-explanation", Static)
        closed_explanation.display = summary.closed and bool(summary.explanation)
        closed_explanation.update(f"Explicação: {summary.explanation}")
        for field in self.query(Input):
            field.disabled = summary.closed
        self.refresh_bindings()
        self.show_differences()

    def _state_line(self, summary: DrawerSummary) -> str:
        state = (f"fechado em {format_local(summary.closed_at)}"
                 if summary.closed and summary.closed_at else "aberto")
        line = f"{summary.clerk_name} · {format_date(summary.day)} · caixa {state}"
        if not summary.closed and summary.reopened_at:
            line += (f"\nReaberto por {summary.reopened_by} em "
                     f"{format_local(summary.reopened_at)}: {summary.reopen_reason}")
        return line

    def counted(self) -> tuple[dict[Payment, int], list[Failure]]:
        """What is typed per method, and why each amount that cannot be read cannot."""
        amounts: dict[Payment, int] = {}
        problems = []
        for method in COUNTED_METHODS:
            try:
                amounts[method] = parse_counted(self.query_one(f"#counted-{method}", Input).value)
            except ValueError as exc:
                problems.append(Failure(str(exc), f"counted_{method}"))
        return amounts, problems

    @on(Input.Changed)
    def show_differences(self) -> None:
        if self.summary is None:
            return
        amounts, problems = self.counted()
        for method in self.summary.methods:
            typed = amounts.get(method.payment)
            self.query_one(f"#difference-{method.payment}", Static).update(
                difference_text(None if typed is None else typed - method.expected))
        readable = None if problems else sum(amounts.values())
        self.query_one("#counted-total", Static).update(
            "—" if readable is None else format_money(readable))
        self.query_one("#difference-total", Static).update(difference_text(
            None if readable is None else readable - self.summary.expected_total))

    @on(Input.Submitted)
    def _next(self, event: Input.Submitted) -> None:
        if event.validation_result is not None and not event.validation_result.is_valid:
            return
        if event.input.id == "explanation":
            self.action_confirm()
        else:
            self.focus_next()

    def has_typed_data(self) -> bool:
        if self.summary is None or self.summary.closed:
            return False
        return any(field.value.strip() != self._prefilled.get(field.id, "")
                   for field in self.query(Input))

    def action_confirm(self) -> None:
        if self._busy or self.summary is None or self.summary.closed:
            return
        self.clear_errors()
        counted, problems = self.counted()
        for problem in reversed(problems):
            self.show_failure(problem)
        if problems:
            return
        user_id, day = self.balcao.user.id, self.summary.day
        explanation, now = self.query_one("#explanation", Input).value, self.balcao.clock()
        self._busy = True
        self.say("Fechando o caixa…")
        self.call_store(lambda: close_drawer(user_id, day, counted, explanation, now=now),
                        self._drawer_closed, failed=self._refused, group="close", exclusive=True)

    def _drawer_closed(self, summary: DrawerSummary) -> None:
        self._busy = False
        self.show_summary(summary)
        self.say("Caixa fechado. Novos atendimentos seus hoje só depois que um supervisor "
                 "o reabrir.", kind="ok")

    def _refused(self, failure: Failure) -> None:
        self._busy = False
        self.show_failure(failure)
        self.load()  # what the store expects may have moved, or another terminal closed it

    def action_drawers_of_day(self) -> None:
        from .drawers_of_day import DrawersOfDayScreen

        self.app.push_screen(DrawersOfDayScreen(), lambda _: self.load())
