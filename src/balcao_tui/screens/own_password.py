"""Trocar a minha senha: the current password, the new one twice, and the rules."""
from __future__ import annotations

from textual.app import ComposeResult
from textual.widgets import Input, Static

from ..domain.boundary import LIMITS
from ..store.usecases.users import MIN_PASSWORD_LENGTH, change_own_password
from ..widgets.form_field import FormField
from ..widgets.store_calls import Failure
from .base import BACK, CONFIRM, BalcaoScreen, EnterMovesOn

FIELDS = (("old_password", "Senha atual"), ("new_password", "Nova senha"),
          ("repeated", "Repita a nova"))
LENGTH = f"de {MIN_PASSWORD_LENGTH} a {LIMITS['password'].max_length} caracteres"
ANY_CHARACTER = ("letras, números, espaços, acentos e símbolos valem. Prefira uma frase fácil "
                 "de lembrar.")
RULES = f"A nova senha deve ter {LENGTH} e ser diferente da atual; {ANY_CHARACTER}"


class RetypedWhenRefused:
    """For a password form: a refusal beside its field with the field's text selected, so
    that typing again replaces it."""

    def show_failure(self, failure: Failure) -> None:
        super().show_failure(failure)  # type: ignore[misc]
        field = self.form_fields().get(failure.field or "")  # type: ignore[attr-defined]
        if field is not None:
            field.input.select_all()


class OwnPasswordScreen(RetypedWhenRefused, EnterMovesOn, BalcaoScreen):
    TITLE_TEXT = "Trocar a minha senha"
    HELP_TEXT = ("• Digite a senha atual e a nova duas vezes; Enter passa ao campo seguinte e, "
                 "no último, troca a senha (ou F9).\n• " + RULES)
    BINDINGS = [BACK, CONFIRM]
    LAST_FIELD = FIELDS[-1][0]

    def __init__(self) -> None:
        super().__init__()
        self._busy = False

    def compose_body(self) -> ComposeResult:
        yield Static(RULES, id="password-rules")
        for field, label in FIELDS:
            yield FormField(label, Input(id=field, password=True), field=field)

    def on_mount(self) -> None:
        self.query_one("#old_password", Input).focus()

    def action_confirm(self) -> None:
        if self._busy:
            return
        self.clear_errors()
        old, new, repeated = (self.query_one(f"#{field}", Input).value for field, _ in FIELDS)
        if not old:
            self.show_failure(Failure("Senha atual: informe a senha que você usa hoje.",
                                      "old_password"))
            return
        if new != repeated:
            self.show_failure(Failure("Repita a nova senha exatamente igual.", "repeated"))
            return
        self._busy = True
        user_id = self.balcao.user.id
        self.say("Trocando a senha…")
        self.call_store(lambda: change_own_password(user_id, old, new), self._changed,
                        failed=self._refused, group="password", exclusive=True)


    def _refused(self, failure: Failure) -> None:
        self._busy = False
        self.show_failure(failure)

    def _changed(self, _result: None) -> None:
        self._busy = False
        for field, _ in FIELDS:
            self.query_one(f"#{field}", Input).value = ""
        self.query_one("#old_password", Input).focus()
        self.say("Senha trocada. Use a nova senha na próxima entrada.", kind="ok")
