"""Signature recognition (reconhecimento de firma): card, kind, signatures, seals, fees."""
from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.widgets import Input, Label

from ..domain.act_kinds import ActKind, PhysicalSealType, get_act_kind
from ..store.usecases.signature_cards import CardSummary
from ..widgets.card_search import CardSearch, card_summary_text
from ..widgets.form_field import FocusRow
from ..widgets.kind_chooser import KindChooser
from ..widgets.store_calls import Failure
from .counter_act import SEALS_HELP, CounterActScreen


class RecognitionScreen(CounterActScreen):
    TITLE_TEXT = "Reconhecimento de firma"
    SEAL_TYPE = PhysicalSealType.RECONHECIMENTO.value
    COUNT_LABEL = "Assinaturas"
    UNIT = "assinatura"
    UNITS = "assinaturas"
    CONFIRM_ABOVE_SETTING = "counter.confirm_signatures"
    CONFIRM_ABOVE_DEFAULT = 5
    HELP_TEXT = (
        "• Ficha: digite o nome (início de qualquer palavra; acentos e maiúsculas não "
        "importam), o CPF (com ou sem pontos) ou o RG, e Enter. ↑↓ e Enter escolhem.\n"
        "• Tipo: 1 semelhança sem valor econômico · 2 semelhança com valor · "
        "3 autenticidade.\n"
        "• Assinaturas: cada firma reconhecida é um ato com o seu selo.\n" + SEALS_HELP)

    def __init__(self) -> None:
        super().__init__()
        self.card: CardSummary | None = None

    def compose_body(self) -> ComposeResult:
        yield CardSearch("Ficha", id="search")
        with FocusRow(id="kind-row"):
            yield Label("Tipo", classes="field-label")
            yield KindChooser(id="kind")
        yield from self.compose_count_and_seals()

    def first_focus(self) -> None:
        self.query_one(CardSearch).focus_query()

    def kind(self) -> ActKind | None:
        selected = self.query_one(KindChooser).selected
        return get_act_kind(selected) if selected else None

    def extra_problems(self) -> list[Failure]:
        problems = []
        if self.card is None:
            problems.append(Failure("Escolha a ficha do signatário.", "card"))
        if self.kind() is None:
            problems.append(Failure("Escolha o tipo: 1, 2 ou 3.", "kind"))
        return problems

    def register_kwargs(self) -> dict:
        return {"signature_card_id": self.card.id if self.card else None}

    def show_failure(self, failure: Failure) -> None:
        if failure.field == "kind":
            self.query_one(KindChooser).focus()
            self.say(failure.message, kind="error")
        else:
            super().show_failure(failure)

    @on(CardSearch.Searched)
    def _searched(self) -> None:
        self.card = None

    @on(CardSearch.Picked)
    def _picked(self, event: CardSearch.Picked) -> None:
        self.card = event.card
        self.query_one(CardSearch).note(f"Escolhida: {card_summary_text(event.card)}")
        self.query_one(KindChooser).focus()

    @on(KindChooser.Chosen)
    def _kind_chosen(self) -> None:
        self.update_fees()
        self.query_one("#count", Input).focus()

    def has_typed_data(self) -> bool:
        return (self.card is not None or self.query_one(CardSearch).has_query
                or self.query_one(KindChooser).selected is not None or super().has_typed_data())

    def action_clear(self) -> None:
        self.card = None
        self.query_one(CardSearch).clear()
        self.query_one(KindChooser).selected = None
        super().action_clear()
