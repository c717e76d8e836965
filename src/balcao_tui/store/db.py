"""Database connection from a URL: SQLite (default) or PostgreSQL.

SQLite runs in WAL mode with synchronous=FULL (a seal on paper must survive a power cut),
foreign keys on and a busy timeout; write transactions take the lock up front
(BEGIN IMMEDIATE) so that two processes never both read-then-write the same seal.
"""
from __future__ import annotations

import os
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import parse_qsl, unquote, urlparse

import peewee
from platformdirs import user_data_dir

database = peewee.DatabaseProxy()

ENV_VAR = "BALCAO_DB"
SQLITE_PRAGMAS = {
    "journal_mode": "wal",
    "synchronous": 2,  # FULL
    "foreign_keys": 1,
    "busy_timeout": 30000,
}


class DatabaseUrlError(ValueError):
    pass


def default_url() -> str:
    path = Path(user_data_dir("balcao-tui", appauthor=False)) / "balcao.db"
    return f"sqlite:///{path}"


def resolve_url(url: str | None) -> str:
    return url or os.environ.get(ENV_VAR) or default_url()


def make_database(url: str) -> peewee.Database:
    parsed = urlparse(url)
    scheme = parsed.scheme.lower()
    if scheme == "sqlite":
        raw = unquote(url[len("sqlite:///"):]) if url.startswith("sqlite:///") else ""
        if not raw:
            raise DatabaseUrlError(f"URL SQLite inválida: {url!r} (use sqlite:///caminho/arquivo.db)")
        if raw != ":memory:":
            Path(raw).expanduser().parent.mkdir(parents=True, exist_ok=True)
        return peewee.SqliteDatabase(
            str(Path(raw).expanduser()) if raw != ":memory:" else raw,
            pragmas=SQLITE_PRAGMAS,
            timeout=30,
        )
    if scheme in ("postgres", "postgresql"):
        options = dict(parse_qsl(parsed.query))
        return peewee.PostgresqlDatabase(
            unquote(parsed.path.lstrip("/")),
            user=unquote(parsed.username) if parsed.username else None,
            password=unquote(parsed.password) if parsed.password else None,
            host=parsed.hostname or None,
            port=parsed.port or None,
            prefer_psycopg3=True,
            **options,
        )
    raise DatabaseUrlError(
        f"Banco de dados não suportado: {url!r} (use sqlite:///arquivo.db ou postgresql://...)"
    )


def open_database(url: str | None = None) -> peewee.Database:
    """Bind the models to the database named by `url` (or BALCAO_DB, or the default)."""
    db = make_database(resolve_url(url))
    database.initialize(db)
    return db


def is_sqlite() -> bool:
    return isinstance(database.obj, peewee.SqliteDatabase)


@contextmanager
def write_transaction():
    """One write transaction that takes the write lock up front on SQLite."""
    if is_sqlite():
        with database.obj.atomic("IMMEDIATE") as txn:
            yield txn
    else:
        with database.obj.atomic() as txn:
            yield txn


@contextmanager
def connected():
    """This thread's connection for the duration of a call, closed after it if opened here,
    so no worker thread keeps a SQLite file (or its WAL) or a PostgreSQL session open."""
    db = database.obj
    opened = db.connect(reuse_if_open=True)
    try:
        yield db
    finally:
        if opened and not db.is_closed():
            db.close()


def close_database() -> None:
    if database.obj is not None and not database.obj.is_closed():
        database.obj.close()
