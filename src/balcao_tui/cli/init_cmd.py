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
    parser.add_argument("--fee-table", metavar="ARQUIVO.toml",
                        help="tabela de emolumentos a importar (padrão: a tabela EXEMPLO)")
    parser.add_argument("--group", metavar="GRUPO",
                        help="grupo do sistema dos escreventes: as pastas do banco SQLite, da "
                             "chave dos segredos e dos logs (BALCAO_LOG_DIR) passam a ele "
                             "(setgid, 2770) e nada nelas fica legível por outros usuários")


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
    # Never from the command line, where `ps` would show it to every user of the server.
    args.admin_password = os.environ.get(PASSWORD_ENV)
    if not args.admin_password:
        if not interactive:
            raise SystemExit(f"balcao init: informe a senha na variável {PASSWORD_ENV} "
                             "(ou rode num terminal para digitá-la)")
        while True:
            first = getpass.getpass("Senha do administrador: ")
            if first == getpass.getpass("Repita a senha: "):
                args.admin_password = first
                break
            print("As senhas não conferem.")


def _secrets_key() -> None:
    """The key file of the TJ secrets (created 0640 if missing); secrets that an earlier
    version kept in clear are encrypted with it."""
    from ..store.secret_box import check_key_file, ensure_key_file, key_file_path
    from ..store.usecases.credentials import encrypt_clear_secrets

    path = key_file_path()
    if ensure_key_file(path):
        print(f"Chave dos segredos criada em {path} (legível por este usuário e pelo grupo "
              "do arquivo, nunca pelos outros; guarde uma cópia fora do servidor).")
    check_key_file(path)
    encrypted = encrypt_clear_secrets(path)
    if encrypted:
        print(f"Segredos gravados sem criptografia foram cifrados: {', '.join(encrypted)}.")


def _share(url: str, group: str) -> None:
    """The office's folders go to the clerks' group before anything is created in them."""
    from ..store.db import sqlite_file
    from ..store.secret_box import key_file_path
    from .log_files import LOG_DIR_ENV, log_dir
    from .office_group import share_with_group

    database = sqlite_file(url)
    folders = [key_file_path().parent]
    if database is not None:
        folders.insert(0, database.parent)
    if os.environ.get(LOG_DIR_ENV):
        folders.append(log_dir())
    share_with_group(folders, group)
    print(f"Pastas do grupo {group} (2770): {', '.join(str(f) for f in dict.fromkeys(folders))}.")


def run(args: argparse.Namespace) -> int:
    from ..domain.money import parse_rate
    from ..store.migrations import CURRENT_VERSION, SchemaError, migrate
    from ..store.models import Office
    from ..store.usecases.first_setup import FirstSetup, first_setup
    from .common import fail, open_store, read_text_file, resolve_url

    if args.group:
        _share(resolve_url(args.db), args.group)
    open_store(args.db, check=False)
    try:
        applied = migrate()
    except SchemaError as exc:
        return fail(str(exc))
    _secrets_key()
    office = Office.select().first()
    if office is not None:
        if args.fee_table:
            return fail(f"o banco já pertence à serventia CNS {office.cns}; para trocar a "
                        "tabela de emolumentos use: balcao fees import ARQUIVO")
        print(f"Banco já inicializado para a serventia CNS {office.cns} ({office.name}); "
              f"esquema na versão {CURRENT_VERSION} ({applied} migração(ões) aplicada(s)).")
        return 0
    fee_text = read_text_file(args.fee_table, "tabela de emolumentos") if args.fee_table else None
    _ask(args)
    first_setup(FirstSetup(
        cns=args.cns, office_name=args.name, municipality=args.municipality,
        iss_rate_bp=parse_rate(args.iss), signature_card_seal=args.signature_card_seal == "sim",
        admin_login=args.admin_login, admin_name=args.admin_name, admin_email=args.admin_email,
        admin_password=args.admin_password, fee_table_text=fee_text))
    print(f"Serventia cadastrada em {resolve_url(args.db)}; administrador "
          f"{args.admin_login!r} criado. Abra o balcão com: balcao")
    return 0
