"""The kind of signature recognition, one key each (1, 2, 3)."""
from __future__ import annotations

from rich.text import Text
from textual.binding import Binding
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget

from ..domain.act_kinds import FIRMA_AUTENTICIDADE, FIRMA_COM_VALOR, FIRMA_SEM_VALOR
from .keys import key_display

KIND_LABELS = {
    FIRMA_SEM_VALOR: "Sem valor",
    FIRMA_COM_VALOR: "Com valor",
    FIRMA_AUTENTICIDADE: "Autenticidade",
}


class KindChooser(Widget, can_focus=True):
    selected: reactive[str | None] = reactive(None)

    class Chosen(Message):
        def __init__(self, value: str) -> None:
            super().__init__()
            self.value = value

    BINDINGS = [
        # Not in the footer: the widget itself shows its keys.
        Binding("1", f"choose('{FIRMA_SEM_VALOR}')", "Tipo: semelhança sem valor", show=False,
                id="kind.without_value"),
        Binding("2", f"choose('{FIRMA_COM_VALOR}')", "Tipo: semelhança com valor", show=False,
                id="kind.with_value"),
        Binding("3", f"choose('{FIRMA_AUTENTICIDADE}')", "Tipo: autenticidade", show=False,
                id="kind.authenticity"),
        Binding("left", "move(-1)", "Tipo anterior", show=False, id="kind.previous"),
        Binding("right", "move(1)", "Próximo tipo", show=False, id="kind.next"),
        Binding("enter", "accept", "Aceitar o tipo", show=False, id="kind.accept"),
    ]

    def render(self) -> Text:
        keys = {binding.action: key_display(self.app, binding) for binding in self.BINDINGS}
        text = Text()
        for value, label in KIND_LABELS.items():
            chosen = value == self.selected
            key = keys.get(f"choose('{value}')", "?")
            text.append(f"[{key}]", "bold reverse" if chosen else "bold")
            text.append(f" {label}  ", "bold reverse" if chosen else "")
        return text

    def action_choose(self, value: str) -> None:
        self.selected = value
        self.post_message(self.Chosen(value))

    def action_move(self, step: int) -> None:
        values = list(KIND_LABELS)
        index = values.index(self.selected) + step if self.selected in values else 0
        self.selected = values[index % len(values)]

    def action_accept(self) -> None:
        if self.selected is not None:
            self.post_message(self.Chosen(self.selected))
