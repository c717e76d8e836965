"""balcao users list|add|edit|unlock|reset: the office's users, with the rules and roles of
the users screen. Whoever runs it signs in (--login and the password from standard input,
BALCAO_PASSWORD or a prompt); a new user gets a first-access code, printed once."""
from __future__ import annotations

import argparse

from .common import add_login_arguments

NAME = "users"
HELP = ("usuários da serventia: listar, cadastrar, alterar, desbloquear e gerar código de "
        "primeiro acesso (users list|add|edit|unlock|reset)")
ROLES = ("escrevente", "supervisor", "tabeliao", "administrador")


def configure(parser: argparse.ArgumentParser) -> None:
    sub = parser.add_subparsers(dest="users_command", metavar="AÇÃO", required=True)
    commands = [sub.add_parser("list", help="os usuários e a situação de cada um")]
    add = sub.add_parser("add", help="cadastra um usuário e mostra o código de primeiro acesso")
    add.add_argument("user", metavar="LOGIN", help="o login do novo usuário")
    add.add_argument("--name", required=True, metavar="NOME")
    add.add_argument("--role", required=True, choices=ROLES, help="perfil")
    add.add_argument("--email", default="", metavar="E-MAIL")
    edit = sub.add_parser("edit", help="altera login, nome, e-mail, perfil ou situação")
    edit.add_argument("user", metavar="LOGIN", help="o login atual do usuário")
    edit.add_argument("--new-login", metavar="LOGIN")
    edit.add_argument("--name", metavar="NOME")
    edit.add_argument("--email", metavar="E-MAIL")
    edit.add_argument("--role", choices=ROLES, help="perfil")
    active = edit.add_mutually_exclusive_group()
    active.add_argument("--activate", dest="active", action="store_const", const=True,
                        help="reativa o usuário")
    active.add_argument("--deactivate", dest="active", action="store_const", const=False,
                        help="desativa o usuário (os atos dele ficam)")
    commands += [add, edit]
    for name, text in (("unlock", "desbloqueia um usuário após 5 senhas erradas"),
                       ("reset", "novo código de primeiro acesso; a senha atual deixa de "
                                 "valer")):
        command = sub.add_parser(name, help=text)
        command.add_argument("user", metavar="LOGIN")
        commands.append(command)
    for command in commands:
        add_login_arguments(command)


def run(args: argparse.Namespace) -> int:
    from .common import open_store, signed_in

    open_store(args.db)
    actor = signed_in(args.login, args.password_stdin)
    if args.users_command == "list":
        return _list(actor)
    if args.users_command == "add":
        from ..store.usecases.first_access import add_user

        return _code(add_user(actor, login=args.user, name=args.name, role=args.role,
                              email=args.email))
    user_id = _user_id(actor, args.user)
    if args.users_command == "reset":
        from ..store.usecases.first_access import reset_access

        return _code(reset_access(actor, user_id))
    if args.users_command == "unlock":
        from ..store.usecases.users import unlock_user

        info = unlock_user(actor, user_id)
    else:
        from ..store.usecases.users import update_user

        info = update_user(actor, user_id, login=args.new_login, name=args.name,
                           email=args.email, role=args.role, active=args.active)
    print(f"{info.login} alterado.")
    return 0


def _user_id(actor: int, login: str) -> int:
    from ..domain.boundary import quoted
    from ..domain.refusal import Refusal
    from ..store.usecases.user_list import list_users

    found = [row.info.id for row in list_users(actor) if row.info.login == login.lower()]
    if not found:
        raise Refusal(f"usuário não encontrado: {quoted(login)}.")
    return found[0]


def _list(actor: int) -> int:
    from ..domain.deadlines import utcnow
    from ..domain.permissions import ROLE_LABELS
    from ..store.usecases.user_list import list_users, status_label

    now = utcnow()
    print(f"{'LOGIN':<16} {'NOME':<30} {'PERFIL':<22} {'SITUAÇÃO':<28} E-MAIL")
    for row in list_users(actor):
        user = row.info
        print(f"{user.login:<16} {user.name:<30} {ROLE_LABELS[user.role]:<22} "
              f"{status_label(row, now):<28} {user.email or '—'}")
    return 0


def _code(given) -> int:
    from ..domain.deadlines import format_local

    print(f"Código de primeiro acesso de {given.user.login}: {given.code}")
    print(f"Vale uma vez, até {format_local(given.expires_at)}: na tela de entrada do balcão, "
          "o usuário digita o login e este código no lugar da senha, e cria a própria senha.")
    print("Ele não será mostrado de novo (se perder, gere outro com: balcao users reset).")
    return 0
