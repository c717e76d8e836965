"""The fee columns of an act or seal record, as model field values."""
from ..domain.fees import COLUMN_NAMES as COLUMNS, ActFees


def fee_fields(fees: ActFees) -> dict[str, int]:
    values = {name: getattr(fees.columns, name) for name in COLUMNS}
    values["iss"] = fees.iss
    values["total"] = fees.total
    return values
