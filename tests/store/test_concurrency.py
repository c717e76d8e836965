"""Several terminals on one database never share a physical seal nor a sequential code."""
import os
import subprocess
import sys
from pathlib import Path

from balcao_tui.domain.seal_code import parse_seal_code
from balcao_tui.store.models import PhysicalSeal, SealRecord
from balcao_tui.domain.seal_states import PhysicalState
from balcao_tui.store.usecases.signature_cards import CardData, create_signature_card
from support.office import close_store, make_office, open_store

PROCESSES = 4
ACTS_EACH = 100


def test_processes_never_take_the_same_seal_or_code(db_url, tmp_path):
    office = make_office(db_url, sheet_size=PROCESSES * ACTS_EACH)
    card = create_signature_card(office.clerk, CardData(name="Signatário Comum",
                                                        cpf="529.982.247-25")).card_id
    close_store()
    go = tmp_path / "go"
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[1])}
    workers = [subprocess.Popen(
        [sys.executable, "-m", "support.register_worker", db_url, str(office.clerk), str(card),
         str(ACTS_EACH), str(100_000_000 + n * 1000), str(go)],
        env=env, stderr=subprocess.PIPE, text=True) for n in range(PROCESSES)]
    go.touch()
    errors = [w.communicate(timeout=240)[1] for w in workers]
    assert [w.returncode for w in workers] == [0] * PROCESSES, errors

    open_store(db_url)
    hybrid = list(SealRecord.select().where(SealRecord.physical_series.is_null(False)))
    assert len(hybrid) == PROCESSES * ACTS_EACH
    physical = {(r.physical_series, r.physical_number) for r in hybrid}
    assert len(physical) == PROCESSES * ACTS_EACH  # no seal given twice
    used = PhysicalSeal.select().where(PhysicalSeal.state == PhysicalState.USED)
    assert used.count() == PROCESSES * ACTS_EACH
    assert {s.act_id for s in used} == {r.act_id for r in hybrid}  # each seal -> its own act

    digital = [parse_seal_code(r.code) for r in
               SealRecord.select().where(SealRecord.physical_series.is_null())]
    assert len(digital) == PROCESSES * ACTS_EACH
    sequences = sorted(int(p.act_info) for p in digital)
    assert sequences == list(range(1, PROCESSES * ACTS_EACH + 1))  # no gap, no repeat
    close_store()
