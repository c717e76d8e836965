"""Photocopies and digital authentications, counted through the day for ONE daily seal."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

import peewee as pw

from ...domain.act_kinds import SealMode, get_act_kind
from ...domain.boundary import bounded_int, clean_text
from ...domain.deadlines import office_day, utcnow
from ...domain.fees import ActFees
from ...domain.payment import Payment, checked_payment
from ...domain.permissions import Action
from ...domain.refusal import Refusal
from ..actors import acting_user
from ..audit import audit
from ..db import serialize, write_transaction
from ..errors import Refused
from ..models import DailyEntry
from .counter import ensure_open
from .fee_tables import fees_for

MAX_ENTRY = 10_000


@dataclass(frozen=True)
class DailyTotals:
    kind: str
    kind_label: str
    day: date
    quantity: int
    fees: ActFees  # for the whole day's quantity: the value of the daily seal to come


def _daily_kind(kind_key: str):
    try:
        kind = get_act_kind(kind_key)
    except Refusal as exc:
        raise Refused(exc.message, field="kind") from exc
    if kind.seal_mode != SealMode.DAILY:
        raise Refused(f"{kind.label} não é contado em selo diário.", field="kind")
    return kind


def add_daily_count(actor_id: int, kind_key: str, quantity: int,
                    now: datetime | None = None, *, payment: str = Payment.CASH,
                    exempt_reason: str | None = None) -> DailyTotals:
    """Add `quantity` (negative: a correction, paid back in `payment`) to the day's count.
    The entry keeps what was charged for it; an exempt one's reason goes to the audit."""
    kind = _daily_kind(kind_key)
    quantity = bounded_int(quantity, "quantity", "A quantidade", -MAX_ENTRY, MAX_ENTRY)
    if quantity == 0:
        raise Refused(f"Quantidade deve ser de 1 a {MAX_ENTRY} (negativa para corrigir um "
                      "lançamento).", field="quantity")
    exempt_reason = clean_text(exempt_reason, "exempt_reason") or None
    payment = checked_payment(payment, exempt_reason)
    now = now or utcnow()
    day = office_day(now)
    _, fees = fees_for(kind, day, quantity=abs(quantity), exempt_reason=exempt_reason)
    total = fees.total if quantity > 0 else -fees.total
    with write_transaction():
        clerk = acting_user(actor_id, Action.ADD_DAILY_COUNT)
        ensure_open(clerk, day)
        serialize(f"daily:{kind.key}:{day.isoformat()}")
        if quantity < 0 and _day_quantity(kind.key, day) + quantity < 0:
            raise Refused("A correção deixaria o total do dia negativo.", field="quantity")
        DailyEntry.create(kind=kind.key, day=day, clerk=clerk, quantity=quantity, created_at=now,
                          payment=payment, total=total)
        audit(clerk.id, "daily.add", "daily_entry", kind.key,
              {"tipo": kind.key, "dia": day.isoformat(), "quantidade": quantity,
               "pagamento": payment, "valor": total, "isento": exempt_reason})
    return daily_totals(kind.key, day)


def _day_quantity(kind_key: str, day: date) -> int:
    return (DailyEntry.select(pw.fn.COALESCE(pw.fn.SUM(DailyEntry.quantity), 0))
            .where((DailyEntry.kind == kind_key) & (DailyEntry.day == day)).scalar())


def daily_totals(kind_key: str, day: date | None = None) -> DailyTotals:
    kind = _daily_kind(kind_key)
    day = day or office_day(utcnow())
    quantity = int(_day_quantity(kind.key, day))
    _, fees = fees_for(kind, day, quantity=max(quantity, 0))
    return DailyTotals(kind.key, kind.label, day, quantity, fees)
