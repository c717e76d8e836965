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
    from ..store.usecases.office import OfficeInfo
    from ..store.usecases.users import UserInfo


def _sign_in(login: str, password: str) -> tuple[UserInfo, OfficeInfo]:
    # The store is imported in the worker thread: the login screen is painted without it.
    from ..store.usecases.office import get_office
    from ..store.usecases.users import authenticate

    return authenticate(login, password), get_office()


class LoginScreen(BalcaoScreen):
    TITLE_TEXT = "Balcão — entrada"
    SHOW_STATUS = False
    HELP_TEXT = (
        "• Digite o seu usuário e Enter, depois a senha e Enter.\n"
        "• Cada pessoa usa o próprio usuário: não empreste a sua senha.\n"
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
        self.call_store(lambda: _sign_in(login, password), self._accepted,
                        failed=self._refused, group="login", exclusive=True)

    def _accepted(self, result: tuple[UserInfo, OfficeInfo]) -> None:
        user, office = result
        self.balcao.login_as(user, office)

    def _refused(self, failure: Failure) -> None:
        self.show_failure(Failure(failure.message, failure.field or "password"))
