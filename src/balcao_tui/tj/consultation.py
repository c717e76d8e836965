"""The signed public consultation URL of a seal, when the office's certificate is at hand."""
from __future__ import annotations

import logging

from ..store.usecases.office import get_settings
from .qr import consultation_url
from .signing import CertificateError, load_certificate, qr_signature
from .transmitter_config import config_from_settings

log = logging.getLogger(__name__)


def signed_consultation_url(code: str, total: int, iss: int) -> str | None:
    """None when no certificate is configured or it cannot be opened (logged)."""
    config = config_from_settings(get_settings("tj."))
    if not config.cert_path:
        return None
    if config.secret_problem:
        log.warning("consultation URL without signature: %s", config.secret_problem)
        return None
    try:
        cert = load_certificate(config.cert_path, config.cert_password)
    except CertificateError as exc:
        log.warning("consultation URL without signature: %s", exc)
        return None
    return consultation_url(code, total, iss, qr_signature(code, total, iss, cert))
