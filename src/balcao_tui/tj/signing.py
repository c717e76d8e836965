"""The office's A1 certificate (PKCS#12): loading it, signing seal records and QR texts."""

from __future__ import annotations

import base64
import binascii
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from pathlib import Path

from cryptography import x509
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding, rsa
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import NameOID

from balcao_tui.tj.wire import WireRecord, canonical_bytes


class CertificateError(ValueError):
    """The certificate cannot be used (message in pt-BR, never with the password)."""


@dataclass(frozen=True)
class OfficeCertificate:
    certificate: x509.Certificate
    private_key: rsa.RSAPrivateKey = field(repr=False)

    @property
    def not_valid_after(self) -> datetime:
        return self.certificate.not_valid_after_utc

    @property
    def not_valid_before(self) -> datetime:
        return self.certificate.not_valid_before_utc

    @property
    def subject_cn(self) -> str:
        names = self.certificate.subject.get_attributes_for_oid(NameOID.COMMON_NAME)
        return str(names[0].value) if names else ""

    def public_pem(self) -> str:
        """The certificate (which carries the public key) in PEM, as the TJ registers it."""
        return self.certificate.public_bytes(serialization.Encoding.PEM).decode("ascii")

    def is_expired(self, now: datetime | None = None) -> bool:
        now = now or datetime.now(timezone.utc)
        return not (self.not_valid_before <= now <= self.not_valid_after)


def load_certificate(p12_path: str | Path, password: str) -> OfficeCertificate:
    try:
        data = Path(p12_path).read_bytes()
    except OSError as exc:
        raise CertificateError(
            f"Não foi possível ler o arquivo do certificado {p12_path}."
        ) from exc
    try:
        key, cert, _chain = pkcs12.load_key_and_certificates(data, password.encode("utf-8"))
    except ValueError:
        # `from None`: the underlying error must not carry anything about the password.
        raise CertificateError(
            "Não foi possível abrir o certificado: senha incorreta ou arquivo inválido."
        ) from None
    if not isinstance(key, rsa.RSAPrivateKey) or cert is None:
        raise CertificateError("O arquivo não contém um certificado com chave privada RSA.")
    return OfficeCertificate(certificate=cert, private_key=key)


def sign(rec: WireRecord, cert: OfficeCertificate) -> WireRecord:
    """The record with its signature; expiry is the caller's check (`is_expired`)."""
    return rec.with_signature(_sign_bytes(canonical_bytes(rec), cert))


def verify(rec: WireRecord, public_pem: str) -> bool:
    """Whether the record's signature matches; `public_pem` is a certificate or a key."""
    if rec.signature is None:
        return False
    return _verify_bytes(canonical_bytes(rec), rec.signature, public_pem)


def qr_payload(code: str, total: int, iss: int) -> bytes:
    return f"{code}|{total}|{iss}".encode("ascii")


def qr_signature(code: str, total: int, iss: int, cert: OfficeCertificate) -> str:
    return _sign_bytes(qr_payload(code, total, iss), cert)


def verify_qr_signature(code: str, total: int, iss: int, signature: str, public_pem: str) -> bool:
    return _verify_bytes(qr_payload(code, total, iss), signature, public_pem)


def public_key_from_pem(public_pem: str) -> rsa.RSAPublicKey:
    data = public_pem.encode("ascii")
    try:
        if b"BEGIN CERTIFICATE" in data:
            key = x509.load_pem_x509_certificate(data).public_key()
        else:
            key = serialization.load_pem_public_key(data)
    except ValueError as exc:
        raise CertificateError("Certificado ou chave pública em PEM inválido.") from exc
    if not isinstance(key, rsa.RSAPublicKey):
        raise CertificateError("A chave pública do certificado não é RSA.")
    return key


def make_test_certificate(
    p12_path: str | Path,
    password: str,
    *,
    common_name: str,
    cns: str,
    valid_days: int = 365,
    not_before: datetime | None = None,
    document: str = "",
) -> None:
    """Write a self-signed RSA 2048 A1 file for demos and tests (not ICP-Brasil); with a
    `document` (CPF or CNPJ), its common name is "NAME:DOCUMENT", as an e-CPF/e-CNPJ's."""
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    start = (not_before or datetime.now(timezone.utc) - timedelta(minutes=5)).astimezone(
        timezone.utc
    )
    name = x509.Name(
        [
            x509.NameAttribute(NameOID.COUNTRY_NAME, "BR"),
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, "Certificado de teste (sem valor legal)"),
            x509.NameAttribute(NameOID.ORGANIZATIONAL_UNIT_NAME, f"CNS {cns}"),
            x509.NameAttribute(NameOID.COMMON_NAME,
                               f"{common_name}:{document}" if document else common_name),
        ]
    )
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(start)
        .not_valid_after(start + timedelta(days=valid_days))
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .sign(key, hashes.SHA256())
    )
    data = pkcs12.serialize_key_and_certificates(
        common_name.encode("utf-8"),
        key,
        cert,
        None,
        serialization.BestAvailableEncryption(password.encode("utf-8")),
    )
    Path(p12_path).write_bytes(data)


def _sign_bytes(payload: bytes, cert: OfficeCertificate) -> str:
    raw = cert.private_key.sign(payload, padding.PKCS1v15(), hashes.SHA256())
    return base64.b64encode(raw).decode("ascii")


def _verify_bytes(payload: bytes, signature: str, public_pem: str) -> bool:
    try:
        raw = base64.b64decode(signature, validate=True)
    except (binascii.Error, ValueError):
        return False
    key = public_key_from_pem(public_pem)
    try:
        key.verify(raw, payload, padding.PKCS1v15(), hashes.SHA256())
    except InvalidSignature:
        return False
    return True
