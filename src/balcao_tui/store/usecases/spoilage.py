"""Spoilage (inutilização): damaged physical seals are recorded with a reason and never sent.

An unused seal (available, or reversed on any day) is spoiled as it is. A used seal whose
record still waits for the closing is spoiled with its act and record cancelled: the act
must be done again with another seal. A seal whose record was already queued or sent is
refused here: that is an exclusion (XA), not a spoilage.
"""
from __future__ import annotations

from datetime import datetime

from ...domain.boundary import clean_text
from ...domain.deadlines import utcnow
from ...domain.permissions import Action
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

_UNUSED = (PhysicalState.AVAILABLE, PhysicalState.REVERSED)


def spoil_seals(actor_id: int, seals: list[tuple[str, int]], reason: str,
                now: datetime | None = None) -> SealReturn:
    """All the seals or none."""
    pairs = named_seals(seals)
    reason = clean_text(reason, "seal_reason", required=True)
    now = now or utcnow()
    with write_transaction():
        actor = acting_user(actor_id, Action.SPOIL_SEAL)
        drawers = lock_drawers(pairs)
        found = find_seals(pairs)
        for seal in found:
            _refuse_if_not_spoilable(seal)
            if seal.record is not None:
                refuse_if_drawer_closed(seal, drawers, actor)
        for seal in found:
            if not _spoil(seal, actor, reason, now):
                _refuse_if_not_spoilable(refind(seal))
                raise Refused(f"O selo {seal.label} acabou de ser alterado em outro terminal: "
                              "confira e tente de novo.", field="seals")
        result = SealReturn(tuple(returned(seal) for seal in found), reason, now)
        audit(actor.id, "seal.spoil", "physical_seal", found[0].label, result.audit_detail(),
              reason=reason)
        return result


def _refuse_if_not_spoilable(found: FoundSeal) -> None:
    seal, label = found.seal, found.label
    if seal.state in _UNUSED:
        return
    if seal.state == PhysicalState.SPOILED:
        raise Refused(f"O selo {label} já foi inutilizado.", field="seals")
    if seal.state == PhysicalState.USED:
        if found.record is not None and found.record.state == SealState.WAITING_CLOSING:
            ensure_day_open(seal.day, f"o selo {label} não pode mais ser inutilizado")
            return
    raise Refused(f"O selo {label} já foi enviado ao TJ: o ato só pode ser retificado ou "
                  "excluído.", field="seals")


def _spoil(found: FoundSeal, actor: User, reason: str, now: datetime) -> bool:
    """False if another terminal moved the seal or its record first."""
    where = PhysicalSeal.id == found.seal.id
    if found.seal.state == PhysicalState.USED:
        if not cancel_act(found, actor.role, reason, now):
            return False
        where &= PhysicalSeal.act == found.act.id
    return bool(move_physical_seals(where, found.seal.state, PhysicalState.SPOILED, actor.role,
                                    reason, changed_at=now))
