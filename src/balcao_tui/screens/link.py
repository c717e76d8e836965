"""Vincular selos: the parent seal (vinculador), its children typed or scanned by code one
after the other (each checked by its check digit and looked up), the reason, confirm."""
from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Input, Static

from ..domain.boundary import LIMITS, clean_text
from ..domain.refusal import Refusal
from ..domain.seal_code import parse_seal_code
from ..store.usecases.fix_rules import FixResult
from ..store.usecases.fix_view import SealFixView, record_id_of_code, seal_fix_view
from ..store.usecases.links import MAX_CHILDREN, link_seals
from ..widgets.form_field import FormField
from ..widgets.store_calls import Failure
from .base import BACK
from .confirm import ConfirmScreen
from .fix_form import FixForm
from .seal_fix_text import record_lines

CHILD_FIELD = "children"


class LinkScreen(FixForm):
    TITLE_TEXT = "Vincular selos"
    HELP_TEXT = (
        "• Vínculo: liga a este selo (o vinculador) os selos do mesmo trabalho (os "
        "vinculados), como as peças de uma carta de sentença. Um registro de vínculo vai "
        "ao TJ com os códigos dos vinculados.\n"
        "• Digite ou leia com o leitor o código de cada vinculado e tecle Enter: o dígito "
        "verificador é conferido e o selo, procurado. Só selos comunicados ao TJ, cada um "
        "num vínculo só.\n"
        "• F8 tira o último da lista. No motivo, Enter ou F9 vincula (pergunta antes).")
    BINDINGS = [BACK, Binding("f8", "drop_last", "Tirar último", id="link.drop"),
                Binding("f9", "confirm", "Vincular", id="link.confirm")]

    def __init__(self, parent_record_id: int) -> None:
        super().__init__()
        self.parent_record_id = parent_record_id
        self.view: SealFixView | None = None
        self.linked: list[tuple[int, str]] = []  # (record id, code)

    def compose_body(self) -> ComposeResult:
        yield Static("", id="link-parent", markup=False)
        yield FormField("Vinculado", Input(id="link-code", max_length=LIMITS["code"].max_length,
                                           placeholder="código do selo + Enter"),
                        field=CHILD_FIELD)
        yield Static("", id="link-children", markup=False)
        yield FormField("Motivo", Input(id="link-reason", max_length=LIMITS["reason"].max_length,
                                        placeholder="por que vincular (obrigatório)"),
                        field="reason")

    def on_mount(self) -> None:
        self.query_one("#link-code", Input).focus()
        user_id, record_id = self.balcao.user.id, self.parent_record_id
        self.call_store(lambda: seal_fix_view(user_id, record_id), self._show,
                        failed=self.show_failure, group="link", exclusive=True)
        self._show_children()

    def _show(self, view: SealFixView) -> None:
        self.view = view
        self.query_one("#link-parent", Static).update("Vinculador: " + record_lines(view))

    def _show_children(self) -> None:
        codes = [code for _, code in self.linked]
        shown = ("\n".join(codes[-6:]) if len(codes) <= 6
                 else f"… e mais {len(codes) - 6} antes\n" + "\n".join(codes[-6:]))
        self.query_one("#link-children", Static).update(
            f"Vinculados ({len(codes)}):\n{shown}" if codes else "Nenhum vinculado ainda.")

    def has_typed_data(self) -> bool:
        return self.result is None and bool(self.linked)

    @on(Input.Submitted, "#link-code")
    def _code_entered(self, event: Input.Submitted) -> None:
        self.clear_errors()
        text = event.value.strip()
        if not text:
            self.query_one("#link-reason", Input).focus()
            return
        try:
            code = parse_seal_code(clean_text(text, "code", required=True)).code
        except Refusal as exc:
            self.show_failure(Failure(exc.message, CHILD_FIELD))
            return
        if self.view is not None and code == self.view.code:
            self.show_failure(Failure("Um selo não pode ser vinculado a si mesmo.", CHILD_FIELD))
        elif any(code == known for _, known in self.linked):
            self.show_failure(Failure(f"O selo {code} já está na lista.", CHILD_FIELD))
        elif len(self.linked) >= MAX_CHILDREN:
            self.show_failure(Failure(f"No máximo {MAX_CHILDREN} selos por vínculo.",
                                      CHILD_FIELD))
        else:
            user_id = self.balcao.user.id
            self.call_store(lambda: record_id_of_code(user_id, code),
                            lambda record_id: self._found(record_id, code),
                            failed=self._not_found, group="link", exclusive=True)

    def _found(self, record_id: int, code: str) -> None:
        self.linked.append((record_id, code))
        self.query_one("#link-code", Input).value = ""
        self._show_children()

    def _not_found(self, failure: Failure) -> None:
        self.show_failure(Failure(failure.message, CHILD_FIELD))

    def action_drop_last(self) -> None:
        if self.linked and not self._busy and self.result is None:
            self.linked.pop()
            self._show_children()

    @on(Input.Submitted, "#link-reason")
    def _reason_entered(self) -> None:
        self.action_confirm()

    def action_confirm(self) -> None:
        if self._busy or self.view is None or self.result is not None:
            return
        self.clear_errors()
        reason = self.query_one("#link-reason", Input).value
        try:
            if not self.linked:
                raise Refusal("Informe ao menos um selo a vincular.", field=CHILD_FIELD)
            clean_text(reason, "reason", required=True)
        except Refusal as exc:
            self.show_failure(Failure(exc.message, exc.field))
            return
        count = len(self.linked)
        question = f"Vincular {count} selo(s) ao selo {self.view.code}?"
        self.app.push_screen(ConfirmScreen(question, default=False),
                             lambda yes: self._run(reason) if yes else None)

    def _run(self, reason: str) -> None:
        user_id, parent_id, now = self.balcao.user.id, self.parent_record_id, self.balcao.clock()
        child_ids = tuple(record_id for record_id, _ in self.linked)
        self.save(lambda: link_seals(user_id, parent_id, child_ids, reason, now=now), "link")

    def saved_message(self, result: FixResult) -> str:
        return (f"Vínculo {result.code} feito: {len(result.affected_codes) - 1} selo(s) "
                "vinculado(s); vai ao TJ pelo transmissor.")

    def show_failure(self, failure: Failure) -> None:
        """A refusal about the parent has no field here."""
        if failure.field in ("parent", "record"):
            failure = Failure(failure.message)
        super().show_failure(failure)
