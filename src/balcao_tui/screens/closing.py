"""Fechamento do expediente: the day's figures, the closer's counts beside the system's,
and the key that closes the day."""
from __future__ import annotations

from datetime import date

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Input, Static

from ..closing_report_formats import as_text, sections_text, status_line
from ..domain.deadlines import format_date, office_day, parse_date_br
from ..domain.money import format_money, parse_money
from ..domain.permissions import Action, can
from ..store.usecases.closing import ClosingOutcome, Counted, close_day
from ..store.usecases.closing_report import Closing, ClosingReport, closing_report
from ..widgets.form_field import FormField, ParsedBy
from ..widgets.keys import binding_by_id, key_display
from ..widgets.store_calls import Failure
from .base import BACK, BalcaoScreen
from .confirm import ConfirmScreen
from .drawers_of_day import DrawersOfDayScreen
from .label import LabelScreen
from .seal_return import ask_reversal, ask_spoilage, reversed_message, spoiled_message
from .tj_audit import TJAuditScreen

COUNT_INPUTS = ("paper-count", "cash-counted", "explanation", "open-drawers-reason")
# What each key needs beyond the screen's own permission (closing the day).
HINTED_KEYS = ("reverse", "spoil", "drawers", "audit")
KEY_ACTIONS = {"reverse": Action.REVERSE_SEAL, "spoil": Action.SPOIL_SEAL,
               "drawers": Action.REOPEN_DRAWER}


def parse_day(text: str) -> date:
    return parse_date_br(text.strip())


def parse_count(text: str) -> int:
    try:
        value = int(text.strip())
    except ValueError:
        raise ValueError("Informe um número inteiro.") from None
    if not 0 <= value <= 1_000_000:
        raise ValueError("A contagem deve ser de 0 a 1.000.000.")
    return value


def summary_text(report: ClosingReport) -> Text:
    text = Text(status_line(report) + "\n\n", "bold")
    text.append(sections_text(report))
    return text


class ClosingScreen(BalcaoScreen):
    TITLE_TEXT = "Fechamento do expediente"
    HELP_TEXT = (
        "• Dia: hoje, ou um dia anterior ainda aberto (DD/MM/AAAA e Enter).\n"
        "• O quadro mostra os números do dia, como no relatório: PgDn e PgUp o rolam.\n"
        "• Digite os selos físicos consumidos, pelo relatório do papel de segurança, e o "
        "total recebido no dia, somadas todas as formas de pagamento (os caixas dos "
        "escreventes, F3, mostram cada forma); a diferença para o sistema aparece ao lado. Havendo "
        "diferença, explique-a; havendo caixas abertos, diga por que fechar assim mesmo.\n"
        "• F9 fecha o expediente: gera as cargas dos selos híbridos (até 500 por carga) e os "
        "selos diários, envia tudo ao TJ e bloqueia o dia para novos atos.\n"
        "• F6 mostra o relatório completo, que pode ser impresso.\n"
        "• Antes de fechar: F7 estorna selos lançados por engano e não colados; F8 "
        "inutiliza selos danificados; F3 mostra os caixas do dia (e reabre um caixa); F4 "
        "audita o dia com o TJ (depois do envio).\n"
        "• Um dia fechado mostra as contagens digitadas no fechamento, que não mudam mais.")
    BINDINGS = [
        BACK,
        Binding("f9", "close_day", "Fechar o dia", id="closing.close"),
        Binding("f6", "report", "Relatório", id="closing.report"),
        # Not in the footer, which has no room left at 80 columns: the line under the
        # counts and F1 list them.
        Binding("f7", "reverse", "Estornar", id="closing.reverse", show=False),
        Binding("f8", "spoil", "Inutilizar", id="closing.spoil", show=False),
        Binding("f3", "drawers", "Caixas do dia", id="closing.drawers", show=False),
        Binding("f4", "audit", "Auditoria com o TJ", id="closing.audit", show=False),
        Binding("f5", "reload", "Atualizar", id="closing.reload", show=False),
        Binding("pagedown", "scroll_figures(1)", "Rolar os números", id="closing.page_down",
                show=False, priority=True),
        Binding("pageup", "scroll_figures(-1)", "Voltar os números", id="closing.page_up",
                show=False, priority=True),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.report: ClosingReport | None = None

    def compose_body(self) -> ComposeResult:
        with Horizontal(id="closing-day-row"):
            yield FormField("Dia", Input(id="closing-day", validators=[ParsedBy(parse_day)],
                                         validate_on=["submitted"]), field="day")
        yield VerticalScroll(Static("Carregando…", id="closing-summary"), id="closing-scroll")
        with Horizontal(classes="closing-count-row"):
            yield FormField("Selos contados", Input(id="paper-count", type="integer",
                                                    validators=[ParsedBy(parse_count)]),
                            field="paper_count")
            yield Static("", id="paper-compare", classes="closing-compare")
        with Horizontal(classes="closing-count-row"):
            yield FormField("Total recebido", Input(id="cash-counted", placeholder="ex.: 1.234,56",
                                                   validators=[ParsedBy(parse_money)]),
                            field="cash_counted")
            yield Static("", id="cash-compare", classes="closing-compare")
        yield FormField("Explicação", Input(id="explanation", placeholder="das divergências"),
                        field="explanation")
        yield FormField("Caixas abertos", Input(id="open-drawers-reason",
                                                placeholder="motivo para fechar assim mesmo"),
                        field="open_drawers_reason")
        yield Static("", id="closing-keys")

    def on_mount(self) -> None:
        self.query_one("#closing-keys", Static).update(" · ".join(
            f"{key_display(self.app, binding)} {binding.description}"
            for binding in (binding_by_id(ClosingScreen, f"closing.{name}")
                            for name in HINTED_KEYS)
            if self.check_action(binding.action, ())))
        day_input = self.query_one("#closing-day", Input)
        day_input.value = format_date(office_day(self.balcao.clock()))
        self.query_one("#paper-count", Input).focus()
        self.load()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "close_day" and self.report is not None and self.report.closing:
            return False  # a closed day: its key leaves the footer
        needed = KEY_ACTIONS.get(action)
        user = self.balcao.user
        return needed is None or (user is not None and can(user.role, needed))

    def has_typed_data(self) -> bool:
        return any(not self.query_one(f"#{name}", Input).disabled
                   and self.query_one(f"#{name}", Input).value.strip() for name in COUNT_INPUTS)

    def day(self) -> date | None:
        try:
            return parse_day(self.query_one("#closing-day", Input).value)
        except ValueError:
            return None

    def load(self) -> None:
        day = self.day()
        if day is None:
            self.form_fields()["day"].set_error("Data inválida: use DD/MM/AAAA.")
            return
        user_id = self.balcao.user.id
        self.call_store(lambda: closing_report(user_id, day), self._loaded,
                        failed=self.show_failure, group="closing-report", exclusive=True)

    def _loaded(self, report: ClosingReport) -> None:
        self.report = report
        self.query_one("#closing-summary", Static).update(summary_text(report))
        closing = report.closing
        self.query_one("#open-drawers-reason").parent.display = bool(  # type: ignore[union-attr]
            report.open_drawers or (closing and closing.open_drawers_reason))
        self._show_counts(closing)
        self._compare()
        self.refresh_bindings()

    def _show_counts(self, closing: Closing | None) -> None:
        """A closed day shows what its closer typed, not to be typed again; an open one
        takes counts (emptied when the day just closed showed its own)."""
        typed = (dict(zip(COUNT_INPUTS, (str(closing.paper_count),
                                         format_money(closing.cash_counted),
                                         closing.explanation, closing.open_drawers_reason)))
                 if closing else {})
        for name in COUNT_INPUTS:
            field = self.query_one(f"#{name}", Input)
            if closing or field.disabled:
                field.value = typed.get(name, "")
            field.disabled = closing is not None
        if closing is None and not self.query_one("#closing-day", Input).has_focus:
            self.query_one("#paper-count", Input).focus()

    @on(Input.Submitted, "#closing-day")
    def _day_entered(self) -> None:
        self.load()
        self.query_one("#paper-count", Input).focus()

    @on(Input.Submitted, "#paper-count")
    def _paper_entered(self) -> None:
        self.query_one("#cash-counted", Input).focus()

    @on(Input.Submitted, "#cash-counted")
    def _cash_entered(self) -> None:
        self.query_one("#explanation", Input).focus()

    @on(Input.Submitted, "#explanation")
    def _explanation_entered(self) -> None:
        reason = self.query_one("#open-drawers-reason", Input)
        if reason.parent.display:  # type: ignore[union-attr]
            reason.focus()
        else:
            self.action_close_day()

    @on(Input.Submitted, "#open-drawers-reason")
    def _reason_entered(self) -> None:
        self.action_close_day()

    @on(Input.Changed, "#paper-count")
    @on(Input.Changed, "#cash-counted")
    def _compare(self) -> None:
        report = self.report
        if report is None:
            return
        paper, cash = self._typed(parse_count, "#paper-count"), self._typed(parse_money,
                                                                           "#cash-counted")
        self.query_one("#paper-compare", Static).update(_compare_text(
            f"sistema {report.paper_expected}", paper, report.paper_expected, str))
        self.query_one("#cash-compare", Static).update(_compare_text(
            f"sistema {format_money(report.cash_expected)}", cash, report.cash_expected,
            format_money))

    def _typed(self, parse, selector: str) -> int | None:
        try:
            return parse(self.query_one(selector, Input).value)
        except ValueError:
            return None

    def action_reload(self) -> None:
        self.load()

    def action_scroll_figures(self, pages: int) -> None:
        figures = self.query_one("#closing-scroll", VerticalScroll)
        page = max(1, figures.scrollable_content_region.height - 1)
        figures.scroll_to(y=figures.scroll_y + pages * page, animate=False)

    def action_reverse(self) -> None:
        ask_reversal(self, lambda result: self._returned(reversed_message(result)))

    def action_spoil(self) -> None:
        ask_spoilage(self, lambda result: self._returned(spoiled_message(result)))

    def _returned(self, message: str) -> None:
        self.say(message, kind="ok")
        self.load()

    def action_drawers(self) -> None:
        day = self.day()
        if day is not None:
            self.app.push_screen(DrawersOfDayScreen(day), lambda _: self.load())

    def action_audit(self) -> None:
        day = self.day()
        if day is not None:
            self.app.push_screen(TJAuditScreen(day))

    def action_report(self) -> None:
        report = self.report
        if report is None:
            return
        text = as_text(report)
        self.app.push_screen(ClosingReportScreen(
            [text], document=text, wide=True, file_prefix="fechamento",
            summary=f"Relatório do fechamento de {format_date(report.day)}",
            file_name=report.day.isoformat()))

    def action_close_day(self) -> None:
        report, day = self.report, self.day()
        if report is None or day is None or report.day != day:
            self.load()
            return
        if report.closing is not None:
            self.say(f"O expediente de {format_date(day)} já está fechado.", kind="error")
            return
        self.clear_errors()
        paper = self._typed(parse_count, "#paper-count")
        cash = self._typed(parse_money, "#cash-counted")
        if paper is None:
            self.show_failure(Failure("Informe os selos contados no relatório do papel de "
                                      "segurança.", "paper_count"))
            return
        if cash is None:
            self.show_failure(Failure("Informe o total recebido no dia (dinheiro, PIX e "
                                      "cartões), ex.: 1.234,56.",
                                      "cash_counted"))
            return
        counted = Counted(paper, cash, self.query_one("#explanation", Input).value,
                          self.query_one("#open-drawers-reason", Input).value)
        missing = self._missing_words(report, counted)
        if missing is not None:
            self.show_failure(missing)
            return
        question = (f"Fechar o expediente de {format_date(day)}?\n{report.waiting_records} "
                    "selo(s) híbrido(s) e os selos diários vão para o TJ e o dia não aceitará "
                    "novos atos.")
        self.app.push_screen(ConfirmScreen(question, default=False),
                             lambda yes: self._send_closing(day, counted) if yes else None)

    @staticmethod
    def _missing_words(report: ClosingReport, counted: Counted) -> Failure | None:
        """Asked before the question, so the closer is not asked to confirm a closing that
        the store will refuse (the store checks it again)."""
        diverges = (counted.paper_count != report.paper_expected
                    or counted.cash_counted != report.cash_expected)
        if diverges and not (counted.explanation or "").strip():
            return Failure("Os valores não conferem com o sistema: explique a divergência.",
                           "explanation")
        if report.open_drawers and not (counted.open_drawers_reason or "").strip():
            return Failure("Há caixas abertos: diga por que fechar assim mesmo.",
                           "open_drawers_reason")
        return None

    def _send_closing(self, day: date, counted: Counted) -> None:
        user_id, now = self.balcao.user.id, self.balcao.clock()
        self.say("Fechando o expediente…")
        self.call_store(lambda: close_day(user_id, day, counted, now=now), self._after_closing,
                        failed=self.show_failure, group="close-day", exclusive=True)

    def _after_closing(self, outcome: ClosingOutcome) -> None:
        self.balcao.seals_created()
        if outcome.already_closed:
            self.say(f"O expediente de {format_date(outcome.day)} já estava fechado.")
        else:
            self.say(f"Expediente de {format_date(outcome.day)} fechado: {outcome.records} "
                     f"selo(s) em {outcome.loads} carga(s) e {len(outcome.daily_seals)} selo(s) "
                     "diário(s) na fila de envio ao TJ.", kind="ok")
        self.load()


def _compare_text(system: str, typed: int | None, expected: int, shown) -> Text:
    text = Text(system)
    if typed is None:
        return text
    difference = typed - expected
    if difference:
        sign = "+" if difference > 0 else "-"
        text.append(f" · diferença {sign}{shown(abs(difference))}", "bold reverse")
    else:
        text.append(" · confere", "bold")
    return text


class ClosingReportScreen(LabelScreen):
    HELP_TEXT = ("O relatório do fechamento do dia. Imprimir grava o texto num arquivo na "
                 "pasta de print.dir (padrão: etiquetas/ nos dados do balcão) ou o envia ao "
                 "comando configurado em print.command. Fechar volta ao fechamento.")
