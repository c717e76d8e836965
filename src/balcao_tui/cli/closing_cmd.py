"""balcao closing audit: the shift closing's commands (for now, the audit against the TJ)."""
from __future__ import annotations

import argparse

from .closing_audit import configure_audit, run_audit

NAME = "closing"
HELP = "fechamento do expediente: auditoria com o TJ (closing audit)"


def configure(parser: argparse.ArgumentParser) -> None:
    sub = parser.add_subparsers(dest="closing_command", metavar="AÇÃO", required=True)
    configure_audit(sub)


def run(args: argparse.Namespace) -> int:
    return {"audit": run_audit}[args.closing_command](args)
