"""With the transmitter and the TJ simulator running, a closing releases the whole day: every
hybrid and daily seal of the day ends communicated, the TJ holds each code exactly once, and
no batch mixed the records of two loads (or of a load and anything else)."""
from __future__ import annotations

import dataclasses
import sqlite3
import time
from collections import defaultdict

from balcao_tui.domain.deadlines import office_day, utcnow
from balcao_tui.domain.seal_states import PhysicalState, SealState
from balcao_tui.store.models import PhysicalSeal, SealRecord
from balcao_tui.store.usecases.closing import close_day
from balcao_tui.store.usecases.daily import add_daily_count
from balcao_tui.store.usecases.signature_cards import CardData, create_signature_card
from support.closing import assert_closed, counted, daily_records, hybrid_records, register_many

from .conftest import FAST, configure_tj, count_in_state, sim_stats, wait_for

# Three loads (500, 500, 100); batches of 300 would cross from one load into the next if
# the transmitter did not keep them apart.
KINDS = [("firma_sem_valor", "RF0501", 400), ("firma_com_valor", "RF0502", 300),
         ("autenticacao", "AU0501", 400)]
HYBRID = sum(count for _, _, count in KINDS)
BATCH = 300


def _batches_at_the_tj(state_path) -> dict[int, list[str]]:
    db = sqlite3.connect(state_path)
    try:
        held = defaultdict(list)
        for batch, code in db.execute("SELECT batch_id, code FROM records"):
            held[batch].append(code)
        return dict(held)
    finally:
        db.close()


def _received_per_batch(state_path) -> int:
    db = sqlite3.connect(state_path)
    try:
        return db.execute("SELECT COALESCE(SUM(record_count), 0) FROM batches").fetchone()[0]
    finally:
        db.close()


async def test_a_closed_day_reaches_the_tj_whole_and_once(any_office, sim, cert_files,
                                                          start_transmitter):
    office = any_office
    configure_tj(sim.url, cert_files.p12)
    now = utcnow()
    day = office_day(now)
    card = create_signature_card(office.clerk, CardData(name="Maria da Silva",
                                                        cpf="529.982.247-25"),
                                 generate_seal=True, now=now).card_id
    for kind, series, count in KINDS:
        register_many(office.admin, office.clerk, kind, series, count, now, card=card)
    add_daily_count(office.clerk, "fotocopia", 40, now=now)
    add_daily_count(office.clerk2, "autenticacao_digital", 7, now=now)
    running = start_transmitter(dataclasses.replace(FAST, batch_size=BATCH))

    # Before the closing only the signature card's digital seal goes; the hybrid ones wait.
    await wait_for(lambda: count_in_state(SealState.COMMUNICATED) == 1, timeout=30)
    started = time.monotonic()
    outcome = close_day(office.supervisor, day, counted(day))
    assert (outcome.loads, outcome.records, len(outcome.daily_seals)) == (3, HYBRID, 2)
    assert_closed(day, HYBRID, {"fotocopia", "autenticacao_digital"})
    total = SealRecord.select().count()
    assert total == 1 + HYBRID + 2
    await wait_for(lambda: count_in_state(SealState.COMMUNICATED) == total, timeout=90)
    took = time.monotonic() - started
    await running.stop()

    hybrid, daily = list(hybrid_records(day)), list(daily_records(day))
    assert {r.state for r in hybrid + daily} == {SealState.COMMUNICATED}
    assert {s.state for s in PhysicalSeal.select().where(PhysicalSeal.day == day)} == {
        PhysicalState.SENT}
    # Exactly once at the TJ: each code held once, nothing resent, nothing refused.
    batches = _batches_at_the_tj(sim.state_path)
    held = [code for codes in batches.values() for code in codes]
    ours = [code for (code,) in SealRecord.select(SealRecord.code).tuples()]
    assert sorted(held) == sorted(ours)
    stats = sim_stats(sim.url)
    assert stats["registros_mantidos"] == total and stats["registros_criticados"] == 0
    assert _received_per_batch(sim.state_path) == total
    # One load per batch: a batch's records all come from one load, or none from any.
    load_of = dict(SealRecord.select(SealRecord.code, SealRecord.load).tuples())
    mixed = {batch: sorted({load_of[code] or 0 for code in codes})
             for batch, codes in batches.items() if len({load_of[code] for code in codes}) > 1}
    assert not mixed, f"batches that mixed loads (0: no load): {mixed}"
    assert len(batches) == 1 + 2 + 2 + 1 + 1  # the card; 300 + 200 twice; 100; the daily seals
    print(f"\n{total} records of a closed day communicated {took:.1f} s after the closing, "
          f"in {len(batches)} batches")
