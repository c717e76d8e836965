"""balcao backup [--dir D] [--keep N]: a consistent copy of the database while terminals
write, with its checksum (a `.sha256` beside it)."""
from __future__ import annotations

import argparse
import textwrap

NAME = "backup"
HELP = "faz uma cópia de segurança do banco (com soma de verificação) sem parar o balcão"
EPILOG = "\n\n".join(textwrap.fill(paragraph, 78) for paragraph in (
    "A cópia é consistente mesmo com os terminais trabalhando (SQLite: a API de cópia do "
    "SQLite; PostgreSQL: pg_dump). Ela é gravada com um nome provisório e só recebe o nome "
    "final, balcao-AAAAMMDD-HHMMSS-uuuuuuZ.sqlite (ou .pgdump), depois de completa; ao lado "
    "fica o arquivo .sha256 (confira com sha256sum -c).",
    "O CNJ exige cópias ao menos a cada 24 horas e recuperação até 30 minutos antes de uma "
    "falha: agende este comando a cada 30 minutos (docs/balcao-backup.timer) com --keep 336 "
    "(7 dias de cópias) e leve uma cópia por dia para fora do servidor. balcao restore a "
    "traz de volta.",
    "Código de saída: 0 cópia feita; 1 cópia recusada (pg_dump falhou, pasta sem "
    "permissão); 2 banco indisponível."))


def configure(parser: argparse.ArgumentParser) -> None:
    parser.formatter_class = argparse.RawDescriptionHelpFormatter
    parser.epilog = EPILOG
    parser.add_argument("--dir", metavar="PASTA", default=None,
                        help="onde gravar (padrão: a pasta backups/ nos dados do balcao-tui)")
    parser.add_argument("--keep", metavar="N", type=_positive, default=None,
                        help="mantém só as N cópias mais novas da pasta")


def _positive(text: str) -> int:
    if not text.isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError("informe um número inteiro maior que zero")
    return int(text)


def default_backup_dir():
    from pathlib import Path

    from platformdirs import user_data_dir

    return Path(user_data_dir("balcao-tui", appauthor=False)) / "backups"


def run(args: argparse.Namespace) -> int:
    from ..store.backups import take_backup
    from .common import fail, open_store, resolve_url

    url = resolve_url(args.db)
    open_store(url)
    try:
        info = take_backup(url, args.dir or default_backup_dir(), keep=args.keep)
    except OSError as exc:
        return fail(f"não foi possível gravar a cópia: {exc}", 1)
    print(f"Cópia: {info.path}")
    print(f"Tamanho: {info.size:,} bytes".replace(",", "."))
    print(f"SHA-256: {info.sha256}")
    return 0
