"""What the physical seal stock holds: per series and holder (a clerk, or the unassigned
stock) the seals still on the sheet, used and spoiled, with the ranges still available; and
the warning a clerk gets when their sheets run low."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

import peewee as pw

from ...domain.act_kinds import PHYSICAL_SEAL_LABELS, PhysicalSealType
from ...domain.permissions import Action
from ...domain.seal_states import PhysicalState
from ..actors import acting_user
from ..errors import Refused
from ..models import PhysicalSeal, SealSheet, User
from .office import threshold_setting
from .stock import on_the_sheet

LOW_STOCK_SETTING = "stock.low_seals"
DEFAULT_LOW_STOCK = 20
ON_PAPER = (PhysicalState.USED, PhysicalState.SENT)


@dataclass(frozen=True)
class BalanceLine:
    series: str
    seal_type: str
    clerk_login: str | None  # None: the unassigned stock
    clerk_name: str | None
    available: int  # what the counter offers that day: available, or reversed that day
    used: int  # on paper: used, or already sent to the TJ
    spoiled: int
    stale: int  # reversed on an earlier day: they can only be spoiled
    ranges: tuple[tuple[int, int], ...]  # the numbers never used, as ranges

    @property
    def total(self) -> int:
        return self.available + self.used + self.spoiled + self.stale

    @property
    def seal_type_label(self) -> str:
        return PHYSICAL_SEAL_LABELS.get(self.seal_type, self.seal_type)


@dataclass(frozen=True)
class LowStock:
    seal_type: str
    label: str
    left: int
    threshold: int


SHORT_LABELS = {PhysicalSealType.RECONHECIMENTO: "reconhecimento",
                PhysicalSealType.AUTENTICACAO: "autenticação"}


def low_stock_text(warnings: tuple[LowStock, ...]) -> str:
    """One line for the clerk's home (it fits 80 columns), or "" when nothing is low."""
    if len(warnings) > 1:
        counts = ", ".join(f"{SHORT_LABELS[w.seal_type]}: {w.left}" for w in warnings)
        return f"Poucos selos — {counts}. Peça novas cartelas ao supervisor."
    if not warnings:
        return ""
    low = warnings[0]
    if not low.left:
        return (f"Acabaram os selos de {SHORT_LABELS[low.seal_type]}: peça uma nova cartela "
                "ao supervisor.")
    return (f"Restam {low.left} selos de {SHORT_LABELS[low.seal_type]}: peça uma nova cartela "
            "ao supervisor.")


def _checked_day(day: object) -> date:
    if not isinstance(day, date) or isinstance(day, datetime):
        raise Refused("Data inválida.", field="day")
    return day


def _count(condition: pw.Expression) -> pw.Expression:
    return pw.fn.SUM(pw.Case(None, [(condition, 1)], 0))


def stock_balance(actor_id: int, day: date) -> tuple[BalanceLine, ...]:
    """Every series with each holder, the stock first, then the clerks by name."""
    acting_user(actor_id, Action.MANAGE_SEAL_STOCK)
    day = _checked_day(day)
    counts = (PhysicalSeal
              .select(PhysicalSeal.series, SealSheet.seal_type, SealSheet.clerk,
                      _count(on_the_sheet(day)), _count(PhysicalSeal.state.in_(ON_PAPER)),
                      _count(PhysicalSeal.state == PhysicalState.SPOILED),
                      pw.fn.COUNT(PhysicalSeal.id))
              .join(SealSheet)
              .group_by(PhysicalSeal.series, SealSheet.seal_type, SealSheet.clerk).tuples())
    ranges = _available_ranges()
    users = {u.id: u for u in User.select(User.id, User.login, User.name)}
    lines = []
    for series, seal_type, clerk_id, available, used, spoiled, total in counts:
        user = users.get(clerk_id)
        lines.append(BalanceLine(
            series, seal_type, user.login if user else None, user.name if user else None,
            int(available), int(used), int(spoiled), int(total - available - used - spoiled),
            tuple(ranges.get((series, seal_type, clerk_id), ()))))
    return tuple(sorted(lines, key=lambda line: (line.series, line.seal_type,
                                                 line.clerk_name is not None,
                                                 line.clerk_name or "")))


def _available_ranges() -> dict[tuple, list[tuple[int, int]]]:
    """The available numbers of each (series, seal type, holder) as runs of consecutive
    numbers, found by the database (number minus its rank is constant along a run)."""
    holder = (PhysicalSeal.series, SealSheet.seal_type, SealSheet.clerk)
    rank = pw.fn.ROW_NUMBER().over(partition_by=list(holder), order_by=[PhysicalSeal.number])
    seals = (PhysicalSeal
             .select(PhysicalSeal.series, SealSheet.seal_type, SealSheet.clerk.alias("clerk_id"),
                     PhysicalSeal.number, (PhysicalSeal.number - rank).alias("run"))
             .join(SealSheet)
             .where(PhysicalSeal.state == PhysicalState.AVAILABLE)
             .alias("seals"))
    runs = (pw.Select(from_list=[seals],
                      columns=[seals.c.series, seals.c.seal_type, seals.c.clerk_id,
                               pw.fn.MIN(seals.c.number), pw.fn.MAX(seals.c.number)])
            .group_by(seals.c.series, seals.c.seal_type, seals.c.clerk_id, seals.c.run)
            .order_by(pw.fn.MIN(seals.c.number))
            .bind(PhysicalSeal._meta.database))
    found: dict[tuple, list[tuple[int, int]]] = {}
    for series, seal_type, clerk_id, first, last in runs.tuples():
        found.setdefault((series, seal_type, clerk_id), []).append((first, last))
    return found


def low_stock(actor_id: int, day: date) -> tuple[LowStock, ...]:
    """The seal types of which the clerk's sheets hold fewer than the office's threshold
    (setting stock.low_seals), among the types the clerk has ever been given."""
    clerk = acting_user(actor_id, Action.REGISTER_ACT)
    day = _checked_day(day)
    threshold = threshold_setting(LOW_STOCK_SETTING, DEFAULT_LOW_STOCK)
    given = {seal_type for (seal_type,) in SealSheet.select(SealSheet.seal_type)
             .where(SealSheet.clerk == clerk.id).distinct().tuples()}
    left = dict(PhysicalSeal.select(SealSheet.seal_type, pw.fn.COUNT(PhysicalSeal.id))
                .join(SealSheet)
                .where((SealSheet.clerk == clerk.id) & on_the_sheet(day))
                .group_by(SealSheet.seal_type).tuples())
    return tuple(LowStock(kind, PHYSICAL_SEAL_LABELS[kind], left.get(kind, 0), threshold)
                 for kind in PhysicalSealType if kind in given and left.get(kind, 0) < threshold)
