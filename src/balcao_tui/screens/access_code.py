"""The first-access code, shown once, over the users screen."""
from __future__ import annotations

from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Static

from ..domain.deadlines import format_local

if TYPE_CHECKING:
    from ..store.usecases.first_access import AccessCode


class AccessCodeScreen(ModalScreen[None]):
    HELP_TEXT = "Enter ou Esc fecha. O código não será mostrado de novo."
    BINDINGS = [Binding("enter,escape", "close", "Fechar", id="code.close")]

    def __init__(self, given: AccessCode) -> None:
        super().__init__()
        self.given = given

    def compose(self) -> ComposeResult:
        user = self.given.user
        with Vertical(id="code-dialog"):
            yield Static(f"Código de primeiro acesso de {user.name} (login {user.login})",
                         id="code-title", markup=False)
            yield Static(self.given.code, id="code-value", markup=False)
            yield Static(
                f"Vale uma só vez, até {format_local(self.given.expires_at)}. Entregue-o "
                "pessoalmente: na tela de entrada, o usuário digita o login e este código no "
                "lugar da senha, e então cria a própria senha.\n\nAnote-o agora: ele não será "
                "mostrado de novo. Se perder, gere outro (F8 na lista de usuários).",
                id="code-text", markup=False)
            yield Static("Enter: fechar", id="code-hint")

    def action_close(self) -> None:
        self.dismiss(None)
