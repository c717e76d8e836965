"""Purely digital seal records: a sequential code, sent to the TJ at once."""
from __future__ import annotations

from datetime import datetime

from ..domain.act_kinds import ActKind
from ..domain.deadlines import office_day, send_deadline
from ..domain.fees import ActFees
from ..domain.seal_code import build_digital_seal_code
from ..domain.seal_states import RecordKind, SealState
from .fee_fields import fee_fields
from .models import Act, Office, SealRecord, User
from .sequences import next_sequence
from .state_writes import create_seal_record
from .usecases.act_codes import office_act_code


def create_digital_seal(office: Office, kind: ActKind, act: Act | None, fees: ActFees,
                        at: datetime, clerk: User, *, quantity: int = 1,
                        record_kind: RecordKind = RecordKind.ACT,
                        replaces: SealRecord | None = None,
                        physical_seal: tuple[str, int] | None = None) -> SealRecord:
    """`physical_seal`: kept by the correction of a hybrid seal, which the TJ requires, as
    it requires the act code of the record replaced."""
    day = office_day(at)
    series, seal_number = physical_seal or (None, None)
    act_code = replaces.act_code if replaces is not None else office_act_code(kind)
    number = next_sequence(office.cns, act_code, day.year)
    code = build_digital_seal_code(office.cns, office.natureza, act_code, number, day.year)
    return create_seal_record(
        SealState.PENDING, clerk.role,
        code=code, record_kind=record_kind, act=act, act_kind=kind.key, act_code=act_code,
        act_at=at, day=day, quantity=quantity, exempt_reason=fees.exempt_reason,
        deadline_at=send_deadline(at), created_by=clerk, queued_at=at, replaces=replaces,
        physical_series=series, physical_number=seal_number, **fee_fields(fees))
