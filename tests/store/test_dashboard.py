"""What the dashboard reads, and the resend of a criticized record (SQLite and PostgreSQL)."""
from __future__ import annotations

import json
from collections import namedtuple
from datetime import timedelta

import pytest
from hypothesis import HealthCheck, given, settings

from balcao_tui.domain.deadlines import office_day, to_local, utcnow
from balcao_tui.domain.permissions import PermissionDenied
from balcao_tui.domain.refusal import Refusal
from balcao_tui.domain.seal_states import SealState
from balcao_tui.store.dashboard import (Move, moved_counts, moves_of, open_dashboard,
                                        records_by_id, sending_counts)
from balcao_tui.store.errors import NotFound, Refused
from balcao_tui.store.models import AuditEntry, SealRecord
from balcao_tui.store.transmission import start_batch
from balcao_tui.store.usecases.counter import register_counter_acts
from balcao_tui.store.usecases.resend import resend_record
from support.hostile import (HOSTILE_NUMBERS, assert_clean_refusal, assert_clean_stored,
                             hostile_text, snapshot)
from support.seal_records import digital_row, insert_rows

NOW = utcnow()
TODAY = office_day(NOW)
CRITICISM = [{"codigo": "C12", "mensagem": "Valor do emolumento diverge da tabela vigente."}]


def seed() -> dict[str, list[str]]:
    """Records of every state, today and two days ago; returns the codes per state."""
    rows, sequence = [], 1
    plan = [(SealState.PENDING, 3, NOW - timedelta(hours=1)),
            (SealState.PENDING, 1, NOW - timedelta(hours=23)),  # 1 h left
            (SealState.CRITICIZED, 1, NOW - timedelta(hours=2)),
            (SealState.FAILED, 1, NOW - timedelta(days=2)),  # late
            (SealState.WAITING_CLOSING, 2, NOW - timedelta(hours=3)),
            (SealState.COMMUNICATED, 4, NOW - timedelta(days=2)),
            (SealState.COMMUNICATED, 2, NOW - timedelta(minutes=5)),
            (SealState.CORRECTED, 1, NOW - timedelta(days=2)),
            (SealState.EXCLUDED, 1, NOW - timedelta(days=2))]
    codes: dict[str, list[str]] = {}
    for state, count, at in plan:
        for _ in range(count):
            extra = {"criticisms": json.dumps(CRITICISM)} if state == SealState.CRITICIZED else {}
            if state == SealState.FAILED:
                extra = {"failure": "Registro sem o código do ato."}
            row = digital_row(sequence, at, state=state, **extra)
            rows.append(row)
            codes.setdefault(state, []).append(row["code"])
            sequence += 1
    insert_rows(rows)
    return codes


def ids_of(codes: list[str]) -> list[int]:
    """In the order of `codes`."""
    ids = dict(SealRecord.select(SealRecord.code, SealRecord.id)
               .where(SealRecord.code.in_(codes)).tuples())
    return [ids[code] for code in codes]


def test_counts_by_state_today_and_overall(any_office):
    seed()
    data = open_dashboard(TODAY)
    assert data.counts.overall == {"waiting_closing": 2, "pending": 4, "communicated": 6, "criticized": 1,
                       "failed": 1, "corrected": 1, "excluded": 1}
    # "Today" is the office's calendar day: count what seed() put on it.
    expected_today = sum(1 for r in SealRecord.select() if r.day == TODAY and r.state == "pending")
    assert data.counts.today["pending"] == expected_today
    assert data.counts.today["corrected"] == 0


def test_the_list_holds_pending_criticized_and_failed_nearest_deadline_first(any_office):
    codes = seed()
    listing = open_dashboard(TODAY).listing
    assert listing.complete
    assert [row.code for row in listing.rows] == (
        codes["failed"] + [codes["pending"][3]] + codes["criticized"] + codes["pending"][:3])
    criticized = next(row for row in listing.rows if row.state == "criticized")
    assert [(c.code, c.message) for c in criticized.criticisms] == [
        ("C12", "Valor do emolumento diverge da tabela vigente.")]
    failed = listing.rows[0]
    assert failed.failure == "Registro sem o código do ato."


def test_a_short_list_says_it_is_not_complete(any_office):
    codes = seed()
    listing = open_dashboard(TODAY, limit=2).listing
    assert not listing.complete
    assert [row.code for row in listing.rows] == codes["failed"] + [codes["pending"][3]]


def test_records_are_read_again_by_key(any_office):
    codes = seed()
    [pending, criticized] = ids_of([codes["pending"][0], codes["criticized"][0]])
    rows = {row.id: row for row in records_by_id([criticized, pending, 10**9])}
    assert set(rows) == {pending, criticized}
    assert rows[criticized].state == "criticized" and rows[criticized].listed
    SealRecord.update(state="communicated").where(SealRecord.id == pending).execute()
    [row] = records_by_id([pending])
    assert row.state == "communicated" and not row.listed


def test_counts_move_by_the_changes_old_and_new_states(any_office):
    codes = seed()
    counts = open_dashboard(TODAY).counts
    [recent] = ids_of([codes["pending"][0]])
    moves = [Move(recent, "pending", "criticized"), Move(999, None, "waiting_closing")]
    moved = moved_counts(counts, moves, {recent: TODAY, 999: TODAY}, TODAY, (0, 0))
    assert moved.overall["pending"] == counts.overall["pending"] - 1
    assert moved.overall["criticized"] == counts.overall["criticized"] + 1
    assert moved.overall["waiting_closing"] == counts.overall["waiting_closing"] + 1
    assert moved.today["criticized"] == counts.today["criticized"] + 1
    into_settled = moved_counts(counts, [Move(recent, "pending", "communicated")], {}, TODAY,
                                (0, 0))
    assert into_settled.overall["communicated"] == counts.overall["communicated"] + 1
    assert into_settled.today == counts.today  # a record of another day


def test_the_feeds_seal_record_changes_become_moves():
    change = namedtuple("Change", "revision entity key detail")
    changes = [change(7, "seal_record", "12", "pending>criticized"),
               change(8, "seal_record", "13", ">waiting_closing"),
               change(9, "user", "2", "")]
    assert moves_of(changes) == [Move(12, "pending", "criticized"),
                                 Move(13, None, "waiting_closing")]


def test_the_batch_being_sent_is_counted_as_sending(any_office):
    codes = seed()
    assert sending_counts(TODAY) == (0, 0)
    start_batch(codes["pending"][:2])
    assert sending_counts(TODAY) == (sum(1 for c in codes["pending"][:2]
                                         if SealRecord.get(SealRecord.code == c).day == TODAY),
                                     2)


def test_acts_per_hour_of_the_day(any_office):
    register_counter_acts(any_office.clerk, "autenticacao", 2, now=NOW)
    hours = open_dashboard(TODAY).acts_per_hour
    assert len(hours) == 24 and hours[to_local(NOW).hour] == sum(hours) == 2


def test_resend_puts_a_criticized_record_back_in_the_queue(any_office):
    codes = seed()
    [criticized, failed] = ids_of([codes["criticized"][0], codes["failed"][0]])
    requeued = resend_record(any_office.supervisor, criticized, "Cadastro do ato corrigido no TJ.",
                             now=NOW)
    assert requeued.code == codes["criticized"][0]
    assert SealRecord.get_by_id(criticized).state == SealState.PENDING
    entry = AuditEntry.get(AuditEntry.action == "seal.resend")
    assert (entry.user_id, entry.entity_id, entry.reason) == (
        any_office.supervisor, str(criticized), "Cadastro do ato corrigido no TJ.")
    assert json.loads(json.loads(entry.detail)["criticas"]) == CRITICISM
    resend_record(any_office.notary, failed, "Código do ato cadastrado.", now=NOW)
    assert SealRecord.get_by_id(failed).state == SealState.PENDING


def test_resend_refuses_what_is_not_criticized_or_failed(any_office):
    codes = seed()
    [pending, criticized] = ids_of([codes["pending"][0], codes["criticized"][0]])
    with pytest.raises(Refused, match="só um selo criticado"):
        resend_record(any_office.supervisor, pending, "motivo")
    with pytest.raises(NotFound):
        resend_record(any_office.supervisor, 10**9, "motivo")
    with pytest.raises(PermissionDenied):
        resend_record(any_office.clerk, criticized, "motivo")
    with pytest.raises(Refusal, match="motivo"):
        resend_record(any_office.supervisor, criticized, "   ")
    assert SealRecord.get_by_id(criticized).state == SealState.CRITICIZED
    assert not AuditEntry.select().where(AuditEntry.action == "seal.resend").exists()


@settings(max_examples=40, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(reason=hostile_text())
def test_resend_with_hostile_reasons_refuses_cleanly_or_stores_clean_text(office, reason):
    if not SealRecord.select().exists():
        seed()
    criticized = SealRecord.get(SealRecord.criticisms != "").id
    before = snapshot()
    try:
        resend_record(office.supervisor, criticized, reason)
    except Exception as exc:  # noqa: BLE001 - the check is on what was raised
        assert_clean_refusal(exc)
        assert snapshot() == before
    else:
        assert_clean_stored(AuditEntry.select().order_by(AuditEntry.id.desc()).get(), "reason",
                            "reason")
        SealRecord.update(state="criticized").where(SealRecord.id == criticized).execute()


@pytest.mark.parametrize("record_id", HOSTILE_NUMBERS)
def test_resend_of_a_hostile_record_id_refuses_cleanly(office, record_id):
    before = snapshot()
    with pytest.raises(Refusal) as refused:
        resend_record(office.supervisor, record_id, "motivo")
    assert_clean_refusal(refused.value)
    assert snapshot() == before
