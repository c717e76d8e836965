"""Trilha de auditoria: who did what and when, newest first, by day, user and action, one
page at a time; the state of the hash chain at the top (verified in a worker)."""
from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from ..domain.audit_actions import detail_text, entity_label
from ..domain.deadlines import format_local, parse_date_br
from ..domain.text import cut
from ..store.audit_chain import ChainReport, verify_chain
from ..store.usecases.audit_log import AuditFilter, AuditPage, audit_actions, audit_page
from ..widgets.form_field import FormField
from .base import BACK, BalcaoScreen

PAGE = 10
WHEN, LOGIN, ACTION = 16, 10, 34
HEADER = f"{'Quando':<{WHEN}} {'Usuário':<{LOGIN}} {'Ação':<{ACTION}} Objeto"


class AuditLogScreen(BalcaoScreen):
    TITLE_TEXT = "Trilha de auditoria"
    HELP_TEXT = (
        "• Cada ato, entrada, alteração e fechamento, das entradas mais novas às mais "
        "antigas, com quem fez e quando.\n"
        "• Filtre pelo dia (dd/mm/aaaa), pelo login do usuário e por parte do nome da ação; "
        "Enter aplica. Campos vazios: tudo.\n"
        "• F7 mostra as mais antigas; F6 volta às mais novas.\n"
        "• A linha do alto diz se a cadeia de hashes está íntegra: uma entrada alterada, "
        "inserida ou removida direto no banco é apontada ali (e por balcao audit verify).")
    BINDINGS = [
        BACK,
        Binding("f6", "newest", "Mais novas", id="audit_log.newest"),
        Binding("f7", "older", "Mais antigas", id="audit_log.older"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.page: AuditPage | None = None
        self.cursors: list[int | None] = [None]  # where each page shown so far started
        self.wanted = AuditFilter()
        self.actions: tuple[tuple[str, str], ...] = ()

    def compose_body(self) -> ComposeResult:
        yield Static("Conferindo a cadeia de auditoria…", id="audit-chain")
        with Horizontal(classes="form-row"):
            yield FormField("Dia", Input(id="audit-day", placeholder="dd/mm/aaaa"),
                            field="day")
            yield FormField("Usuário", Input(id="audit-user", placeholder="login"),
                            field="login")
            yield FormField("Ação", Input(id="audit-action", placeholder="ex.: caixa"),
                            field="audit_action")
        yield Static(HEADER, id="audit-log-header")
        yield OptionList(id="audit-entries")
        yield Static("", id="audit-entry-detail")

    def on_mount(self) -> None:
        self.query_one("#audit-day", Input).focus()
        actor = self.balcao.user.id
        self.call_store(verify_chain, self._verified, group="audit-chain")
        self.call_store(lambda: audit_actions(actor), self._actions_known,
                        failed=self.show_failure, group="audit-actions")
        self.load()

    def _verified(self, report: ChainReport) -> None:
        chain = self.query_one("#audit-chain", Static)
        if report.ok:
            chain.update(f"Cadeia íntegra: {report.checked:,} entradas conferidas."
                         .replace(",", "."))
        else:
            first = report.problems[0]
            chain.update(f"CADEIA VIOLADA: {first.line()}"
                         + (f" e mais {len(report.problems) - 1}"
                            if len(report.problems) > 1 else ""))
        chain.set_class(not report.ok, "-broken")

    def _actions_known(self, actions: tuple[tuple[str, str], ...]) -> None:
        self.actions = actions

    def load(self) -> None:
        actor, wanted, before = self.balcao.user.id, self.wanted, self.cursors[-1]
        self.call_store(lambda: audit_page(actor, wanted, before=before, limit=PAGE),
                        self._loaded, failed=self.show_failure, group="audit-page",
                        exclusive=True)

    def _loaded(self, page: AuditPage) -> None:
        self.page = page
        listing = self.query_one("#audit-entries", OptionList)
        listing.set_options(Option(self._line(row), id=str(row.id)) for row in page.rows)
        listing.highlighted = 0 if page.rows else None
        if not page.rows:
            self.say("Nenhuma entrada com esses filtros.")
        else:
            number = len(self.cursors)
            more = " · F7 mais antigas" if page.older else ""
            self.say(f"Página {number}{more}")
        self._show_detail()

    @staticmethod
    def _line(row) -> str:
        return (f"{format_local(row.at):<{WHEN}} {cut(row.user_login or 'sistema', LOGIN):<{LOGIN}} "
                f"{cut(row.action_label, ACTION):<{ACTION}} "
                f"{cut(f'{entity_label(row.entity)} {row.entity_id}'.strip(), 12)}")

    @on(OptionList.OptionHighlighted, "#audit-entries")
    def _show_detail(self) -> None:
        listing = self.query_one("#audit-entries", OptionList)
        rows = self.page.rows if self.page else ()
        index = listing.highlighted
        text = ""
        if index is not None and index < len(rows):
            row = rows[index]
            who = f"{row.user_name} ({row.user_login})" if row.user_login else "sistema"
            text = f"Entrada {row.id} · {who} · {detail_text(row.detail)}"
            if row.reason:
                text += f" · Motivo: {row.reason}"
        self.query_one("#audit-entry-detail", Static).update(cut(text, 230))

    @on(Input.Submitted)
    def _filter(self) -> None:
        fields = {field.field: field for field in self.query(FormField)}
        for field in fields.values():
            field.set_error(None)
        try:
            day_text = fields["day"].value.strip()
            day = parse_date_br(day_text) if day_text else None
        except ValueError as exc:
            fields["day"].set_error(str(exc))
            return
        action = self._action_key(fields["audit_action"])
        if action is None:
            return
        self.wanted = AuditFilter(day, fields["login"].value.strip(), action)
        self.cursors = [None]
        self.load()

    def _action_key(self, field: FormField) -> str | None:
        typed = field.value.strip().casefold()
        if not typed:
            return ""
        found = [key for key, label in self.actions
                 if typed in label.casefold() or typed == key]
        if len(found) == 1:
            return found[0]
        field.set_error("Nenhuma ação com esse nome." if not found else
                        f"{len(found)} ações com esse nome: digite mais.")
        return None

    def action_older(self) -> None:
        if self.page is not None and self.page.older:
            self.cursors.append(self.page.older)
            self.load()

    def action_newest(self) -> None:
        if len(self.cursors) > 1:
            self.cursors = [None]
            self.load()
