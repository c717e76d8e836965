"""balcao config: the office's settings for the TJ link and printing (secrets masked)."""
from __future__ import annotations

import argparse

NAME = "config"
HELP = "mostra ou altera as configurações (transmissão ao TJ, impressão de etiquetas)"

KEYS = {
    "tj.url": "endereço da API do TJ (obrigatório para transmitir)",
    "tj.client_id": "client id OAuth do TJ (balcao credentials set-oauth)",
    "tj.client_secret": "client secret OAuth do TJ, cifrado (balcao credentials set-oauth)",
    "tj.cert_path": "certificado A1 .p12/.pfx (balcao credentials import-cert)",
    "tj.cert_password": "senha do certificado, cifrada (balcao credentials import-cert)",
    "tj.mode": "online, offline ou agendado (padrão: online)",
    "tj.schedule": "horário do envio agendado, HH:MM (padrão: 21:00)",
    "print.command": "comando que recebe a etiqueta na entrada padrão (ex.: lp -d balcao)",
    "print.dir": "pasta onde as etiquetas são gravadas quando não há comando",
    "counter.confirm_pages": "autenticação com mais páginas que isto pede confirmação (10)",
    "counter.confirm_signatures": "firma com mais assinaturas que isto pede confirmação (5)",
    "stock.low_seals": "o início do escrevente avisa quando restam menos selos que isto (20)",
}


def configure(parser: argparse.ArgumentParser) -> None:
    sub = parser.add_subparsers(dest="config_command", metavar="AÇÃO", required=True)
    sub.add_parser("show", help="mostra as configurações (segredos mascarados)")
    set_ = sub.add_parser("set", help="altera uma configuração: CHAVE VALOR")
    set_.add_argument("key", metavar="CHAVE")
    set_.add_argument("value", metavar="VALOR")


def check_value(key: str, value: str) -> str | None:
    """A Portuguese reason why `value` cannot be stored under `key`, or None."""
    from ..domain.boundary import quoted
    from ..tj.schedule import ScheduleError, parse_schedule
    from ..tj.transmitter_config import MODES

    if key == "tj.mode" and value not in MODES:
        return f"modo inválido: {quoted(value)} (use {', '.join(MODES)})"
    if key == "tj.schedule":
        try:
            parse_schedule(value)
        except ScheduleError as exc:
            return str(exc)
    if key.startswith("counter.confirm_") and not (value.isdigit() and 1 <= int(value) <= 200):
        return "informe um número inteiro de 1 a 200"
    if key == "stock.low_seals" and not (value.isascii() and value.isdigit() and len(value) <= 5
                                         and int(value) <= 10_000):
        return "informe um número inteiro de 0 a 10000"
    if key == "tj.url" and not value.startswith(("https://", "http://")):
        return "o endereço do TJ deve começar com https://"
    return None


def run(args: argparse.Namespace) -> int:
    from ..store.usecases.office import SECRET_SETTINGS, get_settings, set_settings
    from ..tj.transmitter_config import config_from_settings
    from .common import fail, open_store

    open_store(args.db)
    if args.config_command == "show":
        values = get_settings()
        for key, note in KEYS.items():
            value = values.get(key, "")
            shown = "***" if value and key in SECRET_SETTINGS else value or "—"
            print(f"{key:<17} {shown:<34} {note}")
        problem = config_from_settings(values).problem
        print(f"\nTransmissão: {problem or 'configuração completa'}")
        return 0
    if args.key not in KEYS:
        return fail(f"chave desconhecida: {args.key!r}; conhecidas: {', '.join(KEYS)}")
    problem = check_value(args.key, args.value.strip())
    if problem:
        return fail(problem)
    set_settings(None, {args.key: args.value.strip()})
    print(f"{args.key} alterado.")
    return 0
