"""What the subcommands share: opening the store with a clear message on failure."""
from __future__ import annotations

import sys

from ..domain.refusal import Refusal


def fail(message: str, code: int = 2) -> int:
    print(f"balcao: {message}", file=sys.stderr)
    return code


def open_store(url: str | None, *, check: bool = True):
    """Open the database and check its schema; raises SystemExit with a message."""
    from ..store.db import DatabaseUrlError, open_database
    from ..store.migrations import SchemaError, check_schema

    try:
        db = open_database(url)
        db.connect(reuse_if_open=True)
        if check:
            check_schema()
        return db
    except (DatabaseUrlError, SchemaError, Refusal) as exc:
        raise SystemExit(fail(str(exc)))
    except Exception as exc:  # driver errors: server down, wrong password, missing driver
        raise SystemExit(fail(f"não foi possível abrir o banco de dados: {exc}"))
