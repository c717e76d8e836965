"""What every screen of the counter shares: title, status line, footer, messages, back."""
from __future__ import annotations

from typing import TYPE_CHECKING, Callable, ClassVar, Iterable

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Footer, Input

from ..widgets.form_field import FormField
from ..widgets.message_line import MessageLine
from ..widgets.status_line import StatusLine
from ..widgets.store_calls import Failure, StoreCalls
from ..widgets.title_bar import TitleBar

if TYPE_CHECKING:
    from ..app import BalcaoApp

BACK = Binding("escape", "back", "Voltar", id="back")
CONFIRM = Binding("f9", "confirm", "Confirmar", id="confirm")
CLEAR = Binding("f8", "clear", "Limpar", id="clear")


class ShowsFailures:
    """For a screen or dialog with FormFields and a `say` of its own: refusals beside their
    field, the others in the message line."""

    def form_fields(self) -> dict[str, FormField]:
        return {field.field: field for field in self.query(FormField)}  # type: ignore[attr-defined]

    def show_failure(self, failure: Failure) -> None:
        """A refusal beside its field (and the field focused), else in the message line."""
        field = self.form_fields().get(failure.field or "")
        if field is not None and field.display:
            field.set_error(failure.message)
            field.input.focus()
            self.say("")  # type: ignore[attr-defined]
        else:
            self.say(failure.message, kind="error")  # type: ignore[attr-defined]

    def clear_errors(self) -> None:
        for field in self.form_fields().values():
            field.set_error(None)
        self.say("")  # type: ignore[attr-defined]


class EnterMovesOn:
    """For a form: Enter in a field moves to the next one, and in LAST_FIELD it confirms."""

    LAST_FIELD: ClassVar[str] = ""

    def on_input_submitted(self, event: Input.Submitted) -> None:
        if event.input.id == self.LAST_FIELD:
            self.action_confirm()  # type: ignore[attr-defined]
        else:
            self.focus_next()  # type: ignore[attr-defined]


class BalcaoScreen(ShowsFailures, StoreCalls, Screen):
    TITLE_TEXT: ClassVar[str] = ""
    HELP_TEXT: ClassVar[str] = ""
    SHOW_STATUS: ClassVar[bool] = True
    BINDINGS = [BACK]

    @property
    def balcao(self) -> BalcaoApp:
        return self.app  # type: ignore[return-value]

    def compose(self) -> ComposeResult:
        yield TitleBar(self.TITLE_TEXT)
        yield Footer(compact=True, show_command_palette=False)
        with Vertical(id="body"):
            yield from self.compose_body()
            yield MessageLine(id="message")
        if self.SHOW_STATUS:
            yield StatusLine()

    def compose_body(self) -> ComposeResult:
        yield from ()

    def action_back(self) -> None:
        self.leave_then(self.app.pop_screen)

    def has_typed_data(self) -> bool:
        """Whether leaving now would lose something the clerk typed."""
        return False

    def leave_then(self, go: Callable[[], object]) -> None:
        """Run `go` (which leaves this screen), asking first if typed data would be lost."""
        if not self.has_typed_data():
            go()
            return
        from .confirm import ConfirmScreen

        self.app.push_screen(ConfirmScreen("Descartar o que foi digitado?", default=False),
                             lambda yes: go() if yes else None)

    def say(self, message: str, *, kind: str = "info") -> None:
        self.query_one("#message", MessageLine).say(message, kind=kind)

    def key_typed(self) -> None:
        """'Registrado…' belongs to the last customer: the next one's first key clears it."""
        message = self.query_one("#message", MessageLine)
        if message.kind == "ok":
            message.say("")

    def help_bindings(self) -> list[tuple[Binding, Widget | Screen]]:
        """The screen's own bindings, then those of its widgets, for the help and palette."""
        found: dict[str, tuple[Binding, Widget | Screen]] = {}
        nodes: Iterable[Widget | Screen] = [self, *self.query("*")]
        for node in nodes:
            for binding in class_bindings(type(node)):
                found.setdefault(binding.id or binding.action, (binding, node))
        return list(found.values())


def class_bindings(cls: type) -> list[Binding]:
    """A class's bindings after inheritance, as Textual merges them (a subclass's key wins)."""
    by_key: dict[str, Binding] = {}
    for base in reversed(cls.__mro__):
        if not base.__module__.startswith("balcao_tui"):
            continue
        for binding in base.__dict__.get("BINDINGS", []):
            if isinstance(binding, Binding):
                for key in binding.key.split(","):
                    by_key[key.strip()] = binding
    unique: dict[int, Binding] = {}
    for binding in by_key.values():
        if binding.description:
            unique.setdefault(id(binding), binding)
    return list(unique.values())
