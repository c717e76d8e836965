"""The day's ONE seal for photocopies and ONE for digital authentications.

Made again the same day, a daily seal is a correction of the first: a new record that
replaces it, sent to the TJ in its place. Call inside a write transaction.
"""
from __future__ import annotations

from datetime import date, datetime

import peewee as pw

from ..domain.act_kinds import get_act_kind
from ..domain.fees import ActFees
from ..domain.seal_states import RecordKind
from .digital_seals import create_digital_seal
from .fee_fields import fee_fields
from .models import DailyEntry, Office, SealRecord, User
from .usecases.closing_report import daily_kinds, daily_seal_records
from .usecases.fee_tables import fees_for


def _same_values(record: SealRecord, quantity: int, fees: ActFees) -> bool:
    return record.quantity == quantity and all(
        getattr(record, name) == value for name, value in fee_fields(fees).items())


def make_daily_seals(office: Office, day: date, closer: User) -> list[SealRecord]:
    """The daily seals of `day` that its entries call for; returns the records made."""
    made = []
    existing = daily_seal_records(day)
    last_entries = dict(DailyEntry.select(DailyEntry.kind, pw.fn.MAX(DailyEntry.created_at))
                        .where(DailyEntry.day == day).group_by(DailyEntry.kind).tuples())
    quantities = dict(DailyEntry.select(DailyEntry.kind, pw.fn.SUM(DailyEntry.quantity))
                      .where(DailyEntry.day == day).group_by(DailyEntry.kind).tuples())
    for key in daily_kinds():
        quantity = int(quantities.get(key) or 0)
        previous = existing.get(key)
        if quantity <= 0 and previous is None:
            continue
        kind = get_act_kind(key)
        _, fees = fees_for(kind, day, quantity=max(quantity, 0))
        if previous is not None and _same_values(previous, quantity, fees):
            continue
        at: datetime = last_entries[key]
        made.append(create_digital_seal(
            office, kind, None, fees, at, closer, quantity=quantity,
            record_kind=RecordKind.CORRECTION if previous else RecordKind.ACT,
            replaces=previous))
    return made
