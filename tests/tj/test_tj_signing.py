"""The office certificate: loading the A1 file, signing and verifying records and QR texts."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta, timezone

import pytest

from balcao_tui.tj.signing import (
    CertificateError,
    load_certificate,
    qr_signature,
    sign,
    verify,
    verify_qr_signature,
)

from .conftest import PASSWORD


def test_loaded_certificate_reports_its_subject_and_validity(certs):
    cert = certs["office"].cert
    assert cert.subject_cn == "Tabelião office"
    assert cert.not_valid_after.tzinfo is not None
    assert cert.not_valid_after - datetime.now(timezone.utc) > timedelta(days=360)
    assert not cert.is_expired()
    assert cert.public_pem().startswith("-----BEGIN CERTIFICATE-----")
    assert "private" not in repr(cert).lower()


def test_expired_test_certificate_is_expired(certs):
    assert certs["expired"].cert.is_expired()
    back_then = datetime.now(timezone.utc) - timedelta(days=380)
    assert certs["expired"].cert.is_expired(back_then) is False


def test_wrong_password_is_answered_in_portuguese_without_the_password(certs):
    with pytest.raises(CertificateError) as info:
        load_certificate(certs["office"].p12, "senha-errada-123")
    message = str(info.value)
    assert "senha incorreta" in message
    assert "senha-errada-123" not in message
    assert info.value.__cause__ is None
    assert info.value.__suppress_context__


def test_unreadable_file_is_answered_in_portuguese(tmp_path):
    with pytest.raises(CertificateError, match="Não foi possível ler"):
        load_certificate(tmp_path / "nao-existe.p12", PASSWORD)
    garbage = tmp_path / "lixo.p12"
    garbage.write_bytes(b"isto nao e um pkcs12")
    with pytest.raises(CertificateError, match="arquivo inválido"):
        load_certificate(garbage, PASSWORD)


def test_signed_record_verifies_and_any_change_breaks_it(records, certs):
    signed = records.hybrid()
    pem = certs["office"].cert.public_pem()
    assert verify(signed, pem)
    tampered = replace(signed, values={**signed.values, "total": signed.values["total"] + 1})
    assert not verify(tampered, pem)
    assert not verify(replace(signed, quantity=2), pem)
    assert not verify(signed, certs["other"].cert.public_pem())
    assert not verify(replace(signed, signature=None), pem)
    assert not verify(replace(signed, signature="não é base64!"), pem)


def test_signing_is_deterministic_so_a_resend_is_identical(records, office_cert):
    rec = records.hybrid()
    assert sign(replace(rec, signature=None), office_cert) == rec


def test_verify_accepts_a_bare_public_key(records, office_cert):
    from cryptography.hazmat.primitives import serialization

    key_pem = office_cert.private_key.public_key().public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    assert verify(records.hybrid(), key_pem.decode())


def test_qr_signature_covers_code_total_and_iss(office_cert):
    code = "1455731RSAB1234000000126Y"
    signature = qr_signature(code, 1671, 25, office_cert)
    pem = office_cert.public_pem()
    assert verify_qr_signature(code, 1671, 25, signature, pem)
    assert not verify_qr_signature(code, 1672, 25, signature, pem)
    assert not verify_qr_signature(code, 1671, 0, signature, pem)
