"""Meus atos de hoje: the clerk's own acts of the day, a page at a time, with reprint,
reversal of a seal launched by mistake and, for supervisors, spoilage."""
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
from ..domain.permissions import Action, can
from ..domain.seal_spec import format_seal
from ..domain.text import cut
from ..store.usecases.day_acts import DayAct, DayActs, PaymentTotal, my_day_acts
from ..store.usecases.seal_returns import SealReturn
from .base import BACK, BalcaoScreen
from .card_print import show_card_sheet
from .reprint import show_reprint
from .seal_return import ask_reversal, ask_spoilage, reversed_message, spoiled_message

KIND_WIDTH, NAME_WIDTH, SEAL_WIDTH, PAYMENT_WIDTH, VALUE_WIDTH = 15, 17, 14, 8, 11
# The payment column is 8 wide: the card methods go without the word "Cartão".
SHORT_LABELS = {Payment.CASH: "Dinheiro", Payment.PIX: "PIX", Payment.DEBIT: "Débito",
                Payment.CREDIT: "Crédito", Payment.EXEMPT: "Isento"}


def act_line(act: DayAct) -> str:
    seal = (format_seal(act.physical_seal) if act.physical_seal
            else "selo digital" if act.seal_code else "sem selo")
    value = act.cancelled or format_money(act.total)
    return (f"{to_local(act.performed_at):%H:%M} {cut(act.kind_label, KIND_WIDTH):<{KIND_WIDTH}} "
            f"{cut((act.card_name or '').upper(), NAME_WIDTH):<{NAME_WIDTH}} "
            f"{seal:<{SEAL_WIDTH}} {SHORT_LABELS[act.payment]:<{PAYMENT_WIDTH}} "
            f"{value:>{VALUE_WIDTH}}")


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
        "• F7 estorna o selo do ato escolhido, lançado por engano e não colado no papel: o "
        "selo volta para a cartela e o ato é cancelado (só hoje, antes do fechamento).\n"
        "• F8 (supervisor) inutiliza selos danificados, deste ato ou outros.\n"
        "• PgDn e PgUp mudam de página; F5 atualiza.")
    BINDINGS = [
        BACK,
        Binding("f6", "reprint", "Reimprimir", id="day_acts.reprint"),
        Binding("f7", "reverse", "Estornar", id="day_acts.reverse"),
        Binding("f8", "spoil", "Inutilizar", id="day_acts.spoil"),
        # Not in the footer, which has no room left at 80 columns: the totals line says them.
        Binding("pagedown", "page(1)", "Próxima página", priority=True, show=False,
                id="day_acts.next_page", key_display="PgDn"),
        Binding("pageup", "page(-1)", "Página anterior", priority=True, show=False,
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

    def load(self, page: int, done: str = "") -> None:
        """Show `page`; then say `done`, what was just done, if anything."""
        user_id, day = self.balcao.user.id, office_day(self.balcao.clock())
        self.call_store(lambda: my_day_acts(user_id, day, page),
                        lambda day_acts: self._loaded(day_acts, done),
                        failed=self.show_failure, group="day-acts", exclusive=True)

    def _loaded(self, day_acts: DayActs, done: str = "") -> None:
        """The page shown, the act chosen before still chosen if it is on it."""
        chosen = self.selected()
        ids = [act.act_id for act in day_acts.acts]
        self.day_acts = day_acts
        listing = self.query_one("#day-acts", OptionList)
        listing.set_options(Option(act_line(act), id=str(act.act_id)) for act in day_acts.acts)
        listing.highlighted = (ids.index(chosen.act_id) if chosen and chosen.act_id in ids
                               else 0) if ids else None
        listing.focus()
        cancelled = f" · {day_acts.cancelled} cancelado(s)" if day_acts.cancelled else ""
        page = (f" · página {day_acts.page + 1} de {day_acts.pages} (PgDn PgUp)"
                if day_acts.pages > 1 else "")
        by_payment = payment_totals(day_acts.by_payment)
        self.query_one("#day-acts-totals", Static).update(
            f"{format_date(day_acts.day)}: {day_acts.count} ato(s) · "
            f"total {format_money(day_acts.total)}{cancelled}{page}"
            + (f"\n{by_payment}" if by_payment else ""))
        if done:
            self.say(done, kind="ok")
        elif not day_acts.acts:
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

    def action_reverse(self) -> None:
        act = self.selected()
        if act is None:
            self.say("Escolha um ato com ↑↓.", kind="error")
        elif act.cancelled:
            self.say(f"Este ato já foi cancelado: o selo foi {act.cancelled}.", kind="error")
        elif act.physical_seal is None:
            self.say("Este ato não tem selo físico para estornar.", kind="error")
        else:
            detail = (f"{act.kind_label} das {to_local(act.performed_at):%H:%M}, "
                      f"{format_money(act.total)}"
                      + (f", {act.card_name.upper()}" if act.card_name else ""))
            ask_reversal(self, self._reversed, [act.physical_seal], detail)

    def action_spoil(self) -> None:
        act = self.selected()
        seals = [act.physical_seal] if act and act.physical_seal and not act.cancelled else None
        ask_spoilage(self, self._spoiled, seals)

    def _reversed(self, result: SealReturn) -> None:
        self._reload_saying(reversed_message(result))

    def _spoiled(self, result: SealReturn) -> None:
        self._reload_saying(spoiled_message(result))

    def _reload_saying(self, message: str) -> None:
        self.load(self.day_acts.page if self.day_acts else 0, message)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "spoil":
            user = self.balcao.user
            return user is not None and can(user.role, Action.SPOIL_SEAL)
        return True
