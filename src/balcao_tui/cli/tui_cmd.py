"""balcao tui: the counter's screens, starting at the login."""
from __future__ import annotations

import argparse
import os

NAME = "tui"
HELP = "abre o balcão (tela de login)"

LOG_FILE = "balcao.log"


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--data-dir", metavar="PASTA", default=None,
                        help="pasta de dados do balcão (etiquetas, keymap.toml); padrão: a "
                             "pasta de dados do usuário")
    add_colors_argument(parser)
    parser.add_argument("--no-transmit", action="store_true",
                        help="não envia selos ao TJ deste terminal (outro processo envia)")


def add_colors_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--colors", choices=["auto", "16", "all"], default="auto",
                        help="16 usa só as cores básicas do terminal (ex.: TERM=linux); "
                             "auto decide pelo terminal")


def sixteen_colours(choice: str, environ=os.environ) -> bool:
    if choice != "auto":
        return choice == "16"
    if environ.get("COLORTERM", "").lower() in ("truecolor", "24bit"):
        return False
    return not environ.get("TERM", "").endswith(("256color", "truecolor", "direct"))


def setup_logging() -> str:
    from .log_files import default_log_file, setup_logging as log_to

    path = default_log_file(LOG_FILE)
    log_to(path)
    return path


def run_counter(db_url: str, *, data_dir, transmitter, colors: str, log_path: str,
                login_hint: str | None = None) -> int:
    """Run the counter's App until the clerk quits. A database it cannot open closes it at
    once, with the message and exit code (2) of the other subcommands; a crash points to
    the log."""
    from ..app import BalcaoApp
    from .common import fail

    app = BalcaoApp(db_url, data_dir=data_dir, transmitter=transmitter,
                    ansi=sixteen_colours(colors), login_hint=login_hint)
    app.run()
    if app.store_problem:
        return fail(app.store_problem)
    if app.return_code:
        print(f"balcao: o balcão foi fechado por um erro; veja {log_path}")
    return app.return_code or 0


def run(args: argparse.Namespace) -> int:
    from pathlib import Path

    from ..tj.deferred import DeferredTransmitter
    from .common import resolve_url

    log_path = setup_logging()
    data_dir = Path(args.data_dir).expanduser() if args.data_dir else None
    transmitter = None if args.no_transmit else DeferredTransmitter()
    return run_counter(resolve_url(args.db), data_dir=data_dir, transmitter=transmitter,
                       colors=args.colors, log_path=log_path)
