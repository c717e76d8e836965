"""Administração: the administrative screens a counter role may open (a supervisor's
stock and users, a tabelião's settings), kept off home so that home fits 24 lines."""
from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from .base import BACK, BalcaoScreen
from .catalog import Destination


class AdministrationScreen(BalcaoScreen):
    TITLE_TEXT = "Administração"
    HELP_TEXT = ("• ↑↓ escolhem uma tarefa e Enter a abre; Esc volta ao início.\n"
                 "• Só aparecem as tarefas que o seu perfil permite.")
    BINDINGS = [BACK]

    def __init__(self, places: list[Destination]) -> None:
        super().__init__()
        self.places = places

    def compose_body(self) -> ComposeResult:
        yield OptionList(*(Option(place.title, id=place.name) for place in self.places),
                         id="admin-menu")
        yield Static("", id="admin-help")

    def on_mount(self) -> None:
        menu = self.query_one("#admin-menu", OptionList)
        menu.highlighted = 0
        menu.focus()

    @on(OptionList.OptionHighlighted, "#admin-menu")
    def _describe(self, event: OptionList.OptionHighlighted) -> None:
        place = next(p for p in self.places if p.name == event.option_id)
        self.query_one("#admin-help", Static).update(place.help)

    @on(OptionList.OptionSelected, "#admin-menu")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        if event.option_id:
            self.balcao.open_destination(event.option_id)
