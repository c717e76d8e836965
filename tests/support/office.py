"""A small office for tests: the store opened on a URL, users of every role, seal sheets."""
from __future__ import annotations

from dataclasses import dataclass

from balcao_tui.store.db import close_database, open_database
from balcao_tui.store.migrations import migrate
from balcao_tui.store.usecases.office import setup_office
from balcao_tui.store.usecases.stock import add_seal_sheet
from balcao_tui.store.usecases.users import create_user

PASSWORD = "senha-de-teste-1"
CNS = "145573"


@dataclass
class TestOffice:
    url: str
    admin: int
    clerk: int
    clerk2: int
    supervisor: int
    notary: int


def open_store(url: str) -> None:
    open_database(url)
    migrate()


def make_office(url: str, *, sheet_size: int = 50, signature_card_seal: bool = True,
                schema_ready: bool = False) -> TestOffice:
    """The office on `url`; `schema_ready` when the caller migrated it already (to an
    earlier version, say)."""
    if not schema_ready:
        open_store(url)
    setup_office(CNS, "1º Tabelião de Notas de Teste", "São Paulo", 500,
                 signature_card_seal=signature_card_seal)
    admin = create_user(None, login="admin", name="Ana Administradora", role="administrador",
                        password=PASSWORD).id
    ids = {}
    for login, name, role in [("clara", "Clara Escrevente", "escrevente"),
                              ("bruno", "Bruno Escrevente", "escrevente"),
                              ("sueli", "Sueli Supervisora", "supervisor"),
                              ("tadeu", "Tadeu Tabelião", "tabeliao")]:
        ids[login] = create_user(admin, login=login, name=name, role=role, password=PASSWORD).id
    add_seal_sheet(admin, series="RF0001", seal_type="reconhecimento", first_number=1,
                   last_number=sheet_size, clerk_id=ids["clara"])
    add_seal_sheet(admin, series="AU0001", seal_type="autenticacao", first_number=1,
                   last_number=sheet_size, clerk_id=ids["clara"])
    add_seal_sheet(admin, series="RF0002", seal_type="reconhecimento", first_number=1,
                   last_number=sheet_size, clerk_id=ids["bruno"])
    return TestOffice(url, admin, ids["clara"], ids["bruno"], ids["sueli"], ids["tadeu"])


def close_store() -> None:
    close_database()
