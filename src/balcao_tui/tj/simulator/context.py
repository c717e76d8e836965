"""What the handlers share: application keys and the JSON error every endpoint answers."""

from __future__ import annotations

import asyncio

from aiohttp import web

from balcao_tui.tj.simulator.faults import FaultInjector
from balcao_tui.tj.simulator.state import SimulatorState

STATE = web.AppKey("state", SimulatorState)
FAULTS = web.AppKey("faults", FaultInjector)
STOPPING = web.AppKey("stopping", asyncio.Event)
REQUEST_COUNTS = web.AppKey("request_counts", dict)


class ApiError(Exception):
    """Answered as `{"erro": ..., "mensagem": ...}` with its status by the middleware."""

    def __init__(
        self, status: int, error: str, message: str, headers: dict[str, str] | None = None
    ) -> None:
        super().__init__(message)
        self.status = status
        self.error = error
        self.message = message
        self.headers = headers or {}

    def response(self) -> web.Response:
        return web.json_response(
            {"erro": self.error, "mensagem": self.message},
            status=self.status,
            headers=self.headers,
        )


async def read_json(request: web.Request) -> object:
    try:
        return await request.json()
    except ValueError:
        raise ApiError(
            400, "corpo_invalido", "O corpo da requisição não é JSON válido."
        ) from None
