"""balcao init: create or migrate the database, the office and the first administrator."""
from __future__ import annotations

import argparse
import getpass
import os
import sys

NAME = "init"
HELP = "cria ou migra o banco de dados, cadastra a serventia e o primeiro administrador"

PASSWORD_ENV = "BALCAO_ADMIN_PASSWORD"
_FIELDS = [
    ("cns", "CNS da serventia (6 dígitos)"),
    ("name", "Nome da serventia"),
    ("municipality", "Município"),
    ("iss", "Alíquota do ISS (ex.: 5 ou 2,5)"),
    ("admin_login", "Login do administrador"),
    ("admin_name", "Nome do administrador"),
]


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--cns")
    parser.add_argument("--name", help="nome da serventia")
    parser.add_argument("--municipality", help="município da serventia")
    parser.add_argument("--iss", help="alíquota do ISS em %%, ex.: 5 ou 2,5")
    parser.add_argument("--signature-card-seal", choices=["sim", "nao"], default="nao",
                        help="gerar selo na abertura de firma (padrão: nao)")
    parser.add_argument("--admin-login")
    parser.add_argument("--admin-name")
    parser.add_argument("--admin-email", default="")
    parser.add_argument("--admin-password",
                        help=f"senha do administrador (melhor: variável {PASSWORD_ENV})")
    parser.add_argument("--fee-table", metavar="ARQUIVO.toml",
                        help="tabela de emolumentos a importar (padrão: a tabela EXEMPLO)")


def _ask(args: argparse.Namespace) -> None:
    interactive = sys.stdin.isatty()
    missing = [(key, label) for key, label in _FIELDS if not getattr(args, key)]
    if missing and not interactive:
        names = ", ".join("--" + key.replace("_", "-") for key, _ in missing)
        raise SystemExit(f"balcao init: faltam {names} (ou rode num terminal para responder)")
    for key, label in missing:
        value = ""
        while not value.strip():
            value = input(f"{label}: ")
        setattr(args, key, value.strip())
    args.admin_password = args.admin_password or os.environ.get(PASSWORD_ENV)
    if not args.admin_password:
        if not interactive:
            raise SystemExit(f"balcao init: informe a senha em --admin-password ou {PASSWORD_ENV}")
        while True:
            first = getpass.getpass("Senha do administrador: ")
            if first == getpass.getpass("Repita a senha: "):
                args.admin_password = first
                break
            print("As senhas não conferem.")


def run(args: argparse.Namespace) -> int:
    from ..domain.money import InvalidMoney, parse_rate
    from ..domain.refusal import Refusal
    from ..store.db import resolve_url
    from ..store.migrations import CURRENT_VERSION, SchemaError, migrate
    from ..store.models import Office
    from ..store.usecases.fee_tables import import_fee_table
    from ..store.usecases.office import setup_office
    from ..store.usecases.users import create_user
    from .common import fail, open_store

    open_store(args.db, check=False)
    try:
        applied = migrate()
    except SchemaError as exc:
        return fail(str(exc))
    office = Office.select().first()
    if office is not None:
        print(f"Banco já inicializado para a serventia CNS {office.cns} ({office.name}); "
              f"esquema na versão {CURRENT_VERSION} ({applied} migração(ões) aplicada(s)).")
        return 0
    _ask(args)
    try:
        rate = parse_rate(args.iss)
        setup_office(args.cns, args.name, args.municipality, rate,
                     signature_card_seal=args.signature_card_seal == "sim")
        create_user(None, login=args.admin_login, name=args.admin_name,
                    email=args.admin_email, role="administrador", password=args.admin_password)
        if args.fee_table:
            with open(args.fee_table, encoding="utf-8") as handle:
                import_fee_table(None, handle.read())
    except (Refusal, InvalidMoney, ValueError, OSError) as exc:
        return fail(str(exc))
    print(f"Serventia cadastrada em {resolve_url(args.db)}; administrador "
          f"{args.admin_login!r} criado. Abra o balcão com: balcao")
    return 0
