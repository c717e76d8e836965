"""One seal record in full, for the detail screen: its values, its act, what happened to it
and when (made, sent, answered, corrected, excluded, linked), the TJ's criticisms, the
records it points to or that point to it, and its public consultation URL."""
from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime

from ..domain.audit_actions import action_label
from ..domain.boundary import bounded_id
from ..domain.criticism import Criticism
from ..domain.fees import COLUMN_LABELS
from ..domain.payment import PAYMENT_LABELS, Payment
from ..domain.permissions import Action
from ..domain.seal_spec import format_seal
from ..domain.seal_states import RECORD_KIND_LABELS, SEAL_LABELS, SealState
from .actors import acting_user
from .errors import NotFound
from .models import Act, AuditEntry, SealRecord, TransmissionAttempt, User
from .queries import criticisms_of
from .seal_search import kind_label

# What the audit trail says of a seal record, as the history shows it.
ATTEMPT_LABELS = {"answered": "respondido", "unavailable": "TJ indisponível",
                  "rate_limited": "TJ pediu para esperar", "rejected": "lote recusado"}


@dataclass(frozen=True)
class HistoryEvent:
    at: datetime
    what: str  # in Portuguese, for the screen
    who: str  # a login, or "" for the system (the transmitter)


@dataclass(frozen=True)
class ActSummary:
    id: int
    kind_label: str
    performed_at: datetime
    clerk_login: str
    payment_label: str
    cancelled_at: datetime | None


@dataclass(frozen=True)
class SealRecordDetail:
    id: int
    code: str
    record_kind_label: str
    act_kind_label: str
    act_at: datetime
    state: str
    state_label: str
    values: tuple[tuple[str, int], ...]  # (column label, centavos) of the fee columns
    iss: int
    total: int
    exempt_reason: str
    physical_seal: str | None
    deadline_at: datetime
    sent_at: datetime | None
    late: bool
    act: ActSummary | None
    history: tuple[HistoryEvent, ...]  # oldest first
    criticisms: tuple[Criticism, ...]
    failure: str
    replaces: str | None
    replaced_by: tuple[str, ...]
    excludes: str | None
    excluded_by: tuple[str, ...]
    parent: str | None
    children: tuple[str, ...]
    consultation_url: str | None  # signed; None without the office's certificate


def seal_record_detail(actor_id: int, record_id: int) -> SealRecordDetail:
    acting_user(actor_id, Action.SEARCH_SEALS)
    record_id = bounded_id(record_id, "record", "O selo")
    record = SealRecord.get_or_none(SealRecord.id == record_id)
    if record is None:
        raise NotFound("Selo não encontrado nesta serventia.", field="record")
    replaced_by = _codes(SealRecord.replaces == record.id)
    excluded_by = _codes(SealRecord.excludes == record.id)
    children = _codes(SealRecord.parent == record.id)
    physical = (format_seal((record.physical_series, record.physical_number))
                if record.physical_series else None)
    return SealRecordDetail(
        id=record.id, code=record.code,
        record_kind_label=RECORD_KIND_LABELS.get(record.record_kind, record.record_kind),
        act_kind_label=kind_label(record.act_kind), act_at=record.act_at, state=record.state,
        state_label=SEAL_LABELS.get(SealState(record.state), record.state),
        values=tuple((label, getattr(record, name)) for name, label in COLUMN_LABELS),
        iss=record.iss, total=record.total, exempt_reason=record.exempt_reason or "",
        physical_seal=physical, deadline_at=record.deadline_at, sent_at=record.sent_at,
        late=record.late, act=_act(record.act_id), history=_history(record),
        criticisms=criticisms_of(record), failure=record.failure,
        replaces=_code_of(record.replaces_id), replaced_by=replaced_by,
        excludes=_code_of(record.excludes_id), excluded_by=excluded_by,
        parent=_code_of(record.parent_id), children=children,
        consultation_url=_consultation_url(record))


def _consultation_url(record: SealRecord) -> str | None:
    # The certificate that signs the URL is the TJ link's; tj/ reads it from the settings.
    from ..tj.consultation import signed_consultation_url

    return signed_consultation_url(record.code, record.total, record.iss)


def _codes(condition) -> tuple[str, ...]:
    return tuple(code for (code,) in SealRecord.select(SealRecord.code).where(condition)
                 .order_by(SealRecord.id).tuples())


def _code_of(record_id: int | None) -> str | None:
    if record_id is None:
        return None
    return SealRecord.select(SealRecord.code).where(SealRecord.id == record_id).scalar()


def _login(user_id: int | None) -> str:
    if user_id is None:
        return ""
    return User.select(User.login).where(User.id == user_id).scalar() or ""


def _act(act_id: int | None) -> ActSummary | None:
    act = Act.get_or_none(Act.id == act_id) if act_id is not None else None
    if act is None:
        return None
    return ActSummary(act.id, kind_label(act.kind), act.performed_at, _login(act.clerk_id),
                      PAYMENT_LABELS.get(Payment(act.payment), act.payment), act.cancelled_at)


def _history(record: SealRecord) -> tuple[HistoryEvent, ...]:
    events = [HistoryEvent(record.created_at, _made(record), _login(record.created_by_id))]
    if record.queued_at is not None and record.queued_at > record.created_at:
        events.append(HistoryEvent(record.queued_at, "Liberado para envio ao TJ", ""))
    if record.batch_id is not None:
        for attempt in (TransmissionAttempt.select()
                        .where(TransmissionAttempt.batch == record.batch_id)
                        .order_by(TransmissionAttempt.started_at)):
            outcome = ATTEMPT_LABELS.get(attempt.outcome, "")
            events.append(HistoryEvent(attempt.started_at, "Enviado ao TJ" + (
                f" ({outcome})" if outcome else ""), ""))
    events += _answer(record)
    act = Act.get_or_none(Act.id == record.act_id) if record.act_id else None
    if act is not None and act.cancelled_at is not None:
        events.append(HistoryEvent(act.cancelled_at, "Ato cancelado (estorno ou "
                                   "inutilização do selo físico)", ""))
    for kind, what in (("replaces", "Retificado pelo selo"),
                       ("excludes", "Excluído pelo selo (XA)"),
                       ("parent", "Vinculado ao selo")):
        field = getattr(SealRecord, kind)
        for other in SealRecord.select().where(field == record.id).order_by(SealRecord.id):
            events.append(HistoryEvent(other.created_at, f"{what} {other.code}",
                                       _login(other.created_by_id)))
    for entry in (AuditEntry.select().where((AuditEntry.entity == "seal_record")
                                            & (AuditEntry.entity_id == str(record.id)))
                  .order_by(AuditEntry.id)):
        events.append(HistoryEvent(entry.at, _audit_label(entry), _login(entry.user_id)))
    return tuple(sorted(events, key=lambda event: event.at))


def _made(record: SealRecord) -> str:
    if record.replaces_id is not None:
        return f"Gerado como retificação do selo {_code_of(record.replaces_id)}"
    if record.excludes_id is not None:
        return f"Gerado para excluir o selo {_code_of(record.excludes_id)}"
    if record.parent_id is not None:
        return f"Gerado vinculado ao selo {_code_of(record.parent_id)}"
    return "Gerado"


def _answer(record: SealRecord) -> list[HistoryEvent]:
    """The TJ's answer, when the record holds one."""
    if record.sent_at is not None:
        late = " (fora do prazo de 24 h)" if record.late else ""
        return [HistoryEvent(record.sent_at, f"Comunicado ao TJ{late}", "")]
    if record.state in (SealState.CRITICIZED, SealState.FAILED) and record.batch_id:
        finished = record.batch.finished_at or record.batch.created_at
        what = ("Criticado pelo TJ" if record.state == SealState.CRITICIZED
                else "Falha estrutural: não pode ser enviado")
        return [HistoryEvent(finished, what, "")]
    return []


def _audit_label(entry: AuditEntry) -> str:
    label = action_label(entry.action)
    detail = json.loads(entry.detail or "{}")
    new = detail.get("retificacao") if isinstance(detail, dict) else None
    reason = f" — {entry.reason}" if entry.reason else ""
    return label + (f": {new}" if new else "") + reason
