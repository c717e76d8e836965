"""The fees of a service, shown before the clerk confirms it."""
from __future__ import annotations

from datetime import date

from rich.text import Text
from textual.widgets import Static

from ..domain.act_kinds import ActKind
from ..domain.fees import COLUMN_LABELS, ActFees, FeeTable, act_fees
from ..domain.money import format_amount, format_money


def columns_line(fees: ActFees) -> str:
    values = fees.columns.as_dict()
    return "  ".join(f"{label} {format_amount(values[name])}" for name, label in COLUMN_LABELS)


def fee_text(kind: ActKind, count: int, fees: ActFees, unit: str) -> Text:
    text = Text()
    text.append(kind.label + "\n", "bold")
    text.append(f"Por {unit}: ", "bold")
    text.append(f"{format_money(fees.columns.total)} + ISS {format_money(fees.iss)} = "
                f"{format_money(fees.total)}\n")
    text.append(columns_line(fees) + "\n", "dim")
    text.append(f"Total a cobrar ({count} × {kind.short_label}): ", "bold")
    text.append(format_money(fees.total * count), "bold reverse")
    return text


class FeePanel(Static):
    def show_fees(self, kind: ActKind | None, count: int | None, table: FeeTable | None,
                  iss_rate_bp: int | None, day: date, unit: str = "ato",
                  exempt_reason: str | None = None) -> ActFees | None:
        if kind is None:
            self.update("Escolha o tipo para ver os emolumentos.")
            return None
        if table is None or iss_rate_bp is None:
            self.update("Carregando a tabela de emolumentos…")
            return None
        try:
            fees = act_fees(table, kind, day, iss_rate_bp, exempt_reason=exempt_reason)
        except LookupError as exc:
            self.update(Text(str(exc), "bold red"))
            return None
        if not count or count < 1:
            self.update("Informe a quantidade para ver o total.")
            return fees
        self.update(fee_text(kind, count, fees, unit))
        return fees
