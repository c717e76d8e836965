"""Checking an office registration, from the control endpoint or a --register-file.

The file keeps the client secrets off the command line, where any user sees them (`ps`).
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from balcao_tui.domain.identifiers import InvalidIdentifier, normalize_cns
from balcao_tui.tj.signing import CertificateError, public_key_from_pem


class RegistrationError(ValueError):
    """A registration that cannot be accepted (message in pt-BR)."""


@dataclass(frozen=True)
class OfficeRegistration:
    cns: str
    certificate_pem: str
    client_id: str
    client_secret: str = field(repr=False)


def check_registration(body: Any) -> OfficeRegistration:
    if not isinstance(body, dict):
        raise RegistrationError("O cadastro deve ser um objeto JSON.")
    for name in ("cns", "certificado_pem", "client_id", "client_secret"):
        if not isinstance(body.get(name), str) or not body[name]:
            raise RegistrationError(f"O campo '{name}' é obrigatório.")
    try:
        cns = normalize_cns(body["cns"])
    except InvalidIdentifier as exc:
        raise RegistrationError(str(exc)) from None
    pem = body["certificado_pem"]
    if "BEGIN CERTIFICATE" not in pem:
        raise RegistrationError("Envie o certificado X.509 da serventia em PEM.")
    try:
        public_key_from_pem(pem)
    except CertificateError as exc:
        raise RegistrationError(str(exc)) from None
    return OfficeRegistration(cns, pem, body["client_id"], body["client_secret"])


def registrations_from_file(path: str | Path) -> list[OfficeRegistration]:
    """One `CNS:CERT_PEM_FILE:CLIENT_ID:CLIENT_SECRET` per line (blank lines and lines
    starting with # are skipped), from a file that only its owner can read."""
    try:
        if os.stat(path).st_mode & 0o077:
            raise RegistrationError(
                f"O arquivo de cadastros {path} guarda segredos: deixe-o só para o dono "
                f"(chmod 600 {path})."
            )
        text = Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise RegistrationError(f"Não foi possível ler o arquivo de cadastros {path}.") from exc
    lines = [line.strip() for line in text.splitlines()]
    return [registration_from_line(line) for line in lines if line and not line.startswith("#")]


def write_registrations_file(path: Path, lines: list[str]) -> Path:
    """Write the lines registrations_from_file() reads, readable by the owner only."""
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    os.fchmod(descriptor, 0o600)  # an older file keeps its mode through O_CREAT
    with os.fdopen(descriptor, "w", encoding="utf-8") as file:
        file.writelines(f"{line}\n" for line in lines)
    return path


def registration_from_line(text: str) -> OfficeRegistration:
    """`CNS:CERT_PEM_FILE:CLIENT_ID:CLIENT_SECRET` (the file path may contain ':')."""
    cns, _, rest = text.partition(":")
    parts = rest.rsplit(":", 2)
    if len(parts) != 3 or not all(parts):
        raise RegistrationError(
            "Cada linha do arquivo de cadastros: CNS:ARQUIVO_PEM:CLIENT_ID:CLIENT_SECRET."
        )
    path, client_id, secret = parts
    try:
        pem = Path(path).read_text(encoding="ascii")
    except (OSError, UnicodeDecodeError) as exc:
        raise RegistrationError(f"Não foi possível ler o certificado {path}.") from exc
    return check_registration(
        {"cns": cns, "certificado_pem": pem, "client_id": client_id, "client_secret": secret}
    )
