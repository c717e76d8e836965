"""Each clerk's cash drawer of a day (fechamento do caixa).

What the store expects per payment method is summed in SQL from the clerk's services of
the day that were not cancelled; the clerk types what the drawer, the card receipts and
the PIX receipts hold; any difference is explained in writing before the drawer closes.
A closed drawer takes no new service (counter.ensure_open) until a supervisor reopens it.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum

import peewee as pw

from ...domain.boundary import bounded_id, clean_text
from ...domain.deadlines import format_date, office_day, utcnow
from ...domain.money import format_money
from ...domain.payment import COUNTED_METHODS, PAYMENT_LABELS, Payment
from ...domain.permissions import Action
from ..actors import acting_user
from ..audit import audit
from ..db import serialize, write_transaction
from ..errors import Refused
from ..models import Act, CashDrawer, DailyEntry, ShiftClosing, User

# R$ 9.999.999,99: more than any drawer holds, and within an INTEGER column on PostgreSQL.
MAX_COUNTED = 10**9 - 1


class DrawerState(StrEnum):
    OPEN = "open"
    CLOSED = "closed"


@dataclass(frozen=True)
class MethodCount:
    payment: Payment
    expected: int
    counted: int | None  # None until the drawer is first closed

    @property
    def label(self) -> str:
        return PAYMENT_LABELS[self.payment]

    @property
    def difference(self) -> int | None:
        return None if self.counted is None else self.counted - self.expected


@dataclass(frozen=True)
class DrawerSummary:
    clerk_id: int
    clerk_name: str
    day: date
    closed: bool
    # One per COUNTED_METHODS, in that order. Closed: as reconciled at the closing; open:
    # expected as the services stand now, counted as at the last closing, if any.
    methods: tuple[MethodCount, ...]
    exempt_count: int  # exempt acts and daily items: counted, never in the money
    explanation: str
    closed_at: datetime | None
    reopened_at: datetime | None
    reopened_by: str  # the name of who reopened it last, "" if nobody did
    reopen_reason: str

    @property
    def expected_total(self) -> int:
        return sum(method.expected for method in self.methods)

    @property
    def counted_total(self) -> int | None:
        if any(method.counted is None for method in self.methods):
            return None
        return sum(method.counted for method in self.methods)

    @property
    def difference(self) -> int | None:
        counted = self.counted_total
        return None if counted is None else counted - self.expected_total


@dataclass(frozen=True)
class DrawerRow:
    """One clerk's drawer in the list of the day's drawers."""
    clerk_id: int
    clerk_name: str
    closed: bool
    reopened: bool
    expected: int
    counted: int | None  # None while open
    explanation: str

    @property
    def difference(self) -> int | None:
        return None if self.counted is None else self.counted - self.expected


def drawer_lock_key(clerk_id: int, day: date) -> str:
    return f"drawer:{clerk_id}:{day.isoformat()}"


def lock_drawer(clerk_id: int, day: date, *, service: bool = False) -> None:
    """Inside a write transaction: the closing (or reopening) of this drawer waits for the
    clerk's services of that day in progress, and they for it. Services (`service`) run
    side by side: a clerk on two terminals is not made to wait for the other one."""
    serialize(drawer_lock_key(clerk_id, day), shared=service)


def _checked_day(day: object) -> date:
    if not isinstance(day, date) or isinstance(day, datetime):
        raise Refused("Data inválida.", field="day")
    return day


def _checked_counted(counted: object) -> dict[Payment, int]:
    """What the clerk counted per method, in centavos; a method left out counted nothing."""
    if not isinstance(counted, dict) or not all(
            isinstance(key, str) and key in COUNTED_METHODS for key in counted):
        raise Refused("Informe os valores contados em dinheiro, PIX, débito e crédito.",
                      field="counted")
    amounts = {}
    for method in COUNTED_METHODS:
        value = counted.get(method, 0)
        if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= MAX_COUNTED:
            raise Refused(f"{PAYMENT_LABELS[method]}: informe um valor de R$ 0,00 a "
                          f"{format_money(MAX_COUNTED)}.", field=f"counted_{method}")
        amounts[method] = value
    return amounts


def _expected(clerk_id: int, day: date) -> tuple[dict[Payment, int], int]:
    """The money each method should hold, and how many exempt items there were."""
    expected = {method: 0 for method in COUNTED_METHODS}
    exempt = 0
    acts = (Act.select(Act.payment, pw.fn.SUM(Act.total), pw.fn.COUNT(Act.id))
            .where((Act.clerk == clerk_id) & (Act.day == day) & Act.cancelled_at.is_null())
            .group_by(Act.payment).tuples())
    daily = (DailyEntry.select(DailyEntry.payment, pw.fn.SUM(DailyEntry.total),
                               pw.fn.SUM(DailyEntry.quantity))
             .where((DailyEntry.clerk == clerk_id) & (DailyEntry.day == day))
             .group_by(DailyEntry.payment).tuples())
    for payment, total, count in [*acts, *daily]:
        if payment == Payment.EXEMPT:
            exempt += int(count)
        else:
            expected[Payment(payment)] += int(total)
    return expected, exempt


def _row(clerk_id: int, day: date) -> CashDrawer | None:
    return CashDrawer.get_or_none((CashDrawer.clerk == clerk_id) & (CashDrawer.day == day))


def _summary(clerk: User, day: date) -> DrawerSummary:
    row = _row(clerk.id, day)
    closed = row is not None and row.state == DrawerState.CLOSED
    expected, exempt = _expected(clerk.id, day)
    if closed:
        expected = {method: getattr(row, f"expected_{method}") for method in COUNTED_METHODS}
    methods = tuple(MethodCount(method, expected[method],
                                getattr(row, f"counted_{method}") if row else None)
                    for method in COUNTED_METHODS)
    reopener = User.get_by_id(row.reopened_by_id) if row and row.reopened_by_id else None
    return DrawerSummary(
        clerk.id, clerk.name, day, closed, methods, exempt,
        explanation=row.explanation if row else "", closed_at=row.closed_at if row else None,
        reopened_at=row.reopened_at if row else None,
        reopened_by=reopener.name if reopener else "",
        reopen_reason=row.reopen_reason if row else "")


def drawer_summary(actor_id: int, day: date) -> DrawerSummary:
    """The acting clerk's own drawer of `day`."""
    clerk = acting_user(actor_id, Action.CLOSE_DRAWER)
    return _summary(clerk, _checked_day(day))


def _already_closed(day: date) -> Refused:
    return Refused(f"Seu caixa de {format_date(day)} já está fechado.")


def close_drawer(actor_id: int, day: date, counted: dict[str, int],
                 explanation: str | None = None, *, now: datetime | None = None) -> DrawerSummary:
    """Close the acting clerk's drawer of `day` with what was counted per method (centavos,
    keys from COUNTED_METHODS); any difference needs `explanation`."""
    day = _checked_day(day)
    amounts = _checked_counted(counted)
    explanation = clean_text(explanation, "explanation")
    now = now or utcnow()
    if day > office_day(now):
        raise Refused("Este dia ainda não chegou: não há caixa a fechar.", field="day")
    try:
        with write_transaction():
            clerk = acting_user(actor_id, Action.CLOSE_DRAWER)
            lock_drawer(clerk.id, day)
            row = _row(clerk.id, day)
            if row is not None and row.state == DrawerState.CLOSED:
                raise _already_closed(day)
            expected, exempt = _expected(clerk.id, day)
            differences = {method: amounts[method] - expected[method]
                           for method in COUNTED_METHODS}
            if any(differences.values()) and not explanation:
                raise Refused("O contado não bate com o esperado: explique a diferença "
                              "antes de fechar o caixa.", field="explanation")
            values = {"state": DrawerState.CLOSED, "closed_at": now, "explanation": explanation,
                      **{f"expected_{method}": expected[method] for method in COUNTED_METHODS},
                      **{f"counted_{method}": amounts[method] for method in COUNTED_METHODS}}
            if row is None:
                row = CashDrawer.create(clerk=clerk, day=day, **values)
            else:
                CashDrawer.update(**values).where(CashDrawer.id == row.id).execute()
            audit(clerk.id, "drawer.close", "cash_drawer", row.id,
                  {"dia": day.isoformat(), "esperado": expected, "contado": amounts,
                   "diferenca": differences, "isentos": exempt}, reason=explanation)
            return _summary(clerk, day)
    except pw.IntegrityError:
        # Another terminal closed this drawer between our look and our insert.
        if _row(actor_id, day) is None:
            raise
        raise _already_closed(day) from None


def reopen_drawer(actor_id: int, clerk_id: int, day: date, reason: str, *,
                  now: datetime | None = None) -> DrawerSummary:
    """A supervisor reopens a clerk's closed drawer, saying why: services are taken again
    and the clerk closes it anew."""
    day = _checked_day(day)
    clerk_id = bounded_id(clerk_id, "clerk", "O escrevente")
    reason = clean_text(reason, "reason", required=True)
    now = now or utcnow()
    with write_transaction():
        actor = acting_user(actor_id, Action.REOPEN_DRAWER)
        if ShiftClosing.select().where(ShiftClosing.day == day).exists():
            raise Refused(f"O expediente de {format_date(day)} já foi fechado: os caixas "
                          "desse dia não podem ser reabertos.")
        lock_drawer(clerk_id, day)
        row = _row(clerk_id, day)
        if row is None or row.state != DrawerState.CLOSED:
            raise Refused(f"Este caixa de {format_date(day)} não está fechado.", field="clerk")
        CashDrawer.update(state=DrawerState.OPEN, reopened_at=now, reopened_by=actor,
                          reopen_reason=reason).where(CashDrawer.id == row.id).execute()
        audit(actor.id, "drawer.reopen", "cash_drawer", row.id,
              {"escrevente": clerk_id, "dia": day.isoformat(),
               "contado": {method: getattr(row, f"counted_{method}")
                           for method in COUNTED_METHODS}}, reason=reason)
        return _summary(User.get_by_id(clerk_id), day)


def drawers_of_day(day: date) -> list[DrawerRow]:
    """Every clerk who worked at the counter on `day` (any act, even cancelled, any daily
    item, or a drawer), with the state of their drawer; by name."""
    day = _checked_day(day)
    expected: dict[int, int] = {}
    live = pw.Case(None, [(Act.cancelled_at.is_null(), Act.total)], 0)
    acts = (Act.select(Act.clerk, pw.fn.SUM(live)).where(Act.day == day)
            .group_by(Act.clerk).tuples())
    daily = (DailyEntry.select(DailyEntry.clerk, pw.fn.SUM(DailyEntry.total))
             .where(DailyEntry.day == day).group_by(DailyEntry.clerk).tuples())
    for clerk_id, total in [*acts, *daily]:
        expected[clerk_id] = expected.get(clerk_id, 0) + int(total)
    drawers = {row.clerk_id: row for row in CashDrawer.select().where(CashDrawer.day == day)}
    names = dict(User.select(User.id, User.name)
                 .where(User.id.in_(set(expected) | set(drawers))).tuples())
    rows = []
    for clerk_id in set(expected) | set(drawers):
        row = drawers.get(clerk_id)
        closed = row is not None and row.state == DrawerState.CLOSED
        rows.append(DrawerRow(
            clerk_id, names[clerk_id], closed, row is not None and row.reopened_at is not None,
            sum(getattr(row, f"expected_{m}") for m in COUNTED_METHODS) if closed
            else expected.get(clerk_id, 0),
            sum(getattr(row, f"counted_{m}") for m in COUNTED_METHODS) if closed else None,
            row.explanation if row else ""))
    return sorted(rows, key=lambda r: (r.clerk_name, r.clerk_id))
