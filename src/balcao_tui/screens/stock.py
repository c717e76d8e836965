"""Estoque de selos físicos: the balance per series and holder (the office's stock, then
each clerk), the free ranges of the chosen line, and the forms that buy, hand out and move
seals."""
from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from ..closing_report_formats import format_ranges
from ..domain.deadlines import office_day
from ..domain.text import cut
from ..store.usecases.stock_balance import BalanceLine, stock_balance
from .base import BACK, BalcaoScreen

SHORT_TYPES = {"reconhecimento": "Firma", "autenticacao": "Autenticação"}
HOLDER_WIDTH = 24
RANGES_SHOWN = 150
HEADER = (f"{'Série':<6} {'Tipo':<12} {'Com quem':<{HOLDER_WIDTH}} {'Livres':>7} "
          f"{'Usados':>7} {'Inutil.':>7} {'Total':>7}")


def balance_row(line: BalanceLine) -> str:
    holder = cut(line.clerk_name or "Estoque (sem escrevente)", HOLDER_WIDTH)
    return (f"{line.series:<6} {SHORT_TYPES.get(line.seal_type, line.seal_type):<12} "
            f"{holder:<{HOLDER_WIDTH}} {line.available:>7} {line.used:>7} "
            f"{line.spoiled:>7} {line.total:>7}")


def line_detail(line: BalanceLine) -> str:
    free = cut(format_ranges(line.ranges), RANGES_SHOWN) if line.ranges else "nenhum"
    text = f"{line.series} {line.seal_type_label} — números livres: {free}"
    if line.stale:
        text += (f"\n{line.stale} estornado(s) em dias anteriores: só podem ser "
                 "inutilizados.")
    return text


class StockScreen(BalcaoScreen):
    TITLE_TEXT = "Estoque de selos físicos"
    HELP_TEXT = (
        "• Cada linha é uma série com quem a tem: o estoque da serventia (selos comprados e "
        "ainda não entregues) e cada escrevente. Livres: o que o balcão ainda oferece hoje "
        "(um selo estornado hoje volta a contar).\n"
        "• F6 registra uma compra no estoque; faixas sobrepostas a outras são recusadas.\n"
        "• F7 entrega ao escrevente uma faixa do estoque.\n"
        "• F8 passa os selos sem uso de um escrevente a outro; os já utilizados ficam com "
        "quem os usou.\n"
        "• O escrevente vê no início quando restam poucos selos (configuração "
        "stock.low_seals, padrão 20).")
    BINDINGS = [
        BACK,
        Binding("f6", "purchase", "Compra", id="stock.purchase"),
        Binding("f7", "hand_over('assign')", "Entregar", id="stock.assign"),
        Binding("f8", "hand_over('move')", "Mover", id="stock.move"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.lines: tuple[BalanceLine, ...] = ()

    def compose_body(self) -> ComposeResult:
        yield Static(HEADER, id="stock-header")
        yield OptionList(id="stock-lines")
        yield Static("", id="stock-detail", markup=False)

    def on_mount(self) -> None:
        self.query_one("#stock-lines", OptionList).focus()
        self.load()

    def load(self) -> None:
        actor, day = self.balcao.user.id, office_day(self.balcao.clock())
        self.call_store(lambda: stock_balance(actor, day), self._loaded,
                        failed=self.show_failure, group="stock", exclusive=True)

    def _loaded(self, lines: tuple[BalanceLine, ...]) -> None:
        listing = self.query_one("#stock-lines", OptionList)
        chosen = self.selected()
        self.lines = lines
        listing.set_options(Option(balance_row(line)) for line in lines)
        keys = [(l.series, l.seal_type, l.clerk_login) for l in lines]
        wanted = (chosen.series, chosen.seal_type, chosen.clerk_login) if chosen else None
        listing.highlighted = keys.index(wanted) if wanted in keys else (0 if lines else None)
        if not lines:
            self.say("Nenhum selo cadastrado: F6 registra a primeira compra.")
        self._show_detail()

    def selected(self) -> BalanceLine | None:
        index = self.query_one("#stock-lines", OptionList).highlighted
        return self.lines[index] if index is not None and index < len(self.lines) else None

    @on(OptionList.OptionHighlighted, "#stock-lines")
    def _show_detail(self) -> None:
        line = self.selected()
        self.query_one("#stock-detail", Static).update(line_detail(line) if line else "")

    def action_purchase(self) -> None:
        from .stock_forms import PurchaseScreen

        self.app.push_screen(PurchaseScreen(), self._form_done)

    def action_hand_over(self, kind: str) -> None:
        from .stock_forms import HandoverScreen

        self.app.push_screen(HandoverScreen(kind, self.selected()), self._form_done)

    def _form_done(self, message: str | None) -> None:
        if message:
            self.say(message, kind="ok")
        self.load()
