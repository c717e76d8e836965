"""Running store calls off the event loop, each with its own short-lived connection."""
from __future__ import annotations

import asyncio
from typing import Any, Callable, TypeVar

from ..store.db import connected

T = TypeVar("T")


def _with_connection(fn: Callable[..., T], args: tuple, kwargs: dict) -> T:
    with connected():
        return fn(*args, **kwargs)


async def db_call(fn: Callable[..., T], /, *args: Any, **kwargs: Any) -> T:
    """`await db_call(pending_records, 500)`: the call runs in a worker thread."""
    return await asyncio.to_thread(_with_connection, fn, args, kwargs)
