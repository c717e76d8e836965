"""Caixas do dia: every clerk's drawer of a day (today unless told), and a closed one
reopened by a supervisor with the reason written down."""
from __future__ import annotations

from datetime import date

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from ..domain.boundary import LIMITS
from ..domain.deadlines import format_date, office_day
from ..domain.money import format_money
from ..domain.text import cut
from ..store.usecases.drawers import DrawerRow, DrawerSummary, drawers_of_day, reopen_drawer
from ..widgets.form_field import FormField
from ..widgets.store_calls import Failure
from .base import BACK, BalcaoScreen

NAME_WIDTH, STATE_WIDTH, MONEY_WIDTH = 22, 9, 13


def drawer_line(row: DrawerRow) -> str:
    state = "fechado" if row.closed else "reaberto" if row.reopened else "aberto"
    counted = "—" if row.counted is None else format_money(row.counted)
    difference = "—" if row.difference is None else format_money(row.difference)
    return (f"{cut(row.clerk_name, NAME_WIDTH):<{NAME_WIDTH}} {state:<{STATE_WIDTH}} "
            f"{format_money(row.expected):>{MONEY_WIDTH}} {counted:>{MONEY_WIDTH}} "
            f"{difference:>{MONEY_WIDTH}}")


class DrawersOfDayScreen(BalcaoScreen):
    TITLE_TEXT = "Caixas do dia"
    HELP_TEXT = (
        "• Cada escrevente que atendeu hoje, com o estado do seu caixa: o esperado pelos "
        "atos registrados, o contado no fechamento e a diferença.\n"
        "• Para reabrir um caixa fechado: escolha-o com ↑↓ e Enter, escreva o motivo e "
        "tecle Enter ou F9. O escrevente volta a atender e fecha o caixa de novo.")
    BINDINGS = [BACK, Binding("f9", "confirm", "Reabrir o caixa", id="drawers.reopen")]

    def __init__(self, day: date | None = None) -> None:
        super().__init__()
        self.chosen_day = day
        self.rows: list[DrawerRow] = []
        self._busy = False

    def compose_body(self) -> ComposeResult:
        yield Static("", id="drawers-day")
        yield Static(f"{'Escrevente':<{NAME_WIDTH}} {'Situação':<{STATE_WIDTH}} "
                     f"{'Esperado':>{MONEY_WIDTH}} {'Contado':>{MONEY_WIDTH}} "
                     f"{'Diferença':>{MONEY_WIDTH}}", id="drawers-header")
        yield OptionList(id="drawers")
        yield Static("", id="drawer-explanation")
        yield FormField("Motivo", Input(id="reopen-reason",
                                        max_length=LIMITS["reason"].max_length,
                                        placeholder="por que reabrir este caixa"),
                        field="reason")

    def on_mount(self) -> None:
        self.query_one("#drawers", OptionList).focus()
        self.load()

    def day(self) -> date:
        return self.chosen_day or office_day(self.balcao.clock())

    def load(self) -> None:
        day = self.day()
        self.query_one("#drawers-day", Static).update(f"Caixas de {format_date(day)}")
        self.call_store(lambda: drawers_of_day(day), self._loaded, failed=self.show_failure,
                        group="drawers", exclusive=True)

    def _loaded(self, rows: list[DrawerRow]) -> None:
        self.rows = rows
        listing = self.query_one("#drawers", OptionList)
        listing.set_options(Option(drawer_line(row), id=str(row.clerk_id)) for row in rows)
        listing.highlighted = 0 if rows else None
        if not rows:
            self.say("Ninguém atendeu neste dia.")
        self._show_explanation()

    def selected(self) -> DrawerRow | None:
        index = self.query_one("#drawers", OptionList).highlighted
        return self.rows[index] if index is not None and index < len(self.rows) else None

    @on(OptionList.OptionHighlighted, "#drawers")
    def _show_explanation(self) -> None:
        row = self.selected()
        text = f"Explicação: {row.explanation}" if row is not None and row.explanation else ""
        self.query_one("#drawer-explanation", Static).update(text)

    @on(OptionList.OptionSelected, "#drawers")
    def _chosen(self) -> None:
        self.query_one("#reopen-reason", Input).focus()

    @on(Input.Submitted, "#reopen-reason")
    def _reason_given(self) -> None:
        self.action_confirm()

    def has_typed_data(self) -> bool:
        return bool(self.query_one("#reopen-reason", Input).value.strip())

    def action_confirm(self) -> None:
        row = self.selected()
        if self._busy:
            return
        self.clear_errors()
        if row is None or not row.closed:
            self.say("Escolha com ↑↓ um caixa fechado para reabrir.", kind="error")
            self.query_one("#drawers", OptionList).focus()
            return
        actor, day = self.balcao.user.id, self.day()
        reason, now = self.query_one("#reopen-reason", Input).value, self.balcao.clock()
        self._busy = True
        self.call_store(lambda: reopen_drawer(actor, row.clerk_id, day, reason, now=now),
                        self._reopened, failed=self._refused, group="reopen", exclusive=True)

    def _reopened(self, summary: DrawerSummary) -> None:
        self._busy = False
        self.query_one("#reopen-reason", Input).value = ""
        self.say(f"Caixa de {summary.clerk_name} reaberto.", kind="ok")
        self.query_one("#drawers", OptionList).focus()
        self.load()

    def _refused(self, failure: Failure) -> None:
        self._busy = False
        self.show_failure(failure)
