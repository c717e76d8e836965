"""A criticized or failed seal record sent again once its cause is fixed: back to the
transmitter's queue, with the reason written down. The code is the TJ's idempotency key,
so a record the TJ had taken after all is not doubled."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from ...domain.boundary import bounded_id, clean_text
from ...domain.deadlines import utcnow
from ...domain.permissions import Action
from ...domain.seal_states import SEAL_LABELS, SealState
from ..actors import acting_user
from ..audit import audit
from ..db import write_transaction
from ..errors import NotFound, Refused
from ..models import SealRecord
from ..state_writes import move_seal_records

RESENDABLE = (SealState.CRITICIZED, SealState.FAILED)


@dataclass(frozen=True)
class Requeued:
    record_id: int
    code: str


def resend_record(actor_id: int, record_id: int, reason: str,
                  now: datetime | None = None) -> Requeued:
    now = now or utcnow()
    record_id = bounded_id(record_id, "record", "O selo")
    reason = clean_text(reason, "reason", required=True)
    with write_transaction():
        actor = acting_user(actor_id, Action.MANAGE_TRANSMISSION)
        record = SealRecord.get_or_none(SealRecord.id == record_id)
        if record is None:
            raise NotFound("Selo não encontrado nesta serventia.", field="record")
        if record.state not in RESENDABLE:
            raise Refused(f"O selo {record.code} está {SEAL_LABELS[SealState(record.state)]}: "
                          "só um selo criticado pelo TJ ou com falha pode ser reenviado.",
                          field="record")
        moved = move_seal_records(SealRecord.id == record.id, record.state, SealState.PENDING,
                                  actor.role, reason, queued_at=now, failure="")
        if not moved:
            raise Refused(f"O selo {record.code} mudou de situação em outro terminal; "
                          "confira antes de reenviar.", field="record")
        audit(actor.id, "seal.resend", "seal_record", record.id,
              {"selo": record.code, "situacao_anterior": record.state,
               "criticas": record.criticisms, "falha": record.failure}, reason=reason)
    return Requeued(record.id, record.code)
