"""What a day holds for its closing (fechamento do expediente): the acts per kind, clerk and
payment, the physical seals per sheet with their ranges and gaps, reversals and spoilages,
the daily seals, the loads, the drawers, and the closing itself once made.

Every figure is a sum or a count in SQL over the whole day; the same report serves the
closing screen before the closing, the report after it, and `balcao closing report`.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

import peewee as pw

from ...domain.act_kinds import PHYSICAL_SEAL_LABELS, SealMode, all_act_kinds, get_act_kind
from ...domain.deadlines import day_bounds
from ...domain.fees import COLUMN_NAMES, ActFees, FeeColumns
from ...domain.payment import PAYMENT_LABELS, Payment
from ...domain.permissions import Action
from ...domain.refusal import Refusal
from ...domain.seal_states import PHYSICAL_LABELS, SEAL_LABELS, PhysicalState, SealState
from ..actors import acting_user
from ..models import (Act, DailyEntry, Office, PhysicalSeal, SealLoad, SealRecord,
                      SealSheet, ShiftClosing, User)
from .drawers import DrawerRow, drawers_of_day
from .fee_tables import fees_for

# A physical seal counts as consumed on its day once it is on paper (used, then sent).
ON_PAPER = (PhysicalState.USED, PhysicalState.SENT)


@dataclass(frozen=True)
class KindLine:
    kind: str
    label: str
    count: int
    columns: FeeColumns
    iss: int
    total: int


@dataclass(frozen=True)
class ClerkLine:
    name: str
    count: int
    total: int


@dataclass(frozen=True)
class PaymentLine:
    payment: str
    label: str
    count: int
    total: int


@dataclass(frozen=True)
class SheetLine:
    series: str
    seal_type: str
    clerk: str
    used: int
    ranges: tuple[tuple[int, int], ...]
    gaps: tuple[tuple[int, int], ...]


@dataclass(frozen=True)
class ReturnLine:
    series: str
    number: int
    state: str
    state_label: str
    reason: str


@dataclass(frozen=True)
class DailyLine:
    kind: str
    label: str
    quantity: int
    fees: ActFees
    seal_code: str | None


@dataclass(frozen=True)
class LoadLine:
    number: int
    record_count: int
    states: tuple[tuple[str, int], ...]  # (state label, count)


@dataclass(frozen=True)
class Closing:
    closed_by: str
    closed_at: datetime
    paper_count: int
    cash_counted: int
    explanation: str
    open_drawers_reason: str


@dataclass(frozen=True)
class ClosingReport:
    day: date
    office_name: str
    office_cns: str
    kinds: tuple[KindLine, ...]
    daily: tuple[DailyLine, ...]
    clerks: tuple[ClerkLine, ...]
    payments: tuple[PaymentLine, ...]
    sheets: tuple[SheetLine, ...]
    returns: tuple[ReturnLine, ...]
    loads: tuple[LoadLine, ...]
    drawers: tuple[DrawerRow, ...]
    waiting_records: int  # hybrid records still waiting for this closing
    paper_expected: int  # physical seals consumed: on paper, or spoiled, that day
    cash_expected: int  # everything charged that day, in centavos
    closing: Closing | None

    @property
    def acts(self) -> int:
        return sum(line.count for line in self.kinds)

    @property
    def iss(self) -> int:
        """All the day's ISS, the part the office pays on photocopies included."""
        return sum(line.iss for line in self.kinds) + sum(d.fees.iss for d in self.daily)

    @property
    def iss_charged(self) -> int:
        """The ISS inside what was charged to the customers."""
        return sum(line.iss for line in self.kinds) + sum(
            d.fees.iss for d in self.daily if get_act_kind(d.kind).iss_in_total)

    @property
    def open_drawers(self) -> tuple[str, ...]:
        return tuple(d.clerk_name for d in self.drawers if not d.closed)


def closing_report(actor_id: int, day: date) -> ClosingReport:
    acting_user(actor_id, Action.CLOSE_SHIFT)
    if not isinstance(day, date) or isinstance(day, datetime):
        raise Refusal("Data inválida.", field="day")
    return build_report(day)


def build_report(day: date) -> ClosingReport:
    office = Office.select().first()
    closing = (ShiftClosing.select(ShiftClosing, User).join(User)
               .where(ShiftClosing.day == day).first())
    return ClosingReport(
        day=day, office_name=office.name if office else "", office_cns=office.cns if office else "",
        kinds=_kinds(day), daily=_daily(day), clerks=_clerks(day), payments=_payments(day),
        sheets=_sheets(day), returns=_returns(day), loads=_loads(day), drawers=tuple(drawers_of_day(day)),
        waiting_records=waiting_count(day), paper_expected=paper_expected(day),
        cash_expected=cash_expected(day),
        closing=Closing(closing.closed_by.name, closing.closed_at, closing.paper_count,
                        closing.cash_counted, closing.explanation, closing.open_drawers_reason)
        if closing else None)


def _live_acts(day: date) -> pw.Expression:
    return (Act.day == day) & Act.cancelled_at.is_null()


def _kind_label(key: str) -> str:
    try:
        return get_act_kind(key).label
    except Refusal:
        return key


def _kinds(day: date) -> tuple[KindLine, ...]:
    sums = [pw.fn.SUM(getattr(Act, name)) for name in (*COLUMN_NAMES, "iss", "total")]
    rows = (Act.select(Act.kind, pw.fn.COUNT(Act.id), *sums).where(_live_acts(day))
            .group_by(Act.kind).order_by(Act.kind).tuples())
    lines = []
    for kind, count, *values in rows:
        values = [int(v or 0) for v in values]
        columns = dict(zip(COLUMN_NAMES, values))
        lines.append(KindLine(kind, _kind_label(kind), count,
                              FeeColumns(**columns, total=sum(columns.values())),
                              values[-2], values[-1]))
    return tuple(lines)


def _daily_quantities(day: date) -> dict[str, int]:
    return dict(DailyEntry.select(DailyEntry.kind, pw.fn.SUM(DailyEntry.quantity))
                .where(DailyEntry.day == day).group_by(DailyEntry.kind).tuples())


def daily_seal_records(day: date) -> dict[str, SealRecord]:
    """The latest daily seal record of each daily kind on `day` (a correction replaces the
    first one made)."""
    rows = (SealRecord.select().where((SealRecord.day == day) & SealRecord.act.is_null()
                                      & SealRecord.act_kind.in_(daily_kinds())
                                      & (SealRecord.state != SealState.CANCELLED))
            .order_by(SealRecord.id))
    return {record.act_kind: record for record in rows}


def daily_kinds() -> list[str]:
    return [kind.key for kind in all_act_kinds() if kind.seal_mode == SealMode.DAILY]


def _daily(day: date) -> tuple[DailyLine, ...]:
    quantities = _daily_quantities(day)
    records = daily_seal_records(day)
    lines = []
    for key in daily_kinds():
        quantity = int(quantities.get(key) or 0)
        if quantity <= 0 and key not in records:
            continue
        kind = get_act_kind(key)
        _, fees = fees_for(kind, day, quantity=max(quantity, 0))
        record = records.get(key)
        lines.append(DailyLine(key, kind.label, quantity, fees, record.code if record else None))
    return tuple(lines)


def _clerk_totals(day: date) -> dict[int, tuple[int, int]]:
    """Per clerk id: (acts, total charged), daily counts included."""
    totals: dict[int, tuple[int, int]] = {}
    for clerk, count, total in (Act.select(Act.clerk, pw.fn.COUNT(Act.id), pw.fn.SUM(Act.total))
                                .where(_live_acts(day)).group_by(Act.clerk).tuples()):
        totals[clerk] = (count, int(total or 0))
    for clerk, total in (DailyEntry.select(DailyEntry.clerk, pw.fn.SUM(DailyEntry.total))
                         .where(DailyEntry.day == day).group_by(DailyEntry.clerk).tuples()):
        count, before = totals.get(clerk, (0, 0))
        totals[clerk] = (count, before + int(total or 0))
    return totals


def _names(ids) -> dict[int, str]:
    return dict(User.select(User.id, User.name).where(User.id.in_(list(ids))).tuples()
                ) if ids else {}


def _clerks(day: date) -> tuple[ClerkLine, ...]:
    totals = _clerk_totals(day)
    names = _names(totals)
    return tuple(sorted((ClerkLine(names[clerk], count, total)
                         for clerk, (count, total) in totals.items()), key=lambda c: c.name))


def _payments(day: date) -> tuple[PaymentLine, ...]:
    totals: dict[str, list[int]] = {}
    for payment, count, total in (Act.select(Act.payment, pw.fn.COUNT(Act.id),
                                             pw.fn.SUM(Act.total))
                                  .where(_live_acts(day)).group_by(Act.payment).tuples()):
        totals[payment] = [count, int(total or 0)]
    for payment, count, total in (DailyEntry.select(DailyEntry.payment, pw.fn.COUNT(DailyEntry.id),
                                                    pw.fn.SUM(DailyEntry.total))
                                  .where(DailyEntry.day == day)
                                  .group_by(DailyEntry.payment).tuples()):
        line = totals.setdefault(payment, [0, 0])
        line[0] += count
        line[1] += int(total or 0)
    return tuple(PaymentLine(method, PAYMENT_LABELS.get(method, method), *totals[method])
                 for method in [*Payment, *sorted(set(totals) - set(Payment))]
                 if method in totals)


def _ranges(numbers: list[int]) -> tuple[tuple[int, int], ...]:
    ranges: list[list[int]] = []
    for number in numbers:
        if ranges and number == ranges[-1][1] + 1:
            ranges[-1][1] = number
        else:
            ranges.append([number, number])
    return tuple((first, last) for first, last in ranges)


def _sheets(day: date) -> tuple[SheetLine, ...]:
    """Per sheet used that day: the seals on paper, as ranges, and the gaps: seals of the
    sheet still available before the last one used that day."""
    on_paper = (PhysicalSeal.day == day) & PhysicalSeal.state.in_(ON_PAPER)
    used: dict[int, list[int]] = {}
    for sheet, number in (PhysicalSeal.select(PhysicalSeal.sheet, PhysicalSeal.number)
                          .where(on_paper).order_by(PhysicalSeal.sheet, PhysicalSeal.number)
                          .tuples()):
        used.setdefault(sheet, []).append(number)
    if not used:
        return ()
    last = (PhysicalSeal.select(PhysicalSeal.sheet.alias("sheet_id"),
                                pw.fn.MAX(PhysicalSeal.number).alias("last"))
            .where(on_paper).group_by(PhysicalSeal.sheet).alias("last_used"))
    gaps: dict[int, list[int]] = {}
    for sheet, number in (PhysicalSeal.select(PhysicalSeal.sheet, PhysicalSeal.number)
                          .join(last, on=(PhysicalSeal.sheet == last.c.sheet_id))
                          .where((PhysicalSeal.state == PhysicalState.AVAILABLE)
                                 & (PhysicalSeal.number < last.c.last))
                          .order_by(PhysicalSeal.sheet, PhysicalSeal.number).tuples()):
        gaps.setdefault(sheet, []).append(number)
    sheets = (SealSheet.select(SealSheet, User).join(User, pw.JOIN.LEFT_OUTER)
              .where(SealSheet.id.in_(list(used))).order_by(SealSheet.series, SealSheet.id))
    return tuple(SheetLine(sheet.series, PHYSICAL_SEAL_LABELS.get(sheet.seal_type, sheet.seal_type),
                           sheet.clerk.name if sheet.clerk else "", len(used[sheet.id]),
                           _ranges(used[sheet.id]), _ranges(gaps.get(sheet.id, [])))
                 for sheet in sheets)


def _returned_that_day(day: date) -> pw.Expression:
    start, end = day_bounds(day)
    return (PhysicalSeal.state.in_((PhysicalState.REVERSED, PhysicalState.SPOILED))
            & (PhysicalSeal.changed_at >= start) & (PhysicalSeal.changed_at < end))


def _returns(day: date) -> tuple[ReturnLine, ...]:
    rows = (PhysicalSeal.select(PhysicalSeal.series, PhysicalSeal.number, PhysicalSeal.state,
                                PhysicalSeal.reason)
            .where(_returned_that_day(day))
            .order_by(PhysicalSeal.state, PhysicalSeal.series, PhysicalSeal.number).tuples())
    return tuple(ReturnLine(series, number, state, PHYSICAL_LABELS[PhysicalState(state)], reason)
                 for series, number, state, reason in rows)


def _loads(day: date) -> tuple[LoadLine, ...]:
    states: dict[int, list[tuple[str, int]]] = {}
    for load, state, count in (SealRecord.select(SealRecord.load, SealRecord.state,
                                                 pw.fn.COUNT(SealRecord.id))
                               .join(SealLoad).where(SealLoad.day == day)
                               .group_by(SealRecord.load, SealRecord.state).tuples()):
        states.setdefault(load, []).append((SEAL_LABELS[SealState(state)], count))
    return tuple(LoadLine(load.number, load.record_count, tuple(sorted(states.get(load.id, []))))
                 for load in SealLoad.select().where(SealLoad.day == day)
                 .order_by(SealLoad.number))


def waiting_count(day: date) -> int:
    return (SealRecord.select().where((SealRecord.day == day)
                                      & (SealRecord.state == SealState.WAITING_CLOSING)).count())


def paper_expected(day: date) -> int:
    on_paper = (PhysicalSeal.select().where((PhysicalSeal.day == day)
                                            & PhysicalSeal.state.in_(ON_PAPER)).count())
    start, end = day_bounds(day)
    spoiled = PhysicalSeal.select().where(
        (PhysicalSeal.state == PhysicalState.SPOILED) & (PhysicalSeal.changed_at >= start)
        & (PhysicalSeal.changed_at < end)).count()
    return on_paper + spoiled


def cash_expected(day: date) -> int:
    acts = Act.select(pw.fn.COALESCE(pw.fn.SUM(Act.total), 0)).where(_live_acts(day)).scalar()
    daily = (DailyEntry.select(pw.fn.COALESCE(pw.fn.SUM(DailyEntry.total), 0))
             .where(DailyEntry.day == day).scalar())
    return int(acts) + int(daily)
