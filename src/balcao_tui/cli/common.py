"""What the subcommands share: which database, and opening it with a clear message on failure."""
from __future__ import annotations

import os
import sys
from pathlib import Path

from platformdirs import user_data_dir

from ..domain.refusal import Refusal

ENV_VAR = "BALCAO_DB"


def fail(message: str, code: int = 2) -> int:
    print(f"balcao: {message}", file=sys.stderr)
    return code


def default_url() -> str:
    return f"sqlite:///{Path(user_data_dir('balcao-tui', appauthor=False)) / 'balcao.db'}"


def resolve_url(url: str | None) -> str:
    """The database given by --db, else by the variable BALCAO_DB, else the user's own."""
    return url or os.environ.get(ENV_VAR) or default_url()


def open_store(url: str | None, *, check: bool = True) -> None:
    """Open the database and check its schema; raises SystemExit with a message."""
    from ..store.opening import StoreUnavailable, open_checked

    try:
        open_checked(resolve_url(url), check=check)
    except StoreUnavailable as exc:
        raise SystemExit(fail(exc.message))


def read_text_file(path: str, what: str) -> str:
    """The UTF-8 text of a file a person named, or a Refusal saying what is wrong with it."""
    from ..domain.toml_source import read_text

    return read_text(path, "", Refusal, what)


PASSWORD_ENV = "BALCAO_PASSWORD"


def signed_in(login: str | None, password_stdin: bool) -> int:
    """The id of the user who runs an administrative command: the login given (or asked)
    and the password read from standard input, the variable BALCAO_PASSWORD or a prompt,
    never from the command line."""
    import getpass
    import os

    from ..store.usecases.users import authenticate

    if not login:
        if not sys.stdin.isatty():
            raise Refusal("informe o usuário com --login.")
        login = input("Usuário: ")
    if password_stdin:
        password = sys.stdin.readline().rstrip("\n")
    elif os.environ.get(PASSWORD_ENV):
        password = os.environ[PASSWORD_ENV]
    elif sys.stdin.isatty():
        password = getpass.getpass("Senha: ")
    else:
        raise Refusal(f"informe a senha por --password-stdin ou pela variável {PASSWORD_ENV}.")
    return authenticate(login, password).id


def add_login_arguments(parser) -> None:
    parser.add_argument("--login", metavar="USUÁRIO", help="quem executa (é pedido se faltar)")
    parser.add_argument("--password-stdin", action="store_true",
                        help=f"lê a senha da entrada padrão (ou use a variável {PASSWORD_ENV}; "
                             "num terminal, ela é pedida)")
