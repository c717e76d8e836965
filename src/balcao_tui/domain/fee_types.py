"""Fee values: the columns of the São Paulo table, what an act charges, the table itself."""

from __future__ import annotations

from dataclasses import asdict, dataclass, fields
from datetime import date, datetime
from typing import Mapping

from balcao_tui.domain.deadlines import format_date, office_day
from balcao_tui.domain.toml_source import DataFileError

COLUMN_NAMES = (
    "tabeliao",
    "estado",
    "sefaz",
    "registro_civil",
    "tribunal_justica",
    "ministerio_publico",
)
# Short labels of the columns, for screens and reports at 80 columns.
COLUMN_LABELS = (("tabeliao", "Tabelião"), ("estado", "Estado"), ("sefaz", "Sefaz"),
                 ("registro_civil", "R. Civil"), ("tribunal_justica", "TJ"),
                 ("ministerio_publico", "MP"))


class FeeTableError(DataFileError):
    """A fee table file that cannot be used; the message names the line."""


class FeeNotFound(LookupError):
    """No fee table in force for that act kind on that date."""


@dataclass(frozen=True)
class FeeColumns:
    """Centavos per beneficiary; `total` is the sum of the six columns."""

    tabeliao: int
    estado: int
    sefaz: int
    registro_civil: int
    tribunal_justica: int
    ministerio_publico: int
    total: int

    def __post_init__(self) -> None:
        for field in fields(self):
            value = getattr(self, field.name)
            if not isinstance(value, int) or isinstance(value, bool):
                raise TypeError(f'Coluna "{field.name}" deve ser centavos inteiros.')

    @classmethod
    def zero(cls) -> FeeColumns:
        return cls(0, 0, 0, 0, 0, 0, 0)

    def times(self, n: int) -> FeeColumns:
        if not isinstance(n, int) or isinstance(n, bool) or n < 0:
            raise ValueError(f"Quantidade deve ser um número inteiro não negativo; veio {n!r}.")
        return FeeColumns(**{name: value * n for name, value in self.as_dict().items()})

    def as_dict(self) -> dict[str, int]:
        return asdict(self)


@dataclass(frozen=True)
class ActFees:
    """What one act (or a day's count of a daily act) is charged."""

    columns: FeeColumns
    iss: int
    total: int
    exempt_reason: str | None = None

    def as_dict(self) -> dict[str, object]:
        return {
            "columns": self.columns.as_dict(),
            "iss": self.iss,
            "total": self.total,
            "exempt_reason": self.exempt_reason,
        }


@dataclass(frozen=True)
class FeePeriod:
    label: str
    start: date
    fees: Mapping[str, FeeColumns]


@dataclass(frozen=True)
class FeeTable:
    title: str
    is_example: bool
    periods: tuple[FeePeriod, ...]

    def __post_init__(self) -> None:
        object.__setattr__(self, "periods", tuple(sorted(self.periods, key=lambda p: p.start)))

    def period_on(self, act_date: date) -> FeePeriod | None:
        """The period whose start is the latest on or before `act_date`."""
        act_date = _as_date(act_date)
        in_force = [period for period in self.periods if period.start <= act_date]
        return in_force[-1] if in_force else None

    def lookup(self, act_kind_key: str, act_date: date) -> FeeColumns:
        """Unit fees of a kind on a date (a datetime is taken to its São Paulo date)."""
        act_date = _as_date(act_date)
        period = self.period_on(act_date)
        if period is None or act_kind_key not in period.fees:
            raise FeeNotFound(
                f'Não há tabela de emolumentos em vigor em {format_date(act_date)} '
                f'para o ato "{act_kind_key}".'
            )
        return period.fees[act_kind_key]

    def years(self) -> list[int]:
        """Years in which a period starts, ascending."""
        return sorted({period.start.year for period in self.periods})


def _as_date(value: date) -> date:
    return office_day(value) if isinstance(value, datetime) else value
