"""Structural failures: a batch refused whole is split down to the one record the TJ refuses;
a record that breaks the wire layout is never sent; a refused login blames no record."""
from __future__ import annotations

import subprocess

import httpx

from balcao_tui.store.models import SealRecord, TransmissionBatch
from balcao_tui.domain.seal_states import SealState
from balcao_tui.store.usecases.credentials import set_oauth_client
from balcao_tui.tj.link_status import LinkState
from support.seal_records import digital_row, insert_pending, insert_rows

from .conftest import CLI, CLIENT_ID, CLIENT_SECRET, configure_tj, count_in_state, held_codes, wait_for

REFUSAL = "Registro com campo fora da tabela do TJ."


class RefusingTransport(httpx.AsyncBaseTransport):
    """The real simulator behind it, except that a batch carrying `poisoned` gets a 422."""

    def __init__(self, poisoned: str) -> None:
        self._inner = httpx.AsyncHTTPTransport()
        self.poisoned = poisoned.encode()
        self.refused_sizes: list[int] = []

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        if request.url.path == "/v1/lotes":
            body = await request.aread()
            if self.poisoned in body:
                self.refused_sizes.append(body.count(b'"codigo"'))
                return httpx.Response(422, json={"erro": "registro_invalido",
                                                 "mensagem": REFUSAL})
        return await self._inner.handle_async_request(request)

    async def aclose(self) -> None:
        await self._inner.aclose()


async def test_batch_refused_whole_is_split_and_only_the_culprit_fails(
        any_office, sim, cert_files, start_transmitter):
    configure_tj(sim.url, cert_files.p12)
    codes = insert_pending(40)
    culprit = codes[13]
    transport = RefusingTransport(culprit)
    running = start_transmitter(transport=transport)
    await wait_for(lambda: count_in_state(SealState.PENDING) == 0, timeout=30)
    assert SealRecord.get(SealRecord.code == culprit).state == SealState.FAILED
    assert SealRecord.get(SealRecord.code == culprit).failure == f"Recusado pelo TJ: {REFUSAL}"
    assert count_in_state(SealState.COMMUNICATED) == 39
    assert sorted(held_codes(sim.state_path)) == sorted(c for c in codes if c != culprit)
    assert transport.refused_sizes == [40, 20, 10, 5, 3, 2, 1]  # halves down to the one
    assert TransmissionBatch.select().where(TransmissionBatch.outcome == "failed").count() == 7
    await wait_for(lambda: running.transmitter.totals.failed == 1)
    shown = subprocess.run([*CLI, "--db", any_office.url, "seals", "show", culprit],
                           capture_output=True, text=True, timeout=60).stdout
    assert "Situação:       falha estrutural" in shown
    assert f"Falha:          Recusado pelo TJ: {REFUSAL}" in shown


async def test_record_outside_the_wire_layout_is_failed_without_sending(
        office, sim, cert_files, start_transmitter):
    configure_tj(sim.url, cert_files.p12)
    [good] = insert_pending(1)
    [bad] = insert_rows([digital_row(8_000_001, SealRecord.get(SealRecord.code == good).act_at,
                                     iss=-5)])
    running = start_transmitter()
    await wait_for(lambda: count_in_state(SealState.PENDING) == 0, timeout=30)
    failed = SealRecord.get(SealRecord.code == bad)
    assert failed.state == SealState.FAILED and failed.attempts == 0
    assert failed.failure.startswith("Registro fora do leiaute do TJ:")
    assert "'iss'" in failed.failure
    assert held_codes(sim.state_path) == [good]
    assert running.transmitter.totals.failed == 1


async def test_refused_credentials_fail_no_record(any_office, sim, cert_files,
                                                  start_transmitter):
    configure_tj(sim.url, cert_files.p12)
    set_oauth_client(None, CLIENT_ID, "segredo-errado")
    insert_pending(3)
    running = start_transmitter()
    await wait_for(lambda: running.transmitter.status.state is LinkState.STOPPED
                   and "recusou o acesso" in running.transmitter.status.detail)
    assert "Client id ou client secret inválido." in running.transmitter.status.detail
    assert count_in_state(SealState.PENDING) == 3
    assert count_in_state(SealState.FAILED) == 0
    set_oauth_client(None, CLIENT_ID, CLIENT_SECRET)
    await wait_for(lambda: count_in_state(SealState.COMMUNICATED) == 3, timeout=30)
