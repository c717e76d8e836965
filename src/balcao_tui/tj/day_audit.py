"""The audit of a day against the TJ: the TJ's listing of the day (its consultation API),
read with the office's OAuth client, compared with the store's records of that day."""
from __future__ import annotations

import asyncio
from datetime import date
from typing import Mapping

import httpx

from ..domain.refusal import Refusal
from ..domain.tj_audit import DayAudit, SealContent, TJRecord, compare_day
from ..store.usecases.office import get_settings
from ..store.usecases.tj_audit import local_day
from .client import TJClient, TJError
from .db_thread import db_call
from .transmitter_config import TransmitterConfig, config_from_settings
from .wire import ListedSeal, WireFormatError, listed_seal_from_json

TIMEOUT = 20.0


class TJAuditFailed(Refusal):
    """The TJ could not be consulted (message in pt-BR); nothing was compared."""


async def audit_day(actor_id: int, day: date, *, env: Mapping[str, str] | None = None,
                    transport: httpx.AsyncBaseTransport | None = None,
                    timeout: float = TIMEOUT) -> DayAudit:
    """The role is checked (and the store read) before the TJ is asked anything."""
    local = await db_call(local_day, actor_id, day)
    config = await db_call(tj_config, env)
    listing = await list_day_at_tj(config, local.cns, day, transport, timeout)
    return compare_day(day, local.records, listing)


def audit_day_blocking(actor_id: int, day: date, **kwargs) -> DayAudit:
    """For a thread worker or the command line: the audit on an event loop of its own."""
    return asyncio.run(audit_day(actor_id, day, **kwargs))


def tj_config(env: Mapping[str, str] | None) -> TransmitterConfig:
    return config_from_settings(get_settings("tj."), env)


async def list_day_at_tj(config: TransmitterConfig, cns: str, day: date,
                         transport: httpx.AsyncBaseTransport | None,
                         timeout: float) -> list[TJRecord]:
    if not all(config.client_key):
        raise TJAuditFailed(config.problem)
    try:
        async with TJClient(config.url, config.client_id, config.client_secret,
                            timeout=timeout, transport=transport) as client:
            raw = await client.list_by_day(cns, day)
    except TJError as exc:
        raise TJAuditFailed(f"Não foi possível consultar o TJ: {exc.message}") from None
    try:
        listed = [listed_seal_from_json(item) for item in raw]
    except WireFormatError as exc:
        raise TJAuditFailed(f"Resposta do TJ ilegível: {exc}") from None
    return [_tj_record(seal) for seal in listed if seal.record.cns == cns]


def _tj_record(seal: ListedSeal) -> TJRecord:
    rec = seal.record
    return TJRecord(
        SealContent(code=rec.code, kind=rec.kind, act_code=rec.act_code, act_at=rec.act_at,
                    values=dict(rec.values), exempt_reason=rec.exempt_reason,
                    quantity=rec.quantity, physical_seal=rec.physical_seal,
                    replaces=rec.replaces, excludes=rec.excludes),
        seal.situation, seal.received_at, seal.late)
