"""One seal record in full: values, act, history, the TJ's criticisms, the records tied to
it and the QR of the public consultation (drawn when the terminal is tall enough, else
written to PNG and SVG files by a key)."""
from __future__ import annotations

from pathlib import Path

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Static

from ..domain.deadlines import format_local
from ..domain.money import format_money
from ..domain.permissions import Action, can
from ..store.seal_history import SealRecordDetail, seal_record_detail
from ..tj.qr import CONSULTATION_BASE, qr_text, write_qr_png, write_qr_svg
from .base import BACK, BalcaoScreen

LABEL_WIDTH = 16
# Title, footer, status and message lines, and the detail's first lines above the QR.
ROOM_ABOVE_QR = 8
NO_CERTIFICATE = ("sem assinatura: o certificado da serventia não está configurado "
                  "(Credenciais do TJ)")


def detail_lines(detail: SealRecordDetail) -> list[str]:
    related = [("Retifica", detail.replaces), ("Exclui", detail.excludes),
               ("Vinculado a", detail.parent),
               *[("Retificado por", code) for code in detail.replaced_by],
               *[("Excluído por", code) for code in detail.excluded_by],
               *[("Vinculado", code) for code in detail.children]]
    values = " · ".join(f"{label} {format_money(cents)}" for label, cents in detail.values
                        if cents)
    act = detail.act
    rows = [
        ("Selo", detail.code),
        ("Situação", detail.state_label),
        ("Registro", f"{detail.record_kind_label} — {detail.act_kind_label}"),
        ("Ato em", format_local(detail.act_at)),
        ("Total", f"{format_money(detail.total)} (ISS {format_money(detail.iss)})"),
        ("Valores", values or None),
        ("Isenção", detail.exempt_reason or None),
        ("Selo físico", detail.physical_seal),
        ("Prazo de envio", format_local(detail.deadline_at)),
        ("Ato", act and f"nº {act.id}, {act.kind_label}, {act.clerk_login}, "
                        f"{act.payment_label}"),
        *related,
        *[("Crítica do TJ", f"[{c.code}] {c.message}") for c in detail.criticisms],
        ("Falha", detail.failure or None),
    ]
    lines = [f"{label + ':':<{LABEL_WIDTH}}{value}" for label, value in rows if value]
    lines.append("Histórico:")
    lines += [f"  {format_local(event.at)}  {event.what}"
              + (f" — {event.who}" if event.who else "") for event in detail.history]
    lines.append(f"{'Consulta:':<{LABEL_WIDTH}}"
                 + (detail.consultation_url or f"{CONSULTATION_BASE} ({NO_CERTIFICATE})"))
    return lines


class SealDetailScreen(BalcaoScreen):
    TITLE_TEXT = "Detalhe do selo"
    HELP_TEXT = (
        "• Tudo o que a serventia tem deste selo: valores, o ato, o histórico (gerado, "
        "enviado, comunicado ou criticado, retificado, excluído, vinculado), as críticas "
        "do TJ e a URL da consulta pública.\n"
        "• ↑↓ rolam o texto. O QR da consulta aparece quando o terminal tem altura para "
        "ele; senão, F6 o grava em PNG e SVG (o nome dos arquivos aparece embaixo).\n"
        "• F7 retifica o selo, F8 exclui o ato (XA) e F9 vincula outros selos a ele, para "
        "quem pode fazê-lo; depois, o detalhe mostra o registro novo.\n"
        "• Esc volta.")
    BINDINGS = [
        BACK,
        Binding("f6", "write_qr", "Gravar QR", id="seal_detail.write_qr"),
        Binding("f7", "correct", "Retificar", id="seal_detail.correct"),
        Binding("f8", "exclude", "Excluir", id="seal_detail.exclude"),
        Binding("f9", "link", "Vincular", id="seal_detail.link"),
    ]
    FIX_ACTIONS = {"correct": Action.CORRECT_SEAL, "exclude": Action.EXCLUDE_SEAL,
                   "link": Action.LINK_SEALS}

    def __init__(self, record_id: int) -> None:
        super().__init__()
        self.record_id = record_id
        self.detail: SealRecordDetail | None = None

    def compose_body(self) -> ComposeResult:
        with VerticalScroll(id="seal-detail-body"):
            yield Static("", id="seal-detail-text", markup=False)
            yield Static("", id="seal-qr", markup=False)

    def on_mount(self) -> None:
        self.query_one("#seal-detail-body").focus()
        self._load()

    def on_screen_resume(self) -> None:
        if self.detail is not None:  # back from a fix: show what it changed
            self._load()

    def _load(self) -> None:
        user_id, record_id = self.balcao.user.id, self.record_id
        self.call_store(lambda: seal_record_detail(user_id, record_id), self._shown,
                        failed=self.show_failure, group="seal-detail", exclusive=True)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        needed = self.FIX_ACTIONS.get(action)
        user = self.balcao.user
        return needed is None or (user is not None and can(user.role, needed))

    def action_correct(self) -> None:
        from .correction import CorrectionScreen

        self.app.push_screen(CorrectionScreen(self.record_id))

    def action_exclude(self) -> None:
        from .exclusion import ExclusionScreen, excluded_message

        def done(result) -> None:
            if result is not None:
                self.say(excluded_message(result), kind="ok")

        self.app.push_screen(ExclusionScreen(self.record_id), done)

    def action_link(self) -> None:
        from .link import LinkScreen

        self.app.push_screen(LinkScreen(self.record_id))

    def _shown(self, detail: SealRecordDetail) -> None:
        self.detail = detail
        self.query_one("#seal-detail-text", Static).update("\n".join(detail_lines(detail)))
        qr = qr_text(detail.consultation_url) if detail.consultation_url else ""
        tall_enough = qr and len(qr.splitlines()) + ROOM_ABOVE_QR <= self.app.size.height
        self.query_one("#seal-qr", Static).update(qr if tall_enough else "")
        if detail.consultation_url and not tall_enough:
            self.say("O QR da consulta não cabe nesta altura: F6 o grava em PNG e SVG.")

    def action_write_qr(self) -> None:
        detail = self.detail
        if detail is None:
            return
        if not detail.consultation_url:
            self.say(f"Sem QR: {NO_CERTIFICATE}.", kind="error")
            return
        folder = self.balcao.data_dir / "qr"
        png, svg = folder / f"selo-{detail.code}.png", folder / f"selo-{detail.code}.svg"
        try:
            folder.mkdir(parents=True, exist_ok=True)
            write_qr_png(detail.consultation_url, png)
            write_qr_svg(detail.consultation_url, svg)
        except OSError as exc:
            self.say(f"Não foi possível gravar o QR em {folder}: {exc.strerror}.", kind="error")
            return
        self.say(f"QR gravado em {_shown_path(png)} e .svg", kind="ok")


def _shown_path(path: Path) -> str:
    home = Path.home()
    return f"~/{path.relative_to(home)}" if path.is_relative_to(home) else str(path)
