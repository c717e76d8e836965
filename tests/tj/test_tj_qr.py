"""The public consultation QR: URL, terminal text, SVG and PNG files."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import png

from balcao_tui.tj.qr import consultation_url, qr_text, write_qr_png, write_qr_svg
from balcao_tui.tj.signing import qr_signature, verify_qr_signature

CODE = "1455731RSAB1234000000126Y"


def test_url_is_the_documented_one_with_r_url_encoded():
    url = consultation_url(CODE, 1671, 25, "ab+/c==")
    assert url == f"https://selodigital.tjsp.jus.br?r={CODE}%7C1671%7C25%7Cab%2B%2Fc%3D%3D"
    assert parse_qs(urlsplit(url).query)["r"] == [f"{CODE}|1671|25|ab+/c=="]


def test_url_carries_a_signature_that_verifies(office_cert):
    url = consultation_url(CODE, 1671, 25, qr_signature(CODE, 1671, 25, office_cert))
    code, total, iss, signature = parse_qs(urlsplit(url).query)["r"][0].split("|")
    assert verify_qr_signature(code, int(total), int(iss), signature, office_cert.public_pem())


def test_terminal_text_is_a_block_of_equal_lines_within_80_columns(office_cert):
    url = consultation_url(CODE, 123456, 7890, qr_signature(CODE, 123456, 7890, office_cert))
    lines = qr_text(url).splitlines()
    assert len(lines) > 20
    assert len({len(line) for line in lines}) == 1
    assert len(lines[0]) <= 80
    assert set("".join(lines)) <= set(" ▀▄█\xa0")


def test_svg_file(tmp_path):
    path = tmp_path / "selo.svg"
    write_qr_svg(consultation_url(CODE, 1671, 25, "QUJD"), path)
    text = path.read_text()
    assert "<svg" in text and "<path" in text


def test_png_file(tmp_path):
    path = tmp_path / "selo.png"
    write_qr_png(consultation_url(CODE, 1671, 25, "QUJD"), path)
    assert path.read_bytes().startswith(b"\x89PNG\r\n\x1a\n")
    width, height, _rows, _info = png.Reader(filename=str(path)).read()
    assert width == height > 100
