"""The office's A1 certificate, loaded once and again only when the file or password changes."""
from __future__ import annotations

import asyncio
import hashlib
import os
from datetime import datetime

from ..domain.deadlines import format_date
from .signing import CertificateError, OfficeCertificate, load_certificate


class CertificateSource:
    def __init__(self) -> None:
        self._key: tuple | None = None
        self._cert: OfficeCertificate | None = None

    async def get(self, path: str, password: str) -> OfficeCertificate:
        """The certificate; raises CertificateError (pt-BR message, never the password)."""
        try:
            stat = os.stat(path)
        except OSError:
            raise CertificateError(
                f"Arquivo do certificado A1 não encontrado: {path}.") from None
        # The password is only compared through a digest kept in memory.
        key = (path, stat.st_mtime_ns, stat.st_size,
               hashlib.sha256(password.encode("utf-8")).digest())
        if key != self._key or self._cert is None:
            self._cert = await asyncio.to_thread(load_certificate, path, password)
            self._key = key
        return self._cert


def certificate_problem(cert: OfficeCertificate, now: datetime) -> str:
    """Why the certificate cannot sign now (pt-BR), or ""."""
    if now > cert.not_valid_after:
        return f"Certificado digital vencido em {format_date(cert.not_valid_after)}"
    if now < cert.not_valid_before:
        return ("Certificado digital ainda não é válido "
                f"(válido a partir de {format_date(cert.not_valid_before)})")
    return ""
