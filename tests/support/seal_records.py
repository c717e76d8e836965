"""Seal records straight into the store, for transmitter tests that need thousands of them.

Codes are valid (built by the domain) and use sequence numbers far above the ones the use
cases hand out, so they never collide with records made through the real use cases.
"""
from __future__ import annotations

from datetime import datetime, timedelta

from balcao_tui.domain.deadlines import office_day, send_deadline, utcnow
from balcao_tui.domain.seal_code import build_digital_seal_code, build_hybrid_seal_code
from balcao_tui.store.db import write_transaction
from balcao_tui.store.models import SealRecord
from balcao_tui.domain.seal_states import SealState

from .fee_values import fee_values

CNS = "145573"
FIRST_SEQUENCE = 5_000_000
CHUNK = 500


def digital_row(sequence: int, act_at: datetime, *, act_code: str = "AF",
                act_kind: str = "abertura_firma", state: str = SealState.PENDING,
                **extra) -> dict:
    day = office_day(act_at)
    row = dict(code=build_digital_seal_code(CNS, "1", act_code, sequence, day.year),
               record_kind="ato", act_kind=act_kind, act_code=act_code, act_at=act_at,
               day=day, state=state, deadline_at=send_deadline(act_at), queued_at=act_at,
               **fee_values())
    row.update(extra)
    return row


def hybrid_row(series: str, number: int, act_at: datetime, *, act_code: str = "RS",
               act_kind: str = "firma_sem_valor", **extra) -> dict:
    day = office_day(act_at)
    row = dict(code=build_hybrid_seal_code(CNS, "1", act_code, series, number, day.year),
               record_kind="ato", act_kind=act_kind, act_code=act_code, act_at=act_at,
               day=day, state=SealState.PENDING, deadline_at=send_deadline(act_at),
               physical_series=series, physical_number=number, **fee_values())
    row.update(extra)
    return row


def insert_rows(rows: list[dict]) -> list[str]:
    with write_transaction():
        for start in range(0, len(rows), CHUNK):
            SealRecord.insert_many(rows[start:start + CHUNK]).execute()
    return [row["code"] for row in rows]


def insert_pending(count: int, *, first: int = FIRST_SEQUENCE,
                   act_at: datetime | None = None) -> list[str]:
    """`count` purely digital pending records, acts a few minutes apart, oldest first."""
    base = act_at or utcnow() - timedelta(hours=2)
    rows = [digital_row(first + i, base + timedelta(milliseconds=i)) for i in range(count)]
    return insert_rows(rows)
