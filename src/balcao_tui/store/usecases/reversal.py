"""Reversal (estorno): seals launched by mistake and never stuck on paper go back to the
sheet, the same day, before the closing; their acts and seal records are cancelled and
never sent. The seals reversed may be used again that day (counter.py)."""
from __future__ import annotations

from datetime import datetime

from ...domain.boundary import clean_text
from ...domain.deadlines import format_date, office_day, utcnow
from ...domain.permissions import Action, Role
from ...domain.seal_states import PhysicalState, SealState
from ..actors import acting_user
from ..audit import audit
from ..db import write_transaction
from ..errors import Refused
from ..models import PhysicalSeal, User
from ..state_writes import move_physical_seals
from .counter import ensure_day_open
from .seal_returns import (FoundSeal, SealReturn, cancel_act, find_seals, lock_drawers,
                           named_seals, refind, refuse_if_drawer_closed, returned)


def reverse_seals(actor_id: int, seals: list[tuple[str, int]], reason: str,
                  now: datetime | None = None) -> SealReturn:
    """All the seals or none: each must be used today, its record still waiting for the
    closing, and (for an escrevente) launched by the actor."""
    pairs = named_seals(seals)
    reason = clean_text(reason, "seal_reason", required=True)
    now = now or utcnow()
    today = office_day(now)
    with write_transaction():
        actor = acting_user(actor_id, Action.REVERSE_SEAL)
        ensure_day_open(today, "os selos dele não podem mais ser estornados")
        drawers = lock_drawers(pairs)
        found = find_seals(pairs)
        for seal in found:
            _refuse_if_not_reversible(seal, actor, today)
            refuse_if_drawer_closed(seal, drawers, actor)
        for seal in found:
            if not _reverse(seal, actor, reason, now):
                _refuse_if_not_reversible(refind(seal), actor, today)
                raise Refused(f"O selo {seal.label} acabou de ser alterado em outro terminal: "
                              "confira e tente de novo.", field="seals")
        result = SealReturn(tuple(returned(seal) for seal in found), reason, now)
        audit(actor.id, "seal.reverse", "physical_seal", found[0].label,
              result.audit_detail(), reason=reason)
        return result


def _refuse_if_not_reversible(found: FoundSeal, actor: User, today) -> None:
    seal, label = found.seal, found.label
    if seal.state != PhysicalState.USED:
        raise Refused({
            PhysicalState.AVAILABLE: f"O selo {label} não foi utilizado: não há o que estornar.",
            PhysicalState.REVERSED: f"O selo {label} já foi estornado.",
            PhysicalState.SPOILED: f"O selo {label} foi inutilizado.",
            PhysicalState.SENT: f"O selo {label} já foi enviado ao TJ: só pode ser retificado.",
        }.get(seal.state, f"O selo {label} não pode ser estornado."), field="seals")
    if actor.role == Role.ESCREVENTE and (found.act is None or found.act.clerk_id != actor.id):
        raise Refused(f"O selo {label} foi lançado por outro escrevente: só ele ou um "
                      "supervisor pode estorná-lo.", field="seals")
    if seal.day != today:
        raise Refused(f"O selo {label} foi utilizado em {format_date(seal.day)}: só os selos "
                      "de hoje podem ser estornados; os de dias anteriores, só inutilizados.",
                      field="seals")
    if found.record is None or found.record.state != SealState.WAITING_CLOSING:
        raise Refused(f"O selo {label} já foi enviado ao TJ: só pode ser retificado.",
                      field="seals")


def _reverse(found: FoundSeal, actor: User, reason: str, now: datetime) -> bool:
    """The record and act cancelled, the seal back on its sheet (its day kept: the counter
    takes it again that day only); False if another terminal moved any of them first."""
    if not cancel_act(found, actor.role, reason, now):
        return False
    return bool(move_physical_seals(
        (PhysicalSeal.id == found.seal.id) & (PhysicalSeal.act == found.act.id),
        PhysicalState.USED, PhysicalState.REVERSED, actor.role, reason, changed_at=now))
