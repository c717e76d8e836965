"""GET /v1/selos/{codigo} and GET /v1/selos?cns=&data=: what the TJ holds, for audits."""

from __future__ import annotations

import asyncio
from datetime import date

from aiohttp import web

from balcao_tui.tj.simulator.auth import authorized_cns
from balcao_tui.tj.simulator.context import STATE, ApiError


async def consult_seal(request: web.Request) -> web.Response:
    cns = await authorized_cns(request)
    code = request.match_info["codigo"]
    seal = await asyncio.to_thread(request.app[STATE].seal, code)
    if seal is None or seal["registro"]["cns"] != cns:
        raise ApiError(404, "selo_nao_encontrado", f"O selo {code} não consta no TJ.")
    return web.json_response(seal)


async def list_seals(request: web.Request) -> web.Response:
    token_cns = await authorized_cns(request)
    cns = request.query.get("cns", "")
    if cns != token_cns:
        raise ApiError(
            403, "cns_nao_autorizado", f"O token não permite consultar o CNS {cns or '(vazio)'}."
        )
    text = request.query.get("data", "")
    try:
        day = date.fromisoformat(text)
    except ValueError:
        raise ApiError(
            400, "data_invalida", f"Informe a data como AAAA-MM-DD; veio {text!r}."
        ) from None
    seals = await asyncio.to_thread(request.app[STATE].seals_of_day, cns, day)
    return web.json_response({"cns": cns, "data": day.isoformat(), "selos": seals})
