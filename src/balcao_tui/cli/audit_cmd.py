"""balcao audit verify|list: the tamper-evident audit trail. `verify` needs no sign-in
(cron, a restore) and names each edited, inserted or deleted entry; `list` shows entries
to whoever may see the trail."""
from __future__ import annotations

import argparse

from .common import add_login_arguments

NAME = "audit"
HELP = "trilha de auditoria: conferir a cadeia (verify) e listar entradas (list)"


def configure(parser: argparse.ArgumentParser) -> None:
    sub = parser.add_subparsers(dest="audit_command", metavar="AÇÃO", required=True)
    sub.add_parser("verify", help="confere a cadeia de hashes; código de saída 0 se íntegra, "
                                  "1 se alguma entrada foi alterada, inserida ou removida")
    listing = sub.add_parser("list", help="entradas da trilha, das mais novas às mais antigas")
    listing.add_argument("--date", metavar="DD/MM/AAAA", help="só as entradas deste dia")
    listing.add_argument("--user", metavar="LOGIN", help="só as entradas deste usuário")
    listing.add_argument("--action", metavar="AÇÃO", help="só as entradas desta ação "
                                                          "(ex.: act.register)")
    listing.add_argument("--limit", type=int, default=50, metavar="N",
                         help="quantas entradas (padrão: %(default)s)")
    add_login_arguments(listing)


def run(args: argparse.Namespace) -> int:
    from .common import open_store

    open_store(args.db)
    if args.audit_command == "verify":
        return _verify()
    return _list(args)


def _verify() -> int:
    from ..store.audit_chain import verify_chain

    report = verify_chain()
    print(report.summary().capitalize())
    for problem in report.problems:
        print(f"  {problem.line()}")
    return 0 if report.ok else 1


def _list(args: argparse.Namespace) -> int:
    from ..domain.deadlines import format_local, parse_date_br
    from ..store.usecases.audit_log import AuditFilter, audit_page
    from .common import signed_in

    actor = signed_in(args.login, args.password_stdin)
    wanted = AuditFilter(day=parse_date_br(args.date) if args.date else None,
                         login=args.user or "", action=args.action or "")
    page = audit_page(actor, wanted, limit=args.limit)
    for row in page.rows:
        print(f"{row.id:>7}  {format_local(row.at)}  {row.user_login or '-':<12} "
              f"{row.action:<24} {row.entity} {row.entity_id}  {row.detail}"
              + (f"  motivo: {row.reason}" if row.reason else ""))
    if not page.rows:
        print("Nenhuma entrada.")
    return 0
