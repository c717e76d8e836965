"""Closing the day (fechamento do expediente): what releases the hybrid seals to the TJ.

In one short write transaction: the day's hybrid seal records go into loads of at most
500, move to pending (the transmitter sends them), the daily seals are made, and the day
is locked against new acts. Either all of it happens or none; closing again is harmless.
Everything is set-based: a handful of statements whatever the size of the day.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

import peewee as pw

from ...domain.boundary import bounded_int, clean_text
from ...domain.deadlines import format_date, office_day, utcnow
from ...domain.money import MAX_CENTS, format_money
from ...domain.permissions import Action
from ...domain.seal_states import SealState
from ..actors import acting_user
from ..audit import audit
from ..daily_seals import make_daily_seals
from ..db import serialize, write_transaction
from ..errors import Refused
from ..models import Office, SealLoad, SealRecord, ShiftClosing, User
from ..state_writes import move_seal_records
from .closing_report import cash_expected, paper_expected
from .drawers import drawers_of_day
from .counter import day_lock_key

LOAD_SIZE = 500
MAX_PAPER_COUNT = 1_000_000


@dataclass(frozen=True)
class ClosingOutcome:
    day: date
    already_closed: bool
    loads: int
    records: int
    daily_seals: tuple[str, ...]


@dataclass(frozen=True)
class Counted:
    """What the closer typed: the security-paper report's count and the cash tape total,
    with the explanations the divergences need."""

    paper_count: int
    cash_counted: int
    explanation: str | None = None
    open_drawers_reason: str | None = None


def close_day(actor_id: int, day: date, counted: Counted,
              now: datetime | None = None) -> ClosingOutcome:
    now = now or utcnow()
    if not isinstance(day, date) or isinstance(day, datetime):
        raise Refused("Data inválida.", field="day")
    paper = bounded_int(counted.paper_count, "paper_count", "A contagem de selos", 0,
                        MAX_PAPER_COUNT)
    cash = bounded_int(counted.cash_counted, "cash_counted", "O total do caixa", 0, MAX_CENTS)
    explanation = clean_text(counted.explanation, "explanation")
    drawers_reason = clean_text(counted.open_drawers_reason, "reason")
    if day > office_day(now):
        raise Refused(f"{format_date(day)} ainda não chegou: não pode ser fechado.", field="day")
    with write_transaction():
        closer = acting_user(actor_id, Action.CLOSE_SHIFT)
        serialize(day_lock_key(day))
        if ShiftClosing.select().where(ShiftClosing.day == day).exists():
            return ClosingOutcome(day, True, 0, 0, ())
        _check_drawers(day, drawers_reason)
        expected_paper, expected_cash = paper_expected(day), cash_expected(day)
        _check_divergences(paper, expected_paper, cash, expected_cash, explanation)
        loads, records = _queue_hybrid_records(day, closer, now)
        office = Office.select().first()
        daily = make_daily_seals(office, day, closer) if office else []
        ShiftClosing.create(day=day, closed_by=closer, closed_at=now, paper_count=paper,
                            cash_counted=cash, paper_expected=expected_paper,
                            cash_expected=expected_cash, explanation=explanation,
                            open_drawers_reason=drawers_reason)
        audit(closer.id, "day.close", "shift_closing", day.isoformat(),
              {"dia": day.isoformat(), "cargas": loads, "registros": records,
               "selos_diarios": [r.code for r in daily], "selos_contados": paper,
               "selos_esperados": expected_paper, "caixa_contado": cash,
               "caixa_esperado": expected_cash},
              reason="\n".join(filter(None, [explanation, drawers_reason])))
    return ClosingOutcome(day, False, loads, records, tuple(r.code for r in daily))


def _check_drawers(day: date, reason: str) -> None:
    still_open = [row.clerk_name for row in drawers_of_day(day) if not row.closed]
    if still_open and not reason:
        names = ", ".join(still_open)
        raise Refused(f"Caixa(s) ainda aberto(s): {names}. Peça que sejam fechados ou "
                      "informe o motivo para fechar o expediente assim mesmo.",
                      field="open_drawers_reason")


def _check_divergences(paper: int, expected_paper: int, cash: int, expected_cash: int,
                       explanation: str) -> None:
    problems = []
    if paper != expected_paper:
        problems.append(f"selos contados {paper}, no sistema {expected_paper}")
    if cash != expected_cash:
        problems.append(f"total recebido {format_money(cash)}, no sistema "
                        f"{format_money(expected_cash)}")
    if problems and not explanation:
        raise Refused(f"Há divergência ({'; '.join(problems)}): explique-a antes de fechar.",
                      field="explanation")


def _queue_hybrid_records(day: date, closer: User, now: datetime) -> tuple[int, int]:
    """Put the day's waiting hybrid records into loads of at most LOAD_SIZE, in the order
    they were made, and release them to the transmitter; returns (loads, records). Each
    record is written once: its load and its state in the same UPDATE."""
    waiting = (SealRecord.day == day) & (SealRecord.state == SealState.WAITING_CLOSING)
    bounds = _load_bounds(waiting)
    moved = 0
    for number, (first, last, count) in enumerate(bounds, start=1):
        load = SealLoad.create(day=day, number=number, record_count=count, created_at=now,
                               created_by=closer)
        moved += move_seal_records(waiting & SealRecord.id.between(first, last),
                                   SealState.WAITING_CLOSING, SealState.PENDING, closer.role,
                                   queued_at=now, load=load)
    return len(bounds), moved


def _load_bounds(waiting: pw.Expression) -> list[tuple[int, int, int]]:
    """(first id, last id, records) of each load: the records matching `waiting`, in id
    order, LOAD_SIZE at a time; counted by the database, not read one by one."""
    position = pw.fn.ROW_NUMBER().over(order_by=[SealRecord.id]) - 1
    ranked = SealRecord.select(SealRecord.id, (position / LOAD_SIZE).alias("load_index")
                               ).where(waiting)  # integer division on both databases
    return list(SealRecord.select(pw.fn.MIN(ranked.c.id), pw.fn.MAX(ranked.c.id),
                                  pw.fn.COUNT(ranked.c.id))
                .from_(ranked).group_by(ranked.c.load_index).order_by(ranked.c.load_index)
                .tuples())
