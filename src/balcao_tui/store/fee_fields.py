"""The fee columns of an act or seal record, as model field values."""
from ..domain.fees import ActFees

COLUMNS = ("tabeliao", "estado", "sefaz", "registro_civil", "tribunal_justica", "ministerio_publico")


def fee_fields(fees: ActFees) -> dict[str, int]:
    values = {name: getattr(fees.columns, name) for name in COLUMNS}
    values["iss"] = fees.iss
    values["total"] = fees.total
    return values
