"""Reversed and spoiled seals never reach the TJ: the day closed, the real transmitter sends
every live record to the simulator and none of the cancelled ones; a seal reversed and used
again reaches the TJ once, as its new act."""
from __future__ import annotations

from balcao_tui.domain.deadlines import office_day, utcnow
from balcao_tui.domain.seal_states import PhysicalState, SealState
from balcao_tui.store.models import PhysicalSeal, SealRecord
from balcao_tui.store.usecases.closing import Counted, close_day
from balcao_tui.store.usecases.counter import register_counter_acts
from balcao_tui.store.usecases.reversal import reverse_seals
from balcao_tui.store.usecases.spoilage import spoil_seals

from .conftest import configure_tj, count_in_state, held_codes, wait_for


async def test_cancelled_records_are_never_sent(any_office, sim, cert_files, start_transmitter):
    configure_tj(sim.url, cert_files.p12)
    now = utcnow()
    first = register_counter_acts(any_office.clerk, "autenticacao", 4, now=now)
    reverse_seals(any_office.clerk, [("AU0001", 2)], "Lançado a mais.", now=now)
    spoil_seals(any_office.supervisor, [("AU0001", 3), ("AU0001", 10)], "Rasgado.", now=now)
    again = register_counter_acts(any_office.clerk, "autenticacao", 1, now=now)
    assert (again.acts[0].number, again.acts[0].seal_code) == (2, first.acts[1].seal_code)
    close_day(any_office.supervisor, office_day(now), Counted(
        paper_count=0, cash_counted=0, explanation="Conferido à parte.",
        open_drawers_reason="Teste."))
    live = {first.acts[0].seal_code, first.acts[3].seal_code, again.acts[0].seal_code}
    start_transmitter()
    await wait_for(lambda: count_in_state(SealState.COMMUNICATED) == len(live), timeout=60)
    assert count_in_state(SealState.PENDING) == 0
    held = held_codes(sim.state_path)
    assert sorted(held) == sorted(live)  # the reused seal's code once, and nothing else
    assert first.acts[2].seal_code not in held  # the spoiled one
    for record in SealRecord.select().where(SealRecord.state == SealState.CANCELLED):
        assert (record.batch_id, record.attempts, record.sent_at, record.load_id) == (
            None, 0, None, None)
    assert SealRecord.select().where(SealRecord.state == SealState.CANCELLED).count() == 2
    states = {s.number: s.state for s in PhysicalSeal.select().where(
        (PhysicalSeal.series == "AU0001") & (PhysicalSeal.number <= 4))}
    assert states == {1: PhysicalState.SENT, 2: PhysicalState.SENT, 3: PhysicalState.SPOILED,
                      4: PhysicalState.SENT}
