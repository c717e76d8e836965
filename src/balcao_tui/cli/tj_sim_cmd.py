"""balcao tj-sim: run the bundled TJ-SP simulator (tests and demos only)."""
from __future__ import annotations

import argparse

NAME = "tj-sim"
HELP = "executa o simulador do TJ-SP (selo digital) para testes e demonstração"


def configure(parser: argparse.ArgumentParser) -> None:
    from ..tj.simulator.command import add_arguments

    add_arguments(parser)


def run(args: argparse.Namespace) -> int:
    from ..tj.simulator.command import run as run_simulator

    return run_simulator(args)
