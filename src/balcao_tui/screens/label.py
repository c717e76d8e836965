"""The labels of the acts just registered, with printing."""
from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from ..domain.act_kinds import get_act_kind
from ..domain.money import format_money
from ..labels import PrintError, labels_document, print_labels, registration_labels
from ..store.usecases.counter import Registration
from ..store.usecases.office import get_setting
from ..widgets.keys import key_display
from ..widgets.message_line import MessageLine
from ..widgets.store_calls import Failure, StoreCalls

if TYPE_CHECKING:
    from ..app import BalcaoApp

PRINT_COMMAND_SETTING = "print.command"
PRINT_DIR_SETTING = "print.dir"


class LabelScreen(StoreCalls, ModalScreen[None]):
    HELP_TEXT = ("A etiqueta de cada ato (um selo por assinatura ou página). Imprimir grava "
                 "o texto num arquivo na pasta de print.dir (padrão: etiquetas/ nos dados do "
                 "balcão), ou o envia ao "
                 "comando configurado em print.command (que recebe a etiqueta na entrada "
                 "padrão). Fechar volta ao formulário, pronto para o próximo atendimento.")
    BINDINGS = [
        Binding("i", "print", "Imprimir", id="label.print"),
        Binding("enter,escape", "close", "Fechar", id="label.close"),
    ]

    def __init__(self, labels: list[str], *, document: str, summary: str, file_name: str,
                 wide: bool = False, file_prefix: str = "etiqueta"):
        super().__init__(classes="-wide" if wide else None)
        self.labels = labels
        self.document = document
        self.summary = summary
        self.file_name = file_name
        self.file_prefix = file_prefix
        self._printing = False

    def compose(self) -> ComposeResult:
        print_key = key_display(self.app, self.BINDINGS[0])
        close_key = key_display(self.app, self.BINDINGS[1])
        with Vertical(id="label-dialog"):
            yield Static(self.summary, id="label-summary")
            with VerticalScroll(id="label-texts"):
                for text in self.labels:
                    yield Static(text, classes="label-text", markup=False)
            yield MessageLine(id="label-message")
            yield Static(f"{print_key} imprimir · {close_key} fechar", id="label-hint")

    def action_close(self) -> None:
        self.dismiss(None)

    def action_print(self) -> None:
        if self._printing:
            return
        self._printing = True
        message = self.query_one("#label-message", MessageLine)
        message.say("Imprimindo…")
        document, name, prefix = self.document, self.file_name, self.file_prefix
        app: BalcaoApp = self.app  # type: ignore[assignment]
        default_directory, stamp = app.data_dir / "etiquetas", app.clock()

        def job() -> tuple[str, str]:
            command = get_setting(PRINT_COMMAND_SETTING)
            chosen = get_setting(PRINT_DIR_SETTING)
            directory = Path(chosen).expanduser() if chosen else default_directory
            try:
                return "ok", print_labels(document, command=command, directory=directory,
                                          stamp=stamp, name=name, prefix=prefix)
            except PrintError as exc:
                return "error", str(exc)

        self.call_store(job, self._printed, failed=self._print_failed, group="print")

    def _printed(self, outcome: tuple[str, str]) -> None:
        self._printing = False
        kind, message = outcome
        self.query_one("#label-message", MessageLine).say(message, kind=kind)

    def _print_failed(self, failure: Failure) -> None:
        self._printing = False
        self.query_one("#label-message", MessageLine).say(failure.message, kind="error")


def registration_label_screen(registration: Registration, municipality: str, *,
                              reprint: bool = False) -> LabelScreen:
    """The labels of one service, as registered or rebuilt from the store to reprint."""
    labels = registration_labels(registration, municipality)
    first = registration.acts[0]
    summary = (f"{len(registration.acts)} ato(s) · {get_act_kind(registration.kind).short_label} · "
               f"total {format_money(registration.total)}")
    return LabelScreen(labels, document=labels_document(labels),
                       summary=f"Reimpressão · {summary}" if reprint else summary,
                       file_name=f"{first.series}-{first.number:07d}")
