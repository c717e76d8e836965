"""Primeiro acesso: after the login screen accepted a first-access code, the user creates
a password of their own; the code then stops working."""
from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Input, Static

from ..widgets.form_field import FormField
from ..widgets.store_calls import Failure
from .base import BACK, CONFIRM, BalcaoScreen, EnterMovesOn
from .own_password import ANY_CHARACTER, LENGTH, RetypedWhenRefused

FIELDS = (("new_password", "Nova senha"), ("repeated", "Repita"))
RULES = f"A senha deve ter {LENGTH}; {ANY_CHARACTER}"


def _redeem(login: str, code: str, password: str, now) -> None:
    from ..store.usecases.first_access import redeem_code

    redeem_code(login, code, password, now)


class FirstPasswordScreen(RetypedWhenRefused, EnterMovesOn, BalcaoScreen):
    TITLE_TEXT = "Primeiro acesso — crie a sua senha"
    SHOW_STATUS = False
    HELP_TEXT = ("• Digite a nova senha duas vezes; Enter passa ao campo seguinte e, no "
                 "último, cria a senha (ou F9). Esc volta à entrada sem criar.\n• " + RULES)
    BINDINGS = [BACK, CONFIRM]
    LAST_FIELD = FIELDS[-1][0]

    def __init__(self, login: str, code: str) -> None:
        super().__init__()
        self.login, self.code = login, code
        self._busy = False

    def compose_body(self) -> ComposeResult:
        with Vertical(id="login-box"):
            yield Static(f"Código aceito para {self.login}. Crie agora a sua senha: só "
                         "você a saberá.", id="first-intro", markup=False)
            yield Static(RULES, id="password-rules")
            for field, label in FIELDS:
                yield FormField(label, Input(id=field, password=True), field=field)

    def on_mount(self) -> None:
        self.query_one("#new_password", Input).focus()

    def action_confirm(self) -> None:
        if self._busy:
            return
        self.clear_errors()
        new, repeated = (self.query_one(f"#{field}", Input).value for field, _ in FIELDS)
        if new != repeated:
            self.show_failure(Failure("Repita a nova senha exatamente igual.", "repeated"))
            return
        self._busy = True
        login, code, now = self.login, self.code, self.balcao.clock()
        self.say("Criando a senha…")
        self.call_store(lambda: _redeem(login, code, new, now), self._created,
                        failed=self._refused, group="first_access", exclusive=True)

    def _created(self, _result: None) -> None:
        self.dismiss(self.login)

    def _refused(self, failure: Failure) -> None:
        self._busy = False
        if failure.field == "password":  # the code itself: used, expired or locked
            self.dismiss(failure)
        else:
            self.show_failure(failure)
