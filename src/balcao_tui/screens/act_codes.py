"""Códigos dos atos: the two characters of each act kind in the seal code, changed by the
office when the TJ publishes its own (the shipped ones are provisional)."""
from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.widgets import Input, Static

from ..domain.act_kinds import all_act_kinds
from ..store.usecases.act_codes import PREFIX, ActCodeRow, act_code_table, save_act_codes
from ..widgets.form_field import FormField, RowErrors
from ..widgets.store_calls import Failure
from .base import BACK, BalcaoScreen

HINT = ("Os códigos de fábrica são provisórios: troque-os pelos que o TJ publicar. Um código "
        "que o TJ não conhece faz o selo voltar criticado. Selos já feitos não mudam.")


def code_id(key: str) -> str:
    return f"code-{key}"


class ActCodesScreen(BalcaoScreen):
    TITLE_TEXT = "Códigos dos atos"
    HELP_TEXT = (
        "• Cada tipo de ato tem um código de 2 caracteres (0-9, A-Z) no selo digital; dois "
        "tipos não podem ter o mesmo código e XA é da exclusão de ato.\n"
        "• Altere os códigos e tecle F9 para gravar todos; Enter passa ao seguinte. Um "
        "código errado não deixa gravar nenhum.\n• " + HINT)
    BINDINGS = [BACK, Binding("f9", "confirm", "Gravar", id="act_codes.save")]

    def __init__(self) -> None:
        super().__init__()
        self.loaded: dict[str, str] = {}
        self._busy = False

    def compose_body(self) -> ComposeResult:
        yield Static(HINT, id="codes-hint")
        for kind in all_act_kinds():
            with Horizontal(classes="form-row"):
                yield FormField(kind.short_label, Input(id=code_id(kind.key), max_length=2),
                                field=PREFIX + kind.key)
                yield Static("", id=f"note-{kind.key}", classes="code-note")
            yield RowErrors()

    def on_mount(self) -> None:
        self.query_one(Input).focus()
        self.call_store(act_code_table, self._show, failed=self.show_failure,
                        group="codes", exclusive=True)

    def typed(self) -> dict[str, str]:
        return {key: self.query_one(f"#{code_id(key)}", Input).value for key in self.loaded}

    def has_typed_data(self) -> bool:
        return any(self.loaded[key] != value for key, value in self.typed().items())

    def _show(self, rows: tuple[ActCodeRow, ...]) -> None:
        self.loaded = {row.key: row.code for row in rows}
        for row in rows:
            self.query_one(f"#{code_id(row.key)}", Input).value = row.code
            note = "de fábrica" if row.code == row.shipped else f"de fábrica: {row.shipped}"
            self.query_one(f"#note-{row.key}", Static).update(note)

    @on(Input.Submitted)
    def _next(self, event: Input.Submitted) -> None:
        if event.input is list(self.query(Input))[-1]:
            self.action_confirm()
        else:
            self.focus_next()

    def action_confirm(self) -> None:
        if self._busy or not self.loaded:
            return
        self.clear_errors()
        self._busy = True
        user_id, typed = self.balcao.user.id, self.typed()
        self.call_store(lambda: save_act_codes(user_id, typed), self._saved,
                        failed=self._refused, group="codes", exclusive=True)

    def _refused(self, failure: Failure) -> None:
        self._busy = False
        self.show_failure(failure)

    def _saved(self, rows: tuple[ActCodeRow, ...]) -> None:
        self._busy = False
        changed = {row.key: row.code for row in rows} != self.loaded
        self._show(rows)
        self.say("Códigos gravados: os próximos selos já os usam." if changed
                 else "Nada mudou.", kind="ok")
