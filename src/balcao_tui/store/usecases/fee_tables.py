"""The fee table in force, kept in the database so every terminal reads the same one."""
from __future__ import annotations

from dataclasses import replace
from datetime import date

from ...domain.act_kinds import ActKind
from ...domain.boundary import clean_text
from ...domain.fees import ActFees, FeeTable, FeeTableError, act_fees, load_fee_table
from ...domain.permissions import Action
from ..actors import acting_user
from ..audit import audit
from ..db import write_transaction
from ..errors import NotFound, Refused
from ..models import FeeTableFile, Office

_cache: dict[int, FeeTable] = {}


def checked_fee_table(text: str) -> FeeTable:
    """The table in `text`, or a refusal naming the faulty line."""
    if not isinstance(text, str):
        raise Refused("Tabela de emolumentos: informe o texto do arquivo TOML.",
                      field="fee_table")
    try:
        table = load_fee_table(text=text)
    except FeeTableError as exc:
        raise Refused(str(exc), field="fee_table") from exc
    return replace(table, title=clean_text(table.title, "fee_title", required=True))


def import_fee_table(actor_id: int | None, text: str) -> FeeTable:
    """Replace the table in force (TOML text); `actor_id=None` only from `balcao init`,
    inside its own transaction. Validated before the write lock is taken."""
    table = checked_fee_table(text)
    with write_transaction():
        if actor_id is not None:
            acting_user(actor_id, Action.MANAGE_OFFICE)
        row = FeeTableFile.create(title=table.title, is_example=table.is_example, text=text,
                                  imported_by=actor_id)
        audit(actor_id, "fees.import", "fee_table", row.id,
              {"titulo": table.title, "exemplo": table.is_example, "anos": table.years()})
    return table


def current_fee_table() -> FeeTable:
    row = (FeeTableFile.select(FeeTableFile.id).order_by(FeeTableFile.id.desc()).first())
    if row is None:
        if 0 not in _cache:
            _cache[0] = load_fee_table()  # the shipped EXAMPLE table
        return _cache[0]
    if row.id not in _cache:
        _cache[row.id] = load_fee_table(text=FeeTableFile.get_by_id(row.id).text)
    return _cache[row.id]


def fees_for(kind: ActKind, day: date, *, quantity: int = 1,
             exempt_reason: str | None = None) -> tuple[Office, ActFees]:
    """The office and what `quantity` acts of `kind` cost on `day`: read before a write
    transaction, so that no table is parsed while terminals wait for the lock."""
    office = Office.select().first()
    if office is None:
        raise NotFound("A serventia não foi cadastrada. Execute: balcao init")
    try:
        fees = act_fees(current_fee_table(), kind, day, office.iss_rate_bp, quantity=quantity,
                        exempt_reason=exempt_reason)
    except (LookupError, ValueError) as exc:
        raise Refused(str(exc)) from exc
    return office, fees
