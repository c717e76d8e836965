"""balcao web: the counter in a browser (textual-serve). Each browser tab runs its own
`balcao tui` process, which starts at the same login screen as the terminal.

Bound to 127.0.0.1 unless --allow-network says otherwise: over a network the page and its
keystrokes (passwords) travel in clear, so it belongs behind a proxy with TLS.
"""
from __future__ import annotations

import argparse
import os
import re
import shlex
import sys

NAME = "web"
HELP = "serve o balcão para o navegador, com o mesmo login do terminal"

LOOPBACK = ("127.0.0.1", "::1", "localhost")
HOST = re.compile(r"[A-Za-z0-9.:-]{1,253}", re.ASCII)


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--host", default="127.0.0.1",
                        help="endereço onde escutar (padrão 127.0.0.1: só esta máquina)")
    parser.add_argument("--port", type=int, default=8000, help="porta (padrão 8000)")
    parser.add_argument("--allow-network", action="store_true",
                        help="permite escutar num endereço da rede (ex.: 0.0.0.0); use um "
                             "proxy com TLS na frente")
    parser.add_argument("--public-url", metavar="URL",
                        help="o endereço que os navegadores abrem, quando diferente de "
                             "http://HOST:PORTA (ex.: https://balcao.serventia.local, atrás "
                             "do proxy)")
    parser.add_argument("--no-transmit", action="store_true",
                        help="as sessões do navegador não enviam selos ao TJ (outro processo "
                             "envia)")


def run(args: argparse.Namespace) -> int:
    from .common import ENV_VAR, fail, open_store, resolve_url

    if not HOST.fullmatch(args.host):
        return fail("endereço inválido em --host (use um IP ou um nome, ex.: 127.0.0.1).")
    if args.host not in LOOPBACK and not args.allow_network:
        return fail(f"--host {args.host} abre o balcão para a rede: confirme com "
                    "--allow-network (e ponha um proxy com TLS na frente; sem ele, as senhas "
                    "passam em claro).")
    if not 0 < args.port < 65536:
        return fail(f"porta inválida: {args.port} (use de 1 a 65535).")
    open_store(args.db)  # a database that cannot open is said here, not in each tab
    from ..store.db import close_database
    close_database()

    from textual_serve.server import Server

    # The sessions inherit the database from the environment, never from a command line
    # that `ps` shows to every user of the server (a PostgreSQL URL carries a password).
    os.environ[ENV_VAR] = resolve_url(args.db)
    command = [sys.executable, "-m", "balcao_tui.cli", "tui"]
    if args.no_transmit:
        command.append("--no-transmit")
    if args.host not in LOOPBACK:
        print(f"balcao: aberto para a rede em {args.host}:{args.port}; use um proxy com TLS.",
              file=sys.stderr)
    server = Server(shlex.join(command), host=args.host, port=args.port,
                    title="Balcão do Tabelionato", public_url=args.public_url)
    try:
        server.serve()
    except OSError as exc:
        return fail(f"não foi possível escutar em {args.host}:{args.port}: {exc.strerror}.")
    return 0
