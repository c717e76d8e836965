"""Faults on demand, seen through the TJClient the transmitter uses."""

from __future__ import annotations

import asyncio
import time

import httpx
import pytest

from balcao_tui.tj.client import TJClient, TJRateLimited, TJUnavailable
from balcao_tui.tj.simulator.faults import BatchFault, FaultInjector, Faults, FaultSettingsError

from .conftest import CLIENT_ID, CLIENT_SECRET, CNS, set_faults, stats


async def test_expired_token_is_renewed_once_on_401(sim, records):
    set_faults(sim.url, token_ttl_seconds=1)
    frozen = [1000.0]
    # A frozen clock makes the client trust its cached token, so the TJ's 401 is what
    # triggers the renewal.
    async with TJClient(sim.url, CLIENT_ID, CLIENT_SECRET, clock=lambda: frozen[0]) as tj:
        first = await tj.token()
        await asyncio.sleep(1.1)
        token = await tj.token()
        assert token == first
        response = httpx.get(f"{sim.url}/v1/selos/X", headers={"Authorization": f"Bearer {first}"})
        assert response.status_code == 401
        assert response.json()["erro"] == "token_expirado"
        [result] = await tj.send_batch(CNS, [records.hybrid()])
        assert result.accepted
        assert await tj.token() != first
    assert stats(sim.url)["tokens_emitidos"] == 2


async def test_token_is_renewed_before_it_expires(sim):
    set_faults(sim.url, token_ttl_seconds=100)
    now = [0.0]
    async with TJClient(sim.url, CLIENT_ID, CLIENT_SECRET, clock=lambda: now[0]) as tj:
        first = await tj.token()
        now[0] = 50.0
        assert await tj.token() == first
        now[0] = 91.0  # inside the renewal margin (a tenth of the lifetime)
        assert await tj.token() != first
    assert stats(sim.url)["tokens_emitidos"] == 2


async def test_missing_and_unknown_tokens_are_401(sim):
    assert httpx.get(f"{sim.url}/v1/selos/X").json()["erro"] == "token_ausente"
    unknown = httpx.get(f"{sim.url}/v1/selos/X", headers={"Authorization": "Bearer nada"})
    assert unknown.status_code == 401 and unknown.json()["erro"] == "token_invalido"


async def test_server_errors_are_unavailable_and_nothing_is_held(sim, client, records):
    set_faults(sim.url, error_rate=1.0, seed=7)
    for _ in range(6):
        with pytest.raises(TJUnavailable):
            await client.send_batch(CNS, [records.hybrid()])
    counts = stats(sim.url)
    injected = counts["falhas_injetadas"]
    assert injected.get("erro_500", 0) + injected.get("erro_503", 0) == 6
    assert injected.get("erro_500") and injected.get("erro_503")
    assert counts["registros_mantidos"] == 0 and counts["lotes_recebidos"] == 0


async def test_raw_statuses_of_server_errors(sim, client):
    token = await client.token()
    set_faults(sim.url, error_rate=1.0, seed=3)
    statuses = {
        httpx.post(
            f"{sim.url}/v1/lotes", json={}, headers={"Authorization": f"Bearer {token}"}
        ).status_code
        for _ in range(10)
    }
    assert statuses == {500, 503}


async def test_rate_limit_carries_retry_after(sim, client, records):
    set_faults(sim.url, rate_limit_rate=1.0, retry_after_seconds=7)
    with pytest.raises(TJRateLimited) as info:
        await client.send_batch(CNS, [records.hybrid()])
    assert info.value.retry_after == 7.0
    assert "7" in info.value.message


async def test_dropped_connection_after_commit_keeps_the_records(sim, client, records):
    batch = [records.hybrid(), records.hybrid()]
    set_faults(sim.url, drop_after_commit_rate=1.0)
    with pytest.raises(TJUnavailable):
        await client.send_batch(CNS, batch)
    httpx.post(f"{sim.url}/_sim/reset")
    assert (await client.consult(batch[0].code))["situacao"] == "ativo"
    results = await client.send_batch(CNS, batch)
    assert all(r.accepted for r in results)
    counts = stats(sim.url)
    assert counts["registros_mantidos"] == 2
    assert counts["falhas_injetadas"] == {"conexao_derrubada": 1}


async def test_hanging_tj_is_a_timeout(sim, records):
    set_faults(sim.url, timeout_rate=1.0, hang_seconds=30)
    async with TJClient(sim.url, CLIENT_ID, CLIENT_SECRET, timeout=0.3) as tj:
        started = time.monotonic()
        with pytest.raises(TJUnavailable, match="tempo limite"):
            await tj.send_batch(CNS, [records.hybrid()])
        assert time.monotonic() - started < 2
    assert stats(sim.url)["registros_mantidos"] == 0
    started = time.monotonic()
    sim.stop()
    assert time.monotonic() - started < 3


async def test_latency_delays_every_answer(sim, client):
    set_faults(sim.url, latency_ms=250)
    started = time.monotonic()
    assert await client.consult("1455731RS0000000000999263") is None
    assert time.monotonic() - started >= 0.25


async def test_connection_refused_is_unavailable(sim, records):
    url = sim.url
    sim.stop()
    async with TJClient(url, CLIENT_ID, CLIENT_SECRET, connect_timeout=1.0) as tj:
        with pytest.raises(TJUnavailable, match="conexão"):
            await tj.send_batch(CNS, [records.hybrid()])


def test_fault_settings_endpoint_and_reset(sim):
    assert httpx.get(f"{sim.url}/_sim/falhas").json() == Faults().to_json()
    changed = set_faults(sim.url, error_rate=0.5, seed=42)
    assert changed["error_rate"] == 0.5 and changed["seed"] == 42
    assert httpx.get(f"{sim.url}/_sim/falhas").json() == changed
    refused = httpx.post(f"{sim.url}/_sim/falhas", json={"error_rate": 2})
    assert refused.status_code == 400 and "entre 0 e 1" in refused.json()["mensagem"]
    assert httpx.post(f"{sim.url}/_sim/falhas", json={"nada": 1}).status_code == 400
    assert httpx.post(f"{sim.url}/_sim/reset").json() == Faults().to_json()


def test_same_seed_replays_the_same_faults():
    settings = Faults(error_rate=0.3, rate_limit_rate=0.2, timeout_rate=0.1, seed=99)
    first, second = FaultInjector(settings), FaultInjector(settings)
    sequence = [first.before_batch() for _ in range(200)]
    assert sequence == [second.before_batch() for _ in range(200)]
    assert set(sequence) == set(BatchFault)
    with pytest.raises(FaultSettingsError):
        Faults(timeout_rate=-0.1)
