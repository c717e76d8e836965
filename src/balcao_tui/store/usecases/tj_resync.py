"""The store's side of the resync with the TJ after a restore (tj/resync.py lists the days):
each sequence moves past the highest number the TJ holds, the physical seals the TJ holds
are marked sent, the records the TJ holds and the store lost come back as recovered, and
only then the mark "resync required" is lifted."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Sequence

from ...domain.deadlines import office_day, utcnow
from ...domain.permissions import Action
from ...domain.refusal import Refusal
from ...domain.seal_code import parse_seal_code
from ...domain.seal_states import PhysicalState, SealState
from ...domain.tj_audit import TJRecord
from ..actors import acting_user
from ..audit import audit
from ..db import write_transaction
from ..models import Office, PhysicalSeal, SealRecord
from ..resync_flag import resync_done, resync_required_since
from ..sequences import advance_sequence
from ..state_writes import move_physical_seals
from .tj_recovery import recover_from_tj

_NOT_SENT_YET = (PhysicalState.AVAILABLE, PhysicalState.USED, PhysicalState.REVERSED)


@dataclass(frozen=True)
class DaySettled:
    day: date
    listed: int
    sequences: tuple[tuple[str, int, int], ...]  # (act code, year, highest at the TJ)
    seals_sent: int  # physical seals marked sent here
    recovered: tuple[str, ...]
    problems: tuple[str, ...]


def resync_owed(actor_id: int) -> datetime | None:
    """When the restored copy was taken, or None if no resync is owed; checks the role
    first, so nobody without it learns anything from the TJ."""
    acting_user(actor_id, Action.MANAGE_TRANSMISSION)
    return resync_required_since()


def settle_day(actor_id: int, day: date, listing: Sequence[TJRecord],
               now: datetime | None = None) -> DaySettled:
    now = now or utcnow()
    listing = sorted(listing, key=lambda found: found.received_at)
    with write_transaction():
        actor = acting_user(actor_id, Action.MANAGE_TRANSMISSION)
        cns = Office.select(Office.cns).scalar()
        highest: dict[tuple[str, int], int] = {}
        held_seals = []
        for found in listing:
            seal = parse_seal_code(found.content.code)
            if seal.cns != cns:
                continue
            if not found.content.is_hybrid_code and seal.act_info.isdigit():
                key = (seal.act_code, seal.year)
                highest[key] = max(highest.get(key, 0), int(seal.act_info))
            if found.content.physical_seal is not None:
                held_seals.append((found.content.physical_seal, office_day(found.content.act_at)))
        for (act_code, year), number in highest.items():
            advance_sequence(cns, act_code, year, number)
        sent = sum(move_physical_seals(
            (PhysicalSeal.series == series) & (PhysicalSeal.number == number), _NOT_SENT_YET,
            PhysicalState.SENT, actor.role, day=used_on, changed_at=now)
            for (series, number), used_on in held_seals)
        live = set(SealRecord.select(SealRecord.code).where(
            SealRecord.code.in_([found.content.code for found in listing])
            & (SealRecord.state != SealState.CANCELLED)).tuples())
        lost = [found for found in listing if (found.content.code,) not in live]
    recovered, problems = [], []
    for found in lost:
        try:
            recovered.append(recover_from_tj(actor_id, found, now).code)
        except Refusal as exc:
            problems.append(f"{found.content.code}: {exc.message}")
    settled = DaySettled(day, len(listing),
                         tuple((code, year, n) for (code, year), n in sorted(highest.items())),
                         sent, tuple(recovered), tuple(problems))
    with write_transaction():
        audit(actor.id, "backup.resync_day", "day", day,
              {"listados": settled.listed, "sequenciais": settled.sequences,
               "selos_fisicos_enviados": sent, "recuperados": settled.recovered,
               "problemas": settled.problems})
    return settled


def finish_resync(actor_id: int, first: date, last: date,
                  days: Sequence[DaySettled]) -> None:
    """Lift the mark: every day from `first` to `last` was listed and settled."""
    with write_transaction():
        actor = acting_user(actor_id, Action.MANAGE_TRANSMISSION)
        resync_done()
        audit(actor.id, "backup.resync", "backup", "",
              {"de": first, "ate": last, "dias": len(days),
               "recuperados": sum(len(d.recovered) for d in days),
               "problemas": sum(len(d.problems) for d in days)},
              reason="Ressincronização com o TJ depois da restauração de uma cópia.")
