"""Database connection from a URL: SQLite (default) or PostgreSQL, both pooled.

SQLite runs in WAL mode with synchronous=FULL (a seal on paper must survive a power cut),
foreign keys on and a busy timeout, set once per connection; the pool hands the same
connections to the worker threads. Write transactions take the lock up front
(BEGIN IMMEDIATE) so that two processes never both read-then-write the same seal, and
queue for it in the kernel first (WriterQueue), so that no writer starves under load.
"""
from __future__ import annotations

import fcntl
import hashlib
import os
import threading
from contextlib import contextmanager, suppress
from pathlib import Path
from urllib.parse import parse_qsl, unquote, urlparse

import peewee
from playhouse.pool import PooledPostgresqlDatabase, PooledSqliteDatabase

from .pg_driver import load_driver

database = peewee.DatabaseProxy()

SQLITE_PRAGMAS = {
    "journal_mode": "wal",
    "synchronous": 2,  # FULL
    "foreign_keys": 1,
    "busy_timeout": 30000,
}
POOL_SIZE = 16
STALE_SECONDS = 300


class DatabaseUrlError(ValueError):
    pass


def make_database(url: str) -> peewee.Database:
    parsed = urlparse(url)
    scheme = parsed.scheme.lower()
    if scheme == "sqlite":
        raw = _sqlite_raw(url)
        if raw == ":memory:":
            return peewee.SqliteDatabase(raw, pragmas=SQLITE_PRAGMAS, timeout=30)
        path = sqlite_file(url)
        path.parent.mkdir(parents=True, exist_ok=True)
        # SQLite would create the file 0644 whatever the umask; made here, it gets what the
        # umask allows (the office's group, cli.main), and its -wal and -shm copy that mode.
        with suppress(OSError):  # SQLite itself says what is wrong with the file
            os.close(os.open(path, os.O_RDONLY | os.O_CREAT, 0o666))
        # The pool hands a connection to one thread at a time, whichever thread it is.
        db = PooledSqliteDatabase(str(path), pragmas=SQLITE_PRAGMAS, timeout=30,
                                  check_same_thread=False,
                                  max_connections=POOL_SIZE, stale_timeout=STALE_SECONDS)
        db.writer_queue = WriterQueue(Path(f"{path}-lock"))
        return db
    if scheme in ("postgres", "postgresql"):
        load_driver()
        options = dict(parse_qsl(parsed.query))
        return PooledPostgresqlDatabase(
            unquote(parsed.path.lstrip("/")),
            max_connections=POOL_SIZE, stale_timeout=STALE_SECONDS,
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


def _sqlite_raw(url: str) -> str:
    raw = unquote(url[len("sqlite:///"):]) if url.startswith("sqlite:///") else ""
    if not raw:
        raise DatabaseUrlError(f"URL SQLite inválida: {url!r} (use sqlite:///caminho/arquivo.db)")
    return raw


def sqlite_file(url: str) -> Path | None:
    """The file of a SQLite URL; None for PostgreSQL."""
    if urlparse(url).scheme.lower() != "sqlite":
        return None
    return Path(_sqlite_raw(url)).expanduser()


def open_database(url: str) -> peewee.Database:
    """Bind the models to the database named by `url`."""
    db = make_database(url)
    database.initialize(db)
    return db


def is_sqlite() -> bool:
    return isinstance(database.obj, peewee.SqliteDatabase)


class WriterQueue:
    """SQLite's writers, of every process, wait for one another in the kernel (flock on a
    file beside the database) before BEGIN IMMEDIATE. SQLite's own busy handler sleeps and
    retries, so under load a waiter can lose the race for seconds; a blocked flock is woken
    as soon as the lock is free."""

    def __init__(self, path: Path):
        self.path = path
        self._fd: int | None = None
        self._threads = threading.Lock()
        self._depth = threading.local()

    @contextmanager
    def held(self):
        if getattr(self._depth, "value", 0):
            self._depth.value += 1
            try:
                yield
            finally:
                self._depth.value -= 1
            return
        with self._threads:
            if self._fd is None:
                self._fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o660)
            fcntl.flock(self._fd, fcntl.LOCK_EX)
            self._depth.value = 1
            try:
                yield
            finally:
                self._depth.value = 0
                fcntl.flock(self._fd, fcntl.LOCK_UN)


@contextmanager
def write_transaction():
    """One write transaction that takes the write lock up front on SQLite."""
    db = database.obj
    queue = getattr(db, "writer_queue", None)
    if queue is not None:
        with queue.held(), db.atomic("IMMEDIATE") as txn:
            yield txn
    elif is_sqlite():
        with db.atomic("IMMEDIATE") as txn:
            yield txn
    else:
        with db.atomic() as txn:
            yield txn


@contextmanager
def joined_write_transaction():
    """The caller's transaction when there is one, with no savepoint of its own (what is
    written here is undone with the rest); else a write transaction of its own."""
    if database.obj.in_transaction():
        yield
    else:
        with write_transaction():
            yield


def serialize(*keys: str, shared: bool = False) -> None:
    """Inside a write transaction: one transaction at a time for each key across terminals,
    for the checks that must see the other writers' rows (e.g. a day's total). SQLite has
    one writer at a time already; PostgreSQL takes transaction-scoped advisory locks, in
    the order given and in one round trip. Shared holders run together and exclude only an
    exclusive one (the counters of a day against its closing)."""
    if is_sqlite():
        return
    numbers = tuple(int.from_bytes(hashlib.blake2b(key.encode(), digest_size=8).digest(),
                                   "big", signed=True) for key in keys)
    function = "pg_advisory_xact_lock_shared" if shared else "pg_advisory_xact_lock"
    calls = ", ".join(f"{function}(%s)" for _ in numbers)
    database.obj.execute_sql(f"SELECT {calls}", numbers)


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
    db = database.obj
    if db is None:
        return
    if not db.is_closed():
        db.close()
    if hasattr(db, "close_all"):
        db.close_all()
