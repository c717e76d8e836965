"""Handing physical seals to clerks: part of the unassigned stock to one clerk (assign), or
the unused part of one clerk's seals to another (move).

The seals handed over go to a new sheet of the receiving clerk. Seals already on paper
(used, sent) or spoiled stay on the sheet they came from, with the clerk who had them: the
closing report, a reversal and the TJ still see them as that clerk's. Both take the series'
lock, so that two supervisors handing out the same seals get the same refusal as one would;
the seals move with an UPDATE that names their sheet and state, so that a seal a clerk uses
at that very moment on another terminal stays with that clerk.
"""
from __future__ import annotations

from dataclasses import dataclass

import peewee as pw

from ...domain.act_kinds import PHYSICAL_SEAL_LABELS
from ...domain.deadlines import utcnow
from ...domain.permissions import Action
from ...domain.seal_spec import format_seal
from ...domain.seal_states import PhysicalState
from ..actors import acting_user
from ..audit import audit
from ..db import is_sqlite, serialize, write_transaction
from ..errors import Refused
from ..models import PhysicalSeal, SealSheet, User
from .stock import SheetInfo, checked_range, clerk_for_sheet, sheet_info

# What is still paper on the sheet, not stuck on a document nor destroyed.
UNUSED = (PhysicalState.AVAILABLE, PhysicalState.REVERSED)


@dataclass(frozen=True)
class Handover:
    sheet: SheetInfo  # the receiving clerk's new sheet
    moved: int
    kept: int  # seals of the range that stayed where they were: used, sent or spoiled
    from_name: str | None  # the clerk who had them; None for the stock


def assign_seals(actor_id: int, *, series: str, first_number: int, last_number: int,
                 clerk_id: int) -> Handover:
    """Hand seals of the unassigned stock (all of the range, all unused) to a clerk."""
    series, first, last = checked_range(series, first_number, last_number)
    with write_transaction():
        actor = acting_user(actor_id, Action.MANAGE_SEAL_STOCK)
        serialize(f"series:{series}")
        clerk = clerk_for_sheet(clerk_id)
        seals = _range(series, first, last)
        held = next((s for s in seals if s.sheet.clerk_id is not None), None)
        if held is not None:
            raise Refused(f"O selo {_label(held)} já está com {held.sheet.clerk.name}: use "
                          "Mover para passá-lo a outro escrevente.", field="first_number")
        spent = next((s for s in seals if s.state not in UNUSED), None)
        if spent is not None:
            raise Refused(f"O selo {_label(spent)} do estoque não está disponível.",
                          field="first_number")
        return _hand_over(actor, "stock.assign", seals, clerk, None)


def move_seals(actor_id: int, *, series: str, first_number: int, last_number: int,
               clerk_id: int) -> Handover:
    """Pass the unused seals of the range from the clerk who holds them to another; the
    used ones stay with the clerk who used them."""
    series, first, last = checked_range(series, first_number, last_number)
    with write_transaction():
        actor = acting_user(actor_id, Action.MANAGE_SEAL_STOCK)
        serialize(f"series:{series}")
        clerk = clerk_for_sheet(clerk_id)
        seals = _range(series, first, last)
        stock = next((s for s in seals if s.sheet.clerk_id is None), None)
        if stock is not None:
            raise Refused(f"O selo {_label(stock)} está no estoque, com nenhum escrevente: use "
                          "Entregar.", field="first_number")
        holders = {s.sheet.clerk_id: s.sheet.clerk for s in seals}
        if len(holders) > 1:
            names = " e ".join(sorted(user.name for user in holders.values()))
            raise Refused(f"A faixa tem selos de mais de um escrevente ({names}): mova a parte "
                          "de cada um separadamente.", field="first_number")
        holder = next(iter(holders.values()))
        if holder.id == clerk.id:
            raise Refused(f"Esses selos já estão com {clerk.name}.", field="clerk")
        return _hand_over(actor, "stock.move", seals, clerk, holder)


def _range(series: str, first: int, last: int) -> list[PhysicalSeal]:
    """Every seal of the range with its sheet and holder; a refusal if one is missing or
    the range mixes seal types."""
    query = (PhysicalSeal.select(PhysicalSeal, SealSheet, User).join(SealSheet)
             .join(User, pw.JOIN.LEFT_OUTER)
             .where((PhysicalSeal.series == series) & PhysicalSeal.number.between(first, last))
             .order_by(PhysicalSeal.number))
    if not is_sqlite():
        # Locked, and read as a clerk's service in flight leaves them once it commits: the
        # seals counted unused here are the ones the UPDATE moves.
        query = query.for_update(of=PhysicalSeal)
    seals = list(query)
    if len(seals) != last - first + 1:
        known = {s.number for s in seals}
        missing = next(n for n in range(first, last + 1) if n not in known)
        raise Refused(f"O selo {format_seal((series, missing))} não está cadastrado no "
                      "estoque: registre a compra antes.", field="first_number")
    kinds = {s.sheet.seal_type for s in seals}
    if len(kinds) > 1:
        labels = " e ".join(sorted(PHYSICAL_SEAL_LABELS[k] for k in kinds))
        raise Refused(f"A faixa mistura selos de {labels}: entregue uma parte de cada vez.",
                      field="last_number")
    return seals


def _label(seal: PhysicalSeal) -> str:
    return format_seal((seal.series, seal.number))


def _hand_over(actor: User, action: str, seals: list[PhysicalSeal], clerk: User,
               holder: User | None) -> Handover:
    unused = [s for s in seals if s.state in UNUSED]
    if not unused:
        raise Refused("Nenhum selo da faixa está sem uso: os utilizados ficam com quem os "
                      "usou.", field="first_number")
    series, first, last = seals[0].series, unused[0].number, unused[-1].number
    old_sheets = sorted({s.sheet_id for s in unused})
    sheet = SealSheet.create(series=series, seal_type=seals[0].sheet.seal_type,
                             first_number=first, last_number=last, clerk=clerk,
                             assigned_at=utcnow())
    moved = (PhysicalSeal.update(sheet=sheet.id)
             .where((PhysicalSeal.series == series) & PhysicalSeal.number.between(first, last)
                    & PhysicalSeal.sheet.in_(old_sheets) & PhysicalSeal.state.in_(UNUSED))
             .execute())
    if moved != len(unused):
        raise Refused(f"Um selo entre {_label(unused[0])} e {_label(unused[-1])} acabou de "
                      "mudar em outro terminal: confira e tente de novo.", field="first_number")
    for old in old_sheets:
        _shrink(old)
    kept = len(seals) - len(unused)
    audit(actor.id, action, "seal_sheet", sheet.id,
          {"serie": series, "de": first, "ate": last, "selos": moved, "ficaram": kept,
           "de_escrevente": holder.login if holder else None, "para": clerk.login})
    return Handover(sheet_info(sheet), moved, kept, holder.name if holder else None)


def _shrink(sheet_id: int) -> None:
    """A sheet that gave seals away: its range narrowed to what it still holds, or gone."""
    low, high = (PhysicalSeal.select(pw.fn.MIN(PhysicalSeal.number), pw.fn.MAX(PhysicalSeal.number))
                 .where(PhysicalSeal.sheet == sheet_id).tuples().get())
    if low is None:
        SealSheet.delete().where(SealSheet.id == sheet_id).execute()
    else:
        SealSheet.update(first_number=low, last_number=high).where(
            SealSheet.id == sheet_id).execute()
