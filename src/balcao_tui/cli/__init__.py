"""The `balcao` command: the TUI by default, and one module per subcommand.

Each subcommand module has NAME, HELP, configure(parser) and run(args) -> int, and keeps
heavy imports inside run() so that `balcao --help` stays instant.
"""
from __future__ import annotations

import argparse
import importlib
import sys

from ..store.db import ENV_VAR

COMMAND_MODULES = [
    "init_cmd", "demo_cmd", "tui_cmd", "transmit_cmd", "seals_cmd", "config_cmd", "tj_sim_cmd",
]


def _load_commands():
    for name in COMMAND_MODULES:
        yield importlib.import_module(f"{__name__}.{name}")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="balcao",
        description="Balcão do tabelionato de notas: atos, selos físicos e digitais do TJ-SP.",
        epilog="Sem subcomando, abre o balcão (tela de login).")
    parser.add_argument("--db", metavar="URL", default=None,
                        help=f"banco de dados (sqlite:///arquivo.db ou postgresql://...); "
                             f"padrão: variável {ENV_VAR} ou um arquivo SQLite do usuário")
    subparsers = parser.add_subparsers(dest="command", metavar="SUBCOMANDO")
    for module in _load_commands():
        sub = subparsers.add_parser(module.NAME, help=module.HELP, description=module.HELP)
        module.configure(sub)
        sub.set_defaults(handler=module.run)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        args = parser.parse_args([*(argv if argv is not None else sys.argv[1:]), "tui"])
    return args.handler(args)


if __name__ == "__main__":
    sys.exit(main())
