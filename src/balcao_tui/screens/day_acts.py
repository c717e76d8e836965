"""Meus atos de hoje: the clerk's own acts of the day, a page at a time, with reprint."""
from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from ..domain.act_kinds import ABERTURA_FIRMA
from ..domain.deadlines import format_date, office_day, to_local
from ..domain.money import format_money
from ..domain.payment import Payment
from ..domain.text import cut
from ..store.usecases.day_acts import DayAct, DayActs, PaymentTotal, my_day_acts
from .base import BACK, BalcaoScreen
from .card_print import show_card_sheet
from .reprint import show_reprint

KIND_WIDTH, NAME_WIDTH, SEAL_WIDTH, PAYMENT_WIDTH, VALUE_WIDTH = 15, 17, 14, 8, 11
# The payment column is 8 wide: the card methods go without the word "Cartão".
SHORT_LABELS = {Payment.CASH: "Dinheiro", Payment.PIX: "PIX", Payment.DEBIT: "Débito",
                Payment.CREDIT: "Crédito", Payment.EXEMPT: "Isento"}


def act_line(act: DayAct) -> str:
    seal = act.physical_seal or ("selo digital" if act.seal_code else "sem selo")
    return (f"{to_local(act.performed_at):%H:%M} {cut(act.kind_label, KIND_WIDTH):<{KIND_WIDTH}} "
            f"{cut((act.card_name or '').upper(), NAME_WIDTH):<{NAME_WIDTH}} "
            f"{seal:<{SEAL_WIDTH}} {SHORT_LABELS[act.payment]:<{PAYMENT_WIDTH}} "
            f"{format_money(act.total):>{VALUE_WIDTH}}")


def payment_totals(totals: tuple[PaymentTotal, ...]) -> str:
    return " · ".join(f"Isentos: {t.count}" if t.payment is Payment.EXEMPT
                      else f"{SHORT_LABELS[t.payment]} {format_money(t.total)}" for t in totals)


class DayActsScreen(BalcaoScreen):
    TITLE_TEXT = "Meus atos de hoje"
    HELP_TEXT = (
        "• Os atos que você registrou hoje, do mais recente ao mais antigo, com a forma "
        "de pagamento; os totais, também por forma de pagamento, são do dia inteiro.\n"
        "• ↑↓ escolhem um ato; Enter ou F6 reimprime as etiquetas do atendimento daquele "
        "ato (ou a ficha de firma, numa abertura de firma), iguais às originais.\n"
        "• PgDn e PgUp mudam de página; F5 atualiza.")
    BINDINGS = [
        BACK,
        Binding("f6", "reprint", "Reimprimir", id="day_acts.reprint"),
        Binding("pagedown", "page(1)", "Próxima", priority=True,
                id="day_acts.next_page", key_display="PgDn"),
        Binding("pageup", "page(-1)", "Anterior", priority=True,
                id="day_acts.previous_page", key_display="PgUp"),
        Binding("f5", "page(0)", "Atualizar", id="day_acts.refresh", show=False),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.day_acts: DayActs | None = None

    def compose_body(self) -> ComposeResult:
        yield Static(f"{'Hora':<5} {'Ato':<{KIND_WIDTH}} {'Ficha':<{NAME_WIDTH}} "
                     f"{'Selo':<{SEAL_WIDTH}} {'Pagto.':<{PAYMENT_WIDTH}} "
                     f"{'Valor':>{VALUE_WIDTH}}", id="day-acts-header")
        yield OptionList(id="day-acts")
        yield Static("", id="day-act-detail")
        yield Static("", id="day-acts-totals")

    def on_mount(self) -> None:
        self.load(0)

    def load(self, page: int) -> None:
        user_id, day = self.balcao.user.id, office_day(self.balcao.clock())
        self.call_store(lambda: my_day_acts(user_id, day, page), self._loaded,
                        failed=self.show_failure, group="day-acts", exclusive=True)

    def _loaded(self, day_acts: DayActs) -> None:
        self.day_acts = day_acts
        listing = self.query_one("#day-acts", OptionList)
        listing.set_options(Option(act_line(act), id=str(act.act_id)) for act in day_acts.acts)
        listing.highlighted = 0 if day_acts.acts else None
        listing.focus()
        page = (f" · página {day_acts.page + 1} de {day_acts.pages}"
                if day_acts.pages > 1 else "")
        by_payment = payment_totals(day_acts.by_payment)
        self.query_one("#day-acts-totals", Static).update(
            f"{format_date(day_acts.day)}: {day_acts.count} ato(s) · "
            f"total {format_money(day_acts.total)}{page}"
            + (f"\n{by_payment}" if by_payment else ""))
        if not day_acts.acts:
            self.say("Você ainda não registrou atos hoje.")
        self._show_detail()

    def selected(self) -> DayAct | None:
        index = self.query_one("#day-acts", OptionList).highlighted
        if self.day_acts is None or index is None or index >= len(self.day_acts.acts):
            return None
        return self.day_acts.acts[index]

    @on(OptionList.OptionHighlighted, "#day-acts")
    def _show_detail(self) -> None:
        act = self.selected()
        parts = []
        if act is not None:
            if act.card_name:
                parts.append(act.card_name.upper() + (f" · CPF {act.cpf_masked}"
                                                      if act.cpf_masked else ""))
            if act.seal_code:
                parts.append(f"selo {act.seal_code}")
        self.query_one("#day-act-detail", Static).update(" · ".join(parts))

    def action_page(self, step: int) -> None:
        page = self.day_acts.page if self.day_acts else 0
        self.load(max(0, page + step))

    @on(OptionList.OptionSelected, "#day-acts")
    def action_reprint(self) -> None:
        act = self.selected()
        if act is None:
            self.say("Escolha um ato com ↑↓.", kind="error")
        elif act.kind == ABERTURA_FIRMA and act.card_id is not None:
            show_card_sheet(self, act.card_id)
        else:
            show_reprint(self, act.act_id)
