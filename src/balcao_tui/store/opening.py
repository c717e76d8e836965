"""Opening the database for a program: one Portuguese message for every way it can fail."""
from __future__ import annotations

from ..domain.refusal import Refusal
from .db import DatabaseUrlError, connected, open_database
from .migrations import SchemaError, check_schema


class StoreUnavailable(Refusal):
    """The database cannot be used: a bad URL, a server that does not answer, a schema that
    is missing, behind or newer than this installation."""


def open_checked(url: str, *, check: bool = True) -> None:
    """Bind the models to the database at `url`, make sure it answers and, with `check`,
    that its schema is this version's."""
    try:
        open_database(url)
        with connected():
            if check:
                check_schema()
    except (DatabaseUrlError, SchemaError, Refusal) as exc:
        raise StoreUnavailable(str(exc)) from exc
    except Exception as exc:  # driver errors: server down, wrong password, missing driver
        raise StoreUnavailable(f"não foi possível abrir o banco de dados: {exc}") from exc
