"""The audit trail: who did what, when and why. Personal data goes in masked."""
from __future__ import annotations

import json

from ..domain.deadlines import utcnow
from .audit_chain import append_entry


def audit(user_id: int | None, action: str, entity: str = "", entity_id: object = "",
          detail: dict | None = None, reason: str = "") -> None:
    """One entry of the trail, chained to the one before (store/audit_chain.py)."""
    append_entry(
        at=utcnow(),
        user_id=user_id,
        action=action,
        entity=entity,
        entity_id=str(entity_id),
        detail=json.dumps(detail or {}, ensure_ascii=False, sort_keys=True, default=str),
        reason=reason,
    )
