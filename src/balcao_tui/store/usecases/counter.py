"""Counter acts that take a physical seal each: recognitions and copy authentications.

One call registers all the acts of one service (N signatures, N pages) in one transaction:
each act takes the next physical seal of the clerk's sheet, or the one typed or scanned,
and gets a hybrid seal record that waits for the shift closing.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from ...domain.act_kinds import ActKind, SealMode, get_act_kind
from ...domain.deadlines import format_date, office_day, send_deadline, utcnow
from ...domain.fees import ActFees, act_fees
from ...domain.permissions import Action
from ...domain.seal_code import build_hybrid_seal_code, normalize_series
from ..actors import acting_user
from ..audit import audit
from ..db import write_transaction
from ..errors import NotFound, Refused
from ..fee_fields import fee_fields
from ..models import Act, Office, PhysicalSeal, SealRecord, SealSheet, ShiftClosing, SignatureCard, User
from ..states import PhysicalState, SealState
from .fee_tables import current_fee_table

MAX_ACTS_PER_SERVICE = 200
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
    office_name: str
    office_cns: str
    card_name: str | None
    acts: tuple[RegisteredAct, ...]
    unit_fees: ActFees
    total: int
    iss: int


def ensure_day_open(day) -> None:
    if ShiftClosing.select().where(ShiftClosing.day == day).exists():
        raise Refused(f"O expediente de {format_date(day)} já foi fechado: não aceita novos atos.")


def needs_signature_card(kind: ActKind) -> bool:
    return kind.key.startswith(_CARD_KINDS_PREFIX)


def _hybrid_kind(kind_key: str) -> ActKind:
    try:
        kind = get_act_kind(kind_key)
    except ValueError as exc:
        raise Refused(str(exc), field="kind") from exc
    if kind.seal_mode != SealMode.HYBRID or kind.physical_seal is None:
        raise Refused(f"{kind.label} não leva selo físico no balcão.", field="kind")
    return kind


def _seal_refusal(seal: PhysicalSeal, clerk: User, kind: ActKind, day) -> str | None:
    label = f"{seal.series} {seal.number:07d}"
    if seal.sheet.clerk_id != clerk.id:
        return f"O selo {label} é de outra cartela, não da sua."
    if seal.sheet.seal_type != kind.physical_seal:
        return f"O selo {label} é de {seal.sheet.seal_type}, não serve para {kind.short_label}."
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


def _take(seal: PhysicalSeal, day, act: Act, now: datetime) -> bool:
    """Mark the seal used if nobody else did in the meantime."""
    return bool(PhysicalSeal.update(state=PhysicalState.USED, day=day, act=act, changed_at=now)
                .where((PhysicalSeal.id == seal.id) & (PhysicalSeal.state == seal.state))
                .execute())


def _typed_seal(series: str, number: int) -> PhysicalSeal:
    try:
        series = normalize_series(series)
    except ValueError as exc:
        raise Refused(str(exc), field="seals") from exc
    seal = (PhysicalSeal.select(PhysicalSeal, SealSheet).join(SealSheet)
            .where((PhysicalSeal.series == series) & (PhysicalSeal.number == number)).first())
    if seal is None:
        raise Refused(f"O selo {series} {number:07d} não está cadastrado no estoque.",
                      field="seals")
    return seal


def _next_free_seal(clerk: User, kind: ActKind) -> PhysicalSeal:
    seal = (PhysicalSeal.select(PhysicalSeal, SealSheet).join(SealSheet)
            .where((SealSheet.clerk == clerk.id) & (SealSheet.seal_type == kind.physical_seal)
                   & (PhysicalSeal.state == PhysicalState.AVAILABLE))
            .order_by(SealSheet.assigned_at, PhysicalSeal.series, PhysicalSeal.number).first())
    if seal is None:
        raise Refused(f"Sua cartela de selos de {kind.physical_seal} acabou: peça uma nova ao "
                      "supervisor ou digite o número do selo.", field="seals")
    return seal


def register_counter_acts(actor_id: int, kind_key: str, count: int, *,
                          signature_card_id: int | None = None,
                          seals: list[tuple[str, int]] | None = None,
                          exempt_reason: str | None = None,
                          now: datetime | None = None) -> Registration:
    kind = _hybrid_kind(kind_key)
    if not 1 <= count <= MAX_ACTS_PER_SERVICE:
        raise Refused(f"Quantidade deve ser de 1 a {MAX_ACTS_PER_SERVICE}.", field="count")
    if seals is not None and len(seals) != count:
        raise Refused(f"Informe {count} selo(s); foram informados {len(seals)}.", field="seals")
    if seals is not None and len(set(seals)) != len(seals):
        raise Refused("O mesmo selo foi informado mais de uma vez.", field="seals")
    exempt_reason = (exempt_reason or "").strip() or None
    now = now or utcnow()
    day = office_day(now)
    with write_transaction():
        clerk = acting_user(actor_id, Action.REGISTER_ACT)
        office = Office.select().first()
        if office is None:
            raise NotFound("A serventia não foi cadastrada.")
        ensure_day_open(day)
        card = None
        if needs_signature_card(kind):
            card = SignatureCard.get_or_none(SignatureCard.id == signature_card_id)
            if card is None:
                raise Refused("Escolha a ficha de firma do signatário.", field="card")
        try:
            fees = act_fees(current_fee_table(), kind, day, office.iss_rate_bp,
                            exempt_reason=exempt_reason)
        except LookupError as exc:
            raise Refused(str(exc)) from exc
        acts: list[RegisteredAct] = []
        for index in range(count):
            act = Act.create(kind=kind.key, day=day, performed_at=now, clerk=clerk,
                             signature_card=card, exempt_reason=exempt_reason,
                             **fee_fields(fees))
            seal = _claim_seal(clerk, kind, day, act, now,
                               seals[index] if seals is not None else None)
            code = build_hybrid_seal_code(office.cns, office.natureza, kind.act_code,
                                          seal.series, seal.number, day.year)
            SealRecord.create(
                code=code, record_kind="ato", act=act, act_kind=kind.key,
                act_code=kind.act_code, act_at=now, day=day, exempt_reason=exempt_reason, physical_series=seal.series,
                physical_number=seal.number, state=SealState.WAITING_CLOSING,
                deadline_at=send_deadline(now), created_by=clerk, **fee_fields(fees))
            acts.append(RegisteredAct(act.id, code, seal.series, seal.number))
        audit(clerk.id, "act.register", "act", ",".join(str(a.act_id) for a in acts),
              {"tipo": kind.key, "quantidade": count, "selos": [a.seal_code for a in acts],
               "ficha": card.id if card else None, "valor_unitario": fees.total,
               "isento": exempt_reason})
        return Registration(
            kind=kind.key, kind_label=kind.label, performed_at=now, clerk_name=clerk.name,
            office_name=office.name, office_cns=office.cns,
            card_name=card.name if card else None, acts=tuple(acts), unit_fees=fees,
            total=fees.total * count, iss=fees.iss * count)


def _claim_seal(clerk: User, kind: ActKind, day, act: Act, now: datetime,
                typed: tuple[str, int] | None) -> PhysicalSeal:
    if typed is not None:
        seal = _typed_seal(*typed)
        refusal = _seal_refusal(seal, clerk, kind, day)
        if refusal:
            raise Refused(refusal, field="seals")
        if not _take(seal, day, act, now):
            raise Refused(f"O selo {seal.series} {seal.number:07d} acabou de ser usado em "
                          "outro terminal.", field="seals")
        return seal
    while True:
        seal = _next_free_seal(clerk, kind)
        if _take(seal, day, act, now):
            return seal
