"""Store calls in thread workers; their outcome comes back as Worker.StateChanged messages.

The job runs in its own thread with its own database connection (closed at the end).
The callbacks run on the event loop, in the node that asked, so only they touch widgets.
A refusal a person caused reaches `failed` with its Portuguese message and field; any
other exception is logged with its traceback and reported with a short message.

The database itself is opened by the first call (LazyStore), in its worker thread: the
login screen is painted without Peewee, the models or a connection.
"""
from __future__ import annotations

import logging
import threading
from dataclasses import dataclass
from typing import Any, Callable

from textual.worker import Worker, WorkerState

from ..domain.refusal import Refusal

log = logging.getLogger("balcao_tui.ui")

UNEXPECTED = ("Erro inesperado ao acessar os dados; a operação não foi concluída. "
              "Detalhes no registro (log).")


@dataclass(frozen=True)
class Failure:
    message: str
    field: str | None = None


def failure_of(error: BaseException) -> Failure:
    if isinstance(error, Refusal):
        return Failure(error.message, error.field)
    log.error("store call failed", exc_info=(type(error), error, error.__traceback__))
    return Failure(UNEXPECTED)


class LazyStore:
    """The App's database, opened by whichever store call comes first; the calls that come
    meanwhile wait for it and share its outcome. A database already bound (the demo's, the
    tests') is used as it is."""

    def __init__(self, url: str) -> None:
        self.url = url
        self._lock = threading.Lock()
        self._failure: Exception | None = None

    def open(self) -> None:
        """In a worker thread: bind the models to the database, or raise why it cannot be."""
        from ..store.db import database
        from ..store.opening import StoreUnavailable, open_checked

        with self._lock:
            if self._failure is None and database.obj is None:
                try:
                    open_checked(self.url)
                except StoreUnavailable as exc:
                    self._failure = exc
            if self._failure is not None:
                raise self._failure


def _connected(job: Callable[[], Any], store: LazyStore) -> Callable[[], Any]:
    def run() -> Any:
        store.open()
        from ..store.db import connected

        with connected():
            return job()
    return run


class StoreCalls:
    """Mixin for App, Screen or Widget: `call_store(job, done, failed)`."""

    def call_store(self, job: Callable[[], Any], done: Callable[[Any], None], *,
                   failed: Callable[[Failure], None] | None = None, group: str = "store",
                   exclusive: bool = False) -> Worker:
        run_worker = self.run_worker  # type: ignore[attr-defined]
        store = self.app.store  # type: ignore[attr-defined]
        if exclusive:
            # Textual cancels the group's calls; one cancelled before its task first ran
            # never reports it, and the key gate would wait for it forever.
            for earlier in [w for w in self._store_callbacks() if w.group == group]:
                self._store_callbacks().pop(earlier)
                self._call_ended(earlier)
        worker = run_worker(_connected(job, store), thread=True, group=group,
                            exclusive=exclusive, exit_on_error=False,
                            description=getattr(job, "__name__", "store call"))
        self._store_callbacks()[worker] = (done, failed)
        gate = getattr(self.app, "key_gate", None)  # type: ignore[attr-defined]
        if gate is not None:
            gate.call_started(worker)
        return worker

    def _call_ended(self, worker: Worker) -> None:
        gate = getattr(self.app, "key_gate", None)  # type: ignore[attr-defined]
        if gate is not None:
            gate.call_ended(worker)

    def _store_callbacks(self) -> dict[Worker, tuple]:
        if not hasattr(self, "_pending_store_calls"):
            self._pending_store_calls: dict[Worker, tuple] = {}
        return self._pending_store_calls

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        callbacks = self._store_callbacks()
        if event.worker not in callbacks:
            return
        event.stop()
        if event.state not in (WorkerState.SUCCESS, WorkerState.ERROR, WorkerState.CANCELLED):
            return
        done, failed = callbacks.pop(event.worker)
        try:
            if event.state == WorkerState.SUCCESS:
                done(event.worker.result)
            elif event.state == WorkerState.ERROR:
                failure = failure_of(event.worker.error)
                if failed is not None:
                    failed(failure)
                else:
                    self.notify(failure.message, severity="error")  # type: ignore[attr-defined]
        finally:
            self._call_ended(event.worker)
