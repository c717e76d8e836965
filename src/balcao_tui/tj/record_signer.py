"""From the store's outgoing records to signed wire records.

The wire record is built only from the stored record, and the signature (RSA PKCS#1 v1.5
over the canonical bytes) is deterministic, so every resend of a record carries the very
same bytes: the TJ sees the same record again, never a conflicting one.
"""
from __future__ import annotations

from dataclasses import dataclass

from ..store.transmission import OutgoingRecord
from .signing import OfficeCertificate, sign
from .wire import VALUE_KEYS, WireFormatError, WireRecord


@dataclass(frozen=True)
class SignedBatch:
    records: list[WireRecord]
    unsendable: list[tuple[str, str]]  # (code, pt-BR reason): cannot be put on the wire


def to_wire(rec: OutgoingRecord, cns: str) -> WireRecord:
    try:
        values = {key: rec.values[key] for key in VALUE_KEYS}
    except KeyError as exc:
        raise WireFormatError(f"Registro sem o valor '{exc.args[0]}'.") from None
    return WireRecord(
        kind=rec.record_kind, cns=cns, code=rec.code, act_code=rec.act_code,
        act_at=rec.act_at, values=values, exempt_reason=rec.exempt_reason or None,
        physical_seal=rec.physical_seal, replaces=rec.replaces, excludes=rec.excludes,
        children=tuple(rec.children), quantity=rec.quantity)


def sign_batch(records: list[OutgoingRecord], cns: str,
               cert: OfficeCertificate) -> SignedBatch:
    """Sign every record; the ones that break the wire layout are set apart (structural)."""
    signed, unsendable = [], []
    for rec in records:
        try:
            signed.append(sign(to_wire(rec, cns), cert))
        except WireFormatError as exc:
            unsendable.append((rec.code, f"Registro fora do leiaute do TJ: {exc}"))
    return SignedBatch(signed, unsendable)
