"""Corrections and exclusions against the real TJ simulator over HTTP: a criticized record
is corrected and its correction communicated; a communicated record's correction and a
hybrid seal's exclusion are accepted, and the TJ's consultation of an old code leads to the
new one."""
from __future__ import annotations

import json
from datetime import timedelta

from balcao_tui.domain.deadlines import utcnow
from balcao_tui.domain.seal_states import PhysicalState, SealState
from balcao_tui.store.usecases.corrections import CorrectionInput, correct_seal
from balcao_tui.store.usecases.exclusions import exclude_seal
from balcao_tui.tj.client import TJClient
from support.fix_records import physical_state
from support.seal_records import digital_row, insert_rows

from .conftest import CLIENT_ID, CLIENT_SECRET, configure_tj, count_in_state, wait_for
from .test_criticisms import _hybrid_from_the_counter, record

REASON = "Conferência do livro: valor lançado errado."


async def sent(running) -> None:
    running.transmitter.wake()
    await wait_for(lambda: count_in_state(SealState.PENDING) == 0, timeout=60)


async def test_a_criticized_record_is_corrected_and_its_correction_communicated(
        any_office, sim, cert_files, start_transmitter):
    configure_tj(sim.url, cert_files.p12)
    now = utcnow()
    [wrong] = insert_rows([digital_row(7_100_001, now - timedelta(hours=2), total=1)])
    running = start_transmitter()
    await sent(running)
    assert record(wrong).state == SealState.CRITICIZED
    assert [c["codigo"] for c in json.loads(record(wrong).criticisms)] == ["E10"]

    made = correct_seal(any_office.notary, record(wrong).id, CorrectionInput(exempt_reason=""),
                        REASON)
    assert record(wrong).state == SealState.CORRECTED
    await sent(running)
    assert record(made.code).state == SealState.COMMUNICATED
    assert record(wrong).state == SealState.CORRECTED
    async with TJClient(sim.url, CLIENT_ID, CLIENT_SECRET) as tj:
        held = await tj.consult(made.code)
        assert held["situacao"] == "ativo" and held["registro"]["valores"]["total"] > 1
        assert await tj.consult(wrong) is None  # the TJ never held the criticized record


async def test_corrections_and_exclusions_accepted_by_the_tj(any_office, sim, cert_files,
                                                              start_transmitter):
    configure_tj(sim.url, cert_files.p12)
    now = utcnow()
    [digital] = insert_rows([digital_row(7_100_010, now - timedelta(hours=3))])
    hybrid = _hybrid_from_the_counter(any_office.clerk)
    running = start_transmitter()
    await sent(running)
    assert {record(digital).state, record(hybrid).state} == {SealState.COMMUNICATED}

    fixed = correct_seal(any_office.notary, record(digital).id,
                         CorrectionInput(exempt_reason="Lei 11.331/2002, art. 8º"), REASON)
    redated = correct_seal(any_office.notary, record(hybrid).id, CorrectionInput(
        act_at=record(hybrid).act_at - timedelta(minutes=30)), "Data do ato trocada.")
    await sent(running)
    for old, new in ((digital, fixed.code), (hybrid, redated.code)):
        assert record(old).state == SealState.CORRECTED
        assert record(new).state == SealState.COMMUNICATED, record(new).criticisms
    series, number = record(hybrid).physical_series, record(hybrid).physical_number
    assert (record(redated.code).physical_series, record(redated.code).physical_number) == (
        series, number)

    excluded = exclude_seal(any_office.notary, record(redated.code).id, "Reimpressão.")
    assert physical_state(series, number) == PhysicalState.SPOILED
    await sent(running)
    assert record(redated.code).state == SealState.EXCLUDED
    assert record(excluded.code).state == SealState.COMMUNICATED

    async with TJClient(sim.url, CLIENT_ID, CLIENT_SECRET) as tj:
        old = await tj.consult(digital)
        assert old["situacao"] == "retificado" and old["selo_vigente"] == fixed.code
        first = await tj.consult(hybrid)
        assert first["retificado_por"] == redated.code
        assert (await tj.consult(redated.code))["excluido_por"] == excluded.code
