"""F1: what the screen is for and every key it answers to (after the user's keymap)."""
from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.actions import parse
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import Static

from ..widgets.keys import key_display
from .base import class_bindings



def help_table(app, bindings: list[Binding]) -> Table:
    table = Table.grid(padding=(0, 2))
    table.add_column(style="bold", no_wrap=True)
    table.add_column()
    for binding in bindings:
        table.add_row(key_display(app, binding), binding.description)
    return table


def _allowed(node, binding: Binding) -> bool:
    """Only the keys that work here for this user (the role hides actions)."""
    namespace, name, parameters = parse(binding.action)
    return namespace == "app" or node.check_action(name, parameters) is not False


class HelpScreen(ModalScreen[None]):
    BINDINGS = [Binding("escape,f1", "close", "Fechar a ajuda", id="help.close")]

    def __init__(self, title: str, text: str, bindings: list[Binding]) -> None:
        super().__init__()
        self.title_text = title
        self.text = text
        self.bindings = bindings

    @classmethod
    def for_screen(cls, screen: Screen, app_bindings: list[Binding]) -> HelpScreen:
        collect = getattr(screen, "help_bindings", None)
        own = (list(collect()) if collect
               else [(binding, screen) for binding in class_bindings(type(screen))])
        title = getattr(screen, "TITLE_TEXT", "") or "Ajuda"
        shown = [binding for binding, node in own if _allowed(node, binding)]
        return cls(title, getattr(screen, "HELP_TEXT", ""), shown + app_bindings)

    def compose(self) -> ComposeResult:
        with Vertical(id="help-dialog"):
            yield Static(Text(f"Ajuda — {self.title_text}", "bold"), id="help-title")
            with VerticalScroll(id="help-body"):
                yield Static(help_table(self.app, self.bindings), id="help-keys")
                if self.text:
                    yield Static(self.text, id="help-text", markup=False)
            yield Static("Esc ou F1 fecha · ↑↓ rolam o texto", id="help-hint")

    def on_mount(self) -> None:
        self.query_one("#help-body").focus()

    def action_close(self) -> None:
        self.dismiss(None)
