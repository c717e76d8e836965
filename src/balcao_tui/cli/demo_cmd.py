"""balcao demo: a fictitious office, the TJ simulator and the counter, in one command."""
from __future__ import annotations

import argparse

from .tui_cmd import add_colors_argument

NAME = "demo"
HELP = "demonstração: serventia fictícia, simulador do TJ e o balcão, sem configurar nada"


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--data-dir", metavar="PASTA", default=None,
                        help="pasta da demonstração (banco, certificado de teste, etiquetas); "
                             "padrão: a pasta de dados do usuário/demo")
    add_colors_argument(parser)


def users_banner() -> str:
    from ..demo.seed import DEMO_USERS
    from ..domain.permissions import ROLE_LABELS

    lines = ["Usuários da demonstração (login / senha):"]
    lines += [f"  {u.login:<12} {u.password:<14} {ROLE_LABELS[u.role]}" for u in DEMO_USERS]
    return "\n".join(lines)


def run(args: argparse.Namespace) -> int:
    import os
    from pathlib import Path

    from ..demo.environment import default_data_dir, point_to_simulator, prepare
    from ..demo.simulator_process import SimulatorStartError, start_simulator
    from ..store.secret_box import KEY_ENV
    from ..tj.deferred import DeferredTransmitter
    from ..tj.simulator.registration import write_registrations_file
    from .common import fail
    from .tui_cmd import run_counter, setup_logging

    data_dir = Path(args.data_dir).expanduser() if args.data_dir else default_data_dir()
    log_path = setup_logging()
    env = prepare(data_dir, args.db)
    os.environ[KEY_ENV] = str(env.key_file)  # the demo's transmitter reads its own key
    registrations = write_registrations_file(data_dir / "tj-simulador-cadastros.txt",
                                             [env.registration])
    try:
        simulator = start_simulator(data_dir / "tj-simulador.db", registrations,
                                    data_dir / "tj-simulador.log")
    except SimulatorStartError as exc:
        return fail(str(exc))
    banner = users_banner()
    try:
        point_to_simulator(env, simulator.url)
        print(f"Demonstração em {data_dir}\nSimulador do TJ em {simulator.url}\n{banner}")
        code = run_counter(env.db_url, data_dir=data_dir, transmitter=DeferredTransmitter(),
                           colors=args.colors, log_path=log_path, login_hint=banner)
    finally:
        simulator.stop()
    return code
