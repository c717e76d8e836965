"""balcao seals correct|exclude|link: the same corrections, exclusions and links as the
screens, by a tabelião's login and password. Seals are named by their codes."""
from __future__ import annotations

import argparse

from .common import add_login_arguments

COMMANDS = ("correct", "exclude", "link")


def configure(sub) -> None:
    """Adds the three commands to `balcao seals`' subparsers."""
    correct = sub.add_parser("correct", help="retifica um selo: novo selo que substitui o "
                                             "antigo (até 72 h do ato)")
    correct.add_argument("code", metavar="CÓDIGO")
    correct.add_argument("--date", metavar="DATA_HORA",
                         help='data e hora certas do ato, "dd/mm/aaaa hh:mm"')
    correct.add_argument("--kind", metavar="TIPO", help="tipo de ato certo (só selo digital)")
    value = correct.add_mutually_exclusive_group()
    value.add_argument("--value", choices=("tabela",),
                       help="cobra o valor da tabela de emolumentos (ato que não era gratuito)")
    value.add_argument("--exempt", metavar="MOTIVO",
                       help="torna o ato gratuito, com o motivo legal")
    exclude = sub.add_parser("exclude", help="exclui o ato de um selo comunicado (XA), até "
                                             "72 h do ato")
    exclude.add_argument("code", metavar="CÓDIGO")
    link = sub.add_parser("link", help="vincula selos comunicados (vinculados) a um selo "
                                       "vinculador")
    link.add_argument("parent", metavar="PAI")
    link.add_argument("children", metavar="FILHO", nargs="+")
    for command in (correct, exclude, link):
        command.add_argument("--reason", required=True, metavar="MOTIVO",
                             help="por que (fica na auditoria)")
        add_login_arguments(command)


def run(args: argparse.Namespace) -> int:
    from ..store.usecases.corrections import correct_seal
    from ..store.usecases.exclusions import exclude_seal
    from ..store.usecases.fix_view import record_id_of_code
    from ..store.usecases.links import link_seals
    from .common import open_store, signed_in

    open_store(args.db)
    actor = signed_in(args.login, args.password_stdin)
    if args.seals_command == "correct":
        made = correct_seal(actor, record_id_of_code(actor, args.code), _changes(args),
                            args.reason)
        print(f"Retificação {made.code} feita: substitui o selo {made.affected_codes[0]} e "
              "vai ao TJ pelo transmissor.")
    elif args.seals_command == "exclude":
        made = exclude_seal(actor, record_id_of_code(actor, args.code), args.reason)
        print(f"Exclusão {made.code} feita: exclui o selo {made.affected_codes[0]} e vai ao "
              "TJ pelo transmissor.")
    else:
        made = link_seals(actor, record_id_of_code(actor, args.parent),
                          tuple(record_id_of_code(actor, code) for code in args.children),
                          args.reason)
        print(f"Vínculo {made.code} feito: {', '.join(made.affected_codes[1:])} vinculados ao "
              f"selo {made.affected_codes[0]}.")
    return 0


def _changes(args: argparse.Namespace):
    from ..domain.deadlines import parse_local_datetime
    from ..store.usecases.corrections import CorrectionInput

    exempt = "" if args.value == "tabela" else args.exempt
    return CorrectionInput(act_kind=args.kind, exempt_reason=exempt,
                           act_at=parse_local_datetime(args.date) if args.date else None)
