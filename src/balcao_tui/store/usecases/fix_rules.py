"""What corrections, exclusions and links share: the record a person names (taken under a
lock, so two terminals fixing it at once are served one after the other), the 72 h window
counted from the first act of a correction chain, and the result they return."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from ...domain.boundary import bounded_id
from ...domain.deadlines import correction_deadline, format_local, within_correction_window
from ...domain.seal_states import SEAL_LABELS, RecordKind, SealState
from ..db import serialize
from ..errors import NotFound, Refused
from ..models import SealRecord


@dataclass(frozen=True)
class FixResult:
    """The record made (its id and code) and the codes of the records it acts on."""

    record_id: int
    code: str
    affected_codes: tuple[str, ...]


def locked_record(record_id: object, field: str = "record") -> SealRecord:
    """The record, after the lock that makes a second fix of it wait for the first."""
    record_id = bounded_id(record_id, field, "O selo")
    serialize(f"correction:{record_id}")  # the key the TJ audit's correction takes too
    record = SealRecord.get_or_none(SealRecord.id == record_id)
    if record is None:
        raise NotFound("Selo não encontrado nesta serventia.", field=field)
    return record


def state_label(record: SealRecord) -> str:
    return SEAL_LABELS.get(SealState(record.state), record.state)


def chain_origin(record: SealRecord) -> datetime:
    """The act time of the first record of the correction chain: the window counts from it,
    as the TJ counts it."""
    seen = {record.id}
    while record.replaces_id is not None and record.replaces_id not in seen:
        seen.add(record.replaces_id)
        record = SealRecord.get_by_id(record.replaces_id)
    return record.act_at


def refuse_outside_window(record: SealRecord, now: datetime, verb: str) -> None:
    origin = chain_origin(record)
    if not within_correction_window(origin, now):
        closed = format_local(correction_deadline(origin))
        raise Refused(f"O prazo de 72 horas para {verb} o selo {record.code} terminou em "
                      f"{closed}.", field="record")


def refuse_if_superseded(record: SealRecord) -> None:
    """One correction or exclusion per record: a second one acts on the newest record."""
    later = (SealRecord.select(SealRecord.code, SealRecord.record_kind)
             .where(((SealRecord.replaces == record.id) | (SealRecord.excludes == record.id))
                    & (SealRecord.state != SealState.CANCELLED))
             .order_by(SealRecord.id).first())
    if later is None:
        return
    if later.record_kind == RecordKind.EXCLUSION:
        raise Refused(f"O selo {record.code} já tem a exclusão {later.code}.", field="record")
    raise Refused(f"O selo {record.code} já foi retificado pelo selo {later.code}: "
                  f"retifique ou exclua o selo {later.code}.", field="record")
