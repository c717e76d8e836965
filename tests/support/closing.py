"""Days to close: what a careful closer counts, and days of thousands of acts.

`register_many` goes through the counter's use case; `write_day` writes the same rows
set-based (acts, physical seals used, hybrid records waiting for the closing), for the
proofs and benchmarks that need a 5,000-act day many times over.
"""
from __future__ import annotations

from datetime import date, datetime

from balcao_tui.domain.act_kinds import get_act_kind
from balcao_tui.domain.deadlines import office_day, send_deadline
from balcao_tui.domain.seal_code import build_hybrid_seal_code
from balcao_tui.domain.seal_states import PhysicalState, RecordKind, SealState
from balcao_tui.store.db import write_transaction
from balcao_tui.store.fee_fields import fee_fields
from balcao_tui.store.models import (Act, DailyEntry, PhysicalSeal, SealLoad, SealRecord,
                                     SealSheet, ShiftClosing, User)
from balcao_tui.store.state_writes import move_physical_seals
from balcao_tui.store.usecases.closing import LOAD_SIZE, Counted
from balcao_tui.store.usecases.closing_report import daily_kinds
from balcao_tui.store.usecases.counter import register_counter_acts
from balcao_tui.store.usecases.fee_tables import fees_for
from balcao_tui.store.usecases.stock import add_seal_sheet

CHUNK = 500  # rows per INSERT: PostgreSQL takes at most 65,535 parameters


def counted(day: date, **extra) -> Counted:
    """What a careful closer types: exactly what the day holds, counted by hand."""
    on_paper = PhysicalSeal.select().where((PhysicalSeal.day == day)
                                           & PhysicalSeal.state.in_(("used", "sent"))).count()
    acts = sum(a.total for a in Act.select(Act.total).where((Act.day == day)
                                                            & Act.cancelled_at.is_null()))
    daily = sum(e.total for e in DailyEntry.select(DailyEntry.total).where(DailyEntry.day == day))
    return Counted(paper_count=on_paper, cash_counted=acts + daily,
                   open_drawers_reason="Caixas conferidos à parte.", **extra)


def register_many(admin: int, clerk: int, kind: str, series: str, count: int, now: datetime,
                  *, card: int | None = None) -> None:
    """`count` acts of `kind` through the counter, 200 a service, on a new sheet `series`."""
    seal_type = get_act_kind(kind).physical_seal
    add_seal_sheet(admin, series=series, seal_type=seal_type, first_number=1,
                   last_number=count, clerk_id=clerk)
    registered = 0
    while registered < count:
        batch = min(200, count - registered)
        register_counter_acts(clerk, kind, batch, signature_card_id=card, now=now,
                              seals=[(series, registered + n + 1) for n in range(batch)])
        registered += batch


def write_day(admin: int, clerk: int, series: str, count: int, at: datetime) -> None:
    """`count` copy authentications by `clerk` at `at`, one seal each from a new sheet
    `series`: the rows register_counter_acts writes, in a few statements."""
    kind = get_act_kind("autenticacao")
    day = office_day(at)
    office, fees = fees_for(kind, day)
    add_seal_sheet(admin, series=series, seal_type=kind.physical_seal, first_number=1,
                   last_number=count, clerk_id=clerk)
    fields = fee_fields(fees)
    role = User.get_by_id(clerk).role
    with write_transaction():
        sheet = SealSheet.get(SealSheet.series == series)
        for start in range(0, count, CHUNK):
            Act.insert_many([dict(kind=kind.key, day=day, performed_at=at, clerk=clerk, **fields)
                             for _ in range(start, min(count, start + CHUNK))]).execute()
        ids = [i for (i,) in Act.select(Act.id).where((Act.day == day) & (Act.kind == kind.key))
               .order_by(Act.id.desc()).limit(count).tuples()][::-1]
        assert ids == list(range(ids[0], ids[0] + count)), "acts ids not contiguous"
        move_physical_seals(PhysicalSeal.sheet == sheet.id, PhysicalState.AVAILABLE,
                            PhysicalState.USED, role, day=day, changed_at=at,
                            act=PhysicalSeal.number + (ids[0] - 1))
        rows = [dict(code=build_hybrid_seal_code(office.cns, office.natureza, kind.act_code,
                                                 series, number, day.year),
                     record_kind=RecordKind.ACT, act=ids[0] + number - 1, act_kind=kind.key,
                     act_code=kind.act_code, act_at=at, day=day, physical_series=series,
                     physical_number=number, state=SealState.WAITING_CLOSING,
                     deadline_at=send_deadline(at), created_by=clerk, **fields)
                for number in range(1, count + 1)]
        for start in range(0, count, CHUNK):
            SealRecord.insert_many(rows[start:start + CHUNK]).execute()


def hybrid_records(day: date):
    return SealRecord.select().where((SealRecord.day == day)
                                     & SealRecord.physical_series.is_null(False))


def daily_records(day: date):
    return SealRecord.select().where((SealRecord.day == day) & SealRecord.act.is_null()
                                     & SealRecord.act_kind.in_(daily_kinds()))


def assert_open(day: date, hybrid: int) -> None:
    """The day as before any closing: no load, no daily seal, every record waiting."""
    assert not ShiftClosing.select().where(ShiftClosing.day == day).exists()
    assert SealLoad.select().where(SealLoad.day == day).count() == 0
    assert daily_records(day).count() == 0
    assert {(r.state, r.load_id, r.queued_at) for r in hybrid_records(day)} == {
        (SealState.WAITING_CLOSING, None, None)}
    assert hybrid_records(day).count() == hybrid


def assert_closed(day: date, hybrid: int, daily: set[str]) -> None:
    """The day closed once: every hybrid record pending in exactly one load of at most
    LOAD_SIZE, numbered 1..n in the order the records were made, and one daily seal per
    daily kind in `daily`."""
    assert ShiftClosing.select().where(ShiftClosing.day == day).count() == 1
    loads = list(SealLoad.select().where(SealLoad.day == day).order_by(SealLoad.number))
    assert [load.number for load in loads] == list(range(1, -(-hybrid // LOAD_SIZE) + 1))
    assert sum(load.record_count for load in loads) == hybrid
    records = list(hybrid_records(day).order_by(SealRecord.id))
    assert len(records) == hybrid
    assert {r.state for r in records} == {SealState.PENDING}
    per_load = {load.id: 0 for load in loads}
    for record in records:
        per_load[record.load_id] += 1  # a record outside the day's loads fails here
    assert [per_load[load.id] for load in loads] == [load.record_count for load in loads]
    assert [r.load_id for r in records] == sorted(r.load_id for r in records)
    made = [r.act_kind for r in daily_records(day)]
    assert sorted(made) == sorted(daily)
