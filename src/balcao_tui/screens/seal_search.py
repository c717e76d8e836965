"""Consultar selos: seal records by code, dates, clerk, act kind, state and physical seal,
a page at a time from the database; Enter opens one."""
from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.widgets import DataTable, Input, Label, Select, Static

from ..domain.act_kinds import all_act_kinds
from ..domain.deadlines import parse_date_br, to_local
from ..domain.money import format_money
from ..domain.refusal import Refusal
from ..domain.seal_code import parse_code_prefix
from ..domain.seal_spec import parse_one_seal
from ..domain.seal_states import SEAL_LABELS
from ..domain.text import cut
from ..store.seal_search import SealFilter, SealPage, SealRow, search_seals
from ..widgets.form_field import FocusRow, FormField, ParsedBy, RowErrors
from .base import BACK, BalcaoScreen

PAGE_SIZE = 12
COLUMNS = (("Ato em", 11), ("Selo", 20), ("Tipo", 12), ("Situação", 14), ("Valor", 11))


def row_cells(row: SealRow) -> tuple[str, ...]:
    """The code without the office's CNS, which every code of the office shares."""
    return (f"{to_local(row.act_at):%d/%m %H:%M}", "…" + row.code[6:],
            cut(row.act_kind_label, 12), cut(row.state_label, 14),
            f"{format_money(row.total):>11}")


def row_note(row: SealRow) -> str:
    parts = [row.code, row.clerk_login, row.physical_seal and f"selo {row.physical_seal}",
             row.criticism and f"crítica {row.criticism}"]
    return " · ".join(part for part in parts if part)


class SealSearchScreen(BalcaoScreen):
    TITLE_TEXT = "Consultar selos"
    HELP_TEXT = (
        "• Preencha os filtros que quiser e tecle Enter (ou F6) para buscar; vazios, "
        "mostram os selos mais recentes.\n"
        "• Código: o código inteiro ou o começo dele; um código completo tem o dígito "
        "verificador conferido enquanto você digita.\n"
        "• Datas no formato dd/mm/aaaa; selo físico como RF0001 0000123 ou só o número.\n"
        "• Tab passa de um campo a outro; ↓ num campo leva à lista, onde ↑↓ escolhem um "
        "selo e Enter o abre com o histórico e o QR da consulta pública.\n"
        "• PgDn e PgUp mudam de página.")
    BINDINGS = [
        BACK,
        Binding("f6", "search", "Buscar", id="seals.search"),
        # Not in the footer, which has no room for them at 80 columns: the message says them.
        Binding("pagedown", "page(1)", "Próxima página", priority=True, show=False,
                id="seals.next_page", key_display="PgDn"),
        Binding("pageup", "page(-1)", "Página anterior", priority=True, show=False,
                id="seals.previous_page", key_display="PgUp"),
        Binding("down", "to_results", "Ir à lista", show=False, id="seals.to_results"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.page: SealPage | None = None
        self.cursors: list[object] = [None]  # where each page shown so far starts
        self.wanted = SealFilter()

    def compose_body(self) -> ComposeResult:
        with Horizontal(classes="form-row"):
            yield FormField("Código", Input(id="seal-code", max_length=40, validators=[
                ParsedBy(parse_code_prefix)], validate_on=["changed", "submitted"]),
                field="code", id="code-field")
            yield FormField("Selo físico", Input(id="seal-physical", max_length=20,
                                                 validators=[ParsedBy(parse_one_seal)],
                                                 validate_on=["submitted"]),
                            field="physical_number", id="physical-field")
        yield RowErrors()
        with Horizontal(classes="form-row"):
            for name, label in (("date_from", "De"), ("date_to", "Até")):
                yield FormField(label, Input(id=f"seal-{name}", max_length=20,
                                             validators=[ParsedBy(parse_date_br)],
                                             validate_on=["submitted"]),
                                field=name, classes="date-field")
            yield FormField("Escrevente", Input(id="seal-clerk", max_length=32),
                            field="clerk_login", id="clerk-field")
        yield RowErrors()
        with Horizontal(classes="form-row"):
            with FocusRow(classes="select-row"):
                yield Label("Tipo", classes="field-label")
                yield Select([(k.short_label, k.key) for k in all_act_kinds()],
                             prompt="todos", compact=True, id="seal-kind")
            with FocusRow(classes="select-row"):
                yield Label("Situação", classes="field-label")
                yield Select([(label, state.value) for state, label in SEAL_LABELS.items()],
                             prompt="todas", compact=True, id="seal-state")
        table = DataTable(id="seal-rows", cursor_type="row", zebra_stripes=True)
        for label, width in COLUMNS:
            table.add_column(label, width=width)
        yield table
        yield Static("", id="seal-note", markup=False)

    def on_mount(self) -> None:
        self.query_one("#seal-code", Input).focus()
        self.action_search()

    @on(Input.Changed, "#seal-code")
    def _code_typed(self, event: Input.Changed) -> None:
        """A complete code with a wrong check digit is said at once, not at Enter."""
        result = event.validation_result
        field = self.query_one("#code-field", FormField)
        field.set_error(None if result is None or result.is_valid
                        else result.failure_descriptions[0])

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        if event.validation_result is None or event.validation_result.is_valid:
            self.action_search()

    @on(Select.Changed)
    def _chosen(self) -> None:
        self.action_search()

    def action_search(self) -> None:
        try:
            wanted = self._filter()
        except Refusal as refusal:
            self.show_failure(refusal)
            return
        self.clear_errors()
        self.wanted = wanted
        self.cursors = [None]
        self._load()

    def _filter(self) -> SealFilter:
        """The filter as typed; what cannot be read is refused at its field."""
        text = {i.id: i.value.strip() for i in self.query(Input)}
        series, number = "", None
        if text["seal-physical"]:
            series, number = _read(parse_one_seal, text["seal-physical"], "physical_number")
        dates = {name: _read(parse_date_br, text[f"seal-{name}"], name)
                 if text[f"seal-{name}"] else None for name in ("date_from", "date_to")}
        kind, state = (self.query_one(f"#seal-{name}", Select).value
                       for name in ("kind", "state"))
        return SealFilter(
            code=_read(parse_code_prefix, text["seal-code"], "code"),
            clerk_login=text["seal-clerk"].lower(), physical_number=number,
            physical_series=series, act_kind=kind if isinstance(kind, str) else "",
            state=state if isinstance(state, str) else "", **dates)

    def _load(self) -> None:
        user_id, wanted, after = self.balcao.user.id, self.wanted, self.cursors[-1]
        self.call_store(lambda: search_seals(user_id, wanted, after, PAGE_SIZE), self._shown,
                        failed=self._not_found, group="seal-search", exclusive=True)

    def _shown(self, page: SealPage) -> None:
        self.page = page
        table = self.query_one("#seal-rows", DataTable)
        table.clear()
        for row in page.rows:
            table.add_row(*row_cells(row), key=str(row.id))
        number = len(self.cursors)
        more = " · PgDn próxima" if page.next_after is not None else ""
        back = " · PgUp anterior" if number > 1 else ""
        if page.rows:
            self.say(f"Página {number}: {len(page.rows)} selo(s){more}{back} · "
                     "↓ e Enter abrem um selo")
        else:
            self.say("Nenhum selo encontrado com estes filtros.")
        self._show_note()

    def _not_found(self, failure) -> None:
        self.cursors = self.cursors[:-1] or [None]
        self.show_failure(failure)

    @on(DataTable.RowHighlighted, "#seal-rows")
    def _show_note(self) -> None:
        row = self.selected()
        self.query_one("#seal-note", Static).update(row_note(row) if row else "")

    def selected(self) -> SealRow | None:
        table = self.query_one("#seal-rows", DataTable)
        if self.page is None or not self.page.rows:
            return None
        return self.page.rows[min(table.cursor_row, len(self.page.rows) - 1)]

    def action_to_results(self) -> None:
        """↓ in a filter field: to the results (the list itself and an open list of
        choices use ↓ before it reaches here)."""
        if self.page is not None and self.page.rows:
            self.query_one("#seal-rows", DataTable).focus()

    def action_page(self, step: int) -> None:
        if step > 0 and self.page is not None and self.page.next_after is not None:
            self.cursors.append(self.page.next_after)
        elif step < 0 and len(self.cursors) > 1:
            self.cursors.pop()
        else:
            self.say("Não há mais páginas nesta direção.")
            return
        self._load()

    @on(DataTable.RowSelected, "#seal-rows")
    def _open(self) -> None:
        from .seal_detail import SealDetailScreen

        row = self.selected()
        if row is not None:
            self.app.push_screen(SealDetailScreen(row.id))


def _read(parse, text: str, field: str):
    """`parse(text)`, its refusal naming `field` (the filter's, which the form shows)."""
    try:
        return parse(text)
    except ValueError as exc:
        raise Refusal(str(exc), field=field) from None
