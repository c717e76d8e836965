"""Excluir ato (XA): the dialog over the seal's detail or the dashboard, with the record, a
clear warning and the reason. Dismissed with the FixResult, or None if the person gave up."""
from __future__ import annotations

from typing import TYPE_CHECKING

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from ..domain.boundary import LIMITS, clean_text
from ..domain.refusal import Refusal
from ..store.usecases.exclusions import exclude_seal
from ..store.usecases.fix_rules import FixResult
from ..store.usecases.fix_view import SealFixView, seal_fix_view
from ..widgets.form_field import FormField
from ..widgets.message_line import MessageLine
from ..widgets.store_calls import Failure, StoreCalls
from .base import ShowsFailures
from .confirm import ConfirmScreen
from .seal_fix_text import record_lines

if TYPE_CHECKING:
    from ..app import BalcaoApp

REASON_FIELD = "seal_reason"  # one line: it is written on the physical seal too
WARNING = ("O TJ passa a desconsiderar este selo. Não pode ser desfeito; o selo físico, se "
           "houver, fica inutilizado e nunca volta à cartela.")


class ExclusionScreen(ShowsFailures, StoreCalls, ModalScreen[FixResult | None]):
    TITLE_TEXT = "Excluir ato (XA)"
    HELP_TEXT = (
        "• Exclusão de ato (XA): para um selo comunicado por engano (reimpressão, certidão "
        "impressa errada). Um registro XA, sem valor, vai ao TJ.\n"
        "• Só em até 72 horas do ato, por tabelião ou substituto, com o motivo.\n"
        "• O selo físico já enviado nunca é usado de novo: fica inutilizado.\n"
        "• Escreva o motivo e tecle Enter; o balcão pergunta antes de excluir.")
    BINDINGS = [
        Binding("escape", "cancel", "Cancelar", id="exclusion.cancel"),
        Binding("f9", "confirm", "Excluir", id="exclusion.confirm"),
        Binding("f1", "app.help", "", show=False, id="exclusion.help"),
    ]

    def __init__(self, record_id: int) -> None:
        super().__init__()
        self.record_id = record_id
        self.view: SealFixView | None = None
        self._busy = False

    @property
    def balcao(self) -> BalcaoApp:
        return self.app  # type: ignore[return-value]

    def compose(self) -> ComposeResult:
        with Vertical(id="exclusion-dialog"):
            yield Static(self.TITLE_TEXT, id="exclusion-title")
            yield Static("", id="exclusion-record", markup=False)
            yield Static(WARNING, id="exclusion-warning", markup=False)
            yield FormField("Motivo", Input(id="exclusion-reason", max_length=LIMITS[
                REASON_FIELD].max_length, placeholder="por que excluir (obrigatório)"),
                field=REASON_FIELD)
            yield MessageLine(id="exclusion-message")
            yield Static("Enter confirma · Esc cancela · F1 ajuda", id="exclusion-hint")

    def on_mount(self) -> None:
        self.query_one("#exclusion-reason", Input).focus()
        user_id, record_id = self.balcao.user.id, self.record_id
        self.call_store(lambda: seal_fix_view(user_id, record_id), self._show,
                        failed=self.show_failure, group="exclusion", exclusive=True)

    def _show(self, view: SealFixView) -> None:
        self.view = view
        self.query_one("#exclusion-record", Static).update(record_lines(view))

    def say(self, message: str, *, kind: str = "info") -> None:
        self.query_one("#exclusion-message", MessageLine).say(message, kind=kind)

    def action_cancel(self) -> None:
        if not self._busy:
            self.dismiss(None)

    @on(Input.Submitted, "#exclusion-reason")
    def _reason_entered(self) -> None:
        self.action_confirm()

    def action_confirm(self) -> None:
        if self._busy or self.view is None:
            return
        self.clear_errors()
        reason = self.query_one("#exclusion-reason", Input).value
        try:
            clean_text(reason, REASON_FIELD, required=True)
        except Refusal as exc:
            self.show_failure(Failure(exc.message, exc.field))
            return
        self.app.push_screen(
            ConfirmScreen(f"Excluir o selo {self.view.code}? Isso não pode ser desfeito.",
                          default=False),
            lambda yes: self._run(reason) if yes else None)

    def _run(self, reason: str) -> None:
        self._busy = True
        self.say("Gravando…")
        user_id, record_id, now = self.balcao.user.id, self.record_id, self.balcao.clock()
        self.call_store(lambda: exclude_seal(user_id, record_id, reason, now=now), self._done,
                        failed=self._refused, group="exclusion", exclusive=True)

    def _refused(self, failure: Failure) -> None:
        self._busy = False
        self.show_failure(failure)

    def _done(self, result: FixResult) -> None:
        self._busy = False
        self.balcao.seals_created()
        self.dismiss(result)


def excluded_message(result: FixResult) -> str:
    return (f"Exclusão {result.code} feita: exclui o selo {result.affected_codes[0]} e vai "
            "ao TJ pelo transmissor.")
