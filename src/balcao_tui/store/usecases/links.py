"""Links made by hand: a link record (vínculo) that ties seals the TJ holds (the children,
vinculados) to a parent seal (the vinculador) of the same job, such as a carta de sentença.

The link record is a new seal record with the parent's act kind and code, no value of its
own (the parent's act was charged), and the children's codes; it points to the parent, and
each child points to it. A child belongs to one link at most; the parent may have several.
The children must already be communicated, since the TJ only links seals it holds.
"""
from __future__ import annotations

from datetime import datetime

from ...domain.boundary import bounded_id, clean_text
from ...domain.deadlines import ensure_utc, office_day, send_deadline, utcnow
from ...domain.permissions import Action
from ...domain.seal_states import RecordKind, SealState
from ..actors import acting_user
from ..audit import audit
from ..db import serialize, write_transaction
from ..digital_seals import next_digital_code
from ..errors import Refused
from ..fee_fields import COLUMNS
from ..models import Office, SealRecord
from ..state_writes import create_seal_record
from .fix_rules import FixResult, locked_record, state_label

MAX_CHILDREN = 200
_PARENT_STATES = (SealState.PENDING, SealState.COMMUNICATED)


def link_seals(actor_id: int, parent_id: int, child_ids: tuple[int, ...], reason: str,
               now: datetime | None = None) -> FixResult:
    reason = clean_text(reason, "reason", required=True)
    now = ensure_utc(now or utcnow())
    parent_id = bounded_id(parent_id, "parent", "O selo vinculador")
    child_ids = _child_ids(parent_id, child_ids)
    with write_transaction():
        actor = acting_user(actor_id, Action.LINK_SEALS)
        for record_id in sorted({parent_id, *child_ids}):  # one order: no deadlock
            serialize(f"correction:{record_id}")
        parent = locked_record(parent_id, "parent")
        if parent.record_kind != RecordKind.ACT or parent.state not in _PARENT_STATES:
            raise Refused(f"O selo {parent.code} ({state_label(parent)}) não pode ser "
                          "vinculador: escolha o selo de um ato comunicado ou a comunicar.",
                          field="parent")
        children = [_child(child_id) for child_id in child_ids]
        link = create_seal_record(
            SealState.PENDING, actor.role,
            code=next_digital_code(Office.get(), parent.act_code, now),
            record_kind=RecordKind.LINK, act=parent.act_id, act_kind=parent.act_kind,
            act_code=parent.act_code, act_at=now, day=office_day(now), parent=parent,
            deadline_at=send_deadline(now), created_by=actor, queued_at=now, iss=0, total=0,
            **dict.fromkeys(COLUMNS, 0))
        codes = tuple(child.code for child in children)
        linked = (SealRecord.update(parent=link)
                  .where(SealRecord.id.in_(child_ids) & SealRecord.parent.is_null()).execute())
        if linked != len(children):
            raise Refused("Um dos selos acabou de ser vinculado em outro terminal: confira e "
                          "tente de novo.", field="children")
        audit(actor.id, "seal.link", "seal_record", parent.id,
              {"vinculador": parent.code, "vinculo": link.code, "vinculados": list(codes)},
              reason=reason)
        return FixResult(link.id, link.code, (parent.code, *codes))


def _child_ids(parent_id: int, child_ids: object) -> tuple[int, ...]:
    if isinstance(child_ids, (str, bytes)) or not isinstance(child_ids, (tuple, list)):
        raise Refused("Informe os selos vinculados.", field="children")
    if not child_ids:
        raise Refused("Informe ao menos um selo a vincular.", field="children")
    if len(child_ids) > MAX_CHILDREN:
        raise Refused(f"No máximo {MAX_CHILDREN} selos por vínculo.", field="children")
    ids = tuple(bounded_id(child, "children", "O selo vinculado") for child in child_ids)
    if parent_id in ids:
        raise Refused("Um selo não pode ser vinculado a si mesmo.", field="children")
    if len(set(ids)) != len(ids):
        raise Refused("O mesmo selo foi informado duas vezes.", field="children")
    return ids


def _child(child_id: int) -> SealRecord:
    child = locked_record(child_id, "children")
    if child.parent_id is not None:
        raise Refused(f"O selo {child.code} já está vinculado ao vínculo "
                      f"{child.parent.code}.", field="children")
    if child.record_kind != RecordKind.ACT or child.state != SealState.COMMUNICATED:
        raise Refused(f"O selo {child.code} está {state_label(child)}: só o selo de um ato "
                      "comunicado ao TJ pode ser vinculado.", field="children")
    return child
