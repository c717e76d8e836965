"""balcao seals show CODE: what this office holds for a seal, and what the TJ said."""
from __future__ import annotations

import argparse

from . import seal_fixes

NAME = "seals"
HELP = ("consulta selos (seals show CÓDIGO), gera o QR da consulta pública (seals qr CÓDIGO), "
        "retifica, exclui e vincula selos (seals correct|exclude|link)")


def _kind_label(key: str) -> str:
    from ..domain.act_kinds import get_act_kind

    try:
        return get_act_kind(key).label
    except ValueError:
        return key


def configure(parser: argparse.ArgumentParser) -> None:
    sub = parser.add_subparsers(dest="seals_command", metavar="AÇÃO", required=True)
    show = sub.add_parser("show", help="mostra um selo, seu estado e as críticas do TJ")
    show.add_argument("code", metavar="CÓDIGO")
    qr = sub.add_parser("qr", help="URL e QR code da consulta pública do selo")
    qr.add_argument("code", metavar="CÓDIGO")
    qr.add_argument("--png", metavar="ARQUIVO", help="grava o QR em PNG")
    qr.add_argument("--svg", metavar="ARQUIVO", help="grava o QR em SVG")
    seal_fixes.configure(sub)


def run(args: argparse.Namespace) -> int:
    from ..domain.refusal import Refusal
    from ..store.queries import seal_detail
    from .common import fail, open_store

    if args.seals_command in seal_fixes.COMMANDS:
        return seal_fixes.run(args)
    open_store(args.db)
    try:
        detail = seal_detail(args.code)
    except Refusal as exc:
        return fail(exc.message, 1)
    return _qr(args, detail) if args.seals_command == "qr" else _show(detail)


def _qr(args: argparse.Namespace, detail) -> int:
    from ..store.usecases.office import get_settings
    from ..tj.qr import consultation_url, qr_text, write_qr_png, write_qr_svg
    from ..tj.signing import CertificateError, load_certificate, qr_signature
    from ..tj.transmitter_config import config_from_settings
    from .common import fail

    config = config_from_settings(get_settings("tj."))
    if not config.cert_path:
        return fail("certificado digital não configurado (balcao credentials import-cert)")
    if config.secret_problem:
        return fail(config.secret_problem)
    try:
        cert = load_certificate(config.cert_path, config.cert_password)
    except CertificateError as exc:
        return fail(str(exc))
    url = consultation_url(detail.code, detail.total, detail.iss,
                           qr_signature(detail.code, detail.total, detail.iss, cert))
    print(url)
    print(qr_text(url))
    if args.png:
        write_qr_png(url, args.png)
    if args.svg:
        write_qr_svg(url, args.svg)
    return 0


def _show(detail) -> int:
    from ..domain.deadlines import format_local
    from ..domain.money import format_money
    from ..domain.seal_states import RECORD_KIND_LABELS

    rows = [
        ("Selo", detail.code),
        ("Registro", f"{RECORD_KIND_LABELS.get(detail.record_kind, detail.record_kind)} — "
                     f"{_kind_label(detail.act_kind)}"),
        ("Ato em", format_local(detail.act_at)),
        ("Situação", detail.state_label),
        ("Valor", f"{format_money(detail.total)} (ISS {format_money(detail.iss)})"),
        ("Prazo de envio", format_local(detail.deadline_at)),
        ("Selo físico", detail.physical_seal),
        ("Enviado em", detail.sent_at and format_local(detail.sent_at)
         + ("  (fora do prazo de 24 h)" if detail.late else "")),
        ("Tentativas", detail.attempts or None),
        ("Retifica", detail.replaces),
        *[("Retificado por", code) for code in detail.replaced_by],
        ("Exclui", detail.excludes),
        ("Falha", detail.failure or None),
        *[("Crítica do TJ", f"[{c.code}] {c.message}") for c in detail.criticisms],
    ]
    lines = [f"{label + ':':<16}{value}" for label, value in rows if value is not None]
    print("\n".join(lines))
    return 0
