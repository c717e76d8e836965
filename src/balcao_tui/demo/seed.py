"""A fictitious office for training and demos: users of every role, seal sheets, cards.

Seeding is idempotent: a demo database is reused, and only topped up (new sheets when a
clerk's run low), so the demo can be opened day after day.
"""
from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date

from ..domain.identifiers import cpf_check_digits
from ..store.models import PhysicalSeal, SealSheet, SignatureCard, User
from ..domain.seal_states import PhysicalState
from ..store.usecases.office import setup_office
from ..store.usecases.signature_cards import CardData, create_signature_card
from ..store.usecases.stock import add_seal_sheet
from ..store.usecases.users import create_user

DEMO_CNS = "999999"
DEMO_OFFICE = "1º Tabelião de Notas de Demonstração"
SHEET_SIZE = 100
LOW_STOCK = 20


@dataclass(frozen=True)
class DemoUser:
    login: str
    name: str
    role: str
    password: str


DEMO_USERS = (
    DemoUser("admin", "Alice Administradora", "administrador", "admin1234"),
    DemoUser("escrevente", "Érica Escrevente", "escrevente", "escrevente1"),
    DemoUser("supervisor", "Sérgio Supervisor", "supervisor", "supervisor1"),
    DemoUser("tabeliao", "Tânia Tabeliã", "tabeliao", "tabeliao1"),
)
CLERK_LOGINS = ("escrevente", "supervisor", "tabeliao")

_FIRST = ["José", "João", "Maria", "Ana", "Antônio", "Francisco", "Luís", "Conceição",
          "Márcia", "Sebastião", "Helena", "Gonçalo", "Inês", "Joaquim", "Lúcia", "Raimundo",
          "Beatriz", "Célia", "Otávio", "Íris"]
_LAST = ["da Silva", "dos Santos", "Oliveira", "Souza", "Conceição", "Araújo", "Gonçalves",
         "Ribeiro", "Brandão", "Assunção", "Magalhães", "Simões", "Guimarães", "Paixão",
         "Romão"]


def _demo_cpf(rng: random.Random) -> str:
    while True:
        base = f"{rng.randrange(10**8, 10**9):09d}"
        if len(set(base)) > 1:
            return base + cpf_check_digits(base)


def seed_office(iss_rate_bp: int = 500) -> None:
    setup_office(DEMO_CNS, DEMO_OFFICE, "São Paulo", iss_rate_bp, signature_card_seal=True)
    admin = User.get_or_none(User.login == "admin")
    if admin is None:
        admin_user = DEMO_USERS[0]
        admin = User.get_by_id(create_user(None, login=admin_user.login, name=admin_user.name,
                                           role=admin_user.role, password=admin_user.password).id)
    for user in DEMO_USERS[1:]:
        if not User.select().where(User.login == user.login).exists():
            create_user(admin.id, login=user.login, name=user.name, role=user.role,
                        password=user.password)
    _top_up_sheets(admin.id)
    _seed_cards(User.get(User.login == "escrevente").id)


def _top_up_sheets(admin_id: int) -> None:
    for index, login in enumerate(CLERK_LOGINS, start=1):
        clerk = User.get(User.login == login)
        for seal_type, prefix in (("reconhecimento", "RF"), ("autenticacao", "AU")):
            available = (PhysicalSeal.select().join(SealSheet)
                         .where((SealSheet.clerk == clerk.id) & (SealSheet.seal_type == seal_type)
                                & (PhysicalSeal.state == PhysicalState.AVAILABLE)).count())
            if available >= LOW_STOCK:
                continue
            series = f"{prefix}{index:04d}"
            last = (SealSheet.select(SealSheet.last_number).where(SealSheet.series == series)
                    .order_by(SealSheet.last_number.desc()).scalar()) or 0
            add_seal_sheet(admin_id, series=series, seal_type=seal_type,
                           first_number=last + 1, last_number=last + SHEET_SIZE,
                           clerk_id=clerk.id)


def _seed_cards(clerk_id: int, count: int = 50) -> None:
    if SignatureCard.select().count() >= count:
        return
    rng = random.Random(2026)
    for n in range(count):
        name = f"{rng.choice(_FIRST)} {rng.choice(_FIRST)} {rng.choice(_LAST)}"
        birth = date(rng.randrange(1940, 2005), rng.randrange(1, 13), rng.randrange(1, 29))
        create_signature_card(clerk_id, CardData(
            name=name, cpf=_demo_cpf(rng), rg_number=str(rng.randrange(10**7, 6 * 10**7)),
            rg_issuer="SSP", rg_state="SP", birth_date=birth,
            mother=f"{rng.choice(_FIRST)} {rng.choice(_LAST)}",
            address=f"Rua Fictícia, {rng.randrange(1, 2000)}, São Paulo - SP",
            profession=rng.choice(["comerciante", "professora", "engenheiro", "aposentada"]),
            marital_status=rng.choice(["solteiro(a)", "casado(a)", "viúvo(a)"])),
            allow_duplicate=True)
