"""balcao fees import FILE: replace the fee table in force, with the same validation as init."""
from __future__ import annotations

import argparse

from .common import add_login_arguments

NAME = "fees"
HELP = "tabela de emolumentos: importa a tabela oficial da serventia (fees import ARQUIVO)"


def configure(parser: argparse.ArgumentParser) -> None:
    sub = parser.add_subparsers(dest="fees_command", metavar="AÇÃO", required=True)
    imp = sub.add_parser("import", help="valida e passa a usar a tabela do arquivo TOML "
                                        "(perfil administrador ou tabelião)")
    imp.add_argument("file", metavar="ARQUIVO.toml")
    add_login_arguments(imp)


def run(args: argparse.Namespace) -> int:
    from ..store.usecases.fee_tables import import_fee_table_file
    from .common import open_store, signed_in

    open_store(args.db)
    table = import_fee_table_file(signed_in(args.login, args.password_stdin), args.file)
    kind = "EXEMPLO (valores fictícios)" if table.is_example else "oficial"
    print(f"Tabela {table.title!r} importada ({kind}); vigências: "
          f"{', '.join(str(year) for year in table.years())}.")
    return 0
