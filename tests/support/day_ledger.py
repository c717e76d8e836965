"""What a day at the counter must add up to, computed apart from the product's report:
the per-act values of the office's fee table times the quantities, ISS at the office's
rate on the Tabelião column rounded half up, and (DOMAIN.md) photocopies' ISS paid by
the notary, outside the total. Report data (the store's ClosingReport as a dict, or
`balcao closing report --format json`) is brought to the same plain shape to compare."""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from balcao_tui.domain.fees import COLUMN_NAMES

ISS_OUTSIDE_TOTAL = {"fotocopia"}
BASIS_POINTS = 10_000


def charged(unit: dict[str, int], kind: str, quantity: int, rate_bp: int) -> dict[str, int]:
    """Columns, ISS and total of `quantity` acts of `kind` whose unit values are `unit`."""
    columns = {name: unit[name] * quantity for name in COLUMN_NAMES}
    iss, rest = divmod(columns["tabeliao"] * rate_bp, BASIS_POINTS)
    iss += rest * 2 >= BASIS_POINTS
    total = sum(columns.values()) + (0 if kind in ISS_OUTSIDE_TOTAL else iss)
    return {**columns, "iss": iss, "total": total}


@dataclass(frozen=True)
class PlannedAct:
    clerk: str  # the clerk's name, as the report shows it
    kind: str
    payment: str
    seal: tuple[str, int] | None  # the physical seal; None for a signature card
    exempt_reason: str | None = None
    cancelled: bool = False  # reversed or spoiled


@dataclass(frozen=True)
class PlannedEntry:
    clerk: str
    kind: str
    quantity: int
    payment: str


class Ledger:
    """The day's figures from what was planned at the counter."""

    def __init__(self, units: dict[str, dict[str, int]], rate_bp: int,
                 acts: list[PlannedAct], entries: list[PlannedEntry]) -> None:
        self.units, self.rate_bp = units, rate_bp
        self.acts = [act for act in acts if not act.cancelled]
        self.entries = entries

    def act_values(self, act: PlannedAct) -> dict[str, int]:
        if act.exempt_reason:
            return dict.fromkeys([*COLUMN_NAMES, "iss", "total"], 0)
        return charged(self.units[act.kind], act.kind, 1, self.rate_bp)

    def entry_total(self, entry: PlannedEntry) -> int:
        return charged(self.units[entry.kind], entry.kind, entry.quantity, self.rate_bp)["total"]

    def daily_quantities(self) -> dict[str, int]:
        quantities: dict[str, int] = defaultdict(int)
        for entry in self.entries:
            quantities[entry.kind] += entry.quantity
        return dict(quantities)

    def daily_seal(self, kind: str) -> dict[str, int]:
        return charged(self.units[kind], kind, self.daily_quantities()[kind], self.rate_bp)

    def drawer(self, clerk: str) -> dict[str, int]:
        """What `clerk`'s drawer holds per payment method (exempt services bring nothing)."""
        held: dict[str, int] = defaultdict(int)
        for act in self.acts:
            if act.clerk == clerk and act.payment != "isento":
                held[act.payment] += self.act_values(act)["total"]
        for entry in self.entries:
            if entry.clerk == clerk:
                held[entry.payment] += self.entry_total(entry)
        return dict(held)

    def hybrid_seals(self) -> set[tuple[str, int]]:
        return {act.seal for act in self.acts if act.seal is not None}

    def figures(self, spoiled: int) -> dict:
        kinds: dict[str, dict[str, int]] = {}
        clerks: dict[str, list[int]] = defaultdict(lambda: [0, 0])
        payments: dict[str, list[int]] = defaultdict(lambda: [0, 0])
        for act in self.acts:
            values = self.act_values(act)
            line = kinds.setdefault(act.kind, dict.fromkeys(["count", *values], 0))
            line["count"] += 1
            for name, value in values.items():
                line[name] += value
            for per, key in ((clerks, act.clerk), (payments, act.payment)):
                per[key][0] += 1
                per[key][1] += values["total"]
        for entry in self.entries:
            total = self.entry_total(entry)
            clerks[entry.clerk][1] += total
            payments[entry.payment][0] += 1
            payments[entry.payment][1] += total
        daily = {kind: {"quantity": quantity, **self.daily_seal(kind)}
                 for kind, quantity in self.daily_quantities().items()}
        return {
            "kinds": kinds, "daily": daily,
            "clerks": {name: tuple(line) for name, line in clerks.items()},
            "payments": {method: tuple(line) for method, line in payments.items()},
            "iss": sum(line["iss"] for line in kinds.values())
            + sum(line["iss"] for line in daily.values()),
            "cash": sum(line[1] for line in payments.values()),
            "paper": len(self.hybrid_seals()) + spoiled,
        }


def report_figures(data: dict) -> dict:
    """The same figures read from a closing report as a dict (dataclasses.asdict of the
    store's ClosingReport plus its `iss`, or the CLI's JSON)."""
    def values(columns: dict, iss: int, total: int) -> dict[str, int]:
        return {**{name: columns[name] for name in COLUMN_NAMES}, "iss": iss, "total": total}

    return {
        "kinds": {line["kind"]: {"count": line["count"],
                                 **values(line["columns"], line["iss"], line["total"])}
                  for line in data["kinds"]},
        "daily": {line["kind"]: {"quantity": line["quantity"],
                                 **values(line["fees"]["columns"], line["fees"]["iss"],
                                          line["fees"]["total"])}
                  for line in data["daily"]},
        "clerks": {line["name"]: (line["count"], line["total"]) for line in data["clerks"]},
        "payments": {line["payment"]: (line["count"], line["total"])
                     for line in data["payments"]},
        "iss": data["iss"],
        "cash": data["cash_expected"],
        "paper": data["paper_expected"],
    }
