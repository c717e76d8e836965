"""Schema migrations with a recorded version.

Each step is frozen DDL (never the models of the day) that runs inside one transaction;
`migrate` applies the ones the database has not seen. A database written by a newer
balcao is refused, never touched.
"""
from __future__ import annotations

from typing import Callable

from . import (schema_audit_append, schema_audit_chain, schema_change_feed, schema_dashboard_indexes,
               schema_search_indexes, schema_state_tally, schema_v1, schema_v3, schema_v4)
from .audit_chain import chain_existing
from .db import database, is_sqlite
from .models import SchemaVersion


class SchemaError(RuntimeError):
    pass


def _run(statements) -> None:
    for statement in statements:
        database.obj.execute_sql(statement)


def _v1_initial_schema() -> None:
    _run(schema_v1.SQLITE if is_sqlite() else schema_v1.POSTGRESQL)


def _v2_one_card_per_cpf() -> None:
    """Uniqueness in the database: two terminals can no longer both create a card for one
    CPF. Cards repeated before this version are named, never deleted."""
    repeated = database.obj.execute_sql(
        'SELECT cpf, COUNT(*) FROM signature_card WHERE cpf IS NOT NULL '
        'GROUP BY cpf HAVING COUNT(*) > 1').fetchall()
    if repeated:
        cpfs = ", ".join(f"***.{cpf[3:6]}.{cpf[6:9]}-** ({count} fichas)"
                         for cpf, count in repeated[:10])
        raise SchemaError(f"Há fichas de firma repetidas para o mesmo CPF: {cpfs}. "
                          "Junte-as antes de atualizar o banco.")
    _run(['DROP INDEX IF EXISTS "signature_card_cpf"',
          'CREATE UNIQUE INDEX "signature_card_cpf" ON "signature_card" ("cpf")'])


def _v3_shift_closing() -> None:
    _run(schema_v3.SQLITE if is_sqlite() else schema_v3.POSTGRESQL)


def _v4_first_access_codes() -> None:
    _run(schema_v4.SQLITE if is_sqlite() else schema_v4.POSTGRESQL)


def _audit_chain() -> None:
    """Tamper-evident audit trail: the entries already written are chained in id order,
    so an upgraded database verifies."""
    _run(schema_audit_chain.STATEMENTS)
    chain_existing()
    _run(schema_audit_chain.AFTER_CHAINING)


def _seal_search_indexes() -> None:
    _run(schema_search_indexes.STATEMENTS)


def _change_feed() -> None:
    _run(schema_change_feed.SQLITE if is_sqlite() else schema_change_feed.POSTGRESQL)


def _dashboard_indexes() -> None:
    _run(schema_dashboard_indexes.STATEMENTS)


def _state_tally() -> None:
    """The seal records' tally by state, kept by triggers and started with the records
    already there."""
    _run(schema_state_tally.SQLITE if is_sqlite() else schema_state_tally.POSTGRESQL)


def _audit_append_on_server() -> None:
    if not is_sqlite():
        _run(schema_audit_append.POSTGRESQL)


MIGRATIONS: list[Callable[[], None]] = [_v1_initial_schema, _v2_one_card_per_cpf,
                                        _v3_shift_closing, _v4_first_access_codes,
                                        _audit_chain, _seal_search_indexes, _change_feed,
                                        _dashboard_indexes, _state_tally,
                                        _audit_append_on_server]
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


def migrate(up_to: int = CURRENT_VERSION) -> int:
    """Bring the schema up to date (or to version `up_to`, for the upgrade tests); returns
    the number of steps applied."""
    version = schema_version()
    _refuse_newer(version)
    applied = 0
    for number, step in enumerate(MIGRATIONS, start=1):
        if number <= version or number > up_to:
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
