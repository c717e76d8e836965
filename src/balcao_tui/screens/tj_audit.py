"""Auditoria com o TJ: a day's seal records against the TJ's listing, and the answer to each
finding (resend, correct, recover), each confirmed first."""
from __future__ import annotations

from datetime import date

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from ..domain.deadlines import format_date, office_day, parse_date_br
from ..domain.permissions import Action, can
from ..domain.seal_spec import format_seal
from ..domain.seal_states import PHYSICAL_LABELS
from ..domain.text import cut
from ..domain.tj_audit import (FINDING_LABELS, AuditLine, DayAudit, Finding, Remedy,
                               line_summary)
from ..store.usecases.tj_audit import correct_from_audit, resend_to_tj
from ..store.usecases.tj_recovery import recover_from_tj
from ..tj.day_audit import audit_day_blocking
from ..widgets.form_field import FormField, ParsedBy
from ..widgets.store_calls import Failure
from .base import BACK, BalcaoScreen
from .confirm import ConfirmScreen

SHORT_LABELS = {
    Finding.MISSING_AT_TJ: "falta no TJ",
    Finding.DIVERGENT: "divergência",
    Finding.UNKNOWN_HERE: "só no TJ",
    Finding.NOT_SENT_YET: "não enviado",
    Finding.CONFORMING: "conforme",
}
CODE_WIDTH, FINDING_WIDTH, LINE_WIDTH = 20, 12, 76
REMEDY_ACTIONS = {Remedy.RESEND: Action.MANAGE_TRANSMISSION,
                  Remedy.CORRECT: Action.CORRECT_SEAL,
                  Remedy.RECOVER: Action.MANAGE_TRANSMISSION}
REMEDY_KEYS = {Remedy.RESEND: "F7", Remedy.CORRECT: "F8", Remedy.RECOVER: "F9"}


def audit_line_text(line: AuditLine) -> str:
    """One finding in at most LINE_WIDTH columns: the code without the office's CNS (the
    same in every code), the finding, what differs."""
    code = "…" + line.code[6:]
    rest = LINE_WIDTH - CODE_WIDTH - FINDING_WIDTH - 2
    return (f"{cut(code, CODE_WIDTH):<{CODE_WIDTH}} "
            f"{SHORT_LABELS[line.finding]:<{FINDING_WIDTH}} {cut(line_summary(line), rest)}")


class TJAuditScreen(BalcaoScreen):
    TITLE_TEXT = "Auditoria com o TJ"
    HELP_TEXT = (
        "• Compara os selos do dia com os que o TJ recebeu (a lista de consulta do TJ).\n"
        "• Falta no TJ: comunicado aqui, o TJ não o tem — F7 reenvia (o mesmo código; o TJ "
        "não o duplica).\n"
        "• Divergência: valores ou situação diferentes — F8 retifica (um novo selo com os "
        "valores daqui substitui o do TJ; selo híbrido só na data ou nos valores).\n"
        "• Só no TJ: o TJ tem um selo que aqui não consta — F9 o recupera (o selo físico "
        "passa a enviado e o código nunca é emitido de novo).\n"
        "• Não enviado: aguarda o fechamento ou está na fila do transmissor; não é falha.\n"
        "• Tab leva ao campo do dia: digite outro dia e Enter (ou F6) para auditar de novo.")
    BINDINGS = [
        BACK,
        Binding("f6", "audit", "Auditar", id="tj_audit.run"),
        Binding("f7", "remedy('resend')", "Reenviar", id="tj_audit.resend"),
        Binding("f8", "remedy('correct')", "Retificar", id="tj_audit.correct"),
        Binding("f9", "remedy('recover')", "Recuperar", id="tj_audit.recover"),
    ]

    def __init__(self, day: date | None = None) -> None:
        super().__init__()
        self.chosen_day = day
        self.audit: DayAudit | None = None
        self._note: str | None = None  # what an action did, said again after the re-audit

    def compose_body(self) -> ComposeResult:
        yield FormField("Dia", Input(id="audit-day", validators=[ParsedBy(parse_date_br,
                                                                            optional=False)],
                                     validate_on=["submitted"]), field="day",
                        id="audit-day-field")
        yield Static(f"{'Selo':<{CODE_WIDTH}} {'Achado':<{FINDING_WIDTH}} O que difere",
                     id="audit-header")
        yield OptionList(id="audit-lines")
        yield Static("", id="audit-detail")
        yield Static("", id="audit-summary")

    def on_mount(self) -> None:
        day_input = self.query_one("#audit-day", Input)
        day_input.value = format_date(self.chosen_day or office_day(self.balcao.clock()))
        day_input.focus()
        self.action_audit()

    @on(Input.Submitted, "#audit-day")
    def _day_submitted(self, event: Input.Submitted) -> None:
        if event.validation_result is None or event.validation_result.is_valid:
            self.action_audit()

    def action_audit(self) -> None:
        field = self.query_one("#audit-day-field", FormField)
        try:
            day = parse_date_br(field.value)
        except ValueError as exc:
            field.set_error(str(exc))
            field.input.focus()
            return
        field.set_error(None)
        user_id = self.balcao.user.id
        self.say("Consultando o TJ…")
        self.call_store(lambda: audit_day_blocking(user_id, day), self._audited,
                        failed=self._not_audited, group="tj-audit", exclusive=True)

    def _audited(self, audit: DayAudit) -> None:
        self.audit = audit
        listing = self.query_one("#audit-lines", OptionList)
        listing.set_options(Option(audit_line_text(line), id=line.code)
                            for line in audit.shown)
        listing.highlighted = 0 if audit.shown else None
        self.query_one("#audit-summary", Static).update(
            "Resumo: " + " · ".join(f"{FINDING_LABELS[f]} {audit.count(f)}" for f in Finding))
        if self._note:
            self.say(self._note, kind="ok")
        elif not audit.lines:
            self.say(f"Nenhum selo em {format_date(audit.day)}, aqui ou no TJ.")
        elif audit.findings:
            self.say(f"{len(audit.findings)} achado(s) em {format_date(audit.day)}: escolha "
                     "com ↑↓ para ver o que fazer.", kind="error")
        else:
            self.say(f"Os selos de {format_date(audit.day)} conferem com o TJ.", kind="ok")
        self._note = None
        if audit.shown:
            listing.focus()
        self._show_detail()

    def _not_audited(self, failure: Failure) -> None:
        self.audit = None
        self._note = None
        self.query_one("#audit-lines", OptionList).clear_options()
        self.query_one("#audit-summary", Static).update("")
        self._show_detail()
        self.show_failure(failure)

    def selected(self) -> AuditLine | None:
        index = self.query_one("#audit-lines", OptionList).highlighted
        if self.audit is None or index is None or index >= len(self.audit.shown):
            return None
        return self.audit.shown[index]

    @on(OptionList.OptionHighlighted, "#audit-lines")
    def _show_detail(self) -> None:
        line = self.selected()
        text = ""
        if line is not None:
            parts = [f"{line.code} · {FINDING_LABELS[line.finding]}",
                     *(str(d) for d in line.differences)]
            remedy, key = line.remedy, ""
            if remedy is not None:
                key = (f" ({REMEDY_KEYS[remedy]})" if self._may(remedy)
                       else " (o seu perfil não permite)")
            parts.append(f"→ {line.advice}{key}")
            text = "\n".join(parts)
        self.query_one("#audit-detail", Static).update(text)
        self.refresh_bindings()

    def _may(self, remedy: Remedy) -> bool:
        user = self.balcao.user
        return user is not None and can(user.role, REMEDY_ACTIONS[remedy])

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action != "remedy":
            return True
        line = self.selected()
        remedy = Remedy(str(parameters[0]))
        return line is not None and line.remedy is remedy and self._may(remedy)

    def action_remedy(self, name: str) -> None:
        line, remedy = self.selected(), Remedy(name)
        if line is None or line.remedy is not remedy or not self._may(remedy):
            return
        question = {
            Remedy.RESEND: f"Reenviar ao TJ o selo {line.code}?",
            Remedy.CORRECT: f"Retificar o selo {line.code}? Um novo selo, com os valores "
                            "daqui, substitui este no TJ.",
            Remedy.RECOVER: f"Trazer do TJ para cá o selo {line.code}?",
        }[remedy]
        self.app.push_screen(ConfirmScreen(question, default=False),
                             lambda yes: self._apply(line, remedy) if yes else None)

    def _apply(self, line: AuditLine, remedy: Remedy) -> None:
        user_id, now = self.balcao.user.id, self.balcao.clock()
        job = {
            Remedy.RESEND: lambda: resend_to_tj(user_id, line.code, now),
            Remedy.CORRECT: lambda: correct_from_audit(user_id, line.code, now),
            Remedy.RECOVER: lambda: recover_from_tj(user_id, line.tj, now),
        }[remedy]
        self.call_store(job, lambda result: self._applied(remedy, result),
                        failed=self.show_failure, group="tj-audit", exclusive=True)

    def _applied(self, remedy: Remedy, result) -> None:
        if remedy is Remedy.RESEND:
            note = f"Selo {result.code} de volta à fila do transmissor."
        elif remedy is Remedy.CORRECT:
            note = f"Retificação {result.new_code} criada; o transmissor a envia ao TJ."
        else:
            note = f"Selo {result.code} recuperado do TJ{_recovery_note(result)}."
        if remedy is not Remedy.RECOVER:
            self.balcao.seals_created()
        self._note = note
        self.action_audit()


def _recovery_note(result) -> str:
    notes = []
    if result.physical_seal is not None:
        seal = format_seal(result.physical_seal)
        notes.append(f"selo físico {seal} {PHYSICAL_LABELS[result.physical_state]}"
                     if result.physical_state else f"selo físico {seal} fora do estoque")
    if result.sequence is not None:
        notes.append(f"sequencial após {result.sequence}")
    return f" ({'; '.join(notes)})" if notes else ""
