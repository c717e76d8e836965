"""The first set-up of a database (balcao init): office, first administrator and fee
table together, in one transaction: a refusal of any of them leaves nothing behind."""
from __future__ import annotations

from dataclasses import dataclass

from ..db import write_transaction
from .fee_tables import checked_fee_table, import_fee_table
from .office import OfficeInfo, setup_office
from .users import UserInfo, create_user


@dataclass(frozen=True)
class FirstSetup:
    cns: str
    office_name: str
    municipality: str
    iss_rate_bp: int
    signature_card_seal: bool
    admin_login: str
    admin_name: str
    admin_email: str
    admin_password: str
    fee_table_text: str | None = None


def first_setup(setup: FirstSetup) -> tuple[OfficeInfo, UserInfo]:
    if setup.fee_table_text is not None:
        checked_fee_table(setup.fee_table_text)  # before anything is written
    with write_transaction():
        office = setup_office(setup.cns, setup.office_name, setup.municipality,
                              setup.iss_rate_bp, signature_card_seal=setup.signature_card_seal)
        admin = create_user(None, login=setup.admin_login, name=setup.admin_name,
                            email=setup.admin_email, role="administrador",
                            password=setup.admin_password)
        if setup.fee_table_text is not None:
            import_fee_table(None, setup.fee_table_text)
    return office, admin
