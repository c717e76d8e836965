"""A yes/no question; S or N answers, Escape is no, Enter takes the default."""
from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Static


class ConfirmScreen(ModalScreen[bool]):
    HELP_TEXT = "S responde sim, N ou Esc responde não; Enter escolhe a resposta destacada."
    BINDINGS = [
        Binding("s", "answer(True)", "Sim", id="confirm.yes"),
        Binding("n,escape", "answer(False)", "Não", id="confirm.no"),
        Binding("enter", "default", "Resposta padrão", show=False, id="confirm.default"),
    ]

    def __init__(self, question: str, *, default: bool) -> None:
        super().__init__()
        self.question = question
        self.default = default

    def compose(self) -> ComposeResult:
        yes, no = "[S]im", "[N]ão"
        if self.default:
            yes += " (Enter)"
        else:
            no += " (Enter)"
        with Vertical(id="confirm-dialog"):
            yield Static(self.question, id="confirm-question", markup=False)
            yield Static(f"{yes}    {no}", id="confirm-answers", markup=False)

    def action_answer(self, answer: bool) -> None:
        self.dismiss(answer)

    def action_default(self) -> None:
        self.dismiss(self.default)
