"""What someone with the database in hand might do to the audit trail, as plain SQL."""
from __future__ import annotations

from datetime import datetime, timedelta

from balcao_tui.domain.audit_hash import GENESIS, entry_hash
from balcao_tui.store.models import AuditEntry, AuditHead


def entries() -> list[AuditEntry]:
    return list(AuditEntry.select().order_by(AuditEntry.id))


def edit(entry: AuditEntry) -> None:
    AuditEntry.update(detail='{"nada": "aconteceu"}').where(AuditEntry.id == entry.id).execute()


def delete(entry: AuditEntry) -> None:
    AuditEntry.delete().where(AuditEntry.id == entry.id).execute()


def forge_after_last() -> int:
    """A row that looks like the next link: right position, previous hash and own hash."""
    last = entries()[-1]
    fields = dict(at=last.at + timedelta(seconds=1), user_id=last.user_id,
                  action="act.register", entity="act", entity_id="999",
                  detail='{"forjada": true}', reason="")
    digest = entry_hash(seq=last.seq + 1, prev_hash=last.hash, **fields)
    fields["user"] = fields.pop("user_id")
    return AuditEntry.insert(seq=last.seq + 1, prev_hash=last.hash, hash=digest,
                             **fields).execute()


def head() -> AuditHead:
    return AuditHead.get()


def rechain_at(first: datetime, step: timedelta) -> None:
    """Every entry moved to `first`, `first + step`... and chained again, as if written then
    (pictures of the trail that do not depend on the clock)."""
    prev = GENESIS
    chain = entries()
    for n, entry in enumerate(chain):
        at = first + n * step
        digest = entry_hash(seq=entry.seq, at=at, user_id=entry.user_id, action=entry.action,
                            entity=entry.entity, entity_id=entry.entity_id,
                            detail=entry.detail, reason=entry.reason, prev_hash=prev)
        AuditEntry.update(at=at, prev_hash=prev, hash=digest).where(
            AuditEntry.id == entry.id).execute()
        prev = digest
    AuditHead.update(hash=prev).execute()
