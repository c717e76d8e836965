"""What the printed signature card (ficha-padrão) carries, read back from the store."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from ...domain.act_kinds import ABERTURA_FIRMA
from ...domain.boundary import bounded_id
from ...domain.permissions import Action
from ...domain.seal_states import RecordKind
from ..actors import acting_user
from ..errors import NotFound
from ..models import Act, Office, SealRecord, SignatureCard, User


@dataclass(frozen=True)
class CardSheet:
    card_id: int
    name: str
    father: str
    mother: str
    birth_date: date | None
    cpf: str | None
    id_type: str
    rg_number: str
    rg_issuer: str
    rg_state: str
    id_issued_on: date | None
    address: str
    profession: str
    nationality: str
    marital_status: str
    deposited_on: date
    clerk_name: str
    clerk_role: str
    office_name: str
    office_cns: str
    municipality: str
    seal_code: str | None
    seal_total: int
    seal_iss: int


def card_sheet(actor_id: int, card_id: int) -> CardSheet:
    acting_user(actor_id, Action.MANAGE_SIGNATURE_CARDS)
    card_id = bounded_id(card_id, "card", "A ficha")
    card = SignatureCard.get_or_none(SignatureCard.id == card_id)
    if card is None:
        raise NotFound("Ficha de firma não encontrada.", field="card")
    clerk = User.get_by_id(card.collected_by_id)
    office = Office.select().first()
    seal = (SealRecord.select(SealRecord).join(Act)
            .where((Act.signature_card == card.id) & (Act.kind == ABERTURA_FIRMA)
                   & (SealRecord.record_kind == RecordKind.ACT))
            .order_by(SealRecord.id.desc()).first())
    return CardSheet(
        card.id, card.name, card.father, card.mother, card.birth_date, card.cpf, card.id_type,
        card.rg_number, card.rg_issuer, card.rg_state, card.id_issued_on, card.address,
        card.profession, card.nationality, card.marital_status, card.deposited_on, clerk.name,
        clerk.role, office.name, office.cns, office.municipality,
        seal.code if seal else None, seal.total if seal else 0, seal.iss if seal else 0)
