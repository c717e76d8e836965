"""Running the simulator: in a background thread (tests, demo) or in the foreground."""

from __future__ import annotations

import asyncio
import signal
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable

from aiohttp import web

from balcao_tui.domain.deadlines import utcnow
from balcao_tui.tj.simulator.app import create_app
from balcao_tui.tj.simulator.context import STATE
from balcao_tui.tj.simulator.faults import Faults
from balcao_tui.tj.simulator.registration import OfficeRegistration

SHUTDOWN_TIMEOUT = 2.0


@dataclass
class SimulatorHandle:
    host: str
    port: int
    app: web.Application
    _loop: asyncio.AbstractEventLoop = field(repr=False)
    _thread: threading.Thread = field(repr=False)

    @property
    def url(self) -> str:
        return base_url(self.host, self.port)

    def stop(self, timeout: float = 10.0) -> None:
        if self._thread.is_alive():
            self._loop.call_soon_threadsafe(self._loop.stop)
            self._thread.join(timeout)


def base_url(host: str, port: int) -> str:
    return f"http://[{host}]:{port}" if ":" in host else f"http://{host}:{port}"


def start_simulator_in_thread(
    state_path: str | Path,
    host: str = "127.0.0.1",
    port: int = 0,
    *,
    faults: Faults | None = None,
    offices: Iterable[OfficeRegistration] = (),
) -> SimulatorHandle:
    """Start the simulator on its own event loop; port 0 picks a free port."""
    app = create_app(state_path, faults)
    _register(app, offices)
    loop = asyncio.new_event_loop()
    started = threading.Event()
    outcome: dict[str, object] = {}

    def main() -> None:
        asyncio.set_event_loop(loop)
        try:
            runner, bound_port = loop.run_until_complete(_start(app, host, port))
        except BaseException as exc:  # reported to the starting thread
            outcome["error"] = exc
            started.set()
            loop.close()
            return
        outcome["port"] = bound_port
        started.set()
        try:
            loop.run_forever()
        finally:
            loop.run_until_complete(runner.cleanup())
            loop.close()

    thread = threading.Thread(target=main, name="tj-simulator", daemon=True)
    thread.start()
    started.wait()
    if "error" in outcome:
        raise outcome["error"]  # type: ignore[misc]
    return SimulatorHandle(host, int(outcome["port"]), app, loop, thread)  # type: ignore[arg-type]


async def serve_until_signalled(
    state_path: str | Path,
    host: str,
    port: int,
    *,
    faults: Faults | None = None,
    offices: Iterable[OfficeRegistration] = (),
    announce: Callable[[str], None] = print,
) -> None:
    """Serve in the foreground until SIGTERM or SIGINT, then stop cleanly."""
    app = create_app(state_path, faults)
    _register(app, offices)
    runner, bound_port = await _start(app, host, port)
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(signum, stop.set)
    try:
        announce(f"TJ simulator listening on {base_url(host, bound_port)}")
        await stop.wait()
    finally:
        for signum in (signal.SIGTERM, signal.SIGINT):
            loop.remove_signal_handler(signum)
        await runner.cleanup()


async def _start(app: web.Application, host: str, port: int) -> tuple[web.AppRunner, int]:
    runner = web.AppRunner(app, shutdown_timeout=SHUTDOWN_TIMEOUT, access_log=None)
    await runner.setup()
    try:
        site = web.TCPSite(runner, host, port)
        await site.start()
    except BaseException:
        await runner.cleanup()
        raise
    return runner, runner.addresses[0][1]


def _register(app: web.Application, offices: Iterable[OfficeRegistration]) -> None:
    for office in offices:
        app[STATE].register_office(
            office.cns, office.certificate_pem, office.client_id, office.client_secret, utcnow()
        )
