"""The QR code printed on documents for the public consultation of a seal."""

from __future__ import annotations

import io
from pathlib import Path
from urllib.parse import quote

import qrcode
import qrcode.constants
import qrcode.image.svg

CONSULTATION_BASE = "https://selodigital.tjsp.jus.br"


def consultation_url(code: str, total_cents: int, iss_cents: int, signature_b64: str) -> str:
    """`https://selodigital.tjsp.jus.br?r=<code>|<total>|<iss>|<signature>`, r URL-encoded."""
    value = f"{code}|{total_cents}|{iss_cents}|{signature_b64}"
    return f"{CONSULTATION_BASE}?r={quote(value, safe='')}"


def qr_text(url: str, *, border: int = 2) -> str:
    """The QR in half-block characters, two modules per line.

    Light modules are drawn and dark ones left blank, which reads right as light text on
    a dark background. Error correction L keeps a signed URL within 80 columns.
    """
    out = io.StringIO()
    qr = _make(url, border, qrcode.constants.ERROR_CORRECT_L)
    qr.print_ascii(out=out, tty=False, invert=True)
    return out.getvalue()


def write_qr_svg(url: str, path: str | Path) -> None:
    image = _make(url, border=4).make_image(image_factory=qrcode.image.svg.SvgPathImage)
    with open(path, "wb") as stream:
        image.save(stream)


def write_qr_png(url: str, path: str | Path) -> None:
    """Written with qrcode's pure-Python PyPNGImage factory (the `pypng` package)."""
    from qrcode.image.pure import PyPNGImage

    image = _make(url, border=4).make_image(image_factory=PyPNGImage)
    with open(path, "wb") as stream:
        image.save(stream)


def _make(
    url: str, border: int, error_correction: int = qrcode.constants.ERROR_CORRECT_M
) -> qrcode.QRCode:
    qr = qrcode.QRCode(error_correction=error_correction, border=border)
    qr.add_data(url)
    qr.make(fit=True)
    return qr
