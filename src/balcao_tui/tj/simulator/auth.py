"""OAuth client credentials: the token endpoint and the Bearer check of the API."""

from __future__ import annotations

import asyncio
import time

from aiohttp import web

from balcao_tui.tj.simulator.context import FAULTS, STATE, ApiError

_INVALID_TOKEN = {"WWW-Authenticate": 'Bearer error="invalid_token"'}


async def issue_token(request: web.Request) -> web.Response:
    form = await request.post()
    if form.get("grant_type") != "client_credentials":
        raise ApiError(
            400, "grant_type_invalido", "Use grant_type=client_credentials para obter o token."
        )
    client_id, secret = form.get("client_id"), form.get("client_secret")
    if not isinstance(client_id, str) or not isinstance(secret, str):
        raise ApiError(401, "credenciais_invalidas", "Informe client_id e client_secret.")
    ttl = request.app[FAULTS].settings.token_ttl_seconds
    token = await asyncio.to_thread(
        request.app[STATE].issue_token, client_id, secret, ttl, time.time()
    )
    if token is None:
        raise ApiError(401, "credenciais_invalidas", "Client id ou client secret inválido.")
    return web.json_response(
        {"access_token": token, "token_type": "Bearer", "expires_in": ttl},
        headers={"Cache-Control": "no-store"},
    )


async def authorized_cns(request: web.Request) -> str:
    """The CNS of the office whose valid token came with the request."""
    header = request.headers.get("Authorization", "")
    scheme, _, token = header.partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise ApiError(401, "token_ausente", "Envie o token de acesso (Bearer).", _INVALID_TOKEN)
    check = await asyncio.to_thread(request.app[STATE].check_token, token.strip(), time.time())
    if check.status == "expirado":
        raise ApiError(401, "token_expirado", "O token de acesso expirou.", _INVALID_TOKEN)
    if check.status != "valido" or check.cns is None:
        raise ApiError(401, "token_invalido", "Token de acesso desconhecido.", _INVALID_TOKEN)
    return check.cns
