"""A seal record as the correction, exclusion and link screens show it, and the records a
link names by code."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from ...domain.act_kinds import get_act_kind
from ...domain.boundary import bounded_id, clean_text
from ...domain.criticism import Criticism
from ...domain.deadlines import correction_deadline
from ...domain.permissions import Action
from ...domain.refusal import Refusal
from ...domain.seal_code import parse_seal_code
from ...domain.seal_states import RECORD_KIND_LABELS, RecordKind
from ..actors import acting_user
from ..errors import NotFound
from ..models import SealRecord
from ..queries import criticisms_of
from .act_codes import act_code_table
from .fix_rules import chain_origin, state_label
from .tj_audit import live_record


@dataclass(frozen=True)
class KindChoice:
    """An act kind a digital seal may be corrected to, by its code in the seal."""

    key: str
    code: str
    label: str


@dataclass(frozen=True)
class SealFixView:
    record_id: int
    code: str
    record_kind_label: str
    state_label: str
    act_kind: str
    act_kind_label: str  # short, for a line of 80 columns
    act_at: datetime
    total: int
    iss: int
    exempt_reason: str | None
    physical_seal: str | None  # "RF0001 0000001": a hybrid seal
    criticisms: tuple[Criticism, ...]
    window_ends: datetime  # of correction and exclusion, from the chain's first act
    kinds: tuple[KindChoice, ...]  # the digital kinds, for a digital seal's correction

    @property
    def hybrid(self) -> bool:
        return self.physical_seal is not None


def seal_fix_view(actor_id: int, record_id: int) -> SealFixView:
    acting_user(actor_id, Action.SEARCH_SEALS)
    record = SealRecord.get_or_none(SealRecord.id == bounded_id(record_id, "record", "O selo"))
    if record is None:
        raise NotFound("Selo não encontrado nesta serventia.", field="record")
    return _view(record)


def record_id_of_code(actor_id: int, code: str) -> int:
    """The live record of a typed or scanned code (the check digit is checked)."""
    acting_user(actor_id, Action.SEARCH_SEALS)
    return live_record(parse_seal_code(clean_text(code, "code", required=True)).code).id


def _view(record: SealRecord) -> SealFixView:
    try:
        kind_label = get_act_kind(record.act_kind).short_label
    except Refusal:
        kind_label = record.act_kind
    physical = (f"{record.physical_series} {record.physical_number:07d}"
                if record.physical_series else None)
    kinds = tuple(KindChoice(row.key, row.code, get_act_kind(row.key).short_label)
                  for row in act_code_table() if not get_act_kind(row.key).is_hybrid)
    return SealFixView(
        record.id, record.code, RECORD_KIND_LABELS.get(RecordKind(record.record_kind), ""),
        state_label(record), record.act_kind, kind_label, record.act_at, record.total,
        record.iss, record.exempt_reason, physical, criticisms_of(record),
        correction_deadline(chain_origin(record)), kinds)
