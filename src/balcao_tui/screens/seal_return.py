"""Estornar and Inutilizar: the dialogs that return physical seals, over any screen.

`ask_reversal(screen, on_done, seals=None)` and `ask_spoilage(screen, on_done, seals=None)`
open them (Meus atos de hoje and the day's closing do); without seals the person types them.
`on_done` gets the SealReturn once the store has done it, and nothing if the person gave up.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Callable, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from ..domain.boundary import LIMITS, clean_text
from ..domain.refusal import Refusal
from ..domain.seal_spec import Seal, format_seals, parse_seal_list
from ..domain.text import cut
from ..store.usecases.reversal import reverse_seals
from ..store.usecases.seal_returns import MAX_SEALS, SealReturn
from ..store.usecases.spoilage import spoil_seals
from ..widgets.form_field import FormField, ParsedBy
from ..widgets.message_line import MessageLine
from ..widgets.store_calls import Failure, StoreCalls
from .base import ShowsFailures
from .confirm import ConfirmScreen

if TYPE_CHECKING:
    from ..app import BalcaoApp

Done = Callable[[SealReturn], None]
REASON_FIELD = "seal_reason"


def read_seal_list(text: str) -> list[Seal]:
    return parse_seal_list(text, MAX_SEALS)


SEALS_SHOWN = 160  # characters of the list in a dialog: a closing may name hundreds


def seals_phrase(seals: list[Seal]) -> str:
    """ "o selo RF0001 0000002", "os 3 selos RF0001 0000001-0000003"."""
    listed = cut(format_seals(seals), SEALS_SHOWN)
    return f"o selo {listed}" if len(seals) == 1 else f"os {len(seals)} selos {listed}"


class SealReturnScreen(ShowsFailures, StoreCalls, ModalScreen[SealReturn | None]):
    """What both dialogs share: a reason, a question before the store, refusals shown at
    their field, Esc to give up."""

    TITLE_TEXT: ClassVar[str] = ""
    EXPLANATION: ClassVar[str] = ""
    # reverse_seals or spoil_seals
    store_call: ClassVar[Callable[..., SealReturn]]
    BINDINGS = [
        Binding("escape", "cancel", "Cancelar", id="seal_return.cancel"),
        Binding("f9", "confirm", "Confirmar", id="seal_return.confirm"),
        # A modal screen with a focused field hides the App's keys: F1 is repeated here
        # (without a description: the help lists the App's own).
        Binding("f1", "app.help", "", show=False, id="seal_return.help"),
    ]

    def __init__(self, seals: list[Seal] | None = None) -> None:
        super().__init__()
        self.seals = list(seals or [])
        self._busy = False

    @property
    def balcao(self) -> BalcaoApp:
        return self.app  # type: ignore[return-value]

    def compose(self) -> ComposeResult:
        with Vertical(id="seal-return-dialog"):
            yield Static(self.TITLE_TEXT, id="seal-return-title")
            yield from self.compose_fields()
            yield FormField("Motivo", Input(id="seal-reason", max_length=LIMITS[
                REASON_FIELD].max_length, placeholder="por que (obrigatório)"),
                field=REASON_FIELD)
            yield Static(self.EXPLANATION, id="seal-return-explanation")
            yield MessageLine(id="seal-return-message")
            yield Static("Enter confirma · Esc cancela · F1 ajuda", id="seal-return-hint")

    def compose_fields(self) -> ComposeResult:
        yield FormField("Selos", Input(format_seals(self.seals), id="seal-list",
                                       placeholder="ex.: RF0001 1-5; 9",
                                       max_length=LIMITS["seals"].max_length,
                                       validators=[ParsedBy(read_seal_list, optional=False)],
                                       validate_on=["submitted"]),
                        field="seals")

    def on_mount(self) -> None:
        self.query_one("#seal-list" if not self.seals else "#seal-reason", Input).focus()

    @on(Input.Submitted, "#seal-list")
    def _seals_entered(self, event: Input.Submitted) -> None:
        if event.validation_result is None or event.validation_result.is_valid:
            self.query_one("#seal-reason", Input).focus()

    def chosen_seals(self) -> list[Seal]:
        return read_seal_list(self.query_one("#seal-list", Input).value)

    def say(self, message: str, *, kind: str = "info") -> None:
        self.query_one("#seal-return-message", MessageLine).say(message, kind=kind)

    def action_cancel(self) -> None:
        if not self._busy:
            self.dismiss(None)

    def action_confirm(self) -> None:
        if self._busy:
            return
        self.clear_errors()
        reason = self.query_one("#seal-reason", Input).value
        try:  # the store's own rules, before a question that would be asked for nothing
            seals = self.chosen_seals()
            clean_text(reason, REASON_FIELD, required=True)
        except Refusal as exc:
            self.show_failure(Failure(exc.message, exc.field))
            return
        self.app.push_screen(ConfirmScreen(self.question(seals), default=False),
                             lambda yes: self._run(seals, reason) if yes else None)

    def _run(self, seals: list[Seal], reason: str) -> None:
        self._busy = True
        self.say("Gravando…")
        user_id, now, store_call = self.balcao.user.id, self.balcao.clock(), self.store_call
        self.call_store(lambda: store_call(user_id, seals, reason, now=now), self._done,
                        failed=self._refused, group="seal-return", exclusive=True)

    def _done(self, result: SealReturn) -> None:
        self._busy = False
        self.dismiss(result)

    def _refused(self, failure: Failure) -> None:
        self._busy = False
        self.show_failure(failure)

    @on(Input.Submitted, "#seal-reason")
    def _reason_entered(self) -> None:
        self.action_confirm()

    # what each dialog says

    def question(self, seals: list[Seal]) -> str:
        raise NotImplementedError


class ReversalScreen(SealReturnScreen):
    TITLE_TEXT = "Estornar selo(s)"
    HELP_TEXT = (
        "• Estorno: um selo lançado por engano e que não foi colado no papel volta para a "
        "cartela; o ato dele é cancelado e nunca é enviado ao TJ.\n"
        "• Só os selos de hoje, antes do fechamento do expediente. O selo estornado pode ser "
        "usado de novo hoje; depois, só inutilizado.\n"
        "• Selos (quando o balcão não os traz do ato): série e número, intervalos e listas, "
        "como no balcão: RF0001 123; RF0001 1-5; 9.\n"
        "• Escreva o motivo e tecle Enter; o balcão pergunta antes de estornar.")
    EXPLANATION = ("O ato é cancelado e nunca vai ao TJ; o selo pode ser usado de novo "
                   "hoje. Só selos de hoje, antes do fechamento.")

    def __init__(self, seals: list[Seal] | None = None, detail: str = "") -> None:
        super().__init__(seals)
        self.detail = detail

    def compose_fields(self) -> ComposeResult:
        """An act's seals are shown, not typed; without an act the person types them."""
        if not self.seals:
            yield from super().compose_fields()
            return
        back = "Volta" if len(self.seals) == 1 else "Voltam"
        yield Static(f"{back} para a cartela {seals_phrase(self.seals)}.",
                     id="seal-return-seals", markup=False)
        if self.detail:
            yield Static(self.detail, id="seal-return-detail", markup=False)

    def show_failure(self, failure: Failure) -> None:
        """A refusal about shown seals has no field: it goes to the message line."""
        if failure.field == "seals" and self.seals:
            failure = Failure(failure.message)
        super().show_failure(failure)

    def chosen_seals(self) -> list[Seal]:
        return self.seals or super().chosen_seals()

    def question(self, seals: list[Seal]) -> str:
        acts = "O ato dele será cancelado" if len(seals) == 1 else (
            "Os atos deles serão cancelados")
        return f"Estornar {seals_phrase(seals)}? {acts}."

    store_call = staticmethod(reverse_seals)


class SpoilageScreen(SealReturnScreen):
    TITLE_TEXT = "Inutilizar selo(s)"
    HELP_TEXT = (
        "• Inutilização: selos físicos danificados (rasgados, borrados, colados errado) são "
        "registrados com o motivo e nunca enviados ao TJ.\n"
        "• Selos: série e número, intervalos e listas, como no balcão:\n"
        "    RF0001 0000123     RF0001 1-5     RF0001 1-5; 9     RF00010000123\n"
        "  Um número sozinho é da série do selo antes dele.\n"
        "• Selo sem uso (de qualquer dia) ou estornado: só é inutilizado. Selo usado num ato "
        "que aguarda o fechamento: o ato é cancelado e deve ser refeito com outro selo. "
        "Selo já enviado ao TJ: não se inutiliza aqui (retificação ou exclusão).")
    EXPLANATION = ("Nunca vão ao TJ. Se o selo já foi usado num ato de hoje, o ato é "
                   "cancelado: refaça-o com outro selo.")

    def question(self, seals: list[Seal]) -> str:
        return f"Inutilizar {seals_phrase(seals)}? Isso não pode ser desfeito."

    store_call = staticmethod(spoil_seals)


def reversed_message(result: SealReturn) -> str:
    seals = format_seals([(seal.series, seal.number) for seal in result.seals])
    if len(result.seals) == 1:
        return f"Selo {seals} estornado: voltou para a cartela e o ato foi cancelado."
    return f"Selos {seals} estornados: voltaram para a cartela e os atos foram cancelados."


def spoiled_message(result: SealReturn) -> str:
    seals = format_seals([(seal.series, seal.number) for seal in result.seals])
    acts = sum(1 for seal in result.seals if seal.act_id is not None)
    redo = f" {acts} ato(s) cancelado(s): refaça-os com outro selo." if acts else ""
    return f"Inutilizado(s): {seals}.{redo}"


def _opened(screen, dialog: SealReturnScreen, on_done: Done) -> None:
    screen.app.push_screen(dialog, lambda result: on_done(result) if result else None)


def ask_reversal(screen, on_done: Done, seals: list[Seal] | None = None,
                 detail: str = "") -> None:
    """Ask the reason (and the seals, if not given) and reverse them; `detail` names the
    act, when the seals are one act's."""
    _opened(screen, ReversalScreen(seals, detail), on_done)


def ask_spoilage(screen, on_done: Done, seals: list[Seal] | None = None) -> None:
    """Ask the seals (prefilled with `seals`, if any) and the reason, and spoil them."""
    _opened(screen, SpoilageScreen(seals), on_done)
