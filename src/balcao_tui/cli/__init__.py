"""The `balcao` command: the TUI by default, and one module per subcommand.

Each subcommand module has NAME, HELP, configure(parser) and run(args) -> int, and keeps
heavy imports inside run() so that `balcao --help` stays instant.
"""
from __future__ import annotations

import argparse
import importlib
import os
import sys

from ..domain.refusal import Refusal
from .common import ENV_VAR, fail

COMMAND_MODULES = [
    "init_cmd", "demo_cmd", "tui_cmd", "transmit_cmd", "seals_cmd", "config_cmd", "fees_cmd",
    "tj_sim_cmd", "closing_cmd", "stock_cmd", "users_cmd", "credentials_cmd", "backup_cmd",
    "restore_cmd", "audit_cmd", "check_cmd", "web_cmd",
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
    # Clerks share the data folders through the office's group (cli/office_group.py): what
    # any of them creates must stay writable by the others and unreadable by anyone else.
    os.umask(0o007)
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        args = parser.parse_args([*(argv if argv is not None else sys.argv[1:]), "tui"])
    try:
        return args.handler(args)
    except Refusal as exc:
        return fail(exc.message, 1)
    except KeyboardInterrupt:
        return fail("interrompido.", 130)
    except Exception:
        return fail(f"erro inesperado; nada foi alterado além do que já foi informado. "
                    f"Detalhes em {_log_unexpected()}", 70)


def _log_unexpected() -> str:
    """Write the traceback of the exception being handled to the log file; its path."""
    import logging

    from .tui_cmd import setup_logging

    path = setup_logging()
    logging.getLogger("balcao_tui.cli").exception("command failed")
    return path


if __name__ == "__main__":
    sys.exit(main())
