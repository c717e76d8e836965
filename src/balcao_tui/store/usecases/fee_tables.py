"""The fee table in force, kept in the database so every terminal reads the same one."""
from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime

from ...domain.act_kinds import ActKind, all_act_kinds
from ...domain.boundary import clean_text
from ...domain.deadlines import office_day, parse_date_br, utcnow
from ...domain.fees import (ActFees, FeeColumns, FeeTable, FeeTableError, act_fees,
                            load_fee_table)
from ...domain.refusal import Refusal
from ...domain.toml_source import read_text
from ...domain.permissions import Action
from ..actors import acting_user
from ..audit import audit
from ..db import write_transaction
from ..errors import NotFound, Refused
from ..models import FeeTableFile, Office

_cache: dict[tuple[int, datetime] | None, FeeTable] = {}


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


def import_fee_table_file(actor_id: int, path: str) -> FeeTable:
    """Replace the table in force with the TOML file at `path` (on the office's server);
    a file that cannot be read or used is refused with the reason (field "fee_table")."""
    path = clean_text(path, "file_path", required=True)
    acting_user(actor_id, Action.MANAGE_OFFICE)  # before the file is even looked at
    try:
        text = read_text(path, "", Refusal, "Tabela de emolumentos")
    except Refusal as exc:
        raise Refused(exc.message, field="fee_table") from None
    return import_fee_table(actor_id, text)


@dataclass(frozen=True)
class FeeRow:
    label: str
    columns: FeeColumns


@dataclass(frozen=True)
class FeeTableView:
    """The table in force and its values on `day` (no rows: no period in force then)."""

    title: str
    is_example: bool
    imported_at: datetime | None  # None: the shipped example, never imported
    periods: tuple[tuple[str, date], ...]
    day: date
    period: str | None
    rows: tuple[FeeRow, ...]


def fee_table_on(day_text: str = "") -> FeeTableView:
    """The table in force and what it charges on the day typed (dd/mm/aaaa; empty: today)."""
    typed = clean_text(day_text, "date")
    try:
        day = parse_date_br(typed) if typed else office_day(utcnow())
    except Refusal as exc:
        raise Refused(exc.message, field="date") from None
    table = current_fee_table()
    latest = FeeTableFile.select(FeeTableFile.imported_at).order_by(
        FeeTableFile.id.desc()).first()
    period = table.period_on(day)
    rows = () if period is None else tuple(
        FeeRow(kind.short_label, period.fees[kind.key]) for kind in all_act_kinds()
        if kind.key in period.fees)
    return FeeTableView(table.title, table.is_example, latest and latest.imported_at,
                        tuple((p.label, p.start) for p in table.periods), day,
                        period and period.label, rows)


def current_fee_table() -> FeeTable:
    """The newest imported table, parsed once per process. Known by its id and the moment
    it was imported: an id alone names another table in another database (a restored copy,
    another URL)."""
    row = (FeeTableFile.select(FeeTableFile.id, FeeTableFile.imported_at)
           .order_by(FeeTableFile.id.desc()).first())
    key = (row.id, row.imported_at) if row is not None else None
    if key not in _cache:
        _cache[key] = (load_fee_table(text=FeeTableFile.get_by_id(row.id).text)
                       if row is not None else load_fee_table())  # None: the shipped EXAMPLE
    return _cache[key]


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
