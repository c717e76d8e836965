"""What reversal and spoilage share: the seals named, found with the act and the seal record
they were launched with, and the cancelling of an act whose record was never sent.

A cancelled act keeps its row (Act.cancelled_at set) and its record keeps its code, state
cancelled: the transmitter sends only pending records, and the closing's totals leave out
the acts with cancelled_at. A cancel changes what its clerk's drawer should hold, so, as
for a new service, that drawer must be open and is locked for the transaction.
"""
from __future__ import annotations

import operator
from dataclasses import dataclass
from datetime import date, datetime
from functools import reduce

import peewee as pw

from ...domain.deadlines import format_date
from ...domain.permissions import Action, can
from ...domain.seal_spec import format_seal
from ...domain.seal_states import PhysicalState, RecordKind, SealState
from ..db import is_sqlite
from ..errors import Refused
from ..models import Act, CashDrawer, PhysicalSeal, SealRecord, SealSheet, User
from ..state_writes import move_seal_records
from .counter import typed_seals
from .drawers import DrawerState, lock_drawer

MAX_SEALS = 500  # one call, like one load of the closing


@dataclass(frozen=True)
class ReturnedSeal:
    series: str
    number: int
    act_id: int | None  # the act cancelled with it, if it had one still waiting
    code: str | None  # that act's seal record, now cancelled

    @property
    def label(self) -> str:
        return format_seal((self.series, self.number))


@dataclass(frozen=True)
class SealReturn:
    seals: tuple[ReturnedSeal, ...]
    reason: str
    at: datetime

    def audit_detail(self) -> dict:
        return {"selos": [s.label for s in self.seals],
                "atos": [s.act_id for s in self.seals if s.act_id is not None],
                "registros": [s.code for s in self.seals if s.code is not None]}


@dataclass(frozen=True)
class FoundSeal:
    """A physical seal as read now, with its sheet, and for a used one the act it went on
    and that act's record (None once cancelled)."""

    seal: PhysicalSeal
    act: Act | None
    record: SealRecord | None

    @property
    def label(self) -> str:
        return format_seal((self.seal.series, self.seal.number))


def named_seals(seals: object) -> list[tuple[str, int]]:
    """The seals in order of series and number: two terminals returning the same seals
    lock their rows in the same order, so neither waits for the other in a circle."""
    pairs = typed_seals(seals, MAX_SEALS)
    if not pairs:
        raise Refused("Informe ao menos um selo.", field="seals")
    return sorted(pairs)


def _named(pairs: list[tuple[str, int]]) -> pw.Expression:
    by_series: dict[str, list[int]] = {}
    for series, number in pairs:
        by_series.setdefault(series, []).append(number)
    parts = [(PhysicalSeal.series == series) & PhysicalSeal.number.in_(numbers)
             for series, numbers in by_series.items()]
    return reduce(operator.or_, parts)


def lock_drawers(pairs: list[tuple[str, int]]) -> set[tuple[int, date]]:
    """The drawers of the acts the seals are on, locked in order before the seals are (the
    order a new service takes them in); returns their (clerk, day)."""
    drawers = set(Act.select(Act.clerk, Act.day).join(
        PhysicalSeal, on=(PhysicalSeal.act == Act.id)).where(
        _named(pairs) & (PhysicalSeal.state == PhysicalState.USED)).tuples())
    for clerk_id, day in sorted(drawers):
        lock_drawer(clerk_id, day, service=True)
    return drawers


def refuse_if_drawer_closed(found: FoundSeal, locked: set[tuple[int, date]],
                            actor: User) -> None:
    act = found.act
    if (act.clerk_id, act.day) not in locked:
        raise Refused(f"O selo {found.label} acabou de ser alterado em outro terminal: "
                      "confira e tente de novo.", field="seals")
    if CashDrawer.select().where((CashDrawer.clerk == act.clerk_id) & (CashDrawer.day == act.day)
                                 & (CashDrawer.state == DrawerState.CLOSED)).exists():
        reopen = ("reabra-o em Caixas do dia" if can(actor.role, Action.REOPEN_DRAWER)
                  else "peça ao supervisor para reabri-lo")
        raise Refused(f"O caixa de {act.clerk.name} de {format_date(act.day)} está fechado: "
                      f"{reopen} antes de cancelar o ato do selo {found.label}.",
                      field="seals")


def find_seals(pairs: list[tuple[str, int]]) -> list[FoundSeal]:
    """The seals in the order given; a refusal naming the first one not in the stock."""
    query = (PhysicalSeal.select(PhysicalSeal, SealSheet).join(SealSheet).where(_named(pairs))
             .order_by(PhysicalSeal.series, PhysicalSeal.number))
    if not is_sqlite():
        # Locked, and read as another terminal left them once it commits: the acts and
        # records read next then agree with them. SQLite has one writer at a time already.
        query = query.for_update(of=PhysicalSeal)
    seals = {(s.series, s.number): s for s in query}
    missing = next((pair for pair in pairs if pair not in seals), None)
    if missing is not None:
        raise Refused(f"O selo {format_seal(missing)} não está cadastrado no estoque.",
                      field="seals")
    act_ids = [s.act_id for s in seals.values() if s.act_id is not None]
    acts = {a.id: a for a in Act.select().where(Act.id.in_(act_ids))} if act_ids else {}
    records = {}
    if act_ids:
        for record in SealRecord.select().where(
                SealRecord.act.in_(act_ids) & (SealRecord.record_kind == RecordKind.ACT)
                & (SealRecord.state != SealState.CANCELLED)
                & SealRecord.physical_series.is_null(False)):
            records[(record.physical_series, record.physical_number)] = record
    return [FoundSeal(seals[pair], acts.get(seals[pair].act_id), records.get(pair))
            for pair in pairs]


def refind(found: FoundSeal) -> FoundSeal:
    """The seal read again, after another terminal changed it under this transaction."""
    return find_seals([(found.seal.series, found.seal.number)])[0]


def cancel_act(found: FoundSeal, role: str, reason: str, now: datetime) -> bool:
    """The act's record (still waiting for the closing) cancelled and the act with it;
    False if another terminal got there first."""
    if not move_seal_records(SealRecord.id == found.record.id, SealState.WAITING_CLOSING,
                             SealState.CANCELLED, role, reason):
        return False
    return bool(Act.update(cancelled_at=now)
                .where((Act.id == found.act.id) & Act.cancelled_at.is_null()).execute())


def returned(found: FoundSeal) -> ReturnedSeal:
    return ReturnedSeal(found.seal.series, found.seal.number,
                        found.act.id if found.record else None,
                        found.record.code if found.record else None)
