"""Signature cards (fichas-padrão): search before creating, create with validation."""
from __future__ import annotations

from dataclasses import dataclass, field, fields
from datetime import date, datetime

import peewee as pw

from ...domain.act_kinds import ABERTURA_FIRMA, get_act_kind
from ...domain.boundary import clean_text, quoted
from ...domain.card_dates import check_card_dates
from ...domain.deadlines import office_day, utcnow
from ...domain.identifiers import (UFS, InvalidIdentifier, document_in_query, mask_cpf,
                                   normalize_cpf, normalize_rg)
from ...domain.payment import Payment, checked_payment
from ...domain.permissions import Action
from ...domain.text import cut, fold
from ..actors import acting_user
from ..audit import audit
from ..db import serialize, write_transaction
from ..digital_seals import create_digital_seal
from ..errors import NotFound, Refused
from ..fee_fields import fee_fields
from ..models import Act, SignatureCard
from .counter import ensure_open
from .fee_tables import fees_for

SEARCH_LIMIT = 50
FOLDED_MAX = 255


@dataclass(frozen=True)
class CardSummary:
    id: int
    name: str
    cpf_masked: str
    rg: str
    birth_date: date | None


@dataclass(frozen=True)
class CardData:
    name: str
    cpf: str = ""
    rg_number: str = ""
    rg_issuer: str = ""
    rg_state: str = ""
    id_type: str = "RG"
    id_issued_on: date | None = None
    birth_date: date | None = None
    father: str = ""
    mother: str = ""
    address: str = ""
    profession: str = ""
    nationality: str = "brasileira"
    marital_status: str = ""
    deposited_on: date | None = None


@dataclass(frozen=True)
class CardCreated:
    card_id: int
    seal_code: str | None
    duplicates: tuple[CardSummary, ...] = field(default_factory=tuple)


@dataclass(frozen=True)
class DuplicateCheck:
    """Cards that the new one would repeat: the same CPF (refused), or the same name and
    birth date (allowed after the clerk confirms it is another person)."""
    cpf_holder: CardSummary | None
    same_person: tuple[CardSummary, ...]


def _summary(card: SignatureCard) -> CardSummary:
    rg = " ".join(p for p in (card.rg_number, card.rg_issuer, card.rg_state) if p)
    return CardSummary(card.id, card.name, mask_cpf(card.cpf) if card.cpf else "", rg,
                       card.birth_date)


def find_signature_cards(query: str, limit: int = SEARCH_LIMIT) -> list[CardSummary]:
    """By CPF (11 digits), by RG (digits, perhaps a check letter), or by name prefix of any
    word, ignoring accents."""
    query = clean_text(query, "query")
    if not query:
        return []
    document = document_in_query(query)
    if document is not None:
        kind, number = document
        condition = SignatureCard.rg_number.startswith(number)
        if kind == "cpf":
            condition = (SignatureCard.cpf == number) | condition
    else:
        folded = fold(query)
        condition = (SignatureCard.name_folded.startswith(folded)
                     | SignatureCard.name_folded.contains(" " + folded))
    cards = SignatureCard.select().where(condition).order_by(SignatureCard.name_folded).limit(limit)
    return [_summary(c) for c in cards]


def card_by_cpf(cpf: str) -> CardSummary | None:
    try:
        cpf = normalize_cpf(cpf)
    except (InvalidIdentifier, TypeError):
        return None
    card = SignatureCard.get_or_none(SignatureCard.cpf == cpf)
    return _summary(card) if card else None


def check_duplicates(data: CardData) -> DuplicateCheck:
    holder = card_by_cpf(data.cpf) if isinstance(data.cpf, str) and data.cpf.strip() else None
    same: tuple[CardSummary, ...] = ()
    if data.birth_date and isinstance(data.name, str):
        same = tuple(_summary(c) for c in SignatureCard.select().where(
            (SignatureCard.name_folded == fold(" ".join(data.name.split())))
            & (SignatureCard.birth_date == data.birth_date)))
    return DuplicateCheck(holder, same)


def cpf_taken_message(holder: CardSummary) -> str:
    """One line at 80 columns, beside the field."""
    return f"Já existe ficha para este CPF: nº {holder.id}, {cut(holder.name, 30)}."


def get_signature_card(card_id: int) -> SignatureCard:
    card = SignatureCard.get_or_none(SignatureCard.id == card_id)
    if card is None:
        raise NotFound("Ficha de firma não encontrada.")
    return card


_DATE_FIELDS = ("id_issued_on", "birth_date", "deposited_on")


def _cleaned(data: CardData) -> dict:
    values = {}
    for item in fields(data):
        value = getattr(data, item.name)
        if item.name in _DATE_FIELDS:
            if value is not None and (not isinstance(value, date) or isinstance(value, datetime)):
                raise Refused("Data inválida.", field=item.name)
            values[item.name] = value
        else:
            values[item.name] = clean_text(value, item.name)
    return values


def _validated(data: CardData, today: date) -> dict:
    values = _cleaned(data)
    name = values["name"]
    if len(name) < 3 or " " not in name:
        raise Refused("Informe o nome completo (nome e sobrenome).", field="name")
    cpf = None
    if values["cpf"]:
        try:
            cpf = normalize_cpf(values["cpf"])
        except InvalidIdentifier as exc:
            raise Refused(str(exc), field="cpf") from exc
    try:
        rg_number = normalize_rg(values["rg_number"])
    except InvalidIdentifier as exc:
        raise Refused(str(exc), field="rg_number") from exc
    if not cpf and not rg_number:
        raise Refused("Informe o CPF ou o número do documento de identidade.", field="cpf")
    check_card_dates(data.birth_date, data.id_issued_on, data.deposited_on, today)
    rg_state = values["rg_state"].upper()
    if rg_state and rg_state not in UFS:
        raise Refused(f"UF inválida: {quoted(values['rg_state'])} (ex.: SP).", field="rg_state")
    # Folding may lengthen text (ligatures); the search key is only ever matched by prefix.
    values.update(name=name, name_folded=fold(name)[:FOLDED_MAX], cpf=cpf, rg_number=rg_number,
                  rg_state=rg_state, deposited_on=data.deposited_on or today)
    return values


def create_signature_card(actor_id: int, data: CardData, *, generate_seal: bool = False,
                          allow_duplicate: bool = False, payment: str = Payment.CASH,
                          exempt_reason: str | None = None,
                          now: datetime | None = None) -> CardCreated:
    """Create a card. A card with the same CPF, or same name and birth date, is refused
    unless `allow_duplicate`; a seal is made only if the office uses them and asked for,
    and then its act is charged and paid in `payment` (exempt: with `exempt_reason`)."""
    now = now or utcnow()
    today = office_day(now)
    values = _validated(data, today)
    exempt_reason = clean_text(exempt_reason, "exempt_reason") or None
    payment = checked_payment(payment, exempt_reason)
    kind = get_act_kind(ABERTURA_FIRMA)
    office, fees = fees_for(kind, today, exempt_reason=exempt_reason)
    try:
        with write_transaction():
            clerk = acting_user(actor_id, Action.MANAGE_SIGNATURE_CARDS)
            serialize(f"card-cpf:{values['cpf']}" if values["cpf"] else "card-name")
            check = check_duplicates(data)
            if check.cpf_holder is not None:
                raise Refused(cpf_taken_message(check.cpf_holder), field="cpf")
            duplicates = check.same_person
            if duplicates and not allow_duplicate:
                raise Refused("Já existe ficha com este nome e data de nascimento: confira "
                              "antes de criar outra.", field="name")
            card = SignatureCard.create(collected_by=clerk, **values)
            seal_code = None
            if generate_seal and office.signature_card_seal:
                ensure_open(clerk, today)
                act = Act.create(kind=kind.key, day=today, performed_at=now, clerk=clerk,
                                 signature_card=card, payment=payment,
                                 exempt_reason=exempt_reason, **fee_fields(fees))
                seal_code = create_digital_seal(office, kind, act, fees, now, clerk).code
            audit(clerk.id, "card.create", "signature_card", card.id,
                  {"nome": card.name, "cpf": mask_cpf(card.cpf) if card.cpf else None,
                   "selo": seal_code, "pagamento": payment if seal_code else None})
            return CardCreated(card.id, seal_code, duplicates)
    except pw.IntegrityError:
        # Another terminal created the card for this CPF between our check and our insert.
        holder = card_by_cpf(values["cpf"]) if values["cpf"] else None
        if holder is None:
            raise
        raise Refused(cpf_taken_message(holder), field="cpf") from None
