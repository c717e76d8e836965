"""Backups taken while four processes register acts: the copy verifies, opens and holds
whole acts only; a copy whose bytes changed is refused and nothing is replaced (SQLite and
PostgreSQL)."""
from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import peewee as pw
import pytest

from balcao_tui.domain.seal_code import parse_seal_code
from balcao_tui.domain.seal_states import PhysicalState
from balcao_tui.store.backups import restore_backup, take_backup, verify_backup
from balcao_tui.store.backups.restore import BrokenAuditTrail
from balcao_tui.store.backups.files import sidecar
from balcao_tui.store.db import sqlite_file
from balcao_tui.store.errors import Refused
from balcao_tui.store.models import Act, PhysicalSeal, SealRecord, Setting
from balcao_tui.store.resync_flag import resync_required_since
from balcao_tui.store.usecases.counter import register_counter_acts
from balcao_tui.store.usecases.signature_cards import CardData, create_signature_card
from support import audit_tamper as tamper
from support import postgres
from support.office import close_store, make_office, open_store
from test_cli import balcao

PROCESSES = 4
ACTS_EACH = 40


@pytest.fixture
def other_url(db_url, tmp_path):
    """A second database of the same kind, to restore into."""
    if db_url.startswith("sqlite"):
        yield f"sqlite:///{tmp_path / 'restaurado' / 'balcao.db'}"
        return
    server = postgres.server_url()
    url = postgres.create_database(server)
    yield url
    close_store()
    postgres.drop_database(server, url)


def start_workers(db_url: str, office, card: int, go: Path) -> list[subprocess.Popen]:
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[1])}
    return [subprocess.Popen(
        [sys.executable, "-m", "support.register_worker", db_url, str(office.clerk), str(card),
         str(ACTS_EACH), str(200_000_000 + n * 1000), str(go)],
        env=env, stderr=subprocess.PIPE, text=True) for n in range(PROCESSES)]


def assert_whole_acts() -> int:
    """Every act with its seal record, every used physical seal with its act, the digital
    sequence without a gap: no transaction was copied halfway. Returns the acts counted."""
    acts = Act.select().count()
    records = (SealRecord.select(SealRecord.act, pw.fn.COUNT(SealRecord.id).alias("n"))
               .group_by(SealRecord.act))
    assert {row.act_id: row.n for row in records} == {a.id: 1 for a in Act.select(Act.id)}
    hybrid = list(SealRecord.select().where(SealRecord.physical_series.is_null(False)))
    used = list(PhysicalSeal.select().where(PhysicalSeal.state == PhysicalState.USED))
    assert sorted(s.act_id for s in used) == sorted(r.act_id for r in hybrid)
    digital = sorted(int(parse_seal_code(r.code).act_info) for r in
                     SealRecord.select().where(SealRecord.physical_series.is_null()))
    assert digital == list(range(1, len(digital) + 1))
    return acts


def test_a_backup_taken_while_four_processes_register_restores_whole(db_url, other_url,
                                                                     tmp_path):
    office = make_office(db_url, sheet_size=PROCESSES * ACTS_EACH)
    card = create_signature_card(office.clerk, CardData(name="Signatário Comum",
                                                        cpf="529.982.247-25")).card_id
    go = tmp_path / "go"
    workers = start_workers(db_url, office, card, go)
    go.touch()
    deadline = time.monotonic() + 120
    while SealRecord.select().count() < 2 * PROCESSES * 3 and time.monotonic() < deadline:
        time.sleep(0.05)
    info = take_backup(db_url, tmp_path / "copias")
    errors = [w.communicate(timeout=240)[1] for w in workers]
    assert [w.returncode for w in workers] == [0] * PROCESSES, errors

    assert Setting.get_by_id("backup.last_path").value == str(info.path)
    assert Setting.get_by_id("backup.last_at").value == info.taken_at.isoformat()
    everything = Act.select().count()
    assert verify_backup(info.path) == info
    assert sidecar(info.path).read_text().split() == [info.sha256, info.path.name]

    restore_backup(info.path, other_url, force=True)
    copied = assert_whole_acts()
    assert 0 < copied <= everything
    assert resync_required_since() == info.taken_at
    close_store()
    verified = balcao("--db", other_url, "audit", "verify")
    assert verified.returncode == 0, verified.stdout + verified.stderr


def test_a_copy_whose_audit_trail_was_violated_is_refused(db_url, other_url, tmp_path):
    office = make_office(db_url)
    register_counter_acts(office.clerk, "autenticacao", 2)
    victim = tamper.entries()[1]
    tamper.edit(victim)
    info = take_backup(db_url, tmp_path / "copias")
    close_store()
    with pytest.raises(BrokenAuditTrail, match=f"entrada {victim.id}"):
        restore_backup(info.path, other_url, force=True)
    if other_url.startswith("sqlite"):
        assert not sqlite_file(other_url).exists()  # nothing put in place
    else:
        open_store(other_url)
        assert resync_required_since() == info.taken_at  # replaced, but nothing issued
    close_store()


def test_a_corrupted_copy_is_refused_and_nothing_is_replaced(db_url, other_url, tmp_path):
    make_office(db_url)
    info = take_backup(db_url, tmp_path / "copias", keep=2)
    take_backup(db_url, tmp_path / "copias", keep=2)
    third = take_backup(db_url, tmp_path / "copias", keep=2)
    kept = sorted(p.name for p in (tmp_path / "copias").iterdir())
    assert info.path.name not in kept and len(kept) == 4  # two copies, two sidecars
    close_store()

    with open(third.path, "r+b") as copy:
        copy.seek(third.size // 2)
        byte = copy.read(1)
        copy.seek(third.size // 2)
        copy.write(bytes([byte[0] ^ 0xFF]))
    with pytest.raises(Refused, match="corrompida ou incompleta"):
        verify_backup(third.path)
    with pytest.raises(Refused, match="corrompida ou incompleta"):
        restore_backup(third.path, db_url, force=True)
    open_store(db_url)
    assert resync_required_since() is None  # the database was left as it was
    close_store()
