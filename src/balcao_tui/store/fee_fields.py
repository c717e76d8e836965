"""The fee columns of an act or seal record, as model field values."""
from ..domain.fees import COLUMN_NAMES as COLUMNS, ActFees, FeeColumns


def fee_fields(fees: ActFees) -> dict[str, int]:
    values = {name: getattr(fees.columns, name) for name in COLUMNS}
    values["iss"] = fees.iss
    values["total"] = fees.total
    return values


def record_fees(record) -> ActFees:
    """The fees an act or seal record was charged, as the domain's value."""
    columns = {name: getattr(record, name) for name in COLUMNS}
    return ActFees(FeeColumns(**columns, total=sum(columns.values())), record.iss,
                   record.total, record.exempt_reason)
