"""What recognition and copy authentication share: count, seals, fees, confirm, label."""
from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Input

from ..domain.act_kinds import MAX_ACTS_PER_SERVICE, PHYSICAL_SEAL_LABELS, ActKind
from ..domain.deadlines import office_day
from ..domain.fees import ActFees, FeeTable
from ..domain.money import format_money
from ..domain.seal_spec import InvalidSeals, Seal, format_seals, parse_seals
from ..domain.text import cut
from ..store.usecases.counter import Registration, register_counter_acts
from ..store.usecases.fee_tables import current_fee_table
from ..store.usecases.office import OfficeInfo, get_office, threshold_setting
from ..store.usecases.stock import next_available_seals
from ..widgets.fee_panel import FeePanel
from ..domain.payment import PAYMENT_LABELS
from ..widgets.form_field import FormField, ParsedBy, RowErrors
from ..widgets.payment_line import PaymentChoice, PaymentLine
from ..widgets.store_calls import Failure
from .base import BACK, CLEAR, CONFIRM, BalcaoScreen
from .confirm import ConfirmScreen
from .label import registration_label_screen
from .payment import PAYMENT, TakesPayment
from .reprint import REPRINT, ReprintLast

SEALS_HELP = (
    "• Selos: vêm preenchidos com os próximos selos da sua cartela; Enter confirma. "
    "Para usar outro selo, digite ou passe o leitor de código de barras:\n"
    "    RF0001 0000123   série e número\n"
    "    RF00010000123    série e número juntos (13 caracteres)\n"
    "    123              só o número: a mesma série do selo sugerido\n"
    "    1-3  ou  1;5;7   intervalo ou lista (separe com ; ou ,)\n"
    "  Um só selo para vários atos quer dizer ele e os seguintes.\n"
    "• Os emolumentos aparecem antes de confirmar (F9, ou Enter no campo Selos). "
    "Depois, a etiqueta aparece: I imprime, Enter fecha.\n"
    "• Pagamento: F7 muda a forma (dinheiro, PIX, débito, crédito ou isento com o "
    "fundamento legal); o próximo atendimento volta a dinheiro.")


def parse_count(text: str) -> int:
    try:
        count = int(text.strip())
    except ValueError:
        raise ValueError("Informe um número inteiro.") from None
    if not 1 <= count <= MAX_ACTS_PER_SERVICE:
        raise ValueError(f"A quantidade deve ser de 1 a {MAX_ACTS_PER_SERVICE}.")
    return count


class CounterActScreen(TakesPayment, ReprintLast, BalcaoScreen):
    SEAL_TYPE: ClassVar[str] = ""
    COUNT_LABEL: ClassVar[str] = "Quantidade"
    UNIT: ClassVar[str] = "ato"
    UNITS: ClassVar[str] = "atos"
    # A service above this many acts asks once before registering (an office setting).
    CONFIRM_ABOVE_SETTING: ClassVar[str] = ""
    CONFIRM_ABOVE_DEFAULT: ClassVar[int] = 10
    BINDINGS = [BACK, CONFIRM, CLEAR, REPRINT, PAYMENT]

    def __init__(self) -> None:
        super().__init__()
        self.table: FeeTable | None = None
        self.office: OfficeInfo | None = None
        self.next_seals: list[Seal] = []
        self._prefilled = ""
        self._busy = False
        self._loaded = False
        self._short_of_seals = False
        self.confirm_above = self.CONFIRM_ABOVE_DEFAULT

    # -- composition helpers

    def compose_count_and_seals(self) -> ComposeResult:
        with Horizontal(id="count-row"):
            yield FormField(self.COUNT_LABEL, Input("1", id="count", type="integer",
                                                    validators=[ParsedBy(parse_count,
                                                                         optional=False)],
                                                    validate_on=["submitted", "blur"]),
                            field="count", id="count-field")
            yield FormField("Selos", Input(id="seals", placeholder="série e número, ex.: "
                                           "RF0001 0000123"), field="seals", id="seals-field")
        yield RowErrors()
        yield FeePanel("", id="fees")
        yield PaymentLine(id="payment")

    def has_typed_data(self) -> bool:
        count = self.query_one("#count", Input).value.strip()
        seals = self.query_one("#seals", Input).value.strip()
        return (count not in ("", "1") or seals != self._prefilled.strip()
                or self.payment != PaymentChoice())

    # -- what subclasses decide

    def kind(self) -> ActKind | None:
        raise NotImplementedError

    def extra_problems(self) -> list[Failure]:
        return []

    def register_kwargs(self) -> dict:
        return {}

    def first_focus(self) -> None:
        raise NotImplementedError

    # -- loading

    def on_mount(self) -> None:
        self.load_context()
        self.first_focus()
        self.set_payment()
        self.warn_if_closed()

    def load_context(self) -> None:
        user_id, seal_type = self.balcao.user.id, self.SEAL_TYPE
        day = office_day(self.balcao.clock())

        setting, default = self.CONFIRM_ABOVE_SETTING, self.CONFIRM_ABOVE_DEFAULT

        def job():
            return (current_fee_table(), get_office(),
                    next_available_seals(user_id, seal_type, MAX_ACTS_PER_SERVICE, day),
                    threshold_setting(setting, default))

        self.call_store(job, self._context_loaded, failed=self.show_failure, group="context",
                        exclusive=True)

    def _context_loaded(self, context: tuple[FeeTable, OfficeInfo, list[Seal], int]) -> None:
        self.table, self.office, self.next_seals, self.confirm_above = context
        self._loaded = True
        self.prefill_seals(force=True)
        self.update_fees()

    # -- count, seals and fees

    def count(self) -> int | None:
        try:
            return parse_count(self.query_one("#count", Input).value)
        except ValueError:
            return None

    def prefill_seals(self, *, force: bool = False) -> None:
        """Offer the next seals of the sheet unless the clerk typed other ones."""
        seals_input = self.query_one("#seals", Input)
        if not force and seals_input.value != self._prefilled:
            return
        count = self.count() or 1
        offered = self.next_seals[:count]
        self._prefilled = format_seals(offered) if offered else ""
        seals_input.value = self._prefilled
        short = self._loaded and len(offered) < count
        if short:
            self.say(f"Sua cartela de selos de {PHYSICAL_SEAL_LABELS[self.SEAL_TYPE]} tem só "
                     f"{len(offered)} selo(s) disponível(is): digite os números dos selos.",
                     kind="error")
        elif self._short_of_seals:
            self.say("")
        self._short_of_seals = short

    def update_fees(self) -> ActFees | None:
        """Show the fees of the service as it stands; returns the fees of one act."""
        day = office_day(self.balcao.clock())
        office = self.office or self.balcao.office
        return self.query_one(FeePanel).show_fees(self.kind(), self.count(), self.table,
                                                  office.iss_rate_bp if office else None, day,
                                                  unit=self.UNIT,
                                                  exempt_reason=self.payment.exempt_reason)

    def payment_changed(self) -> None:
        self.update_fees()

    @on(Input.Changed, "#count")
    def _count_changed(self) -> None:
        self.prefill_seals()
        self.update_fees()

    @on(Input.Submitted, "#count")
    def _count_entered(self, event: Input.Submitted) -> None:
        if event.validation_result is None or event.validation_result.is_valid:
            self.query_one("#seals", Input).focus()

    @on(Input.Submitted, "#seals")
    def _seals_entered(self) -> None:
        self.action_confirm()

    # -- confirming

    def _seals(self, count: int) -> list[Seal] | None:
        text = self.query_one("#seals", Input).value
        if not text.strip():
            return None
        default_series = self.next_seals[0][0] if self.next_seals else None
        return parse_seals(text, count, default_series)

    def action_confirm(self) -> None:
        if self._busy:
            return
        self.clear_errors()
        problems = self.extra_problems()
        count = self.count()
        if count is None:
            problems.append(Failure(f"A quantidade deve ser de 1 a {MAX_ACTS_PER_SERVICE}.",
                                    "count"))
        seals = None
        if count is not None:
            try:
                seals = self._seals(count)
            except InvalidSeals as exc:
                problems.append(Failure(str(exc), "seals"))
        if problems:
            for problem in reversed(problems):
                self.show_failure(problem)
            return
        if count > self.confirm_above:
            self._ask_before_registering(count, seals)
        else:
            self._register(count, seals)

    def _ask_before_registering(self, count: int, seals: list[Seal] | None) -> None:
        fees = self.update_fees()
        shown = format_seals(seals or self.next_seals[:count]) or "—"
        total = f" · total {format_money(fees.total * count)}" if fees else ""
        question = (f"Registrar {count} {self.UNITS}?\nSelos: {cut(shown, 60)}{total}\n"
                    f"Pagamento: {PAYMENT_LABELS[self.payment.payment]}")

        def answered(yes: bool | None) -> None:
            if yes:
                self._register(count, seals)
            else:
                self.say("Nada foi registrado: confira a quantidade.")
                count_input = self.query_one("#count", Input)
                count_input.focus()
                count_input.select_all()

        self.app.push_screen(ConfirmScreen(question, default=False), answered)

    def _register(self, count: int, seals: list[Seal] | None) -> None:
        kind = self.kind()
        user_id, now = self.balcao.user.id, self.balcao.clock()
        kwargs = {**self.register_kwargs(), **self.payment.as_kwargs()}
        self._busy = True
        self.say("Registrando…")
        self.call_store(
            lambda: register_counter_acts(user_id, kind.key, count, seals=seals, now=now, **kwargs),
            self._registered, failed=self._refused, group="register", exclusive=True)

    def _refused(self, failure: Failure) -> None:
        self._busy = False
        self.show_failure(failure)

    def _registered(self, registration: Registration) -> None:
        self._busy = False
        self.balcao.seals_created()
        used = {(act.series, act.number) for act in registration.acts}
        self.next_seals = [seal for seal in self.next_seals if seal not in used]
        office = self.office or self.balcao.office
        total = len(registration.acts)
        done = (f"Registrado(s) {total} ato(s), selo(s) "
                f"{format_seals([(a.series, a.number) for a in registration.acts])}.")
        self.say(done, kind="ok")
        self.app.push_screen(
            registration_label_screen(registration, office.municipality if office else ""),
            callback=lambda _: self.after_label(done))

    def after_label(self, done: str) -> None:
        self.action_clear()
        self.say(done, kind="ok")
        self.load_context()

    def action_clear(self) -> None:
        """Ready for the next service: the quantity back to 1, selected, so that the next
        digit typed replaces it; paid in cash unless the clerk says otherwise."""
        self.clear_errors()
        count_input = self.query_one("#count", Input)
        count_input.value = "1"
        count_input.select_all()
        self.prefill_seals(force=True)
        self.set_payment()
        self.first_focus()
