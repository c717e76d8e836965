"""balcao credentials: the A1 certificate and the TJ's OAuth client, their secrets read from
a prompt, standard input or a file (never from the command line) and stored encrypted."""
from __future__ import annotations

import argparse

from .common import add_login_arguments

NAME = "credentials"
HELP = ("credenciais do TJ: certificado A1 e client OAuth (segredos cifrados, nunca na "
        "linha de comando)")


def configure(parser: argparse.ArgumentParser) -> None:
    sub = parser.add_subparsers(dest="credentials_command", metavar="AÇÃO", required=True)
    show = sub.add_parser("show", help="titular, CPF/CNPJ e validade do certificado, client id "
                                       "e a chave dos segredos (nunca um segredo)")
    add_login_arguments(show)
    cert = sub.add_parser("import-cert", help="confere e passa a usar o certificado A1 "
                                              "(.p12/.pfx); a senha é pedida")
    cert.add_argument("file", metavar="ARQUIVO.p12")
    _secret_arguments(cert, "a senha do certificado")
    oauth = sub.add_parser("set-oauth", help="client id e client secret do TJ; o secret é "
                                             "pedido")
    oauth.add_argument("--client-id", required=True, metavar="ID")
    _secret_arguments(oauth, "o client secret")


def _secret_arguments(parser: argparse.ArgumentParser, what: str) -> None:
    add_login_arguments(parser)
    source = parser.add_mutually_exclusive_group()
    source.add_argument("--secret-stdin", action="store_true",
                        help=f"lê {what} da entrada padrão (depois da senha do usuário, se "
                             "--password-stdin também)")
    source.add_argument("--secret-file", metavar="ARQUIVO",
                        help=f"lê {what} da primeira linha do arquivo")


def _read_secret(args: argparse.Namespace, prompt: str) -> str:
    import getpass
    import sys

    from ..domain.refusal import Refusal
    from .common import read_text_file

    if args.secret_file:
        lines = read_text_file(args.secret_file, prompt).splitlines()
        return lines[0] if lines else ""
    if args.secret_stdin:
        return sys.stdin.readline().rstrip("\n")
    if sys.stdin.isatty():
        return getpass.getpass(f"{prompt}: ")
    raise Refusal(f"{prompt}: informe por --secret-stdin ou --secret-file (nunca na linha "
                  "de comando).")


def _show(actor: int) -> None:
    from ..domain.deadlines import format_date
    from ..store.usecases.credentials import credentials_overview

    view = credentials_overview(actor)
    cert = view.certificate
    if cert is None:
        print("Certificado A1: não importado (balcao credentials import-cert ARQUIVO)")
    else:
        print(f"Certificado A1: {cert.path}\n  Titular: {cert.holder}\n"
              f"  Documento: {cert.document}\n  Validade: {format_date(cert.not_before)} "
              f"a {format_date(cert.not_after)}\n"
              f"  Senha: {'cifrada' if view.has_cert_password else 'não informada'}")
        if cert.warning:
            print(f"  Aviso: {cert.warning.text}")
    print(f"Client OAuth do TJ: {view.client_id or 'não informado'}; secret: "
          f"{'cifrado' if view.has_client_secret else 'não informado'}")
    print(f"Chave dos segredos: {view.key_file} — {view.key_problem or 'em ordem'}")


def run(args: argparse.Namespace) -> int:
    from ..store.usecases.credentials import import_certificate, set_oauth_client
    from .common import open_store, signed_in

    open_store(args.db)
    actor = signed_in(args.login, args.password_stdin)
    if args.credentials_command == "show":
        _show(actor)
    elif args.credentials_command == "import-cert":
        cert = import_certificate(actor, args.file, _read_secret(args, "Senha do certificado"))
        print(f"Certificado de {cert.holder} ({cert.document}) importado; a senha foi "
              "guardada cifrada.")
        if cert.warning:
            print(cert.warning.text)
    else:
        client_id = set_oauth_client(actor, args.client_id,
                                     _read_secret(args, "Client secret do TJ"))
        print(f"Client OAuth {client_id} guardado; o secret foi guardado cifrado.")
    return 0
