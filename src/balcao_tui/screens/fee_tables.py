"""Tabela de emolumentos: the table in force, its values on a day, and the import of the
year's table from a file on the office's server."""
from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Input, Static

from ..domain.boundary import LIMITS
from ..domain.deadlines import format_date, to_local
from ..domain.fees import COLUMN_LABELS, FeeTable
from ..domain.money import format_amount
from ..domain.text import cut
from ..store.usecases.fee_tables import FeeTableView, fee_table_on, import_fee_table_file
from ..widgets.form_field import FormField
from ..widgets.store_calls import Failure
from .base import BACK, BalcaoScreen

KIND_WIDTH, MONEY_WIDTH = 15, 8
HEADER = (f"{'Ato':<{KIND_WIDTH}}"
          + "".join(f" {label:>{MONEY_WIDTH}}" for _, label in COLUMN_LABELS)
          + f" {'Total':>{MONEY_WIDTH}}")


def values_text(view: FeeTableView) -> str:
    if not view.rows:
        return f"Nenhuma vigência da tabela começa até {format_date(view.day)}."
    lines = [f"Valores em R$ em {format_date(view.day)} (vigência {view.period}):", HEADER]
    for row in view.rows:
        values = [getattr(row.columns, name) for name, _ in COLUMN_LABELS]
        lines.append(f"{cut(row.label, KIND_WIDTH):<{KIND_WIDTH}}" + "".join(
            f" {format_amount(value):>{MONEY_WIDTH}}" for value in
            (*values, row.columns.total)))
    return "\n".join(lines)


def heading_text(view: FeeTableView) -> str:
    kind = "exemplo" if view.is_example else "oficial"
    since = (f", importada em {format_date(to_local(view.imported_at))}"
             if view.imported_at else "")
    periods = ", ".join(f"{label} (desde {format_date(start)})" for label, start in view.periods)
    return f"Em vigor: {view.title} ({kind}{since})\nVigências: {periods}"


class FeeTablesScreen(BalcaoScreen):
    TITLE_TEXT = "Tabela de emolumentos"
    HELP_TEXT = (
        "• Data: digite um dia (dd/mm/aaaa) e tecle Enter para ver os valores da vigência "
        "daquele dia; vazia, mostra os de hoje.\n"
        "• Importar: digite o caminho do arquivo TOML da tabela no servidor e tecle F9 (ou "
        "Enter no campo). A tabela inteira é conferida antes; se algo estiver errado, nada "
        "muda e o motivo aparece com o número da linha.")
    BINDINGS = [BACK, Binding("f9", "confirm", "Importar", id="fee_tables.import")]

    def __init__(self) -> None:
        super().__init__()
        self._busy = False

    def compose_body(self) -> ComposeResult:
        yield Static("", id="fees-heading")
        yield FormField("Data", Input(id="fees-day", placeholder="dd/mm/aaaa (vazia: hoje)",
                                      max_length=LIMITS["date"].max_length), field="date")
        yield Static("", id="fees-values")
        yield FormField("Importar", Input(id="fees-file", placeholder="/caminho/tabela.toml",
                                          max_length=LIMITS["file_path"].max_length),
                        field="fee_table")

    def on_mount(self) -> None:
        self.query_one("#fees-day", Input).focus()
        self.show_day()

    def has_typed_data(self) -> bool:
        return bool(self.query_one("#fees-file", Input).value.strip())

    def show_day(self) -> None:
        typed = self.query_one("#fees-day", Input).value
        self.call_store(lambda: fee_table_on(typed), self._shown, failed=self.show_failure,
                        group="fees", exclusive=True)

    def _shown(self, view: FeeTableView) -> None:
        self.query_one("#fees-heading", Static).update(heading_text(view))
        self.query_one("#fees-values", Static).update(values_text(view))

    @on(Input.Submitted, "#fees-day")
    def _day_typed(self) -> None:
        self.clear_errors()
        self.show_day()

    @on(Input.Submitted, "#fees-file")
    def _file_typed(self) -> None:
        self.action_confirm()

    def action_confirm(self) -> None:
        if self._busy:
            return
        self.clear_errors()
        path = self.query_one("#fees-file", Input).value
        self._busy = True
        user_id = self.balcao.user.id
        self.say("Conferindo a tabela…")
        self.call_store(lambda: import_fee_table_file(user_id, path), self._imported,
                        failed=self._refused, group="fees-import", exclusive=True)

    def _refused(self, failure: Failure) -> None:
        self._busy = False
        self.show_failure(failure)

    def _imported(self, table: FeeTable) -> None:
        self._busy = False
        self.query_one("#fees-file", Input).value = ""
        self.query_one("#fees-day", Input).value = ""  # the new table as it is today
        kind = "EXEMPLO, valores fictícios" if table.is_example else "oficial"
        self.say(f"Tabela importada ({kind}); vigências: "
                 f"{', '.join(str(year) for year in table.years())}.", kind="ok")
        self.show_day()
