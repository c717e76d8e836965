"""A clerk's own acts of a day, a page at a time, and a service rebuilt for its reprint.

Every figure comes from the database: the totals are sums in SQL over the whole day, and
a reprint is built from the stored acts and seal records, never from screen memory.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime

import peewee as pw

from ...domain.act_kinds import MAX_ACTS_PER_SERVICE, all_act_kinds, get_act_kind
from ...domain.boundary import bounded_id, bounded_int
from ...domain.fees import COLUMN_NAMES, ActFees, FeeColumns
from ...domain.identifiers import mask_cpf
from ...domain.payment import Payment
from ...domain.permissions import Action
from ...domain.refusal import Refusal
from ...domain.seal_states import PhysicalState, RecordKind
from ..actors import acting_user
from ..errors import NotFound
from ..models import Act, AuditEntry, Office, PhysicalSeal, SealRecord, SignatureCard, User
from .counter import Registration, RegisteredAct

PAGE_SIZE = 12
REGISTER_AUDIT = "act.register"


@dataclass(frozen=True)
class DayAct:
    act_id: int
    performed_at: datetime
    kind: str
    kind_label: str
    card_id: int | None
    card_name: str | None
    cpf_masked: str
    physical_seal: tuple[str, int] | None  # (series, number) of a hybrid seal
    seal_code: str | None
    total: int
    payment: Payment
    cancelled: str | None  # "estornado" or "inutilizado" once its seal was returned


@dataclass(frozen=True)
class PaymentTotal:
    payment: Payment
    count: int
    total: int  # centavos


@dataclass(frozen=True)
class DayActs:
    day: date
    acts: tuple[DayAct, ...]  # this page, the newest first
    count: int  # the whole day, the acts not cancelled
    total: int  # the same, in centavos
    cancelled: int  # the whole day's acts cancelled by a reversal or a spoilage
    page: int  # from 0
    pages: int
    by_payment: tuple[PaymentTotal, ...]  # the whole day, in the order of Payment


def _kind_label(key: str) -> str:
    try:
        return get_act_kind(key).short_label
    except Refusal:
        return key


def my_day_acts(clerk_id: int, day: date, page: int = 0,
                page_size: int = PAGE_SIZE) -> DayActs:
    clerk = acting_user(clerk_id, Action.REGISTER_ACT)
    if not isinstance(day, date) or isinstance(day, datetime):
        raise Refusal("Data inválida.", field="day")
    page_size = bounded_int(page_size, "page", "O tamanho da página", 1, 200)
    mine = (Act.clerk == clerk.id) & (Act.day == day)
    live = Act.cancelled_at.is_null()
    count, total = Act.select(pw.fn.COUNT(Act.id), pw.fn.COALESCE(pw.fn.SUM(Act.total), 0)
                              ).where(mine & live).tuples().get()
    cancelled = Act.select().where(mine & ~live).count()
    pages = max(1, -(-(count + cancelled) // page_size))
    page = min(bounded_id(page, "page", "A página"), pages - 1)
    rows = (Act.select(Act, SignatureCard).join(SignatureCard, pw.JOIN.LEFT_OUTER)
            .where(mine).order_by(Act.id.desc()).limit(page_size).offset(page * page_size))
    acts = list(rows)
    records = _act_records([act.id for act in acts])
    sums = {payment: (count, int(total)) for payment, count, total in
            Act.select(Act.payment, pw.fn.COUNT(Act.id), pw.fn.SUM(Act.total))
            .where(mine & live).group_by(Act.payment).tuples()}
    by_payment = tuple(PaymentTotal(payment, *sums[payment]) for payment in Payment
                       if payment in sums)
    spoiled = _spoiled_acts([act.id for act in acts if act.cancelled_at is not None])
    return DayActs(day, tuple(_day_act(act, records.get(act.id), act.id in spoiled)
                              for act in acts), count, int(total), cancelled, page, pages,
                   by_payment)


def _spoiled_acts(act_ids: list[int]) -> set[int]:
    """The cancelled acts whose seal was spoiled with them, in one stroke (the others were
    reversed, even if their seal was spoiled later)."""
    if not act_ids:
        return set()
    return {act for (act,) in PhysicalSeal.select(PhysicalSeal.act).join(Act).where(
        PhysicalSeal.act.in_(act_ids) & (PhysicalSeal.state == PhysicalState.SPOILED)
        & (PhysicalSeal.changed_at == Act.cancelled_at)).tuples()}


def _act_records(act_ids: list[int]) -> dict[int, SealRecord]:
    """The seal record of each act (the newest one, should a correction have replaced it)."""
    if not act_ids:
        return {}
    found: dict[int, SealRecord] = {}
    for record in (SealRecord.select().where(SealRecord.act.in_(act_ids)
                                             & (SealRecord.record_kind == RecordKind.ACT))
                   .order_by(SealRecord.id)):
        found[record.act_id] = record
    return found


def _day_act(act: Act, record: SealRecord | None, spoiled: bool) -> DayAct:
    card = act.signature_card if act.signature_card_id else None
    physical = ((record.physical_series, record.physical_number)
                if record is not None and record.physical_series else None)
    cancelled = None if act.cancelled_at is None else (
        "inutilizado" if spoiled else "estornado")
    return DayAct(act.id, act.performed_at, act.kind, _kind_label(act.kind),
                  card.id if card else None, card.name if card else None,
                  mask_cpf(card.cpf) if card and card.cpf else "", physical,
                  record.code if record else None, act.total, Payment(act.payment),
                  cancelled)


def _service_act_ids(act: Act) -> list[int]:
    """The acts registered with this one in one service, as its registration audited them
    (the audit entry is named after the service's first act)."""
    firsts = (Act.select(Act.id)
              .where((Act.clerk == act.clerk_id) & (Act.performed_at == act.performed_at)
                     & (Act.kind == act.kind) & (Act.id <= act.id))
              .order_by(Act.id.desc()).limit(MAX_ACTS_PER_SERVICE))
    entries = (AuditEntry.select(AuditEntry.detail)
               .where((AuditEntry.action == REGISTER_AUDIT) & (AuditEntry.entity == "act")
                      & AuditEntry.entity_id.in_([str(a.id) for a in firsts])))
    for entry in entries:
        ids = json.loads(entry.detail or "{}").get("atos") or []
        if act.id in ids:
            return sorted(ids)
    return [act.id]


def service_registration(clerk_id: int, act_id: int) -> Registration:
    """The service of one of the clerk's acts, as it was registered, for an identical label."""
    clerk = acting_user(clerk_id, Action.REGISTER_ACT)
    act_id = bounded_id(act_id, "act", "O ato")
    act = Act.get_or_none((Act.id == act_id) & (Act.clerk == clerk.id))
    if act is None:
        raise NotFound("Ato não encontrado entre os seus atos.", field="act")
    if act.cancelled_at is not None:
        raise NotFound("Este ato foi cancelado (estorno ou inutilização do selo): não há "
                       "etiqueta para reimprimir.", field="act")
    kind = get_act_kind(act.kind)
    if not kind.is_hybrid:
        raise NotFound(f"{kind.label} não tem etiqueta de selo para reimprimir.", field="act")
    acts = list(Act.select().where(Act.id.in_(_service_act_ids(act)) & (Act.clerk == clerk.id)
                                   & Act.cancelled_at.is_null()).order_by(Act.id))
    records = _act_records([a.id for a in acts])
    signer = User.get_by_id(act.clerk_id)
    office = Office.select().first()
    card = SignatureCard.get_or_none(SignatureCard.id == act.signature_card_id)
    columns = {name: getattr(act, name) for name in COLUMN_NAMES}
    fees = ActFees(FeeColumns(**columns, total=sum(columns.values())), act.iss, act.total,
                   act.exempt_reason)
    registered = tuple(RegisteredAct(a.id, records[a.id].code, records[a.id].physical_series,
                                     records[a.id].physical_number)
                       for a in acts if a.id in records)
    return Registration(
        kind=kind.key, kind_label=kind.label, performed_at=act.performed_at,
        clerk_name=signer.name, clerk_role=signer.role, office_name=office.name,
        office_cns=office.cns, card_name=card.name if card else None, acts=registered,
        unit_fees=fees, total=sum(a.total for a in acts), iss=sum(a.iss for a in acts),
        payment=Payment(act.payment))


def last_service(clerk_id: int) -> Registration | None:
    """The last service with labels that this clerk registered, on any day."""
    clerk = acting_user(clerk_id, Action.REGISTER_ACT)
    hybrid = [kind.key for kind in all_act_kinds() if kind.is_hybrid]
    last = (Act.select(Act.id).where((Act.clerk == clerk.id) & Act.kind.in_(hybrid)
                                     & Act.cancelled_at.is_null())
            .order_by(Act.id.desc()).first())
    return service_registration(clerk.id, last.id) if last else None

