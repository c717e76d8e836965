"""Schema migrations with a recorded version.

Each step is a function that runs inside one transaction; `migrate` applies the ones the
database has not seen. A database written by a newer balcao is refused, never touched.
"""
from __future__ import annotations

from typing import Callable

from .db import database
from .models import ALL_MODELS, SchemaVersion


class SchemaError(RuntimeError):
    pass


def _v1_initial_schema() -> None:
    database.obj.create_tables(ALL_MODELS, safe=True)


MIGRATIONS: list[Callable[[], None]] = [_v1_initial_schema]
CURRENT_VERSION = len(MIGRATIONS)


def schema_version() -> int:
    if not database.obj.table_exists(SchemaVersion._meta.table_name):
        return 0
    latest = SchemaVersion.select(SchemaVersion.version).order_by(SchemaVersion.version.desc()).first()
    return latest.version if latest else 0


def _refuse_newer(version: int) -> None:
    if version > CURRENT_VERSION:
        raise SchemaError(
            f"O banco de dados está na versão {version} do esquema, mais nova que a desta "
            f"instalação ({CURRENT_VERSION}). Atualize o balcao-tui antes de usá-lo."
        )


def migrate() -> int:
    """Bring the schema up to date; returns the number of steps applied."""
    version = schema_version()
    _refuse_newer(version)
    applied = 0
    for number, step in enumerate(MIGRATIONS, start=1):
        if number <= version:
            continue
        with database.obj.atomic():
            step()
            SchemaVersion.create(version=number)
        applied += 1
    return applied


def check_schema() -> None:
    """Refuse to run on a database that is missing, behind or ahead of this version."""
    version = schema_version()
    _refuse_newer(version)
    if version < CURRENT_VERSION:
        raise SchemaError(
            "O banco de dados não está inicializado ou precisa de migração "
            f"(versão {version}, esperada {CURRENT_VERSION}). Execute: balcao init"
        )
