"""The office's HTTP client of the TJ API: one httpx.AsyncClient, a cached OAuth token.

Failures come out as three exceptions the transmitter can act on: TJUnavailable (try
again later), TJRateLimited (try again after `retry_after` seconds) and TJRejected (the
request itself is wrong; trying again will not help). Messages are in pt-BR.
"""

from __future__ import annotations

import asyncio
import time
from datetime import date, datetime, timezone
from email.utils import parsedate_to_datetime
from typing import Any, Callable, Iterable

import httpx

from balcao_tui.tj.wire import (
    RecordResult,
    WireFormatError,
    WireRecord,
    batch_to_json,
    parse_batch_response,
)

DEFAULT_TIMEOUT = 30.0
DEFAULT_CONNECT_TIMEOUT = 10.0
RENEW_MARGIN = 60.0
DEFAULT_RETRY_AFTER = 5.0


class TJError(Exception):
    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class TJUnavailable(TJError):
    """The TJ did not answer usefully (5xx, timeout, connection lost): retry later."""


class TJRateLimited(TJError):
    def __init__(self, message: str, retry_after: float) -> None:
        super().__init__(message)
        self.retry_after = retry_after


class TJRejected(TJError):
    """The TJ refused the request itself (4xx): sending it again will not help.

    `status` is 0 when the batch was refused here, before reaching the TJ.
    """

    def __init__(self, message: str, status: int, error: str | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.error = error


class TJClient:
    def __init__(
        self,
        base_url: str,
        client_id: str,
        client_secret: str,
        *,
        timeout: float = DEFAULT_TIMEOUT,
        connect_timeout: float = DEFAULT_CONNECT_TIMEOUT,
        renew_margin: float = RENEW_MARGIN,
        clock: Callable[[], float] = time.monotonic,
        transport: httpx.AsyncBaseTransport | None = None,
    ) -> None:
        self._client_id = client_id
        self._client_secret = client_secret
        self._renew_margin = renew_margin
        self._clock = clock
        self._token: str | None = None
        self._token_expires_at = 0.0
        self._token_lock = asyncio.Lock()
        self._http = httpx.AsyncClient(
            base_url=base_url.rstrip("/"),
            timeout=httpx.Timeout(timeout, connect=connect_timeout),
            transport=transport,
        )

    def __repr__(self) -> str:
        return f"TJClient({str(self._http.base_url)!r}, client_id={self._client_id!r})"

    async def __aenter__(self) -> "TJClient":
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        await self.aclose()

    async def aclose(self) -> None:
        await self._http.aclose()

    async def token(self) -> str:
        """A valid access token, asking for a new one shortly before the cached one expires."""
        async with self._token_lock:
            if self._token is not None and self._clock() < self._token_expires_at:
                return self._token
            return await self._new_token()

    async def _new_token(self) -> str:
        asked_at = self._clock()
        response = await self._send(
            "POST",
            "/oauth/token",
            data={
                "grant_type": "client_credentials",
                "client_id": self._client_id,
                "client_secret": self._client_secret,
            },
        )
        body = _json_or_raise(response)
        try:
            token, lifetime = str(body["access_token"]), float(body["expires_in"])
        except (KeyError, TypeError, ValueError):
            raise TJUnavailable("Resposta do TJ sem token de acesso válido.") from None
        margin = min(self._renew_margin, lifetime / 10)
        self._token, self._token_expires_at = token, asked_at + lifetime - margin
        return token

    async def send_batch(self, cns: str, records: Iterable[WireRecord]) -> list[RecordResult]:
        try:
            body = batch_to_json(cns, records)
        except WireFormatError as exc:
            raise TJRejected(str(exc), 0, "lote_invalido") from None
        response = await self._authorized("POST", "/v1/lotes", json=body)
        try:
            return parse_batch_response(_json_or_raise(response))
        except WireFormatError as exc:
            raise TJUnavailable(f"Resposta do TJ ilegível: {exc}") from None

    async def consult(self, code: str) -> dict[str, Any] | None:
        response = await self._authorized(
            "GET", f"/v1/selos/{code}", passthrough=frozenset({404})
        )
        if response.status_code == 404:
            return None
        return _json_or_raise(response)

    async def list_by_day(self, cns: str, day: date | str) -> list[dict[str, Any]]:
        text = day.isoformat() if isinstance(day, date) else day
        response = await self._authorized("GET", "/v1/selos", params={"cns": cns, "data": text})
        body = _json_or_raise(response)
        seals = body.get("selos") if isinstance(body, dict) else None
        if not isinstance(seals, list):
            raise TJUnavailable("Resposta do TJ sem a lista de selos.")
        return seals

    async def _authorized(
        self, method: str, path: str, *, passthrough: frozenset[int] = frozenset(), **kwargs: Any
    ) -> httpx.Response:
        """Send with the token; on a 401 (expired or unknown token) renew it once."""
        for _attempt in range(2):
            headers = {"Authorization": f"Bearer {await self.token()}"}
            response = await self._send(
                method, path, passthrough=passthrough | {401}, headers=headers, **kwargs
            )
            if response.status_code != 401:
                return response
            self._token = None
        error, message = _error_fields(response)
        raise TJRejected(message or "O TJ recusou o token de acesso.", 401, error)

    async def _send(
        self, method: str, path: str, *, passthrough: frozenset[int] = frozenset(), **kwargs: Any
    ) -> httpx.Response:
        try:
            response = await self._http.request(method, path, **kwargs)
        except httpx.TimeoutException:
            raise TJUnavailable("O TJ não respondeu dentro do tempo limite.") from None
        except httpx.TransportError:
            raise TJUnavailable("Falha de conexão com o TJ.") from None
        if response.status_code not in passthrough:
            _raise_for_status(response)
        return response


def _raise_for_status(response: httpx.Response) -> None:
    status = response.status_code
    if status < 400:
        return
    error, message = _error_fields(response)
    if status == 429:
        retry_after = _retry_after(response.headers.get("Retry-After"))
        raise TJRateLimited(
            message or f"O TJ pediu para aguardar {retry_after:g} s antes de novo envio.",
            retry_after,
        )
    if status >= 500 or status == 408:
        raise TJUnavailable(message or f"O TJ está indisponível (HTTP {status}).")
    raise TJRejected(message or f"O TJ recusou a requisição (HTTP {status}).", status, error)


def _json_or_raise(response: httpx.Response) -> Any:
    try:
        return response.json()
    except ValueError:
        raise TJUnavailable("Resposta do TJ não é JSON.") from None


def _error_fields(response: httpx.Response) -> tuple[str | None, str | None]:
    try:
        body = response.json()
    except ValueError:
        return None, None
    if not isinstance(body, dict):
        return None, None
    error, message = body.get("erro"), body.get("mensagem")
    return (
        error if isinstance(error, str) else None,
        message if isinstance(message, str) else None,
    )


def _retry_after(value: str | None) -> float:
    if not value:
        return DEFAULT_RETRY_AFTER
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return DEFAULT_RETRY_AFTER
    if when.tzinfo is None:
        when = when.replace(tzinfo=timezone.utc)
    return max(0.0, (when - datetime.now(timezone.utc)).total_seconds())
