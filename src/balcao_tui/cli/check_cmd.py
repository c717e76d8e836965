"""balcao check: one line and an exit status for cron or a monitoring system."""
from __future__ import annotations

import argparse

NAME = "check"
HELP = ("situação da serventia numa linha: selos atrasados, certificado, transmissor, "
        "cópia de segurança, dias sem fechamento, cadeia de auditoria")

EXIT_CODES = {"ok": 0, "warning": 1, "critical": 2}


def configure(parser: argparse.ArgumentParser) -> None:
    parser.formatter_class = argparse.RawDescriptionHelpFormatter
    parser.epilog = ("Códigos de saída (convenção do Nagios): 0 tudo em ordem, 1 alerta, "
                     "2 crítico;\n3 quando a situação não pôde ser verificada (banco "
                     "inacessível, por exemplo).")


def run(args: argparse.Namespace) -> int:
    from ..store.health import check_health
    from .common import open_store

    try:
        open_store(args.db)
    except SystemExit:
        print("DESCONHECIDO: banco de dados inacessível")
        return 3
    report = check_health()
    print(report.line())
    return EXIT_CODES[report.status]
