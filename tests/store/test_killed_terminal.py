"""A terminal killed with -9 in the middle of registering acts leaves nothing half-saved."""
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import peewee as pw

from balcao_tui.store.models import Act, PhysicalSeal, SealRecord
from balcao_tui.domain.seal_states import PhysicalState
from balcao_tui.store.usecases.signature_cards import CardData, create_signature_card
from support.killed_sessions import wait_for_killed_sessions
from support.office import close_store, make_office, open_store

TESTS = Path(__file__).resolve().parents[1]


def _worker(url, clerk, card, count, cpf_base, go):
    return subprocess.Popen(
        [sys.executable, "-m", "support.register_worker", url, str(clerk), str(card),
         str(count), str(cpf_base), str(go)],
        env={**os.environ, "PYTHONPATH": str(TESTS)}, stderr=subprocess.PIPE, text=True)


def _assert_consistent():
    used = list(PhysicalSeal.select().where(PhysicalSeal.state == PhysicalState.USED))
    hybrid = list(SealRecord.select().where(SealRecord.physical_series.is_null(False)))
    assert {(s.series, s.number) for s in used} == {(r.physical_series, r.physical_number)
                                                    for r in hybrid}
    assert all(s.act_id is not None for s in used)
    acts_without_record = (Act.select().join(SealRecord, pw.JOIN.LEFT_OUTER,
                                             on=(SealRecord.act == Act.id))
                           .where(SealRecord.id.is_null()).count())
    assert acts_without_record == 0
    return len(used)


def test_kill_9_mid_registration_then_carry_on(db_url, tmp_path):
    office = make_office(db_url, sheet_size=300)
    card = create_signature_card(office.clerk, CardData(name="Signatário Comum",
                                                        cpf="529.982.247-25")).card_id
    close_store()
    go = tmp_path / "go"
    go.touch()
    victim = _worker(db_url, office.clerk, card, 100, 200_000_000, go)
    open_store(db_url)
    deadline = time.monotonic() + 60
    while Act.select().count() < 20 and time.monotonic() < deadline:
        time.sleep(0.02)
    victim.send_signal(signal.SIGKILL)
    victim.wait(timeout=10)
    assert victim.returncode == -signal.SIGKILL
    wait_for_killed_sessions()
    before = _assert_consistent()
    assert 10 <= before < 100

    survivor = _worker(db_url, office.clerk, card, 50, 300_000_000, go)
    _, err = survivor.communicate(timeout=120)
    assert survivor.returncode == 0, err
    assert _assert_consistent() == before + 50  # no seal lost, none given twice
    close_store()
