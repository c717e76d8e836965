"""Closing the day: loads, daily seals, the locked day, the report's sums, on both databases."""
from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

import pytest

from balcao_tui.domain.fees import COLUMN_NAMES
from balcao_tui.domain.permissions import PermissionDenied
from balcao_tui.domain.seal_states import RecordKind, SealState
from balcao_tui.store.daily_seals import make_daily_seals
from balcao_tui.store.db import write_transaction
from balcao_tui.store.errors import Refused
from balcao_tui.store.models import (Act, AuditEntry, DailyEntry, Office, SealLoad, SealRecord,
                                     ShiftClosing, User)
from balcao_tui.store.usecases.closing import Counted, close_day
from balcao_tui.store.usecases.closing_report import closing_report
from balcao_tui.store.usecases.counter import register_counter_acts
from balcao_tui.store.usecases.daily import add_daily_count
from balcao_tui.store.usecases.signature_cards import CardData, create_signature_card
from support.closing import counted, register_many
from support.office import make_office

DAY = date(2026, 11, 21)
MORNING = datetime(2026, 11, 21, 13, 0, tzinfo=timezone.utc)  # 10:00 in São Paulo
EVENING = datetime(2026, 11, 21, 21, 0, tzinfo=timezone.utc)


def _busy_day(office) -> None:
    card = create_signature_card(office.clerk, CardData(name="Maria da Silva",
                                                        cpf="529.982.247-25"),
                                 generate_seal=True, now=MORNING)
    for kind in ("firma_sem_valor", "firma_com_valor", "firma_autenticidade", "certidao_firma"):
        register_counter_acts(office.clerk, kind, 2, signature_card_id=card.card_id, now=MORNING)
    register_counter_acts(office.clerk, "autenticacao", 3, now=MORNING)
    register_counter_acts(office.clerk2, "firma_sem_valor", 4, signature_card_id=card.card_id,
                          now=MORNING)
    register_counter_acts(office.clerk2, "firma_sem_valor", 1, signature_card_id=card.card_id,
                          exempt_reason="Lei 1.060/50", payment="isento", now=MORNING)
    add_daily_count(office.clerk, "fotocopia", 12, now=MORNING)
    add_daily_count(office.clerk2, "fotocopia", 8, now=MORNING)
    add_daily_count(office.clerk2, "autenticacao_digital", 5, now=MORNING)


@pytest.fixture
def busy_office(db_url):
    office = make_office(db_url)
    _busy_day(office)
    return office


def test_closing_makes_loads_daily_seals_and_locks_the_day(busy_office):
    office = busy_office
    waiting = list(SealRecord.select().where(SealRecord.state == SealState.WAITING_CLOSING))
    assert len(waiting) == 2 * 4 + 3 + 4 + 1

    outcome = close_day(office.supervisor, DAY, counted(DAY), now=EVENING)

    assert (outcome.loads, outcome.records, outcome.already_closed) == (1, len(waiting), False)
    assert SealRecord.select().where(SealRecord.state == SealState.WAITING_CLOSING).count() == 0
    load = SealLoad.get()
    assert (load.day, load.number, load.record_count) == (DAY, 1, len(waiting))
    hybrid = SealRecord.select().where(SealRecord.physical_series.is_null(False))
    assert {(r.state, r.load_id, r.queued_at) for r in hybrid} == {("pending", load.id, EVENING)}
    daily = {r.act_kind: r for r in SealRecord.select().where(SealRecord.act.is_null()
                                                              & (SealRecord.day == DAY))}
    assert set(daily) == {"fotocopia", "autenticacao_digital"}
    assert daily["fotocopia"].quantity == 20 and daily["autenticacao_digital"].quantity == 5
    assert all(r.state == SealState.PENDING and r.record_kind == RecordKind.ACT
               for r in daily.values())
    photocopy = daily["fotocopia"]
    assert photocopy.iss > 0 and photocopy.total == sum(
        getattr(photocopy, name) for name in COLUMN_NAMES)  # the notary pays the ISS
    digital = daily["autenticacao_digital"]
    assert digital.total == sum(getattr(digital, name) for name in COLUMN_NAMES) + digital.iss
    assert ShiftClosing.get().closed_by_id == office.supervisor
    assert AuditEntry.get(AuditEntry.action == "day.close").user_id == office.supervisor

    with pytest.raises(Refused, match="já foi fechado"):
        register_counter_acts(office.clerk, "autenticacao", 1, now=EVENING)
    with pytest.raises(Refused, match="já foi fechado"):
        add_daily_count(office.clerk, "fotocopia", 1, now=EVENING)


def test_closing_again_is_harmless(busy_office):
    close_day(busy_office.supervisor, DAY, counted(DAY), now=EVENING)
    before = sorted(SealRecord.select(SealRecord.code, SealRecord.state, SealRecord.load).tuples())
    again = close_day(busy_office.notary, DAY, Counted(0, 0), now=EVENING + timedelta(hours=1))
    assert again.already_closed and again.loads == 0
    assert sorted(SealRecord.select(SealRecord.code, SealRecord.state, SealRecord.load)
                  .tuples()) == before
    assert ShiftClosing.select().count() == 1 and SealLoad.select().count() == 1


def test_the_report_adds_up_to_the_centavo(busy_office):
    office = busy_office
    report = closing_report(office.supervisor, DAY)
    acts = list(Act.select().where(Act.day == DAY))
    by_kind: dict[str, list[Act]] = {}
    for act in acts:
        by_kind.setdefault(act.kind, []).append(act)
    for line in report.kinds:
        mine = by_kind[line.kind]
        assert line.count == len(mine)
        assert line.total == sum(a.total for a in mine)
        assert line.iss == sum(a.iss for a in mine)
        for name in COLUMN_NAMES:
            assert getattr(line.columns, name) == sum(getattr(a, name) for a in mine)
    assert {line.kind for line in report.kinds} == set(by_kind)
    entries = list(DailyEntry.select())
    assert report.cash_expected == sum(a.total for a in acts) + sum(e.total for e in entries)
    clara = User.get_by_id(office.clerk).name
    clerk_line = next(c for c in report.clerks if c.name == clara)
    assert clerk_line.count == sum(1 for a in acts if a.clerk_id == office.clerk)
    assert clerk_line.total == sum(a.total for a in acts if a.clerk_id == office.clerk) + sum(
        e.total for e in entries if e.clerk_id == office.clerk)
    assert sum(p.total for p in report.payments) == report.cash_expected
    exempt = next(p for p in report.payments if p.payment == "isento")
    assert (exempt.count, exempt.total) == (1, 0)
    rf1 = next(s for s in report.sheets if s.series == "RF0001")
    assert rf1.ranges == ((1, 8),) and rf1.gaps == () and rf1.used == 8
    assert report.paper_expected == len(acts) - 1  # the signature card takes no physical seal
    assert report.waiting_records == report.paper_expected
    assert [d.closed for d in report.drawers] == [False, False]


def test_a_gap_is_an_available_seal_before_the_last_one_used(any_office):
    office = any_office
    register_counter_acts(office.clerk, "autenticacao", 2, now=MORNING)
    register_counter_acts(office.clerk, "autenticacao", 1, seals=[("AU0001", 7)], now=MORNING)
    sheet = next(s for s in closing_report(office.supervisor, DAY).sheets if s.series == "AU0001")
    assert sheet.ranges == ((1, 2), (7, 7)) and sheet.gaps == ((3, 6),)


def test_divergences_and_open_drawers_need_words(busy_office):
    office = busy_office
    right = counted(DAY)
    with pytest.raises(Refused, match="divergência") as refusal:
        close_day(office.supervisor, DAY, Counted(right.paper_count - 1, right.cash_counted,
                                                  open_drawers_reason="x"), now=EVENING)
    assert refusal.value.field == "explanation"
    with pytest.raises(Refused, match="aberto") as refusal:
        close_day(office.supervisor, DAY, Counted(right.paper_count, right.cash_counted),
                  now=EVENING)
    assert refusal.value.field == "open_drawers_reason"
    assert ShiftClosing.select().count() == 0 and SealLoad.select().count() == 0
    close_day(office.supervisor, DAY, Counted(right.paper_count - 1, right.cash_counted + 5,
                                              "Um selo colado fora da folha; R$ 0,05 de troco.",
                                              "Bruno saiu mais cedo."), now=EVENING)
    closing = ShiftClosing.get()
    assert (closing.paper_expected - closing.paper_count, closing.cash_counted
            - closing.cash_expected) == (1, 5)
    assert "troco" in closing.explanation


def test_only_supervisors_and_above_close_and_never_a_future_day(busy_office):
    with pytest.raises(PermissionDenied):
        close_day(busy_office.clerk, DAY, counted(DAY), now=EVENING)
    with pytest.raises(Refused, match="ainda não chegou"):
        close_day(busy_office.supervisor, DAY + timedelta(days=1), counted(DAY), now=EVENING)
    assert ShiftClosing.select().count() == 0


def test_a_past_day_closes_alone(any_office):
    office = any_office
    register_counter_acts(office.clerk, "autenticacao", 2, now=MORNING - timedelta(days=1))
    register_counter_acts(office.clerk, "autenticacao", 1, now=MORNING)
    close_day(office.supervisor, DAY - timedelta(days=1), counted(DAY - timedelta(days=1)),
              now=MORNING)
    states = dict(SealRecord.select(SealRecord.day, SealRecord.state).tuples())
    assert states == {DAY - timedelta(days=1): "pending", DAY: "waiting_closing"}
    register_counter_acts(office.clerk, "autenticacao", 1, now=MORNING)  # today stays open


def test_loads_hold_at_most_500_records_in_order(any_office):
    office = any_office
    register_many(office.admin, office.clerk, "autenticacao", "AU0099", 1203, MORNING)
    outcome = close_day(office.supervisor, DAY, counted(DAY), now=EVENING)
    loads = list(SealLoad.select().order_by(SealLoad.number))
    assert [(l.number, l.record_count) for l in loads] == [(1, 500), (2, 500), (3, 203)]
    assert outcome.loads == 3 and outcome.records == 1203
    for load in loads:
        ids = [r.id for r in SealRecord.select(SealRecord.id).where(SealRecord.load == load)]
        assert len(ids) == load.record_count
    first_ids = [r.id for r in SealRecord.select().where(SealRecord.load == loads[0])]
    later_ids = [r.id for r in SealRecord.select().where(SealRecord.load == loads[1])]
    assert max(first_ids) < min(later_ids)


def test_a_daily_seal_made_again_the_same_day_is_a_correction(any_office):
    office = any_office
    add_daily_count(office.clerk, "fotocopia", 10, now=MORNING)
    supervisor = User.get_by_id(office.supervisor)
    with write_transaction():
        first, = make_daily_seals(Office.get(), DAY, supervisor)
    with write_transaction():
        assert make_daily_seals(Office.get(), DAY, supervisor) == []  # nothing changed
    DailyEntry.create(kind="fotocopia", day=DAY, clerk=office.clerk, quantity=2,
                      created_at=MORNING)
    with write_transaction():
        second, = make_daily_seals(Office.get(), DAY, supervisor)
    assert second.record_kind == RecordKind.CORRECTION and second.replaces_id == first.id
    assert (first.quantity, second.quantity) == (10, 12) and second.code != first.code
