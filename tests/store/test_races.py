"""Six terminals doing the same thing at the same moment: the database keeps one of each,
and the losers get the same Portuguese refusal as a single terminal would (SQLite and
PostgreSQL)."""
import json

import peewee as pw

from balcao_tui.domain.seal_states import PhysicalState, SealState
from balcao_tui.domain.deadlines import office_day, utcnow
from balcao_tui.domain.payment import COUNTED_METHODS
from balcao_tui.store.models import (Act, AuditEntry, CashDrawer, DailyEntry, PhysicalSeal,
                                     SealRecord, SealSheet, SignatureCard, User)
from balcao_tui.store.usecases.counter import register_counter_acts
from balcao_tui.store.usecases.daily import add_daily_count
from balcao_tui.store.usecases.stock import add_seal_sheet
from support.office import close_store, make_office
from support.race_worker import CPFS, LOGINS, REVERSED
from support.races import PROCESSES, race, race_lines

def test_one_card_per_cpf(db_url, tmp_path):
    office = make_office(db_url)
    done = race(db_url, tmp_path, "cards", office.clerk)
    assert sum(done) == len(CPFS)
    assert SignatureCard.select().count() == len(CPFS)
    assert (SignatureCard.select(SignatureCard.cpf).distinct().count()) == len(CPFS)
    close_store()


def test_one_user_per_login(db_url, tmp_path):
    office = make_office(db_url)
    done = race(db_url, tmp_path, "logins", office.admin)
    assert sum(done) == len(LOGINS)
    assert User.select().where(User.login.in_(LOGINS)).count() == len(LOGINS)
    close_store()


def test_one_user_per_login_with_first_access_codes(db_url, tmp_path):
    office = make_office(db_url)
    lines = race_lines(db_url, tmp_path, "invites", office.admin)
    assert sum(int(out[0]) for out in lines) == len(LOGINS)
    refusals = {message for out in lines for message in out[1:]}
    assert refusals == {f"Já existe um usuário com o login {login}." for login in LOGINS}
    assert User.select().where(User.login.in_(LOGINS)).count() == len(LOGINS)
    created = AuditEntry.select().where(AuditEntry.action == "user.create")
    assert created.count() == len(LOGINS) + 5  # and the test office's five
    close_store()


def test_overlapping_sheets_never_share_a_seal(db_url, tmp_path):
    office = make_office(db_url)
    done = race(db_url, tmp_path, "sheets", office.admin)
    sheets = list(SealSheet.select().where(SealSheet.series == "RC0009"))
    assert len(sheets) == sum(done) >= 1
    ranges = sorted((s.first_number, s.last_number) for s in sheets)
    assert all(a[1] < b[0] for a, b in zip(ranges, ranges[1:]))  # no overlap
    seals = PhysicalSeal.select().where(PhysicalSeal.series == "RC0009")
    assert seals.count() == sum(last - first + 1 for first, last in ranges)
    assert {s.sheet_id for s in seals} == {s.id for s in sheets}
    close_store()


def test_corrections_never_take_the_days_total_below_zero(db_url, tmp_path):
    office = make_office(db_url)
    add_daily_count(office.clerk, "fotocopia", 60)  # 6 terminals try 20 corrections of -1
    done = race(db_url, tmp_path, "daily", office.clerk)
    total = DailyEntry.select(pw.fn.SUM(DailyEntry.quantity)).scalar()
    assert sum(done) == 60 and total == 0
    close_store()


def test_the_same_seals_are_reversed_once_and_the_others_are_told_why(db_url, tmp_path):
    office = make_office(db_url)
    acts = [a.act_id for a in register_counter_acts(office.clerk, "autenticacao", 6).acts]
    outputs = race_lines(db_url, tmp_path, "reverse", office.clerk)
    assert sorted(int(lines[0]) for lines in outputs) == [0] * (PROCESSES - 1) + [1]
    refusals = [message for lines in outputs for message in lines[1:]]
    assert len(refusals) == PROCESSES - 1
    assert all(m.startswith("O selo AU0001 ") and m.endswith(" já foi estornado.")
               for m in refusals), refusals
    seals = PhysicalSeal.select().where((PhysicalSeal.series == "AU0001")
                                        & PhysicalSeal.number.in_(list(REVERSED)))
    assert {s.state for s in seals} == {PhysicalState.REVERSED}
    cancelled = Act.select().where(Act.cancelled_at.is_null(False))
    assert sorted(a.id for a in cancelled) == acts[:5]
    assert len({a.cancelled_at for a in cancelled}) == 1  # one transaction did them all
    assert (SealRecord.select().where(SealRecord.state == SealState.CANCELLED).count(),
            SealRecord.select().where(SealRecord.state == SealState.WAITING_CLOSING).count()) \
        == (5, 1)
    assert AuditEntry.select().where(AuditEntry.action == "seal.reverse").count() == 1
    close_store()


def test_a_drawer_closes_once_and_counts_every_service_it_let_in(db_url, tmp_path):
    office = make_office(db_url)
    day = office_day(utcnow())
    done = race(db_url, tmp_path, "drawer", office.clerk)
    closings = AuditEntry.select().where(AuditEntry.action == "drawer.close").count()
    services = (AuditEntry.select().where(AuditEntry.action.in_(["act.register", "daily.add"]))
                .count())
    assert closings == 1 and CashDrawer.select().count() == 1
    assert sum(done) == closings + services >= 3  # the winner's services came first
    # Nothing got in after the closing: what it reconciled is what the store holds.
    live = {method: 0 for method in COUNTED_METHODS}
    for row in [*Act.select().where((Act.clerk == office.clerk) & (Act.day == day)),
                *DailyEntry.select().where((DailyEntry.clerk == office.clerk)
                                           & (DailyEntry.day == day))]:
        live[row.payment] += row.total
    drawer = CashDrawer.get()
    assert {method: getattr(drawer, f"expected_{method}") for method in COUNTED_METHODS} == live
    close_store()


def test_overlapping_hand_overs_never_give_a_seal_twice(db_url, tmp_path):
    office = make_office(db_url)
    add_seal_sheet(office.supervisor, series="RF0100", seal_type="reconhecimento",
                   first_number=1, last_number=100)
    outputs = race_lines(db_url, tmp_path, "assign", office.supervisor)
    winners = sum(int(lines[0]) for lines in outputs)
    refusals = [message for lines in outputs for message in lines[1:]]
    assert winners >= 1 and winners + len(refusals) == PROCESSES
    assert all(" já está com " in m and m.endswith("use Mover para passá-lo a outro "
                                                   "escrevente.") for m in refusals), refusals
    handed = [json.loads(e.detail) for e in
              AuditEntry.select().where(AuditEntry.action == "stock.assign")]
    assert len(handed) == winners
    ranges = sorted((h["de"], h["ate"]) for h in handed)
    assert all(a[1] < b[0] for a, b in zip(ranges, ranges[1:]))  # no seal given twice
    for sheet in SealSheet.select().where(SealSheet.series == "RF0100"):
        numbers = sorted(s.number for s in sheet.seals)
        assert (sheet.first_number, sheet.last_number) == (numbers[0], numbers[-1])
        if sheet.clerk_id is not None:
            assert numbers == list(range(numbers[0], numbers[-1] + 1))
    given = PhysicalSeal.select().join(SealSheet).where(
        (PhysicalSeal.series == "RF0100") & SealSheet.clerk.is_null(False)).count()
    assert given == sum(h["selos"] for h in handed) == 20 * winners
    close_store()


def test_a_move_during_the_counters_work_leaves_each_used_seal_with_its_clerk(db_url, tmp_path):
    office = make_office(db_url)
    outputs = race_lines(db_url, tmp_path, "move_use", office.supervisor)
    registered = sum(int(lines[0]) for lines in outputs[:3])
    assert sum(int(lines[0]) for lines in outputs[3:]) == 1  # one move, the others refused
    used = list(PhysicalSeal.select(PhysicalSeal, SealSheet, Act).join(SealSheet)
                .switch(PhysicalSeal).join(Act).where(PhysicalSeal.series == "AU0001"))
    assert len(used) == registered == Act.select().count()
    assert all(s.sheet.clerk_id == s.act.clerk_id == office.clerk for s in used)
    bruno = PhysicalSeal.select().join(SealSheet).where(SealSheet.clerk == office.clerk2)
    bruno_au = [s for s in bruno if s.series == "AU0001"]
    assert len(bruno_au) == 50 - registered
    assert {s.state for s in bruno_au} <= {PhysicalState.AVAILABLE}
    late = [m for lines in outputs[:3] for m in lines[1:]]
    assert all("cartela de selos de autenticação acabou" in m for m in late), late
    close_store()


def test_terminals_auditing_at_once_keep_one_valid_chain(db_url, tmp_path):
    from balcao_tui.store.audit_chain import verify_chain
    from support.race_worker import AUDITS

    office = make_office(db_url)
    before = AuditEntry.select().count()
    assert race(db_url, tmp_path, "audit", office.admin) == [AUDITS] * PROCESSES
    report = verify_chain()
    assert report.ok, [problem.line() for problem in report.problems]
    assert report.checked == before + AUDITS * PROCESSES
    close_store()
