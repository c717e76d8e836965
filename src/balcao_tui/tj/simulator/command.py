"""The command line of the simulator: `python -m balcao_tui.tj.simulator` and `balcao tj-sim`."""

from __future__ import annotations

import argparse
import asyncio
import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from balcao_tui.tj.simulator.faults import Faults

# Heavy imports (aiohttp, cryptography) stay inside the functions: `balcao --help` builds
# this parser and must stay instant.

DESCRIPTION = "Simulador do TJ-SP para o selo digital (somente para testes e demonstração)."


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--host", default="127.0.0.1", help="endereço de escuta (padrão: %(default)s)"
    )
    parser.add_argument(
        "--port", type=int, default=8765, help="porta; 0 escolhe uma livre (padrão: %(default)s)"
    )
    parser.add_argument(
        "--state",
        default="tj-simulador.db",
        help="arquivo SQLite com o que o TJ recebeu (padrão: %(default)s)",
    )
    parser.add_argument(
        "--register-file",
        action="append",
        default=[],
        metavar="ARQUIVO",
        help="cadastra as serventias do arquivo, uma por linha: "
        "CNS:CERTIFICADO_PEM:CLIENT_ID:CLIENT_SECRET (só o dono pode ler: chmod 600; "
        "pode repetir)",
    )
    faults = parser.add_argument_group("falhas sob demanda")
    faults.add_argument("--latency-ms", type=int, default=0, help="atraso de cada resposta da API")
    faults.add_argument(
        "--error-rate", type=float, default=0.0, help="fração de lotes respondidos com 500/503"
    )
    faults.add_argument(
        "--timeout-rate", type=float, default=0.0, help="fração de lotes que ficam sem resposta"
    )
    faults.add_argument(
        "--hang-seconds", type=float, default=60.0, help="quanto dura a espera sem resposta"
    )
    faults.add_argument(
        "--drop-after-commit-rate",
        type=float,
        default=0.0,
        help="fração de lotes gravados cuja conexão cai antes da resposta",
    )
    faults.add_argument(
        "--rate-limit-rate", type=float, default=0.0, help="fração de lotes respondidos com 429"
    )
    faults.add_argument(
        "--retry-after", type=int, default=1, help="segundos no Retry-After das respostas 429"
    )
    faults.add_argument(
        "--token-ttl", type=int, default=3600, help="validade dos tokens em segundos"
    )
    faults.add_argument("--seed", type=int, default=None, help="semente das falhas aleatórias")


def faults_from_args(args: argparse.Namespace) -> "Faults":
    from balcao_tui.tj.simulator.faults import Faults

    return Faults(
        latency_ms=args.latency_ms,
        error_rate=args.error_rate,
        timeout_rate=args.timeout_rate,
        hang_seconds=args.hang_seconds,
        drop_after_commit_rate=args.drop_after_commit_rate,
        rate_limit_rate=args.rate_limit_rate,
        retry_after_seconds=args.retry_after,
        token_ttl_seconds=args.token_ttl,
        seed=args.seed,
    )


def run(args: argparse.Namespace) -> int:
    from balcao_tui.tj.simulator.faults import FaultSettingsError
    from balcao_tui.tj.simulator.registration import RegistrationError, registrations_from_file
    from balcao_tui.tj.simulator.runner import serve_until_signalled

    try:
        faults = faults_from_args(args)
        offices = [office for path in args.register_file
                   for office in registrations_from_file(path)]
    except (FaultSettingsError, RegistrationError) as exc:
        print(f"Erro: {exc}", file=sys.stderr)
        return 2
    try:
        asyncio.run(
            serve_until_signalled(
                args.state,
                args.host,
                args.port,
                faults=faults,
                offices=offices,
                announce=lambda line: print(line, flush=True),
            )
        )
    except OSError as exc:
        print(f"Erro ao abrir o simulador em {args.host}:{args.port}: {exc}", file=sys.stderr)
        return 1
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m balcao_tui.tj.simulator", description=DESCRIPTION
    )
    add_arguments(parser)
    return run(parser.parse_args(argv))
