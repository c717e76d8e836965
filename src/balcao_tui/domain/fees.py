"""Fees (emolumentos) of an act: table lookup by kind and date, ISS, exemptions.

The fee table format is described in fee_file.py and in data/fees_exemplo.toml.
"""

from __future__ import annotations

from datetime import date

from balcao_tui.domain.act_kinds import ActKind
from balcao_tui.domain.fee_file import load_fee_table
from balcao_tui.domain.fee_types import (
    COLUMN_LABELS,
    COLUMN_NAMES,
    ActFees,
    FeeColumns,
    FeeNotFound,
    FeePeriod,
    FeeTable,
    FeeTableError,
)
from balcao_tui.domain.money import MAX_RATE_BP, apply_rate

__all__ = [
    "COLUMN_LABELS",
    "COLUMN_NAMES",
    "ActFees",
    "FeeColumns",
    "FeeNotFound",
    "FeePeriod",
    "FeeTable",
    "FeeTableError",
    "act_fees",
    "compute_iss",
    "load_fee_table",
]


def compute_iss(columns: FeeColumns, rate_bp: int) -> int:
    """ISS on the office's share (the tabeliao column), rounded half up."""
    return apply_rate(columns.tabeliao, rate_bp)


def act_fees(
    table: FeeTable,
    kind: ActKind,
    act_date: date,
    iss_rate_bp: int,
    *,
    quantity: int = 1,
    exempt_reason: str | None = None,
) -> ActFees:
    """What is charged for `quantity` acts of `kind` (a daily seal's count) on `act_date`."""
    if not isinstance(iss_rate_bp, int) or not 0 <= iss_rate_bp <= MAX_RATE_BP:
        raise ValueError(f"Alíquota de ISS inválida: {iss_rate_bp!r} pontos-base.")
    if exempt_reason is not None:
        if not exempt_reason.strip():
            raise ValueError("Ato gratuito precisa do motivo legal da gratuidade.")
        return ActFees(FeeColumns.zero(), 0, 0, exempt_reason.strip())
    columns = table.lookup(kind.key, act_date).times(quantity)
    iss = compute_iss(columns, iss_rate_bp)
    total = columns.total + iss if kind.iss_in_total else columns.total
    return ActFees(columns, iss, total)
