"""balcao closing status|close|report|audit: the day's closing for scripted or remote use,
with the same rules and roles as the closing screen (a supervisor's login and password)."""
from __future__ import annotations

import argparse

from .closing_audit import configure_audit, parse_day, run_audit
from .common import add_login_arguments

NAME = "closing"
HELP = ("fechamento do expediente: situação do dia, fechar o dia, relatório e auditoria com "
        "o TJ (closing status|close|report|audit)")


def configure(parser: argparse.ArgumentParser) -> None:
    sub = parser.add_subparsers(dest="closing_command", metavar="AÇÃO", required=True)
    status = sub.add_parser("status", help="o que o dia tem e se já foi fechado")
    close = sub.add_parser(
        "close", help="fecha o expediente: gera as cargas e os selos diários e bloqueia o dia")
    close.add_argument("--paper-count", type=int, required=True, metavar="N",
                       help="selos físicos consumidos, pelo relatório do papel de segurança")
    close.add_argument("--cash", required=True, metavar="VALOR",
                       help="total recebido no dia, todas as formas de pagamento, ex.: 1.234,56")
    close.add_argument("--explanation", metavar="TEXTO",
                       help="explicação das divergências, se houver")
    close.add_argument("--open-drawers-reason", metavar="TEXTO",
                       help="motivo para fechar com caixas ainda abertos")
    report = sub.add_parser("report", help="relatório do fechamento")
    report.add_argument("--format", choices=("text", "csv", "json"), default="text",
                        help="formato (padrão: text)")
    for command in (status, close, report):
        command.add_argument("--date", metavar="DATA",
                             help="o dia (DD/MM/AAAA ou AAAA-MM-DD; padrão: hoje)")
        add_login_arguments(command)
    configure_audit(sub)


def run(args: argparse.Namespace) -> int:
    from ..domain.deadlines import office_day, utcnow
    from ..domain.money import parse_money
    from .common import open_store, signed_in

    if args.closing_command == "audit":
        return run_audit(args)
    day = parse_day(args.date) if args.date else office_day(utcnow())
    cash = parse_money(args.cash) if args.closing_command == "close" else None
    open_store(args.db)
    actor = signed_in(args.login, args.password_stdin)
    if args.closing_command == "close":
        return _close(actor, day, args, cash)
    return _report(actor, day, args.format if args.closing_command == "report" else None)


def _report(actor: int, day, format_name: str | None) -> int:
    from ..closing_report_formats import FORMATS, status_line
    from ..domain.deadlines import format_date
    from ..domain.money import format_money
    from ..store.usecases.closing_report import closing_report

    report = closing_report(actor, day)
    if format_name:
        print(FORMATS[format_name](report), end="")
        return 0
    print(f"{format_date(day)}: {status_line(report)}")
    print(f"Atos: {report.acts} · total cobrado {format_money(report.cash_expected)} · "
          f"selos físicos consumidos {report.paper_expected}")
    if report.open_drawers:
        print(f"Caixas abertos: {', '.join(report.open_drawers)}")
    return 0


def _close(actor: int, day, args: argparse.Namespace, cash: int) -> int:
    from ..domain.deadlines import format_date
    from ..store.usecases.closing import Counted, close_day

    outcome = close_day(actor, day, Counted(args.paper_count, cash, args.explanation,
                                            args.open_drawers_reason))
    if outcome.already_closed:
        print(f"O expediente de {format_date(day)} já estava fechado; nada mudou.")
        return 0
    daily = f"; selos diários: {', '.join(outcome.daily_seals)}" if outcome.daily_seals else ""
    print(f"Expediente de {format_date(day)} fechado: {outcome.records} selo(s) híbrido(s) "
          f"em {outcome.loads} carga(s) para o TJ{daily}.")
    return 0
