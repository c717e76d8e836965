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


def next_digital_code(office: Office, act_code: str, at: datetime) -> str:
    """The next sequential code of `act_code` in the year of `at` (inside the transaction)."""
    year = office_day(at).year
    number = next_sequence(office.cns, act_code, year)
    return build_digital_seal_code(office.cns, office.natureza, act_code, number, year)


def create_digital_seal(office: Office, kind: ActKind, act: Act | None, fees: ActFees,
                        at: datetime, clerk: User, *, quantity: int = 1,
                        record_kind: RecordKind = RecordKind.ACT,
                        replaces: SealRecord | None = None,
                        physical_seal: tuple[str, int] | None = None,
                        queued_at: datetime | None = None,
                        deadline_at: datetime | None = None) -> SealRecord:
    """`physical_seal`: kept by the correction of a hybrid seal, which the TJ requires, as
    it requires the act code of the record replaced (a correction keeps that code unless
    it changes the act kind). A correction is queued now, with the 72 h window as its
    deadline, not at the act's own time."""
    day = office_day(at)
    series, seal_number = physical_seal or (None, None)
    keeps_code = replaces is not None and replaces.act_kind == kind.key
    act_code = replaces.act_code if keeps_code else office_act_code(kind)
    return create_seal_record(
        SealState.PENDING, clerk.role,
        code=next_digital_code(office, act_code, at), record_kind=record_kind, act=act,
        act_kind=kind.key, act_code=act_code, act_at=at, day=day, quantity=quantity,
        exempt_reason=fees.exempt_reason, deadline_at=deadline_at or send_deadline(at),
        created_by=clerk, queued_at=queued_at or at, replaces=replaces,
        physical_series=series, physical_number=seal_number, **fee_fields(fees))
