"""A labelled input with its error message right under it."""
from __future__ import annotations

from typing import Callable

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.validation import ValidationResult, Validator
from textual.widgets import Input, Label, Static


class ParsedBy(Validator):
    """Valid when `parse` accepts the text; the failure is the parser's own message."""

    def __init__(self, parse: Callable[[str], object], *, optional: bool = True) -> None:
        super().__init__()
        self.parse = parse
        self.optional = optional

    def validate(self, value: str) -> ValidationResult:
        if self.optional and not value.strip():
            return self.success()
        try:
            self.parse(value)
        except ValueError as exc:
            return self.failure(str(exc), value)
        return self.success()


class MarksFocus:
    """Adds the class -focused while a descendant has focus.

    Textual's :focus-within does not restyle the siblings of the focused widget when focus
    moves, so the label would not follow; a class does.
    """

    def on_descendant_focus(self) -> None:
        self.add_class("-focused")  # type: ignore[attr-defined]

    def on_descendant_blur(self) -> None:
        self.remove_class("-focused")  # type: ignore[attr-defined]


class FocusRow(MarksFocus, Horizontal):
    """A row with a label and a focusable widget that is not an Input."""


class RowErrors(Static):
    """Under a row of fields side by side: their errors at the form's full width, which a
    field a third of the row wide would wrap into a narrow column."""

    def __init__(self) -> None:
        super().__init__("", classes="row-errors")
        self.messages: dict[str, str] = {}

    def show(self, field: str, message: str | None) -> None:
        if message:
            self.messages[field] = message
        else:
            self.messages.pop(field, None)
        self.update("\n".join(self.messages.values()))
        self.display = bool(self.messages)


class FormField(MarksFocus, Vertical):
    """`field` names the field as refusals do (Refusal.field), e.g. "cpf" or "seals"."""

    def __init__(self, label: str, input: Input, *, field: str, id: str | None = None,
                 classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.label = label
        self.input = input
        self.field = field
        self._error = ""

    def compose(self) -> ComposeResult:
        with Horizontal(classes="field-row"):
            yield Label(self.label, classes="field-label")
            yield self.input
        yield Static("", classes="field-error")

    @property
    def value(self) -> str:
        return self.input.value

    def set_error(self, message: str | None) -> None:
        self._error = message or ""
        row_errors = self._row_errors()
        own = self.query_one(".field-error", Static)
        if row_errors is not None:
            row_errors.show(self.field, message)
        else:
            own.update(self._error)
        own.set_class(row_errors is not None or not message, "-empty")
        self.set_class(bool(message), "-invalid")

    def _row_errors(self) -> RowErrors | None:
        row = self.parent
        if row is None or row.parent is None:
            return None
        siblings = list(row.parent.children)
        after = siblings.index(row) + 1
        return siblings[after] if after < len(siblings) and isinstance(
            siblings[after], RowErrors) else None

    @property
    def error(self) -> str:
        return self._error

    def on_mount(self) -> None:
        self.set_error(None)

    @on(Input.Changed)
    def _edited(self) -> None:
        if self.has_class("-invalid"):
            self.set_error(None)

    @on(Input.Blurred)
    @on(Input.Submitted)
    def _checked(self, event: Input.Blurred | Input.Submitted) -> None:
        result = event.validation_result
        if result is not None and not result.is_valid:
            self.set_error(result.failure_descriptions[0])
