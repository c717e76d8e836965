"""balcao config: the office's settings (serventia, counter, TJ link, printing)."""
from __future__ import annotations

import argparse

from ..domain.office_settings import SETTINGS
from .common import add_login_arguments

NAME = "config"
HELP = ("mostra ou altera as configurações (serventia, balcão, transmissão ao TJ, impressão "
        "de etiquetas)")

# The credentials of the TJ link: shown here, set only by `balcao credentials`.
CREDENTIAL_KEYS = {
    "tj.client_id": "client id OAuth do TJ (balcao credentials set-oauth)",
    "tj.client_secret": "client secret OAuth do TJ, cifrado (balcao credentials set-oauth)",
    "tj.cert_path": "certificado A1 .p12/.pfx (balcao credentials import-cert)",
    "tj.cert_password": "senha do certificado, cifrada (balcao credentials import-cert)",
}
KEYS = {**{spec.key: spec.note for spec in SETTINGS}, **CREDENTIAL_KEYS}


def configure(parser: argparse.ArgumentParser) -> None:
    sub = parser.add_subparsers(dest="config_command", metavar="AÇÃO", required=True)
    sub.add_parser("show", help="mostra as configurações (segredos mascarados)")
    set_ = sub.add_parser("set", help="altera uma configuração: CHAVE VALOR (perfil "
                                      "administrador ou tabelião)")
    set_.add_argument("key", metavar="CHAVE")
    set_.add_argument("value", metavar="VALOR")
    add_login_arguments(set_)


def run(args: argparse.Namespace) -> int:
    from ..domain.office_settings import read_setting
    from ..store.usecases.office import SECRET_SETTINGS, get_settings
    from ..store.usecases.office_settings import read_office_settings, save_office_settings
    from ..tj.transmitter_config import config_from_settings
    from .common import fail, open_store, signed_in

    open_store(args.db)
    if args.config_command == "show":
        values = {**get_settings("tj."), **dict(read_office_settings().values)}
        for key, note in KEYS.items():
            value = values.get(key, "")
            shown = "***" if value and key in SECRET_SETTINGS else value or "—"
            print(f"{key:<27} {shown:<34} {note}")
        problem = config_from_settings(get_settings("tj.")).problem
        print(f"\nTransmissão: {problem or 'configuração completa'}")
        return 0
    if args.key in CREDENTIAL_KEYS:
        return fail(f"{args.key}: o certificado e o client do TJ se informam com balcao "
                    "credentials (a senha e o secret nunca na linha de comando).")
    read_setting(args.key, args.value)  # a bad value is refused before the password
    actor = signed_in(args.login, args.password_stdin)
    saved = save_office_settings(actor, {args.key: args.value})
    print(f"{args.key} = {saved[args.key]}")
    return 0
