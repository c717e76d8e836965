"""Peewee without the PostgreSQL driver until a PostgreSQL URL is opened.

Importing peewee imports psycopg (or psycopg2) when it is installed, which costs a terminal
on SQLite about 90 ms and several MiB before its login screen. `import_peewee()` imports
peewee with the drivers hidden; `load_driver()` later performs the imports peewee would
have performed and hands the results to it (module globals and the adapters' transaction
constants), as peewee 4.5 names them.
"""
from __future__ import annotations

import sys
from types import ModuleType

DRIVERS = ("psycopg", "psycopg2", "psycopg2cffi")


def import_peewee() -> ModuleType:
    """peewee, imported without any PostgreSQL driver unless one is already loaded."""
    if "peewee" in sys.modules or any(name in sys.modules for name in DRIVERS):
        import peewee

        return peewee
    sys.modules.update(dict.fromkeys(DRIVERS))  # None: `import psycopg` raises ImportError
    try:
        import peewee
    finally:
        for name in DRIVERS:
            del sys.modules[name]
    return peewee


def load_driver() -> None:
    """Give peewee the PostgreSQL driver it would have found at import time, if installed."""
    import peewee

    if peewee.psycopg is not None or peewee.psycopg2 is not None:
        return
    try:
        _load_psycopg3(peewee)
    except ImportError:
        try:
            _load_psycopg2(peewee)
        except ImportError:
            pass  # peewee reports "postgres driver not found" on connect


def _load_psycopg3(peewee: ModuleType) -> None:
    import psycopg
    from psycopg.pq import TransactionStatus
    from psycopg.types.json import Json, Jsonb

    adapter = peewee.Psycopg3Adapter
    adapter.txn_idle = TransactionStatus.IDLE
    adapter.txn_inerror = TransactionStatus.INERROR
    adapter.txn_unknown = TransactionStatus.UNKNOWN
    peewee.TransactionStatus = TransactionStatus
    peewee.Json_pg3, peewee.Jsonb_pg3 = Json, Jsonb
    peewee.psycopg = psycopg


def _load_psycopg2(peewee: ModuleType) -> None:
    try:
        from psycopg2cffi import compat

        compat.register()
    except ImportError:
        pass
    import psycopg2
    from psycopg2 import extensions
    from psycopg2.extras import Json, register_uuid

    register_uuid()
    adapter = peewee.Psycopg2Adapter
    adapter.txn_idle = extensions.TRANSACTION_STATUS_IDLE
    adapter.txn_inerror = extensions.TRANSACTION_STATUS_INERROR
    adapter.txn_unknown = extensions.TRANSACTION_STATUS_UNKNOWN
    peewee.pg_extensions, peewee.pg_register_uuid = extensions, register_uuid
    peewee.Json_pg2 = Json
    peewee.psycopg2 = psycopg2
