"""The office's credentials for the TJ: the A1 certificate (PKCS#12 file and its password)
and the OAuth client (id and secret).

The password and the secret are encrypted with the key file (store.secret_box) before they
reach the database, and are never read back by anything but the transmitter. What the
certificate says of itself (holder, CPF/CNPJ, validity) is kept in clear beside them, so
the login screen, home and the status line warn of its expiry without the key.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from ...domain.boundary import clean_text
from ...domain.cert_expiry import CertificateWarning, certificate_warning
from ...domain.cert_holder import holder_document, holder_name, shown_document
from ...domain.deadlines import format_date, utcnow
from ...domain.permissions import Action
from ..actors import acting_user
from ..audit import audit
from ..db import write_transaction
from ..errors import Refused
from ..secret_box import check_key_file, encrypt_secret, is_encrypted, key_file_path
from .office import SECRET_SETTINGS, get_settings, write_settings


@dataclass(frozen=True)
class CertificateInfo:
    path: str
    holder: str
    document: str   # as the screens show it: a CNPJ whole, a CPF masked
    not_before: datetime
    not_after: datetime
    warning: CertificateWarning | None


@dataclass(frozen=True)
class CredentialsOverview:
    certificate: CertificateInfo | None
    has_cert_password: bool
    client_id: str
    has_client_secret: bool
    key_file: str
    key_problem: str  # pt-BR: why the key file cannot be used now, or ""


def _secret(value: object, field: str) -> str:
    """A password or secret as typed: checked (no control characters), never changed."""
    clean_text(value, field, required=True)
    return value  # type: ignore[return-value]


def _settings_time(value: str | None) -> datetime | None:
    return datetime.fromisoformat(value) if value else None


def _certificate(settings: dict[str, str], now: datetime) -> CertificateInfo | None:
    not_after = _settings_time(settings.get("tj.cert_not_after"))
    if not settings.get("tj.cert_path") or not_after is None:
        return None
    return CertificateInfo(settings["tj.cert_path"], settings.get("tj.cert_subject", ""),
                           shown_document(settings.get("tj.cert_document", "")),
                           _settings_time(settings.get("tj.cert_not_before")), not_after,
                           certificate_warning(not_after, now))


def import_certificate(actor_id: int | None, path: str, password: str, *,
                       key_file: Path | None = None) -> CertificateInfo:
    """Check that the PKCS#12 file opens with `password` and holds an RSA key, then keep its
    path, the password (encrypted) and what it says of itself. An expired certificate is
    imported too (its warning says so); the transmitter will not sign with it.
    `actor_id=None` only from the command line's set-up (the demo)."""
    from ...tj.signing import CertificateError, load_certificate

    path = clean_text(path, "cert_path", required=True)
    password = _secret(password, "cert_password")
    if not Path(path).expanduser().is_file():
        raise Refused(f"Arquivo do certificado não encontrado: {path}.", field="cert_path")
    path = str(Path(path).expanduser().resolve())
    try:
        cert = load_certificate(path, password)
    except CertificateError as exc:
        raise Refused(str(exc), field="cert_password") from None
    encrypted = encrypt_secret(password, key_file or key_file_path())
    common_name = cert.subject_cn
    values = {"tj.cert_path": path, "tj.cert_password": encrypted,
              "tj.cert_subject": holder_name(common_name),
              "tj.cert_document": holder_document(common_name),
              "tj.cert_not_before": cert.not_valid_before.isoformat(),
              "tj.cert_not_after": cert.not_valid_after.isoformat()}
    info = _certificate(values, utcnow())
    with write_transaction():
        if actor_id is not None:
            acting_user(actor_id, Action.MANAGE_OFFICE)
        write_settings(values)
        audit(actor_id, "credentials.certificate", "setting", "tj.cert_path",
              {"arquivo": path, "titular": info.holder, "documento": info.document,
               "valido_ate": format_date(info.not_after), "senha": "cifrada"})
    return info


def set_oauth_client(actor_id: int | None, client_id: str, secret: str, *,
                     key_file: Path | None = None) -> str:
    """Keep the TJ's OAuth client id and its secret (encrypted); returns the client id."""
    client_id = clean_text(client_id, "client_id", required=True)
    encrypted = encrypt_secret(_secret(secret, "client_secret"), key_file or key_file_path())
    with write_transaction():
        if actor_id is not None:
            acting_user(actor_id, Action.MANAGE_OFFICE)
        write_settings({"tj.client_id": client_id, "tj.client_secret": encrypted})
        audit(actor_id, "credentials.oauth", "setting", "tj.client_id",
              {"client_id": client_id, "secret": "cifrado"})
    return client_id


def credentials_overview(actor_id: int, *, key_file: Path | None = None,
                         now: datetime | None = None) -> CredentialsOverview:
    """What the credentials screen and `balcao credentials show` print: never a secret."""
    acting_user(actor_id, Action.MANAGE_OFFICE)
    key_file = key_file or key_file_path()
    settings = get_settings("tj.")
    try:
        check_key_file(key_file)
        problem = ""
    except Refused as exc:
        problem = exc.message
    return CredentialsOverview(
        _certificate(settings, now or utcnow()), bool(settings.get("tj.cert_password")),
        settings.get("tj.client_id", ""), bool(settings.get("tj.client_secret")),
        str(key_file), problem)


def certificate_until() -> datetime | None:
    """When the imported certificate expires (login screen, home, status line warn of it)."""
    return _settings_time(get_settings("tj.cert_not_after").get("tj.cert_not_after"))


def encrypt_clear_secrets(key_file: Path | None = None) -> list[str]:
    """Encrypt the secrets an earlier version kept in clear (`balcao init` on an existing
    database); returns the keys encrypted."""
    key_file = key_file or key_file_path()
    clear = {key: value for key, value in get_settings("tj.").items()
             if key in SECRET_SETTINGS and value and not is_encrypted(value)}
    if not clear:
        return []
    values = {key: encrypt_secret(value, key_file) for key, value in clear.items()}
    with write_transaction():
        write_settings(values)
        audit(None, "credentials.encrypt", "setting", ",".join(sorted(values)),
              {"cifrados": sorted(values)})
    return sorted(values)
