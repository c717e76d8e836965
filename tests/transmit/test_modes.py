"""Online, offline and scheduled modes; the expired certificate; wake(); the lease standby."""
from __future__ import annotations

import asyncio
import time
from dataclasses import replace
from datetime import timedelta

from balcao_tui.domain.deadlines import format_date, to_local, utcnow
from balcao_tui.store.lease import acquire_lease, lease_holder
from balcao_tui.store.models import SealRecord
from balcao_tui.domain.seal_states import SealState
from balcao_tui.store.usecases.credentials import import_certificate
from balcao_tui.store.usecases.office import set_settings
from balcao_tui.store.usecases.signature_cards import CardData, create_signature_card
from balcao_tui.tj.link_status import LinkState
from balcao_tui.tj.signing import load_certificate
from support.seal_records import digital_row, insert_pending, insert_rows

from .conftest import CERT_PASSWORD, FAST, configure_tj, count_in_state, sim_stats, wait_for


def state_of(code: str) -> str:
    return SealRecord.get(SealRecord.code == code).state


async def test_wake_sends_at_once_not_at_the_next_poll(any_office, sim, cert_files,
                                                       start_transmitter):
    configure_tj(sim.url, cert_files.p12)
    running = start_transmitter(replace(FAST, poll_interval=30.0))
    await wait_for(lambda: running.transmitter.status.detail == "Todos os selos foram enviados.")
    made = create_signature_card(any_office.clerk, CardData(name="Maria Teste da Silva",
                                                            cpf="52998224725"),
                                 generate_seal=True)
    woken_at = time.monotonic()
    running.transmitter.wake()
    await wait_for(lambda: state_of(made.seal_code) == SealState.COMMUNICATED, timeout=10)
    took = time.monotonic() - woken_at
    assert took < 3.0, f"sent {took:.2f} s after wake(); the poll interval is 30 s"
    await wait_for(lambda: running.transmitter.status.last_success_at is not None, timeout=5)
    assert running.transmitter.status.state is LinkState.ONLINE


async def test_wake_from_another_thread(office, sim, cert_files, start_transmitter):
    configure_tj(sim.url, cert_files.p12)
    running = start_transmitter(replace(FAST, poll_interval=30.0))
    await wait_for(lambda: running.transmitter.status.state is LinkState.ONLINE)
    await asyncio.sleep(0.2)
    [code] = insert_pending(1)
    woken_at = time.monotonic()
    await asyncio.to_thread(running.transmitter.wake)
    await wait_for(lambda: state_of(code) == SealState.COMMUNICATED, timeout=5)
    assert time.monotonic() - woken_at < 3.0  # the wake crossed threads; no 30 s poll


async def test_offline_mode_holds_everything(any_office, sim, cert_files, start_transmitter):
    configure_tj(sim.url, cert_files.p12, **{"tj.mode": "offline"})
    codes = insert_pending(3)
    running = start_transmitter()
    await wait_for(lambda: running.transmitter.status.state is LinkState.OFFLINE)
    running.transmitter.wake()
    await asyncio.sleep(4 * FAST.poll_interval)
    assert running.transmitter.status.detail == "Modo offline: 3 selo(s) aguardando envio."
    assert sim_stats(sim.url).get("requisicoes_lote", 0) == 0
    assert count_in_state(SealState.PENDING) == 3
    assert lease_holder("transmitter") is None
    set_settings(None, {"tj.mode": "online"})
    running.transmitter.wake()
    await wait_for(lambda: all(state_of(c) == SealState.COMMUNICATED for c in codes))


async def test_expired_certificate_stops_with_the_reason(any_office, sim, cert_files,
                                                         start_transmitter):
    configure_tj(sim.url, cert_files.p12)
    running = start_transmitter()
    await wait_for(lambda: running.transmitter.status.state is LinkState.ONLINE)
    # Checked every cycle: the office's file is replaced by an expired one while running.
    import_certificate(None, str(cert_files.expired_p12), CERT_PASSWORD)
    codes = insert_pending(2)
    running.transmitter.wake()
    await wait_for(lambda: running.transmitter.status.state is LinkState.STOPPED)
    expired = load_certificate(cert_files.expired_p12, CERT_PASSWORD).not_valid_after
    detail = running.transmitter.status.detail
    assert detail == f"Certificado digital vencido em {format_date(expired)}"
    assert running.transmitter.status.certificate_expires_at == expired
    await asyncio.sleep(3 * FAST.poll_interval)
    assert [state_of(c) for c in codes] == [SealState.PENDING] * 2
    assert sim_stats(sim.url)["registros_mantidos"] == 0
    assert any(s.state is LinkState.STOPPED and "vencido" in s.detail
               for s in running.statuses)


async def test_missing_configuration_stops_with_a_clear_reason(office, start_transmitter):
    insert_pending(1)
    running = start_transmitter()
    await wait_for(lambda: running.transmitter.status.state is LinkState.STOPPED
                   and "não configurada" in running.transmitter.status.detail)
    assert "client secret" in running.transmitter.status.detail


async def test_standby_while_another_holds_the_lease_then_takes_over(
        any_office, sim, cert_files, start_transmitter):
    configure_tj(sim.url, cert_files.p12)
    assert acquire_lease("transmitter", "outro-servidor:1:abc", timedelta(seconds=2))
    codes = insert_pending(5)
    running = start_transmitter()
    await wait_for(lambda: running.transmitter.status.state is LinkState.STANDBY)
    standby_at = time.monotonic()
    assert count_in_state(SealState.PENDING) == 5
    await wait_for(lambda: all(state_of(c) == SealState.COMMUNICATED for c in codes))
    took = time.monotonic() - standby_at
    assert took < 2.0 + 2 * FAST.poll_interval + 1.0
    assert lease_holder("transmitter") == running.transmitter.holder
    await running.stop()
    assert lease_holder("transmitter") is None


async def test_scheduled_mode_sends_the_day_at_its_time_and_the_urgent_ones(
        any_office, sim, cert_files, start_transmitter):
    now = utcnow()
    schedule = to_local(now - timedelta(hours=1)).strftime("%H:%M")
    configure_tj(sim.url, cert_files.p12, **{"tj.mode": "agendado", "tj.schedule": schedule})
    before = digital_row(6_000_001, now - timedelta(hours=3))        # before the schedule
    after = digital_row(6_000_002, now - timedelta(minutes=20))      # after it: waits
    urgent = digital_row(6_000_003, now - timedelta(minutes=10),     # after it, but due soon
                         deadline_at=now + timedelta(hours=1))
    insert_rows([before, after, urgent])
    running = start_transmitter()
    await wait_for(lambda: state_of(before["code"]) == SealState.COMMUNICATED
                   and state_of(urgent["code"]) == SealState.COMMUNICATED)
    await asyncio.sleep(3 * FAST.poll_interval)
    assert state_of(after["code"]) == SealState.PENDING
    status = running.transmitter.status
    assert status.state is LinkState.OFFLINE
    assert status.detail == f"Envio agendado para {schedule}: 1 selo(s) aguardando."
