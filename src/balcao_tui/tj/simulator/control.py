"""The simulator's own control endpoints under /_sim (no authentication; never in the TJ)."""

from __future__ import annotations

import asyncio

from aiohttp import web

from balcao_tui.domain.deadlines import utcnow
from balcao_tui.tj.simulator.context import FAULTS, REQUEST_COUNTS, STATE, ApiError, read_json
from balcao_tui.tj.simulator.faults import FaultSettingsError
from balcao_tui.tj.simulator.registration import RegistrationError, check_registration
from balcao_tui.tj.simulator.state import OfficeRegistrationError


async def register_office(request: web.Request) -> web.Response:
    try:
        office = check_registration(await read_json(request))
        await asyncio.to_thread(
            request.app[STATE].register_office,
            office.cns,
            office.certificate_pem,
            office.client_id,
            office.client_secret,
            utcnow(),
        )
    except (RegistrationError, OfficeRegistrationError) as exc:
        raise ApiError(400, "cadastro_invalido", str(exc)) from None
    return web.json_response({"cns": office.cns, "client_id": office.client_id}, status=201)


async def get_faults(request: web.Request) -> web.Response:
    return web.json_response(request.app[FAULTS].settings.to_json())


async def set_faults(request: web.Request) -> web.Response:
    injector = request.app[FAULTS]
    try:
        injector.configure(injector.settings.updated(await read_json(request)))
    except (FaultSettingsError, TypeError) as exc:
        raise ApiError(400, "falhas_invalidas", str(exc)) from None
    return web.json_response(injector.settings.to_json())


async def reset_faults(request: web.Request) -> web.Response:
    request.app[FAULTS].reset()
    return web.json_response(request.app[FAULTS].settings.to_json())


async def statistics(request: web.Request) -> web.Response:
    counts = await asyncio.to_thread(request.app[STATE].statistics)
    counts.update(request.app[REQUEST_COUNTS])
    counts["falhas_injetadas"] = dict(request.app[FAULTS].injected)
    return web.json_response(counts)
