"""Counter acts that take a physical seal each: recognitions and copy authentications.

One call registers all the acts of one service (N signatures, N pages) in one transaction:
each act takes the next physical seal of the clerk's sheet, or the one typed or scanned,
and gets a hybrid seal record that waits for the shift closing.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import peewee as pw

from ...domain.act_kinds import (MAX_ACTS_PER_SERVICE, PHYSICAL_SEAL_LABELS, ActKind,
                                 SealMode, get_act_kind)
from ...domain.boundary import bounded_id, bounded_int, clean_text
from ...domain.deadlines import format_date, office_day, send_deadline, utcnow
from ...domain.fees import ActFees
from ...domain.payment import Payment, checked_payment
from ...domain.permissions import Action
from ...domain.refusal import Refusal
from ...domain.seal_code import MAX_HYBRID_NUMBER, build_hybrid_seal_code, normalize_series
from ...domain.seal_states import PhysicalState, RecordKind, SealState
from ..actors import acting_user
from ..audit import audit
from ..db import database, is_sqlite, serialize, write_transaction
from ..errors import Refused
from ..fee_fields import fee_fields
from ..models import Act, CashDrawer, PhysicalSeal, SealSheet, ShiftClosing, SignatureCard, User
from ..state_writes import create_seal_record, move_physical_seals
from .act_codes import office_act_code
from .drawers import DrawerState, drawer_lock_key
from .fee_tables import fees_for
from .stock import on_the_sheet

_CARD_KINDS_PREFIX = ("firma_", "certidao_firma")


@dataclass(frozen=True)
class RegisteredAct:
    act_id: int
    seal_code: str
    series: str
    number: int


@dataclass(frozen=True)
class Registration:
    kind: str
    kind_label: str
    performed_at: datetime
    clerk_name: str
    clerk_role: str  # domain.permissions.Role: the label names the signer's real role
    office_name: str
    office_cns: str
    card_name: str | None
    acts: tuple[RegisteredAct, ...]
    unit_fees: ActFees
    total: int
    iss: int
    payment: Payment


def day_lock_key(day) -> str:
    return f"day:{day.isoformat()}"


NO_NEW_ACTS = "não aceita novos atos"


def _day_closed_message(day, refused: str) -> str:
    return f"O expediente de {format_date(day)} já foi fechado: {refused}."


def _day_closed(day, refused: str) -> str | None:
    if ShiftClosing.select().where(ShiftClosing.day == day).exists():
        return _day_closed_message(day, refused)
    return None


def ensure_day_open(day, refused: str = NO_NEW_ACTS) -> None:
    """Inside the write transaction of a new act (or of a change to the day's acts): the
    day is not closed, and stays open until this transaction ends (its closing waits for
    it on PostgreSQL). Once closed, a refusal that ends in `refused`."""
    serialize(day_lock_key(day), shared=True)
    closed = _day_closed(day, refused)
    if closed:
        raise Refused(closed)


def why_no_service(clerk_id: int, day) -> str | None:
    """Why a new service by the clerk on `day` is refused (the day or the clerk's drawer
    closed), or None: read before the clerk starts typing, and again inside the service's
    transaction. One read for both."""
    day_closed, drawer_closed = list(pw.Select(columns=[
        pw.fn.EXISTS(ShiftClosing.select(ShiftClosing.id).where(ShiftClosing.day == day)),
        pw.fn.EXISTS(CashDrawer.select(CashDrawer.id).where(
            (CashDrawer.clerk == clerk_id) & (CashDrawer.day == day)
            & (CashDrawer.state == DrawerState.CLOSED)))]).bind(database.obj).tuples())[0]
    if day_closed:
        return _day_closed_message(day, NO_NEW_ACTS)
    if drawer_closed:
        return (f"Seu caixa de {format_date(day)} está fechado: peça ao supervisor para "
                "reabri-lo.")
    return None


def ensure_open(clerk: User, day) -> None:
    """Before a new service by `clerk` on `day`, inside its transaction: neither the day nor
    the clerk's drawer is closed. A day or a drawer being closed on another terminal waits
    for this service, or this service for the closing, so that no service escapes the
    count. Both shared locks are taken in one round trip, the day's first."""
    serialize(day_lock_key(day), drawer_lock_key(clerk.id, day), shared=True)
    closed = why_no_service(clerk.id, day)
    if closed:
        raise Refused(closed)


def needs_signature_card(kind: ActKind) -> bool:
    return kind.key.startswith(_CARD_KINDS_PREFIX)


def _hybrid_kind(kind_key: str) -> ActKind:
    try:
        kind = get_act_kind(kind_key)
    except Refusal as exc:
        raise Refused(exc.message, field="kind") from exc
    if kind.seal_mode != SealMode.HYBRID or kind.physical_seal is None:
        raise Refused(f"{kind.label} não leva selo físico no balcão.", field="kind")
    return kind


def _seal_refusal(seal: PhysicalSeal, clerk: User, kind: ActKind, day) -> str | None:
    label = f"{seal.series} {seal.number:07d}"
    if seal.sheet.clerk_id != clerk.id:
        return f"O selo {label} é de outra cartela, não da sua."
    if seal.sheet.seal_type != kind.physical_seal:
        return (f"O selo {label} é de {PHYSICAL_SEAL_LABELS[seal.sheet.seal_type]}, não serve "
                f"para {kind.short_label}.")
    if seal.state == PhysicalState.AVAILABLE:
        return None
    if seal.state == PhysicalState.REVERSED:
        if seal.day == day:
            return None
        return (f"O selo {label} foi estornado em {format_date(seal.day)}: selos de dias "
                "anteriores só podem ser inutilizados.")
    return {
        PhysicalState.USED: f"O selo {label} já foi utilizado em "
                            f"{format_date(seal.day) if seal.day else 'outro ato'}.",
        PhysicalState.SPOILED: f"O selo {label} foi inutilizado.",
        PhysicalState.SENT: f"O selo {label} já foi enviado ao TJ.",
    }.get(seal.state, f"O selo {label} não está disponível.")


def _take(seal: PhysicalSeal, clerk: User, day, act: Act, now: datetime) -> bool:
    """Mark the seal used if nobody else did in the meantime, nor moved it to another
    clerk's sheet (a reversed seal taken again drops the reason of its reversal, which its
    audit entry keeps)."""
    return bool(move_physical_seals((PhysicalSeal.id == seal.id)
                                    & (PhysicalSeal.sheet == seal.sheet_id), seal.state,
                                    PhysicalState.USED, clerk.role, reason="", day=day,
                                    act=act, changed_at=now))


def typed_seals(seals: object, most: int) -> list[tuple[str, int]]:
    """Seals as (series, number) pairs from a screen or a command: at most `most`, each
    series normalised, none twice."""
    if isinstance(seals, (list, tuple)) and len(seals) > most:
        raise Refused(f"No máximo {most} selos de uma vez.", field="seals")
    if not isinstance(seals, (list, tuple)) or not all(
            isinstance(seal, (list, tuple)) and len(seal) == 2 for seal in seals):
        raise Refused("Informe os selos como série e número, ex.: RF0001 0000123.",
                      field="seals")
    pairs = [(_series(series), bounded_int(number, "seals", "Número do selo", 0,
                                           MAX_HYBRID_NUMBER))
             for series, number in seals]
    if len(set(pairs)) != len(pairs):
        raise Refused("O mesmo selo foi informado mais de uma vez.", field="seals")
    return pairs


def _series(series: object) -> str:
    try:
        return normalize_series(clean_text(series, "series", required=True))
    except ValueError as exc:
        raise Refused(str(exc), field="seals") from exc


def _seal_list(seals: object, count: int) -> list[tuple[str, int]]:
    """The seals typed for a service: `count` distinct (series, number) pairs."""
    pairs = typed_seals(seals, MAX_ACTS_PER_SERVICE)
    if len(pairs) != count:
        raise Refused(f"Informe {count} selo(s); foram informados {len(pairs)}.", field="seals")
    return pairs


def _typed_seal(series: str, number: int) -> PhysicalSeal:
    seal = (PhysicalSeal.select(PhysicalSeal, SealSheet).join(SealSheet)
            .where((PhysicalSeal.series == series) & (PhysicalSeal.number == number)).first())
    if seal is None:
        raise Refused(f"O selo {series} {number:07d} não está cadastrado no estoque.",
                      field="seals")
    return seal


def _next_free_seal(clerk: User, kind: ActKind, day) -> PhysicalSeal:
    """The clerk's first free seal of the kind. On PostgreSQL, one that another terminal of
    the same clerk is taking right now is passed over, not waited for; only when all of
    them are being taken does this wait, to see whether one is given back."""
    query = (PhysicalSeal.select(PhysicalSeal, SealSheet).join(SealSheet)
             .where((SealSheet.clerk == clerk.id) & (SealSheet.seal_type == kind.physical_seal)
                    & on_the_sheet(day))
             .order_by(SealSheet.assigned_at, PhysicalSeal.series, PhysicalSeal.number))
    if is_sqlite():
        seal = query.first()
    else:
        seal = (query.for_update(of=PhysicalSeal, skip_locked=True).first()
                or query.for_update(of=PhysicalSeal).first())
    if seal is None:
        raise Refused(f"Sua cartela de selos de {PHYSICAL_SEAL_LABELS[kind.physical_seal]} "
                      "acabou: peça uma nova ao supervisor ou digite o número do selo.",
                      field="seals")
    return seal


def register_counter_acts(actor_id: int, kind_key: str, count: int, *,
                          signature_card_id: int | None = None,
                          seals: list[tuple[str, int]] | None = None,
                          exempt_reason: str | None = None,
                          payment: str = Payment.CASH,
                          now: datetime | None = None) -> Registration:
    """`payment`: a domain.payment.Payment; an exempt service (isento) gives its legal
    reason in `exempt_reason`, and only an exempt one does."""
    kind = _hybrid_kind(kind_key)
    count = bounded_int(count, "count", "A quantidade", 1, MAX_ACTS_PER_SERVICE)
    if seals is not None:
        seals = _seal_list(seals, count)
    exempt_reason = clean_text(exempt_reason, "exempt_reason") or None
    payment = checked_payment(payment, exempt_reason)
    now = now or utcnow()
    day = office_day(now)
    office, fees = fees_for(kind, day, exempt_reason=exempt_reason)
    with write_transaction():
        clerk = acting_user(actor_id, Action.REGISTER_ACT)
        ensure_open(clerk, day)
        if seals is not None:
            _lock_in_order(seals)
        card = None
        if needs_signature_card(kind):
            card = SignatureCard.get_or_none(
                SignatureCard.id == bounded_id(signature_card_id or 0, "card", "A ficha"))
            if card is None:
                raise Refused("Escolha a ficha de firma do signatário.", field="card")
        act_code = office_act_code(kind)
        acts: list[RegisteredAct] = []
        for index in range(count):
            act = Act.create(kind=kind.key, day=day, performed_at=now, clerk=clerk,
                             signature_card=card, exempt_reason=exempt_reason,
                             payment=payment, **fee_fields(fees))
            seal = _claim_seal(clerk, kind, day, act, now,
                               seals[index] if seals is not None else None)
            code = build_hybrid_seal_code(office.cns, office.natureza, act_code,
                                          seal.series, seal.number, day.year)
            create_seal_record(
                SealState.WAITING_CLOSING, clerk.role,
                code=code, record_kind=RecordKind.ACT, act=act, act_kind=kind.key,
                act_code=act_code, act_at=now, day=day, exempt_reason=exempt_reason,
                physical_series=seal.series, physical_number=seal.number,
                deadline_at=send_deadline(now), created_by=clerk, **fee_fields(fees))
            acts.append(RegisteredAct(act.id, code, seal.series, seal.number))
        audit(clerk.id, "act.register", "act", acts[0].act_id,
              {"tipo": kind.key, "quantidade": count, "atos": [a.act_id for a in acts],
               "selos": [a.seal_code for a in acts], "ficha": card.id if card else None,
               "valor_unitario": fees.total, "pagamento": payment, "isento": exempt_reason})
        return Registration(
            kind=kind.key, kind_label=kind.label, performed_at=now, clerk_name=clerk.name,
            clerk_role=clerk.role, office_name=office.name, office_cns=office.cns,
            card_name=card.name if card else None, acts=tuple(acts), unit_fees=fees,
            total=fees.total * count, iss=fees.iss * count, payment=payment)


def _lock_in_order(seals: list[tuple[str, int]]) -> None:
    """On PostgreSQL, lock the typed seals by series and number, the order a stock move
    locks its range in: typed out of order ("9; 3") they would otherwise wait on a move
    in a circle, and PostgreSQL would end one of them as a deadlock."""
    if not is_sqlite():
        list(PhysicalSeal.select(PhysicalSeal.id)
             .where(pw.Tuple(PhysicalSeal.series, PhysicalSeal.number).in_(seals))
             .order_by(PhysicalSeal.series, PhysicalSeal.number).for_update())


def _claim_seal(clerk: User, kind: ActKind, day, act: Act, now: datetime,
                typed: tuple[str, int] | None) -> PhysicalSeal:
    if typed is not None:
        seal = _typed_seal(*typed)
        refusal = _seal_refusal(seal, clerk, kind, day)
        if refusal:
            raise Refused(refusal, field="seals")
        if not _take(seal, clerk, day, act, now):
            raise Refused(f"O selo {seal.series} {seal.number:07d} acabou de ser usado ou "
                          "passado a outro escrevente em outro terminal.", field="seals")
        return seal
    while True:
        seal = _next_free_seal(clerk, kind, day)
        if _take(seal, clerk, day, act, now):
            return seal
