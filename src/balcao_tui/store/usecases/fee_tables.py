"""The fee table in force, kept in the database so every terminal reads the same one."""
from __future__ import annotations

from ...domain.fees import FeeTable, FeeTableError, load_fee_table
from ...domain.permissions import Action
from ..actors import acting_user
from ..audit import audit
from ..db import write_transaction
from ..errors import Refused
from ..models import FeeTableFile

_cache: dict[int, FeeTable] = {}


def import_fee_table(actor_id: int | None, text: str) -> FeeTable:
    """Import a table (TOML); `actor_id=None` only from the set-up commands."""
    try:
        table = load_fee_table(text=text)
    except FeeTableError as exc:
        raise Refused(str(exc), field="fee_table") from exc
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
