"""balcao restore ARQUIVO [--yes] | balcao restore --resync: a backup put back in place of
the database, then the resync with the TJ before any terminal may register an act."""
from __future__ import annotations

import argparse
import sys
import textwrap

from .common import add_login_arguments

NAME = "restore"
HELP = "restaura uma cópia de segurança e ressincroniza com o TJ"
EPILOG = "\n\n".join(textwrap.fill(paragraph, 78) for paragraph in (
    "A cópia é conferida pela soma de verificação (.sha256) antes de tudo. Com os terminais "
    "e o transmissor parados (um transmissor ativo ou outro processo com o arquivo aberto "
    "impede a restauração; --force ignora isso), o banco é substituído — no SQLite o "
    "arquivo anterior fica guardado ao lado, com o sufixo .substituido-DATA — e marcado "
    "para ressincronização: nenhum ato é registrado até ela terminar.",
    "A ressincronização consulta no TJ cada dia desde alguns dias antes da cópia até hoje, "
    "avança os sequenciais para depois do maior número que o TJ tem, marca como enviados "
    "os selos físicos que o TJ tem e traz de volta, como recuperados, os registros que o "
    "TJ tem e o banco perdeu. Com --login ela roda logo depois da restauração; sem, rode "
    "depois: balcao restore --resync --login USUÁRIO. Se o TJ não responder, rode de novo.",
    "Código de saída: 0 restaurado e ressincronizado; 1 recusado (cópia corrompida, banco "
    "em uso, restauração não confirmada, usuário sem permissão); 2 banco ou argumentos "
    "inválidos; 3 restaurado, mas a ressincronização com o TJ ainda não foi feita."))
RESYNC_PENDING = 3


def configure(parser: argparse.ArgumentParser) -> None:
    parser.formatter_class = argparse.RawDescriptionHelpFormatter
    parser.epilog = EPILOG
    parser.add_argument("file", metavar="ARQUIVO", nargs="?", default=None,
                        help="a cópia (balcao-....sqlite ou .pgdump, com o .sha256 ao lado)")
    parser.add_argument("--yes", action="store_true", help="não pergunta antes de substituir")
    parser.add_argument("--force", action="store_true",
                        help="restaura mesmo que o banco pareça estar em uso")
    parser.add_argument("--resync", action="store_true",
                        help="só a ressincronização com o TJ (depois de uma restauração)")
    parser.add_argument("--since", metavar="DATA", default=None,
                        help="primeiro dia a consultar no TJ, DD/MM/AAAA (padrão: alguns dias "
                             "antes da cópia)")
    add_login_arguments(parser)


def run(args: argparse.Namespace) -> int:
    from .common import fail, open_store, resolve_url

    url = resolve_url(args.db)
    if args.file is None:
        if not args.resync:
            return fail("informe a cópia a restaurar, ou --resync.")
        open_store(url)
        return _resync(args)
    if not args.yes and not _confirmed(url):
        return fail("restauração não confirmada; nada foi alterado.", 1)
    restored = _restore(args.file, url, args.force)
    print(f"Banco restaurado da cópia de {restored}.")
    if args.login is None and not args.resync:
        print("Antes de registrar atos, ressincronize com o TJ: "
              "balcao restore --resync --login USUÁRIO")
        return RESYNC_PENDING
    return _resync(args)


def _confirmed(url: str) -> bool:
    if not sys.stdin.isatty():
        return False
    answer = input(f"Substituir o banco {_shown_url(url)} pela cópia? [s/N] ")
    return answer.strip().lower() in ("s", "sim")


def _shown_url(url: str) -> str:
    from urllib.parse import urlparse

    parsed = urlparse(url)
    return url if parsed.password is None else url.replace(f":{parsed.password}@", ":***@")


def _restore(path: str, url: str, force: bool) -> str:
    from ..domain.deadlines import format_local
    from ..store.backups import restore_backup

    restored = restore_backup(path, url, force=force)
    text = format_local(restored.backup.taken_at)
    if restored.replaced is not None:
        text += f"; o banco anterior foi guardado em {restored.replaced}"
    return text


def _resync(args: argparse.Namespace) -> int:
    import asyncio

    from ..domain.deadlines import format_date
    from ..domain.refusal import Refusal
    from ..tj.day_audit import TJAuditFailed
    from ..tj.resync import resync_blocking, resync_since_owed
    from .closing_audit import parse_day
    from .common import fail, signed_in

    actor = signed_in(args.login, args.password_stdin)
    since = asyncio.run(resync_since_owed(actor))
    if since is None:
        print("Nenhuma ressincronização com o TJ pendente.")
        return 0
    if args.since is not None:
        since = parse_day(args.since)
    try:
        outcome = resync_blocking(actor, since)
    except TJAuditFailed as exc:
        return fail(f"{exc.message} A ressincronização continua pendente e o balcão não "
                    "registra atos; rode de novo: balcao restore --resync", RESYNC_PENDING)
    except Refusal as exc:
        return fail(exc.message, 1)
    print(f"Ressincronizado com o TJ de {format_date(outcome.first)} a "
          f"{format_date(outcome.last)}: {len(outcome.recovered)} registro(s) recuperado(s).")
    for code in outcome.recovered:
        print(f"  recuperado: {code}")
    for problem in outcome.problems:
        print(f"  confira na Auditoria com o TJ: {problem}")
    return 0
