"""Terminals that correct and exclude the same record at the same moment: one of them makes
the one new record, the others are told which one (SQLite and PostgreSQL)."""
from __future__ import annotations

from datetime import timedelta

from balcao_tui.domain.deadlines import utcnow
from balcao_tui.domain.seal_states import RecordKind
from balcao_tui.store.models import SealRecord
from support.fix_records import communicated_digital
from support.office import close_store, make_office
from support.races import PROCESSES, race_lines


def test_one_fix_per_record_whatever_the_terminals_do_at_once(db_url, tmp_path):
    office = make_office(db_url)
    target = communicated_digital(8_100_001, utcnow() - timedelta(hours=2))
    lines = race_lines(db_url, tmp_path, "fix", office.notary)
    assert sum(int(out[0]) for out in lines) == 1
    made = list(SealRecord.select().where(SealRecord.record_kind != RecordKind.ACT))
    assert len(made) == 1 and target.id in (made[0].replaces_id, made[0].excludes_id)
    refusals = [message for out in lines for message in out[1:]]
    assert len(refusals) == PROCESSES - 1
    assert all(made[0].code in message for message in refusals), refusals
    close_store()
