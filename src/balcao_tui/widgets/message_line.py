"""The screen's general message: refusals without a field, confirmations, progress."""
from __future__ import annotations

from textual.widgets import Static


class MessageLine(Static):
    DEFAULT_CSS = "MessageLine { height: auto; }"
    kind = "info"

    def say(self, message: str, *, kind: str = "info") -> None:
        """`kind`: info, ok or error (a CSS class)."""
        self.kind = kind
        self.update(message)
        for name in ("info", "ok", "error"):
            self.set_class(name == kind, f"-{name}")
