"""Login: user and password; the 5th wrong password in a row locks the user."""
from __future__ import annotations

from typing import TYPE_CHECKING

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Input, Static

from ..domain.identifiers import format_cns
from ..widgets.certificate_notice import CertificateNotice
from ..widgets.form_field import FormField
from ..widgets.store_calls import Failure
from .base import BalcaoScreen

if TYPE_CHECKING:
    from datetime import datetime

    from ..store.usecases.office import OfficeInfo
    from ..store.usecases.users import UserInfo


def _sign_in(login: str, password: str, now: datetime) -> tuple[UserInfo, OfficeInfo] | None:
    """The user and the office; None when the password typed is a valid first-access code."""
    # The store is imported in the worker thread: the login screen is painted without it.
    from ..store.usecases.office import get_office
    from ..store.usecases.users import AccessCodeAccepted, authenticate

    try:
        return authenticate(login, password, now), get_office()
    except AccessCodeAccepted:
        return None


class LoginScreen(BalcaoScreen):
    TITLE_TEXT = "Balcão — entrada"
    SHOW_STATUS = False
    HELP_TEXT = (
        "• Digite o seu usuário e Enter, depois a senha e Enter.\n"
        "• Cada pessoa usa o próprio usuário: não empreste a sua senha.\n"
        "• No primeiro acesso, digite o código que o administrador lhe deu no lugar da "
        "senha: o balcão pede então que você crie a sua senha.\n"
        "• Depois de 5 senhas erradas seguidas o usuário é bloqueado; peça a um "
        "supervisor que o desbloqueie.")
    BINDINGS = [
        Binding("escape", "back", "Limpar", id="login.clear"),
        Binding("f10", "app.quit", "Sair do programa", id="login.quit"),
    ]

    def compose_body(self) -> ComposeResult:
        with Vertical(id="login-box"):
            yield Static("", id="login-office")
            yield FormField("Usuário", Input(id="login", max_length=32), field="login")
            yield FormField("Senha", Input(id="password", password=True), field="password")
            yield Static("Enter: entrar · F1: ajuda · F10: sair", id="login-hint")
            yield CertificateNotice(id="login-certificate")
            if self.balcao.login_hint:
                yield Static(self.balcao.login_hint, id="login-demo", markup=False)

    def on_mount(self) -> None:
        self.query_one("#login", Input).focus()
        self.watch(self.app, "office", self._show_office)  # the App reads it once opened

    def _show_office(self, office: OfficeInfo | None) -> None:
        if office is not None:
            self.query_one("#login-office", Static).update(
                f"{office.name}\nCNS {format_cns(office.cns)} · {office.municipality}")

    def action_back(self) -> None:
        for input in self.query(Input):
            input.value = ""
        self.clear_errors()
        self.query_one("#login", Input).focus()

    @on(Input.Submitted, "#login")
    def _login_entered(self) -> None:
        self.query_one("#password", Input).focus()

    @on(Input.Submitted, "#password")
    def _password_entered(self) -> None:
        login = self.query_one("#login", Input).value.strip()
        password_input = self.query_one("#password", Input)
        password = password_input.value
        password_input.value = ""
        if not login:
            self.show_failure(Failure("Informe o usuário.", "login"))
            return
        self.clear_errors()
        self.say("Conferindo…")
        now = self.balcao.clock()
        self.call_store(lambda: _sign_in(login, password, now),
                        lambda result: self._accepted(result, login, password),
                        failed=self._refused, group="login", exclusive=True)

    def _accepted(self, result: tuple[UserInfo, OfficeInfo] | None, login: str,
                  code: str) -> None:
        if result is None:
            from .first_password import FirstPasswordScreen

            self.say("")
            self.app.push_screen(FirstPasswordScreen(login, code), self._password_created)
            return
        user, office = result
        self.balcao.login_as(user, office)

    def _password_created(self, outcome: str | Failure | None) -> None:
        """The login whose password was just created, or why the code no longer works."""
        if isinstance(outcome, Failure):
            self.show_failure(outcome)
        elif outcome is not None:
            self.query_one("#login", Input).value = outcome
            self.query_one("#password", Input).focus()
            self.say("Senha criada. Entre agora com ela.", kind="ok")

    def _refused(self, failure: Failure) -> None:
        self.show_failure(Failure(failure.message, failure.field or "password"))
