"""POST /v1/lotes: receive a batch, with the faults the settings ask for."""

from __future__ import annotations

import asyncio
from typing import Any

from aiohttp import web

from balcao_tui.domain.deadlines import utcnow
from balcao_tui.tj.simulator.auth import authorized_cns
from balcao_tui.tj.simulator.context import FAULTS, REQUEST_COUNTS, STATE, STOPPING, ApiError
from balcao_tui.tj.simulator.context import read_json
from balcao_tui.tj.simulator.faults import BatchFault
from balcao_tui.tj.wire import MAX_BATCH, batch_response_to_json


async def receive_batch(request: web.Request) -> web.StreamResponse:
    request.app[REQUEST_COUNTS]["requisicoes_lote"] += 1
    await _fault_before_processing(request)
    token_cns = await authorized_cns(request)
    cns, records = _batch_body(await read_json(request))
    if cns != token_cns:
        raise ApiError(
            403,
            "cns_nao_autorizado",
            f"O token é da serventia {token_cns} e não pode enviar o lote do CNS {cns}.",
        )
    batch_id, results = await asyncio.to_thread(
        request.app[STATE].receive_batch, cns, records, utcnow()
    )
    if request.app[FAULTS].drop_after_commit():
        if request.transport is not None:
            request.transport.abort()
        # The way aiohttp itself ends a handler whose client vanished: no answer is sent.
        raise asyncio.CancelledError()
    return web.json_response(batch_response_to_json(batch_id, results))


async def _fault_before_processing(request: web.Request) -> None:
    injector = request.app[FAULTS]
    fault = injector.before_batch()
    if fault is BatchFault.RATE_LIMIT:
        seconds = injector.settings.retry_after_seconds
        raise ApiError(
            429,
            "limite_de_requisicoes",
            f"Muitas requisições; tente de novo em {seconds} s.",
            {"Retry-After": str(seconds)},
        )
    if fault is BatchFault.ERROR_500:
        raise ApiError(500, "erro_interno", "Erro interno no TJ; tente mais tarde.")
    if fault is BatchFault.ERROR_503:
        raise ApiError(503, "indisponivel", "Serviço do TJ indisponível; tente mais tarde.")
    if fault is BatchFault.HANG:
        stopping = request.app[STOPPING]
        try:
            await asyncio.wait_for(stopping.wait(), injector.settings.hang_seconds)
        except TimeoutError:
            pass
        raise ApiError(504, "tempo_esgotado", "O TJ não respondeu a tempo.")


def _batch_body(body: Any) -> tuple[str, list[Any]]:
    if not isinstance(body, dict) or not isinstance(body.get("cns"), str):
        raise ApiError(400, "corpo_invalido", "O lote deve ser um objeto com 'cns' e 'registros'.")
    records = body.get("registros")
    if not isinstance(records, list):
        raise ApiError(400, "corpo_invalido", "O lote deve trazer a lista 'registros'.")
    if not records:
        raise ApiError(400, "lote_vazio", "O lote não tem registros.")
    if len(records) > MAX_BATCH:
        raise ApiError(
            413,
            "lote_excedido",
            f"O lote tem {len(records)} registros; o máximo é {MAX_BATCH}.",
        )
    return body["cns"], records
