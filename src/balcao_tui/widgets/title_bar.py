"""The first line of every screen: what the screen is for, and the office."""
from __future__ import annotations

from rich.text import Text
from textual.widget import Widget


class TitleBar(Widget):
    DEFAULT_CSS = "TitleBar { dock: top; height: 1; }"

    def __init__(self, title: str) -> None:
        super().__init__()
        self.title = title

    def on_mount(self) -> None:
        self.watch(self.app, "office", lambda _office: self.refresh(), init=False)

    def render(self) -> Text:
        office = getattr(self.app, "office", None)
        right = f"{office.name} " if office is not None else ""
        left = f" {self.title}"
        gap = max(1, self.size.width - len(left) - len(right))
        text = Text(left, "bold")
        text.append(" " * gap)
        text.append(right[: max(0, self.size.width - len(left) - 1)])
        return text
