"""The simulated TJ as an aiohttp application."""

from __future__ import annotations

import asyncio
from collections import Counter
from pathlib import Path
from typing import Awaitable, Callable

from aiohttp import web

from balcao_tui.tj.simulator import auth, batches, control, seals
from balcao_tui.tj.simulator.context import (
    FAULTS,
    REQUEST_COUNTS,
    STATE,
    STOPPING,
    ApiError,
)
from balcao_tui.tj.simulator.faults import FaultInjector, Faults
from balcao_tui.tj.simulator.state import SimulatorState

MAX_BODY_BYTES = 16 * 1024 * 1024
_Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]
_STATUS_ERRORS = {
    404: ("nao_encontrado", "Endereço não encontrado no TJ."),
    405: ("metodo_nao_permitido", "Método não permitido neste endereço."),
    413: ("corpo_excedido", "O corpo da requisição é grande demais."),
}


def create_app(state_path: str | Path, faults: Faults | None = None) -> web.Application:
    app = web.Application(
        middlewares=[_json_errors, _latency], client_max_size=MAX_BODY_BYTES
    )
    app[STATE] = SimulatorState(state_path)
    app[FAULTS] = FaultInjector(faults)
    app[STOPPING] = asyncio.Event()
    app[REQUEST_COUNTS] = Counter()
    app.add_routes(
        [
            web.post("/oauth/token", auth.issue_token),
            web.post("/v1/lotes", batches.receive_batch),
            web.get("/v1/selos", seals.list_seals),
            web.get("/v1/selos/{codigo}", seals.consult_seal),
            web.post("/_sim/serventias", control.register_office),
            web.get("/_sim/falhas", control.get_faults),
            web.post("/_sim/falhas", control.set_faults),
            web.post("/_sim/reset", control.reset_faults),
            web.get("/_sim/estatisticas", control.statistics),
        ]
    )
    app.on_shutdown.append(_wake_hanging_requests)
    app.on_cleanup.append(_close_state)
    return app


@web.middleware
async def _json_errors(request: web.Request, handler: _Handler) -> web.StreamResponse:
    try:
        return await handler(request)
    except ApiError as exc:
        return exc.response()
    except web.HTTPException as exc:
        if exc.status not in _STATUS_ERRORS:
            raise
        error, message = _STATUS_ERRORS[exc.status]
        return ApiError(exc.status, error, message).response()


@web.middleware
async def _latency(request: web.Request, handler: _Handler) -> web.StreamResponse:
    latency_ms = request.app[FAULTS].settings.latency_ms
    if latency_ms and not request.path.startswith("/_sim/"):
        await asyncio.sleep(latency_ms / 1000)
    return await handler(request)


async def _wake_hanging_requests(app: web.Application) -> None:
    app[STOPPING].set()


async def _close_state(app: web.Application) -> None:
    app[STATE].close()
