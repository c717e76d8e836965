"""The printed label of a counter act, and printing it to a file or to a command.

One label per act (each signature or page takes its own seal); a label is at most
LABEL_WIDTH columns wide so that it fits the small label printers used at the counter.
"""
from __future__ import annotations

import logging
import shlex
import subprocess
import textwrap
from datetime import datetime
from pathlib import Path

from .domain.act_kinds import AUTENTICACAO, FIRMA_AUTENTICIDADE, FIRMA_COM_VALOR
from .domain.deadlines import format_local, to_local
from .domain.identifiers import format_cns
from .domain.money import format_money
from .domain.payment import PAYMENT_LABELS
from .domain.permissions import ROLE_LABELS
from .store.usecases.counter import Registration

LABEL_WIDTH = 40
CONSULT_URL = "selodigital.tjsp.jus.br"
PRINT_TIMEOUT_S = 30

log = logging.getLogger(__name__)


class PrintError(Exception):
    """Printing failed; the message is in Portuguese."""


def act_statement(kind: str, card_name: str | None, page: int, pages: int) -> str:
    """The notarial text of one act."""
    if kind == AUTENTICACAO:
        return (f"Autentico a presente cópia reprográfica, conforme o original a mim "
                f"apresentado (folha {page} de {pages}). Em testemunho da verdade.")
    name = (card_name or "").upper()
    if kind == FIRMA_AUTENTICIDADE:
        return f"Reconheço por autenticidade a firma de {name}. Em testemunho da verdade."
    value = "com" if kind == FIRMA_COM_VALOR else "sem"
    return (f"Reconheço por semelhança a firma de {name}, {value} valor econômico. "
            "Em testemunho da verdade.")


def registration_labels(registration: Registration, municipality: str) -> list[str]:
    """One label text per act of the registration."""
    fees = registration.unit_fees
    count = len(registration.acts)
    labels = []
    for index, act in enumerate(registration.acts, start=1):
        lines = [registration.office_name, f"CNS {format_cns(registration.office_cns)}",
                 act_statement(registration.kind, registration.card_name, index, count),
                 f"{municipality}, {format_local(registration.performed_at)}",
                 f"{ROLE_LABELS.get(registration.clerk_role, 'Escrevente')}: "
                 f"{registration.clerk_name}",
                 f"Selo {act.series} {act.number:07d}",
                 act.seal_code,
                 f"Emol. {format_money(fees.columns.total)}  ISS {format_money(fees.iss)}",
                 f"Total {format_money(fees.total)}",
                 f"Pagamento: {PAYMENT_LABELS[registration.payment]}"]
        if fees.exempt_reason:
            lines.append(f"Gratuito: {fees.exempt_reason}")
        lines.append(f"Consulte em {CONSULT_URL}")
        labels.append("\n".join(wrapped for line in lines
                                for wrapped in textwrap.wrap(line, LABEL_WIDTH)))
    return labels


def labels_document(labels: list[str]) -> str:
    """The labels one after the other, separated by a cut line."""
    return ("\n" + "-" * LABEL_WIDTH + "\n").join(labels) + "\n"


def print_labels(text: str, *, command: str | None, directory: Path, stamp: datetime,
                 name: str, prefix: str = "etiqueta") -> str:
    """Send `text` to `command` (on stdin) or write it under `directory` in a file named
    after `prefix`, the time and `name`; says where it went."""
    if command and command.strip():
        return _to_command(text, command.strip())
    return _to_file(text, directory, stamp, prefix, name)


def _to_command(text: str, command: str) -> str:
    try:
        subprocess.run(shlex.split(command), input=text.encode("utf-8"), check=True,
                       timeout=PRINT_TIMEOUT_S, capture_output=True)
    except (OSError, ValueError, subprocess.SubprocessError) as exc:
        log.error("label print command %r failed: %s", command, exc)
        raise PrintError(f"A impressão falhou (comando {command!r}). Confira a impressora; "
                         "detalhes no registro (log).") from exc
    return f"Enviado para impressão ({command})."


def _to_file(text: str, directory: Path, stamp: datetime, prefix: str, name: str) -> str:
    local = to_local(stamp).strftime("%Y%m%d-%H%M%S")
    safe = "".join(char if char.isalnum() else "-" for char in name)
    path = directory / f"{prefix}-{local}-{safe}.txt"
    try:
        directory.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    except OSError as exc:
        log.error("could not write label file %s: %s", path, exc)
        raise PrintError(f"Não foi possível gravar em {directory}: "
                         f"{exc.strerror or exc}.") from exc
    return f"Gravado em {path}"
