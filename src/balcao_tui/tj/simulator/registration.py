"""Checking an office registration, from the control endpoint or the --register flag."""

from __future__ import annotations

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


def registration_from_flag(text: str) -> OfficeRegistration:
    """`CNS:CERT_PEM_FILE:CLIENT_ID:CLIENT_SECRET` (the file path may contain ':')."""
    cns, _, rest = text.partition(":")
    parts = rest.rsplit(":", 2)
    if len(parts) != 3 or not all(parts):
        raise RegistrationError(
            "Use --register CNS:ARQUIVO_PEM:CLIENT_ID:CLIENT_SECRET."
        )
    path, client_id, secret = parts
    try:
        pem = Path(path).read_text(encoding="ascii")
    except (OSError, UnicodeDecodeError) as exc:
        raise RegistrationError(f"Não foi possível ler o certificado {path}.") from exc
    return check_registration(
        {"cns": cns, "certificado_pem": pem, "client_id": client_id, "client_secret": secret}
    )
