"""Find signature cards by name, CPF or RG: Enter searches, Enter on a result picks it."""
from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from ..domain.deadlines import format_date
from ..domain.text import cut
from ..store.usecases.signature_cards import CardSummary, find_signature_cards
from .form_field import FormField
from .store_calls import Failure, StoreCalls

NAME_WIDTH = 28
LINE_WIDTH = 58  # what the list shows at 80 columns beside the labels, without wrapping
NOTE_WIDTH = 64


def card_line(card: CardSummary) -> str:
    """One result on one line: name, masked CPF (or the RG number), birth date."""
    birth = format_date(card.birth_date) if card.birth_date else ""
    document = card.cpf_masked or (f"RG {card.rg.split()[0]}" if card.rg else "")
    name = cut(card.name, NAME_WIDTH)
    line = f"{name:<{NAME_WIDTH}} {document:<14} {birth}"
    return cut(line.rstrip(), LINE_WIDTH)


def card_summary_text(card: CardSummary) -> str:
    parts = [card.name.upper()]
    if card.cpf_masked:
        parts.append(card.cpf_masked)
    if card.rg and not card.cpf_masked:
        parts.append(f"RG {card.rg}")
    if card.birth_date:
        parts.append(f"nasc. {format_date(card.birth_date)}")
    return " · ".join(parts)


class CardSearch(StoreCalls, Vertical):
    BINDINGS = [Binding("escape", "back_to_query", "Voltar à busca", id="card.back_to_query")]

    class Searched(Message):
        def __init__(self, query: str, cards: list[CardSummary]) -> None:
            super().__init__()
            self.query = query
            self.cards = cards

    class Picked(Message):
        def __init__(self, card: CardSummary) -> None:
            super().__init__()
            self.card = card

    def __init__(self, label: str = "Ficha", *, results_height: int = 4,
                 none_found_is_error: bool = True,
                 found_note: str = "{n} ficha(s) encontrada(s): ↑↓ escolhe, Enter confirma.",
                 id: str | None = None) -> None:
        super().__init__(id=id)
        self.found_note = found_note
        self.label = label
        self.none_found_is_error = none_found_is_error
        self.cards: list[CardSummary] = []
        self.results_height = results_height

    def compose(self) -> ComposeResult:
        yield FormField(self.label, Input(placeholder="nome, CPF ou RG e Enter",
                                          id="card-query"), field="card")
        results = OptionList(id="card-results")
        results.styles.height = "auto"
        results.styles.max_height = self.results_height
        results.can_focus = False
        results.display = False
        yield results
        yield Static("", id="card-note")

    @property
    def field(self) -> FormField:
        return self.query_one(FormField)

    def focus_query(self) -> None:
        self.query_one("#card-query", Input).focus()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "back_to_query":  # only from the results; elsewhere Esc is the screen's
            return self.query_one("#card-results", OptionList).has_focus
        return True

    def action_back_to_query(self) -> None:
        """Esc in the results: back to the search, its text kept to be corrected."""
        self.focus_query()

    @property
    def has_query(self) -> bool:
        return bool(self.query_one("#card-query", Input).value.strip())

    def clear(self) -> None:
        self.query_one("#card-query", Input).value = ""
        self.cards = []
        self._show_results([])
        self.note("")

    def note(self, text: str) -> None:
        """One line under the search, cut rather than wrapped (a birth date must not fall
        onto a line of its own)."""
        self.query_one("#card-note", Static).update(cut(text, NOTE_WIDTH))

    @on(Input.Submitted, "#card-query")
    def _search(self, event: Input.Submitted) -> None:
        event.stop()
        query = event.value.strip()
        if not query:
            self.field.set_error("Digite o nome, o CPF ou o RG do signatário.")
            return
        self.note("Buscando…")
        self.call_store(lambda: find_signature_cards(query),
                        lambda cards: self._found(query, cards), failed=self._failed,
                        group="card-search", exclusive=True)

    def _found(self, query: str, cards: list[CardSummary]) -> None:
        self.cards = cards
        self._show_results(cards)
        if cards:
            self.note(self.found_note.format(n=len(cards)))
            results = self.query_one("#card-results", OptionList)
            results.highlighted = 0
            results.focus()
        elif self.none_found_is_error:
            self.note("")
            self.field.set_error(f"Nenhuma ficha encontrada para “{query}”.")
        else:
            self.note(f"Nenhuma ficha encontrada para “{query}”.")
        self.post_message(self.Searched(query, cards))

    def _failed(self, failure: Failure) -> None:
        self.note("")
        self.field.set_error(failure.message)

    def _show_results(self, cards: list[CardSummary]) -> None:
        results = self.query_one("#card-results", OptionList)
        results.set_options(Option(card_line(card), id=str(card.id)) for card in cards)
        results.can_focus = bool(cards)
        results.display = bool(cards)

    @on(OptionList.OptionSelected, "#card-results")
    def _picked(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        card = self.cards[event.option_index]
        self.post_message(self.Picked(card))
