"""Running store calls off the event loop, each with its own short-lived connection.

Peewee keeps one connection per thread. A call opens the connection of its worker thread
if needed and closes it when done, so no worker thread keeps a SQLite file (or its WAL)
open between calls, and a PostgreSQL connection never outlives the call that made it.
"""
from __future__ import annotations

import asyncio
from typing import Any, Callable, TypeVar

from ..store.db import database

T = TypeVar("T")


def _with_connection(fn: Callable[..., T], args: tuple, kwargs: dict) -> T:
    db = database.obj
    opened = db.connect(reuse_if_open=True)
    try:
        return fn(*args, **kwargs)
    finally:
        if opened and not db.is_closed():
            db.close()


async def db_call(fn: Callable[..., T], /, *args: Any, **kwargs: Any) -> T:
    """`await db_call(pending_records, 500)`: the call runs in a worker thread."""
    return await asyncio.to_thread(_with_connection, fn, args, kwargs)
