"""The stock's forms, opened from Estoque de selos físicos: a purchase (series, type, range)
and a hand-over (a range given from the stock to a clerk, or moved from one clerk to
another). Each asks before writing and goes back to the balance with what it did."""
from __future__ import annotations

from typing import Callable

from textual import on
from textual.app import ComposeResult
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from ..domain.act_kinds import PHYSICAL_SEAL_LABELS, PhysicalSealType
from ..domain.boundary import LIMITS, parse_whole
from ..domain.permissions import Action, can
from ..domain.refusal import Refusal
from ..domain.seal_spec import format_seal
from ..store.usecases.stock_balance import BalanceLine
from ..widgets.form_field import FormField
from ..widgets.store_calls import Failure
from .base import BACK, CONFIRM, BalcaoScreen, EnterMovesOn
from .confirm import ConfirmScreen

TYPES = {"1": PhysicalSealType.RECONHECIMENTO, "2": PhysicalSealType.AUTENTICACAO}
NUMBER_WIDTH = 7


def _range_fields(series: str = "", first: str = "", last: str = "") -> ComposeResult:
    yield FormField("Série", Input(series, id="series", max_length=LIMITS["series"].max_length,
                                   placeholder="ex.: RF0001"), field="series")
    yield FormField("Do número", Input(first, id="first", max_length=NUMBER_WIDTH + 2,
                                       placeholder="primeiro selo"), field="first_number")
    yield FormField("Até o número", Input(last, id="last", max_length=NUMBER_WIDTH + 2,
                                          placeholder="último selo"), field="last_number")


class StockForm(EnterMovesOn, BalcaoScreen):
    """Enter goes to the next field and, on the last, asks before writing (F9 too)."""

    BINDINGS = [BACK, CONFIRM]

    def __init__(self) -> None:
        super().__init__()
        self._busy = False

    def has_typed_data(self) -> bool:
        return any(field.value.strip() for field in self.query(Input))

    def value(self, field_id: str) -> str:
        return self.query_one(f"#{field_id}", Input).value

    def numbers(self) -> tuple[int, int]:
        return (parse_whole(self.value("first"), "first_number", "Do número"),
                parse_whole(self.value("last"), "last_number", "Até o número"))

    def action_confirm(self) -> None:
        if self._busy:
            return
        self.clear_errors()
        try:
            question, job = self.prepared()
        except Refusal as exc:
            self.show_failure(Failure(exc.message, exc.field))
            return
        self.app.push_screen(ConfirmScreen(question, default=False),
                             lambda yes: self._run(job) if yes else None)

    def prepared(self) -> tuple[str, Callable[[], str]]:
        """The question to ask and the store call (which returns what to say) to run."""
        raise NotImplementedError

    def _run(self, job: Callable[[], str]) -> None:
        self._busy = True
        self.say("Gravando…")
        self.call_store(job, self.dismiss, failed=self._refused, group="stock-form",
                        exclusive=True)

    def _refused(self, failure: Failure) -> None:
        self._busy = False
        self.show_failure(failure)


class PurchaseScreen(StockForm):
    TITLE_TEXT = "Estoque — registrar compra de selos"
    HELP_TEXT = (
        "• Série e números como vêm impressos nos selos comprados; a série tem até 6 letras "
        "ou algarismos (RF1 vira 000RF1).\n"
        "• Tipo: 1 para reconhecimento de firma, 2 para autenticação.\n"
        "• Os selos entram no estoque da serventia, sem escrevente: entregue-os com F7 na "
        "tela do estoque. Uma faixa que repete um selo já cadastrado é recusada.")
    LAST_FIELD = "last"

    def compose_body(self) -> ComposeResult:
        yield Static("A compra entra no estoque da serventia; depois, entregue as cartelas "
                     "aos escreventes.", id="stock-form-intro")
        yield FormField("Tipo", Input(id="seal-type", max_length=1,
                                      placeholder="1 reconhecimento de firma · 2 autenticação"),
                        field="seal_type")
        yield from _range_fields()

    def on_mount(self) -> None:
        self.query_one("#seal-type", Input).focus()

    def prepared(self) -> tuple[str, Callable[[], str]]:
        from ..store.usecases.stock import add_seal_sheet, checked_range

        seal_type = TYPES.get(self.value("seal-type").strip())
        if seal_type is None:
            raise Refusal("Tipo: 1 para reconhecimento de firma, 2 para autenticação.",
                          field="seal_type")
        series, first, last = checked_range(self.value("series"), *self.numbers())
        actor = self.balcao.user.id
        question = (f"Registrar a compra de {last - first + 1} selo(s) de "
                    f"{PHYSICAL_SEAL_LABELS[seal_type]}, {format_seal((series, first))} a "
                    f"{format_seal((series, last))}?")

        def job() -> str:
            sheet = add_seal_sheet(actor, series=series, seal_type=seal_type,
                                   first_number=first, last_number=last)
            return (f"Compra registrada no estoque: {sheet.available} selo(s) "
                    f"{format_seal((sheet.series, sheet.first_number))} a "
                    f"{format_seal((sheet.series, sheet.last_number))}.")
        return question, job


class HandoverScreen(StockForm):
    """`kind` "assign" gives seals of the stock to a clerk; "move" passes the unused seals
    of a clerk to another. Opened on a line of the balance, it starts from that line."""

    HELP_TEXT = (
        "• Série e faixa de números; Enter passa ao campo seguinte e, na lista, escolhe quem "
        "recebe os selos.\n"
        "• Entregar: os selos saem do estoque da serventia para o escrevente.\n"
        "• Mover: os selos sem uso passam de um escrevente a outro; os já utilizados e os "
        "inutilizados ficam com quem os tinha.\n"
        "• O balcão pergunta antes de gravar.")
    def __init__(self, kind: str, line: BalanceLine | None = None) -> None:
        super().__init__()
        self.kind = kind
        self.line = line
        self.clerks: list = []
        self.TITLE_TEXT = ("Estoque — entregar selos" if kind == "assign"
                           else "Estoque — mover selos sem uso")

    def compose_body(self) -> ComposeResult:
        line = self.line
        fits = line is not None and line.ranges and (
            (line.clerk_login is None) == (self.kind == "assign"))
        first, last = (line.ranges[0][0], line.ranges[-1][1]) if fits else (None, None)
        yield from _range_fields(line.series if fits else "", str(first or ""),
                                 str(last or ""))
        yield Static("Para quem (↑↓ e Enter):", id="handover-to")
        yield OptionList(id="clerks")

    def on_mount(self) -> None:
        self.query_one("#series", Input).focus()
        actor = self.balcao.user.id
        self.call_store(lambda: self._clerks(actor), self._listed, failed=self.show_failure,
                        group="clerks", exclusive=True)

    @staticmethod
    def _clerks(actor: int) -> list:
        from ..store.usecases.user_list import list_users

        return [row.info for row in list_users(actor)
                if row.info.active and can(row.info.role, Action.REGISTER_ACT)]

    def _listed(self, clerks: list) -> None:
        self.clerks = clerks
        holder = self.line.clerk_login if self.line and self.kind == "move" else None
        listing = self.query_one("#clerks", OptionList)
        listing.set_options(Option(u.name) for u in clerks)
        others = [i for i, u in enumerate(clerks) if u.login != holder]
        listing.highlighted = others[0] if others else None

    @on(OptionList.OptionSelected, "#clerks")
    def _clerk_chosen(self) -> None:
        self.action_confirm()

    def prepared(self) -> tuple[str, Callable[[], str]]:
        from ..store.usecases.stock import checked_range
        from ..store.usecases.stock_handover import assign_seals, move_seals

        series, first, last = checked_range(self.value("series"), *self.numbers())
        index = self.query_one("#clerks", OptionList).highlighted
        if index is None or index >= len(self.clerks):
            raise Refusal("Escolha com ↑↓ quem recebe os selos.")
        clerk, actor = self.clerks[index], self.balcao.user.id
        seals = f"{format_seal((series, first))} a {format_seal((series, last))}"
        if self.kind == "assign":
            question = f"Entregar a {clerk.name} os selos {seals}, do estoque?"
        else:
            question = (f"Passar a {clerk.name} os selos sem uso de {seals}? Os já "
                        "utilizados ficam com quem os usou.")
        call = assign_seals if self.kind == "assign" else move_seals

        def job() -> str:
            done = call(actor, series=series, first_number=first, last_number=last,
                        clerk_id=clerk.id)
            source = f"de {done.from_name}" if done.from_name else "do estoque"
            kept = f"; {done.kept} utilizado(s) ou inutilizado(s) ficaram" if done.kept else ""
            return f"{done.moved} selo(s) {source} passaram a {clerk.name}{kept}."
        return question, job
