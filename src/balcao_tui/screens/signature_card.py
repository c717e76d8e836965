"""Signature card (abertura de firma): search first, then the ID data, optional seal."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.suggester import SuggestFromList
from textual.widgets import Input, Static

from ..domain.card_dates import check_card_dates
from ..domain.deadlines import format_date, office_day, parse_date_br
from ..domain.identifiers import UFS, document_in_query, format_cpf, normalize_cpf
from ..domain.payment import PAYMENT_LABELS
from ..domain.refusal import Refusal
from ..domain.text import cut
from ..store.usecases.office import OfficeInfo, get_office
from ..store.usecases.signature_cards import (
    CardCreated,
    CardData,
    CardSummary,
    card_by_cpf,
    check_duplicates,
    cpf_taken_message,
    create_signature_card,
)
from ..widgets.card_search import CardSearch, card_summary_text
from ..widgets.form_field import FormField, ParsedBy, RowErrors
from ..widgets.payment_line import PaymentChoice, PaymentLine
from ..widgets.store_calls import Failure
from .base import BACK, CLEAR, CONFIRM, BalcaoScreen
from .card_print import show_card_sheet
from .confirm import ConfirmScreen
from .payment import PAYMENT, TakesPayment

ID_TYPES = ["RG", "CIN", "CNH", "RNE/CRNM", "Passaporte", "Carteira profissional"]
MARITAL = ["solteiro(a)", "casado(a)", "divorciado(a)", "viúvo(a)", "separado(a)",
           "união estável"]
DATE_FIELDS = ("birth_date", "id_issued_on", "deposited_on")


def parse_uf(text: str) -> str:
    uf = text.strip().upper()
    if uf not in UFS:
        raise ValueError(f'UF inválida: "{text.strip()}" (ex.: SP).')
    return uf


@dataclass(frozen=True)
class Spec:
    field: str
    label: str
    default: str = ""
    parse: Callable[[str], object] | None = None
    suggestions: tuple[str, ...] = ()


ROWS: list[tuple[Spec, ...]] = [
    (Spec("name", "Nome completo"),),
    (Spec("cpf", "CPF", parse=normalize_cpf),
     Spec("birth_date", "Nascimento", parse=parse_date_br)),
    (Spec("father", "Pai"),),
    (Spec("mother", "Mãe"),),
    (Spec("id_type", "Documento", "RG", suggestions=tuple(ID_TYPES)),
     Spec("rg_number", "Número")),
    (Spec("rg_issuer", "Órgão emissor", "SSP"),
     Spec("rg_state", "UF", "SP", parse=parse_uf, suggestions=tuple(UFS))),
    (Spec("id_issued_on", "Expedição", parse=parse_date_br),
     Spec("marital_status", "Estado civil", suggestions=tuple(MARITAL))),
    (Spec("address", "Endereço"),),
    (Spec("profession", "Profissão"), Spec("nationality", "Nacionalidade", "brasileira")),
    (Spec("deposited_on", "Depósito", parse=parse_date_br),),
]
SPECS = [spec for row in ROWS for spec in row]
FIELD_IDS = {spec.field for spec in SPECS}
TIDY = {"cpf": format_cpf, **{name: lambda text: format_date(parse_date_br(text))
                               for name in DATE_FIELDS}}


def _input(spec: Spec) -> Input:
    validators = [ParsedBy(spec.parse)] if spec.parse else []
    suggester = (SuggestFromList(spec.suggestions, case_sensitive=False)
                 if spec.suggestions else None)
    return Input(spec.default, id=spec.field, validators=validators, suggester=suggester,
                 validate_on=["blur", "submitted"])


class SignatureCardScreen(TakesPayment, BalcaoScreen):
    TITLE_TEXT = "Ficha de firma (abertura)"
    HELP_TEXT = (
        "• Busque antes de abrir: CPF ou nome e Enter. As fichas parecidas aparecem na "
        "lista; se não houver, o formulário já vem com o que foi digitado.\n"
        "• Enter passa ao campo seguinte; no último campo, ou com F9, a ficha é gravada.\n"
        "• Datas no formato dd/mm/aaaa (ou 21112026). Informe o CPF ou o documento.\n"
        "• Os erros aparecem embaixo do campo; nada é gravado enquanto houver erro.\n"
        "• Se a serventia usa selo na abertura de firma, o balcão pergunta se deve "
        "gerar o selo (S/N); a ficha impressa, com o selo e a consulta pública, aparece "
        "depois de gravada. O selo é cobrado: F7 muda a forma de pagamento.\n"
        "• Para imprimir de novo uma ficha: busque, escolha com Enter e tecle F6.")
    BINDINGS = [BACK, CONFIRM, CLEAR,
                Binding("f6", "print_card", "Imprimir ficha", id="card.print"), PAYMENT]

    def __init__(self) -> None:
        super().__init__()
        self._busy = False
        self.picked: CardSummary | None = None

    def compose_body(self) -> ComposeResult:
        yield CardSearch("Buscar antes", results_height=3, none_found_is_error=False,
                         found_note="Já há {n} ficha(s) parecida(s): confira. Tab vai ao "
                                    "formulário.",
                         id="search")
        with VerticalScroll(id="card-form", can_focus=False):
            for row in ROWS:
                with Horizontal(classes="form-row"):
                    for spec in row:
                        yield FormField(spec.label, _input(spec), field=spec.field)
                if len(row) > 1:
                    yield RowErrors()
            with Horizontal(id="card-footer"):
                yield Static("", id="collected-by")
                yield PaymentLine(id="payment")

    def on_mount(self) -> None:
        user = self.balcao.user
        self.query_one("#collected-by", Static).update(
            f"Coletada por: {user.name}" if user else "")
        self.query_one(PaymentLine).display = self._charged()
        self.set_payment()
        self.warn_if_closed()
        self._set_today()
        self.query_one(CardSearch).focus_query()

    def _charged(self) -> bool:
        """Whether a card is charged here: only with its seal, if the office uses one."""
        office = self.balcao.office
        return office is not None and office.signature_card_seal

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return action != "choose_payment" or self._charged()

    def _set_today(self) -> None:
        self.query_one("#deposited_on", Input).value = format_date(office_day(self.balcao.clock()))

    def has_typed_data(self) -> bool:
        typed = any(self.query_one(f"#{spec.field}", Input).value.strip() != spec.default
                    for spec in SPECS if spec.field != "deposited_on")
        return (typed or self.query_one(CardSearch).has_query
                or self.payment != PaymentChoice())

    # -- search before creating

    @on(CardSearch.Searched)
    def _searched(self, event: CardSearch.Searched) -> None:
        document = document_in_query(event.query)
        target = "name" if document is None else "cpf" if document[0] == "cpf" else "rg_number"
        field = self.query_one(f"#{target}", Input)
        if not field.value.strip():
            field.value = event.query.strip()
        if not event.cards:
            self.query_one("#name", Input).focus()

    @on(CardSearch.Picked)
    def _picked(self, event: CardSearch.Picked) -> None:
        self.picked = event.card
        self.say(f"Ficha já cadastrada (nº {event.card.id}): "
                 f"{card_summary_text(event.card)}. Não é preciso abrir outra "
                 "(F6 imprime).", kind="error")

    def action_print_card(self) -> None:
        if self.picked is None:
            self.say("Busque a ficha e escolha-a com Enter para imprimir.", kind="error")
            return
        show_card_sheet(self, self.picked.id)

    @on(Input.Blurred)
    def _tidy(self, event: Input.Blurred) -> None:
        """A valid CPF or date is rewritten the way it is printed: 390.533.447-05, 22/04/1970."""
        tidy = TIDY.get(event.input.id or "")
        if tidy is not None and event.value.strip():
            try:
                event.input.value = tidy(event.value)
            except ValueError:
                pass

    @on(Input.Blurred, "#cpf")
    def _cpf_left(self, event: Input.Blurred) -> None:
        try:
            cpf = normalize_cpf(event.value)
        except ValueError:
            return
        self.call_store(lambda: card_by_cpf(cpf), self._cpf_checked, group="cpf-check",
                        exclusive=True)

    def _cpf_checked(self, holder: CardSummary | None) -> None:
        if holder is not None and self.query_one("#cpf", Input).value.strip():
            self.form_fields()["cpf"].set_error(cpf_taken_message(holder))

    # -- moving through the form

    @on(Input.Submitted)
    def _next_field(self, event: Input.Submitted) -> None:
        if event.input.id not in FIELD_IDS:
            return
        if event.validation_result is not None and not event.validation_result.is_valid:
            return
        if event.input.id == SPECS[-1].field:
            self.action_confirm()
        else:
            self.focus_next()

    # -- saving

    def _data(self) -> tuple[CardData | None, list[Failure]]:
        values = {spec.field: self.query_one(f"#{spec.field}", Input).value.strip()
                  for spec in SPECS}
        problems: list[Failure] = []
        parsed: dict[str, object] = dict(values)
        for spec in SPECS:
            if spec.parse is None or not values[spec.field]:
                continue
            try:
                result = spec.parse(values[spec.field])
            except ValueError as exc:
                problems.append(Failure(str(exc), spec.field))
                continue
            if spec.field in DATE_FIELDS:
                parsed[spec.field] = result
        for name in DATE_FIELDS:
            if not values[name]:
                parsed[name] = None
        if not values["name"]:
            problems.append(Failure("Informe o nome completo.", "name"))
        if problems:
            return None, problems
        try:
            check_card_dates(parsed["birth_date"], parsed["id_issued_on"], parsed["deposited_on"],
                             office_day(self.balcao.clock()))
        except Refusal as refusal:
            return None, [Failure(refusal.message, refusal.field)]
        return CardData(**parsed), []  # type: ignore[arg-type]

    def action_confirm(self) -> None:
        if self._busy:
            return
        self.clear_errors()
        data, problems = self._data()
        if data is None:
            for problem in reversed(problems):
                self.show_failure(problem)
            return
        self._busy = True
        self.say("Conferindo fichas parecidas…")

        def job() -> tuple[OfficeInfo, list[CardSummary]]:
            check = check_duplicates(data)
            if check.cpf_holder is not None:
                raise Refusal(cpf_taken_message(check.cpf_holder), field="cpf")
            return get_office(), list(check.same_person)

        self.call_store(job, lambda result: self._ask_duplicate(data, *result),
                        failed=self._refused)

    def _ask_duplicate(self, data: CardData, office: OfficeInfo, same: list[CardSummary]) -> None:
        if not same:
            self._ask_seal(data, office, allow_duplicate=False)
            return
        question = (f"Já existe ficha com este nome e data de nascimento:\n"
                    f"{card_summary_text(same[0])} (nº {same[0].id}).\nAbrir outra mesmo assim?")

        def answered(create: bool | None) -> None:
            if create:
                self._ask_seal(data, office, allow_duplicate=True)
            else:
                self._busy = False
                self.say("Nada foi gravado.")

        self.app.push_screen(ConfirmScreen(question, default=False), answered)

    def _ask_seal(self, data: CardData, office: OfficeInfo, *, allow_duplicate: bool) -> None:
        if not office.signature_card_seal:
            self._create(data, generate_seal=False, allow_duplicate=allow_duplicate)
            return
        self.app.push_screen(
            ConfirmScreen("Gerar o selo da abertura de firma agora?\nPagamento: "
                          f"{PAYMENT_LABELS[self.payment.payment]}", default=True),
            lambda seal: self._create(data, generate_seal=bool(seal),
                                      allow_duplicate=allow_duplicate))

    def _create(self, data: CardData, *, generate_seal: bool, allow_duplicate: bool) -> None:
        user_id, now = self.balcao.user.id, self.balcao.clock()
        paid = self.payment.as_kwargs() if generate_seal else {}
        self.say("Gravando a ficha…")
        self.call_store(
            lambda: create_signature_card(user_id, data, generate_seal=generate_seal,
                                          allow_duplicate=allow_duplicate, now=now, **paid),
            lambda created: self._created(data, created), failed=self._refused,
            group="create", exclusive=True)

    def _refused(self, failure: Failure) -> None:
        self._busy = False
        self.show_failure(failure)

    def _created(self, data: CardData, created: CardCreated) -> None:
        self._busy = False
        if created.seal_code:
            self.balcao.seals_created()
        self.action_clear()
        # The seal code on a line of its own: a 25-character code must never be split.
        seal = f"\nSelo: {created.seal_code}" if created.seal_code else ""
        self.say(f"Ficha nº {created.card_id} aberta para {cut(data.name, 40)}.{seal}",
                 kind="ok")
        if created.seal_code:
            show_card_sheet(self, created.card_id)

    def action_clear(self) -> None:
        self.picked = None
        self.clear_errors()
        self.query_one(CardSearch).clear()
        for spec in SPECS:
            self.query_one(f"#{spec.field}", Input).value = spec.default
        self._set_today()
        self.set_payment()
        self.query_one(CardSearch).focus_query()
