"""balcao closing audit [--date D]: the day's seal records compared with the TJ's listing.

Wired into `balcao closing` by closing_cmd: configure_audit(subparsers), run_audit(args).
"""
from __future__ import annotations

import argparse
import re
import textwrap
from datetime import date

from .common import add_login_arguments

HELP = "compara os selos do dia com os que o TJ recebeu (auditoria com o TJ)"
EPILOG = "\n\n".join(textwrap.fill(paragraph, 78) for paragraph in (
    "Mostra cada selo que não confere: não encontrado no TJ, divergência (valores ou "
    "situação), presente no TJ e desconhecido aqui, e os ainda não enviados (aguardando o "
    "fechamento ou na fila do transmissor), com a ação indicada. As ações (reenviar, "
    "retificar, recuperar) são feitas na tela Auditoria com o TJ.",
    "Código de saída: 0 quando tudo confere com o TJ (os ainda não enviados não contam); "
    "1 quando há achados; 2 quando a data, o usuário ou a senha não servem ou o TJ não "
    "pôde ser consultado."))
CODE_WIDTH, FINDING_WIDTH = 25, 34
_ISO = re.compile(r"\d{4}-\d{2}-\d{2}", re.ASCII)


def configure_audit(subparsers) -> None:
    parser = subparsers.add_parser("audit", help=HELP, description=HELP, epilog=EPILOG,
                                   formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--date", metavar="DATA", default=None,
                        help="o dia: DD/MM/AAAA ou AAAA-MM-DD (padrão: hoje)")
    add_login_arguments(parser)


def parse_day(text: str) -> date:
    """ "21/11/2026" (and the other forms people type) or "2026-11-21"."""
    from ..domain.deadlines import InvalidDate, parse_date_br

    stripped = text.strip()
    if not _ISO.fullmatch(stripped):
        return parse_date_br(stripped)
    try:
        return date.fromisoformat(stripped)
    except ValueError:
        raise InvalidDate(f'Data inexistente: "{stripped}".') from None


def run_audit(args: argparse.Namespace) -> int:
    from ..domain.deadlines import office_day, utcnow
    from ..domain.refusal import Refusal
    from ..tj.day_audit import audit_day_blocking
    from .common import fail, open_store, signed_in

    try:
        day = parse_day(args.date) if args.date is not None else office_day(utcnow())
    except Refusal as exc:
        return fail(exc.message)
    open_store(args.db)
    try:
        audit = audit_day_blocking(signed_in(args.login, args.password_stdin), day)
    except Refusal as exc:
        return fail(exc.message)
    print("\n".join(report_lines(audit)))
    return 1 if audit.findings else 0


def report_lines(audit) -> list[str]:
    from ..domain.deadlines import format_date
    from ..domain.tj_audit import FINDING_LABELS, line_summary

    lines = [f"Auditoria com o TJ — {format_date(audit.day)}", ""]
    if not audit.lines:
        lines.append("Nenhum selo do dia, aqui ou no TJ.")
    elif not audit.shown:
        lines.append(f"Todos os {len(audit.lines)} selo(s) do dia conferem com o TJ.")
    else:
        lines.append(f"{'Selo':<{CODE_WIDTH}}  {'Achado':<{FINDING_WIDTH}}  Detalhe")
        for line in audit.shown:
            lines.append(f"{line.code:<{CODE_WIDTH}}  "
                         f"{FINDING_LABELS[line.finding]:<{FINDING_WIDTH}}  "
                         f"{line_summary(line)}")
            lines.extend(f"    {difference}" for difference in line.differences)
            lines.append(f"    → {line.advice}")
    lines += ["", f"Resumo: {audit.summary()}."]
    return lines
