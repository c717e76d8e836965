#!/usr/bin/env python3
"""The baseline of bench/startup.py: a bare Textual app showing the login screen's widgets.

The same widgets as `balcao`'s login (title line, office lines, two labelled inputs, the
hint, the footer with the same keys) under the same style sheets, and nothing else: no
database, no keymap, no transmitter. What `balcao` spends above this is its own cost.
"""
from __future__ import annotations

from pathlib import Path

from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import Footer, Input, Label, Static

STYLES = Path(__file__).resolve().parents[1] / "styles"
OFFICE = "1º Tabelião de Notas de Exemplo\nCNS 14.557-3 · São Paulo"


class FormField(Vertical):
    """A plain container under the name the style sheets give the login's fields."""


def field(label: str, input: Input) -> ComposeResult:
    with FormField():
        with Horizontal(classes="field-row"):
            yield Label(label, classes="field-label")
            yield input
        yield Static("", classes="field-error -empty")


class LoginScreen(Screen):
    BINDINGS = [Binding("escape", "app.bell", "Limpar"),
                Binding("f10", "app.quit", "Sair do programa")]

    def compose(self) -> ComposeResult:
        yield Static(" Balcão — entrada", id="title")
        yield Footer(compact=True, show_command_palette=False)
        with Vertical(id="body"):
            with Vertical(id="login-box"):
                yield Static(OFFICE, id="login-office")
                yield from field("Usuário", Input(id="login", max_length=32))
                yield from field("Senha", Input(id="password", password=True))
                yield Static("Enter: entrar · F1: ajuda · F10: sair", id="login-hint")
            yield Static("", id="message")

    def on_mount(self) -> None:
        self.query_one("#login", Input).focus()


class BareLoginApp(App[None]):
    CSS_PATH = [STYLES / name for name in ("base.tcss", "forms.tcss", "dialogs.tcss")]
    CSS = "#title { dock: top; height: 1; background: $primary; }"
    BINDINGS = [Binding("f1", "app.bell", "Ajuda"),
                Binding("ctrl+p", "command_palette", "Comandos", priority=True)]

    def on_mount(self) -> None:
        self.push_screen(LoginScreen())


if __name__ == "__main__":
    BareLoginApp().run()
