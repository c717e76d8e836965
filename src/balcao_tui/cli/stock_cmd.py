"""balcao stock list|add|assign|move: the physical seal stock, with the same rules and roles
as the stock screens (a supervisor's or an administrator's login and password)."""
from __future__ import annotations

import argparse

from .common import add_login_arguments

NAME = "stock"
HELP = ("estoque de selos físicos: saldo, compra, entrega e troca de escrevente "
        "(stock list|add|assign|move)")


def configure(parser: argparse.ArgumentParser) -> None:
    sub = parser.add_subparsers(dest="stock_command", metavar="AÇÃO", required=True)
    listing = sub.add_parser("list", help="saldo por série e escrevente, com as faixas livres")
    add = sub.add_parser("add", help="registra uma compra de selos, no estoque da serventia")
    add.add_argument("--type", required=True, metavar="TIPO",
                     help="tipo do selo físico: reconhecimento ou autenticacao")
    assign = sub.add_parser("assign", help="entrega selos do estoque a um escrevente")
    move = sub.add_parser("move", help="passa os selos sem uso de um escrevente a outro "
                                       "(os utilizados ficam com quem os usou)")
    for command in (add, assign, move):
        command.add_argument("--series", required=True, metavar="SÉRIE")
        command.add_argument("--first", required=True, metavar="N", help="primeiro número")
        command.add_argument("--last", required=True, metavar="N", help="último número")
    for command in (assign, move):
        command.add_argument("--to", required=True, metavar="USUÁRIO",
                             help="login de quem recebe os selos")
    for command in (listing, add, assign, move):
        add_login_arguments(command)


def run(args: argparse.Namespace) -> int:
    from ..domain.boundary import parse_whole
    from .common import open_store, signed_in

    if args.stock_command != "list":
        first = parse_whole(args.first, "first_number", "O primeiro número")
        last = parse_whole(args.last, "last_number", "O último número")
    open_store(args.db)
    actor = signed_in(args.login, args.password_stdin)
    if args.stock_command == "list":
        return _list(actor)
    if args.stock_command == "add":
        return _add(actor, args.series, args.type, first, last)
    return _hand_over(actor, args.stock_command, args.series, first, last, args.to)


def _list(actor: int) -> int:
    from ..closing_report_formats import format_ranges
    from ..domain.deadlines import office_day, utcnow
    from ..store.usecases.stock_balance import stock_balance

    lines = stock_balance(actor, office_day(utcnow()))
    if not lines:
        print("Nenhum selo físico cadastrado: registre uma compra com balcao stock add.")
        return 0
    print(f"{'Série':<7} {'Tipo':<24} {'Com quem':<22} {'Disp.':>6} {'Usados':>6} "
          f"{'Inut.':>6}")
    for line in lines:
        holder = line.clerk_name or "estoque"
        print(f"{line.series:<7} {line.seal_type_label:<24} {holder[:22]:<22} "
              f"{line.available:>6} {line.used:>6} {line.spoiled:>6}")
        if line.ranges:
            print(f"        livres: {format_ranges(line.ranges)}")
        if line.stale:
            print(f"        {line.stale} estornado(s) em dias anteriores: só podem ser "
                  "inutilizados")
    return 0


def _add(actor: int, series: str, seal_type: str, first: int, last: int) -> int:
    from ..store.usecases.stock import add_seal_sheet

    sheet = add_seal_sheet(actor, series=series, seal_type=seal_type, first_number=first,
                           last_number=last)
    print(f"Compra registrada no estoque: {sheet.series} {sheet.first_number:07d} a "
          f"{sheet.last_number:07d} ({sheet.available} selos).")
    return 0


def _hand_over(actor: int, command: str, series: str, first: int, last: int,
               login: str) -> int:
    from ..domain.boundary import clean_text, quoted
    from ..domain.refusal import Refusal
    from ..store.usecases.stock_handover import assign_seals, move_seals
    from ..store.usecases.user_list import list_users

    wanted = clean_text(login, "login", required=True).lower()
    clerk = next((row.info for row in list_users(actor)
                  if row.info.active and row.info.login == wanted), None)
    if clerk is None:
        raise Refusal(f"Usuário {quoted(wanted)} não encontrado ou inativo.", field="clerk")
    hand_over = assign_seals if command == "assign" else move_seals
    done = hand_over(actor, series=series, first_number=first, last_number=last,
                     clerk_id=clerk.id)
    sheet = done.sheet
    source = f" de {done.from_name}" if done.from_name else " do estoque"
    kept = (f"; {done.kept} já utilizado(s) ou inutilizado(s) ficaram com {done.from_name}"
            if done.kept else "")
    print(f"{done.moved} selo(s){source} passaram a {clerk.name}: {sheet.series} "
          f"{sheet.first_number:07d} a {sheet.last_number:07d}{kept}.")
    return 0
