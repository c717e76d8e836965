"""balcao seals show CODE: what this office holds for a seal, and what the TJ said;
seals list and seals export: the seal search from the command line."""
from __future__ import annotations

import argparse

from . import seal_fixes

NAME = "seals"
HELP = ("consulta selos (seals show CÓDIGO), lista e exporta (seals list, seals export), gera "
        "o QR da consulta pública (seals qr CÓDIGO), retifica, exclui e vincula selos "
        "(seals correct|exclude|link)")


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
    _configure_listing(sub)
    seal_fixes.configure(sub)


def _configure_listing(sub) -> None:
    from ..domain.seal_states import SealState
    from .common import add_login_arguments
    from .seal_listing import FIELDS_HELP

    listing = sub.add_parser(
        "list", help="lista os selos, do ato mais recente ao mais antigo",
        epilog=f"Campos de csv e json, nesta ordem: {FIELDS_HELP}.")
    listing.add_argument("--state", metavar="SITUAÇÃO", help=", ".join(SealState))
    listing.add_argument("--date", metavar="DD/MM/AAAA", help="só os atos deste dia")
    listing.add_argument("--clerk", metavar="LOGIN", help="só os selos gerados por este login")
    listing.add_argument("--format", choices=("text", "csv", "json"), default="text",
                         help="text (80 colunas, padrão), csv (com cabeçalho) ou json (lista "
                              "de objetos)")
    export = sub.add_parser(
        "export", help="exporta os selos de um dia, lidos e gravados aos poucos",
        epilog=f"Campos, nesta ordem: {FIELDS_HELP}.")
    export.add_argument("--date", metavar="DD/MM/AAAA", required=True, help="o dia")
    export.add_argument("--format", choices=("json", "csv"), default="json",
                        help="json (lista de objetos, padrão) ou csv (com cabeçalho)")
    for command in (listing, export):
        add_login_arguments(command)


def run(args: argparse.Namespace) -> int:
    from ..domain.refusal import Refusal
    from ..store.queries import seal_detail
    from .common import fail, open_store

    if args.seals_command in seal_fixes.COMMANDS:
        return seal_fixes.run(args)
    open_store(args.db)
    if args.seals_command in ("list", "export"):
        return _listing(args)
    try:
        detail = seal_detail(args.code)
    except Refusal as exc:
        return fail(exc.message, 1)
    return _qr(args, detail) if args.seals_command == "qr" else _show(detail)


def _listing(args: argparse.Namespace) -> int:
    from ..domain.deadlines import parse_date_br
    from ..store.seal_search import SealFilter, iter_seals
    from .common import signed_in
    from .seal_listing import write

    day = parse_date_br(args.date) if args.date else None
    actor = signed_in(args.login, args.password_stdin)
    wanted = SealFilter(date_from=day, date_to=day, state=getattr(args, "state", None) or "",
                        clerk_login=getattr(args, "clerk", None) or "")
    write(iter_seals(actor, wanted), args.format)
    return 0


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
