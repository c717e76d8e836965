"""The audit trail: who did what, when and why. Personal data goes in masked."""
from __future__ import annotations

import json

from .models import AuditEntry


def audit(user_id: int | None, action: str, entity: str = "", entity_id: object = "",
          detail: dict | None = None, reason: str = "") -> None:
    AuditEntry.create(
        user=user_id,
        action=action,
        entity=entity,
        entity_id=str(entity_id),
        detail=json.dumps(detail or {}, ensure_ascii=False, sort_keys=True, default=str),
        reason=reason,
    )
