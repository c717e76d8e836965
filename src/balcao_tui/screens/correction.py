"""Retificar selo: the record and the TJ's criticism, the correct data, the reason.

Pushed with a record id (from the seal's detail or the dashboard). A hybrid seal only
changes its date or value: the kind of act stays as it is.
"""
from __future__ import annotations

from datetime import datetime

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Input, Static

from ..domain.boundary import LIMITS, clean_text
from ..domain.deadlines import format_local, parse_local_datetime
from ..domain.money import format_money
from ..domain.refusal import Refusal
from ..store.usecases.corrections import CorrectionInput, correct_seal
from ..store.usecases.fix_rules import FixResult
from ..store.usecases.fix_view import SealFixView, seal_fix_view
from ..widgets.form_field import FormField, ParsedBy
from ..widgets.keys import key_display
from ..widgets.store_calls import Failure
from .base import BACK
from .confirm import ConfirmScreen
from .fix_form import FixForm
from .seal_fix_text import criticism_text, record_lines

KEEP, TABLE, EXEMPT = "keep", "table", "exempt"
VALUE_BINDING = Binding("f6", "value", "Valor", id="correction.value")


class CorrectionScreen(FixForm):
    TITLE_TEXT = "Retificar selo"
    HELP_TEXT = (
        "• Retificação: um novo selo, com novo código, substitui este; o antigo fica "
        "guardado, marcado como retificado, e a consulta dele leva ao novo.\n"
        "• Só em até 72 horas do ato, por tabelião ou substituto, com o motivo.\n"
        "• Tipo do ato: o código de 2 letras (só selo digital). Data e hora: dd/mm/aaaa hh:mm.\n"
        "• Valor (F6): mantém o valor, cobra pela tabela de emolumentos (o ato não era "
        "gratuito, ou foi cobrado errado) ou torna o ato gratuito, com o motivo legal.\n"
        "• Selo híbrido: só a data ou o valor mudam; o selo físico é o mesmo.\n"
        "• Enter passa ao campo seguinte; no motivo, ou com F9, retifica (pergunta antes).")
    BINDINGS = [BACK, VALUE_BINDING,
                Binding("f9", "confirm", "Retificar", id="correction.confirm")]

    def __init__(self, record_id: int) -> None:
        super().__init__()
        self.record_id = record_id
        self.view: SealFixView | None = None
        self.value_mode = KEEP

    def compose_body(self) -> ComposeResult:
        yield Static("", id="fix-record", markup=False)
        yield Static("", id="fix-criticism", markup=False)
        yield FormField("Tipo do ato", Input(id="fix-kind", max_length=2), field="act_kind")
        yield Static("", id="fix-kinds", markup=False)
        yield FormField("Data e hora", Input(
            id="fix-date", max_length=LIMITS["date"].max_length,
            validators=[ParsedBy(parse_local_datetime)], validate_on=["submitted"]),
            field="act_at")
        yield Static("", id="fix-value", markup=False)
        yield FormField("Gratuidade", Input(
            id="fix-exempt", max_length=LIMITS["exempt_reason"].max_length,
            placeholder="motivo legal da gratuidade", disabled=True), field="exempt_reason")
        yield FormField("Motivo", Input(
            id="fix-reason", max_length=LIMITS["reason"].max_length,
            placeholder="por que retificar (obrigatório)"), field="reason")

    def on_mount(self) -> None:
        self._load()

    def _load(self) -> None:
        user_id, record_id = self.balcao.user.id, self.record_id
        self.call_store(lambda: seal_fix_view(user_id, record_id), self._show,
                        failed=self.show_failure, group="correction", exclusive=True)

    def _input(self, name: str) -> Input:
        return self.query_one(f"#fix-{name}", Input)

    def _show(self, view: SealFixView) -> None:
        self.view = view
        self.query_one("#fix-record", Static).update(record_lines(view))
        criticism = self.query_one("#fix-criticism", Static)
        criticism.update(criticism_text(view))
        criticism.display = bool(view.criticisms)
        kind = next((k for k in view.kinds if k.key == view.act_kind), None)
        self._input("kind").value = kind.code if kind else view.code[7:9]  # its act code
        self._input("kind").disabled = view.hybrid
        self.query_one("#fix-kinds", Static).update(
            "Selo híbrido: só a data ou o valor podem mudar." if view.hybrid else
            "Códigos: " + " · ".join(f"{k.code} {k.label}" for k in view.kinds))
        self._input("date").value = format_local(view.act_at)
        self._input("exempt").value = view.exempt_reason or ""
        self._show_value()
        if self.result is None:
            self._input("date" if view.hybrid else "kind").focus()
        else:
            for field in self.query(Input):
                field.disabled = True

    def _show_value(self) -> None:
        key = key_display(self.app, VALUE_BINDING)
        money = format_money(self.view.total) if self.view else ""
        shown = {KEEP: f"mantém {money}", TABLE: "cobra pela tabela de emolumentos",
                 EXEMPT: "ato gratuito (informe o motivo legal)"}[self.value_mode]
        self.query_one("#fix-value", Static).update(f"{f'Valor ({key})':<15}{shown}")

    def has_typed_data(self) -> bool:
        return self.result is None and bool(self._input("reason").value.strip())

    def action_value(self) -> None:
        if self.view is None or self._busy:
            return
        modes = (KEEP, TABLE, EXEMPT)
        self.value_mode = modes[(modes.index(self.value_mode) + 1) % len(modes)]
        exempt = self._input("exempt")
        exempt.disabled = self.value_mode != EXEMPT
        self._show_value()
        if not exempt.disabled:
            exempt.focus()

    @on(Input.Submitted)
    def _next(self, event: Input.Submitted) -> None:
        if event.validation_result is not None and not event.validation_result.is_valid:
            return
        if event.input.id == "fix-reason":
            self.action_confirm()
        else:
            self.focus_next()

    def _changes(self) -> CorrectionInput:
        """What the person changed, or a Refusal at its field."""
        view = self.view
        typed_kind = self._input("kind").value.strip().upper()
        kind = next((k for k in view.kinds if k.code == typed_kind), None)
        if not view.hybrid and kind is None:
            codes = ", ".join(k.code for k in view.kinds)
            raise Refusal(f"Tipo do ato: use um dos códigos {codes}.", field="act_kind")
        date_text = self._input("date").value
        act_at: datetime | None = None
        if date_text.split() != format_local(view.act_at).split():
            act_at = parse_local_datetime(date_text)
        exempt = None
        if self.value_mode == TABLE:
            exempt = ""
        elif self.value_mode == EXEMPT:
            exempt = clean_text(self._input("exempt").value, "exempt_reason", required=True)
        return CorrectionInput(
            act_kind=kind.key if kind and kind.key != view.act_kind else None,
            act_at=act_at, exempt_reason=exempt)

    def action_confirm(self) -> None:
        if self._busy or self.view is None or self.result is not None:
            return
        self.clear_errors()
        reason = self._input("reason").value
        try:
            changes = self._changes()
            clean_text(reason, "reason", required=True)
        except Refusal as exc:
            self.show_failure(Failure(exc.message, exc.field))
            return
        question = (f"Retificar o selo {self.view.code}? Um novo selo o substituirá no TJ.")
        self.app.push_screen(ConfirmScreen(question, default=False),
                             lambda yes: self._run(changes, reason) if yes else None)

    def _run(self, changes: CorrectionInput, reason: str) -> None:
        user_id, record_id, now = self.balcao.user.id, self.record_id, self.balcao.clock()
        self.save(lambda: correct_seal(user_id, record_id, changes, reason, now=now),
                  "correction")

    def _saved(self, result: FixResult) -> None:
        super()._saved(result)
        self._load()

    def saved_message(self, result: FixResult) -> str:
        return (f"Retificação {result.code} feita: substitui o selo "
                f"{result.affected_codes[0]} e vai ao TJ pelo transmissor.")

    def show_failure(self, failure: Failure) -> None:
        """A refusal about the record itself (state, deadline, role) has no field here."""
        if failure.field in ("record", "changes"):
            failure = Failure(failure.message)
        super().show_failure(failure)
