"""A record the TJ holds and the store does not (a lost write, a restored backup) brought
back as communicated, so the office sees it again and never issues its code twice: its
physical seal is marked sent, the digital sequence moves past its number."""
from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime

from ...domain.boundary import bounded_int, clean_text
from ...domain.deadlines import office_day, send_deadline, utcnow
from ...domain.money import MAX_CENTS
from ...domain.permissions import Action
from ...domain.seal_code import MAX_HYBRID_NUMBER, normalize_series, parse_seal_code
from ...domain.seal_states import PhysicalState, RecordKind, SealState
from ...domain.tj_audit import VALUE_FIELDS, SealContent, TJRecord
from ..actors import acting_user
from ..audit import audit
from ..db import serialize, write_transaction
from ..errors import Refused
from ..models import Office, PhysicalSeal, SealRecord
from ..sequences import advance_sequence
from ..state_writes import create_seal_record, move_physical_seals, move_seal_records
from .act_codes import kind_key_of_code

MAX_QUANTITY = 1_000_000
_NOT_SENT_YET = (PhysicalState.AVAILABLE, PhysicalState.USED, PhysicalState.REVERSED)


@dataclass(frozen=True)
class Recovered:
    code: str
    physical_seal: tuple[str, int] | None
    physical_state: PhysicalState | None  # None: not in the stock here
    sequence: int | None  # the digital sequence now starts after this number


def recover_from_tj(actor_id: int, found: TJRecord, now: datetime | None = None) -> Recovered:
    now = now or utcnow()
    content = _checked(found.content)
    seal = parse_seal_code(content.code)
    with write_transaction():
        actor = acting_user(actor_id, Action.MANAGE_TRANSMISSION)
        if seal.cns != Office.select(Office.cns).scalar():
            raise Refused(f"O selo {content.code} é de outra serventia.", field="code")
        serialize(f"seal-code:{content.code}")
        if _live(content.code) is not None:
            raise Refused(f"O selo {content.code} já consta aqui.", field="code")
        replaces, excludes = _live(content.replaces), _live(content.excludes)
        physical = content.physical_seal
        record = create_seal_record(
            SealState.COMMUNICATED, actor.role,
            code=content.code, record_kind=content.kind, act_kind=_kind_key(content.act_code),
            act_code=content.act_code, act_at=content.act_at, day=office_day(content.act_at),
            quantity=content.quantity, exempt_reason=content.exempt_reason,
            physical_series=physical[0] if physical else None,
            physical_number=physical[1] if physical else None,
            replaces=replaces, excludes=excludes, deadline_at=send_deadline(content.act_at),
            created_by=actor, sent_at=found.received_at, late=found.late, **content.values)
        # What the transmitter records when the TJ accepts a correction or an exclusion.
        if replaces is not None:
            move_seal_records(SealRecord.id == replaces.id,
                              (SealState.COMMUNICATED, SealState.CRITICIZED),
                              SealState.CORRECTED, None)
        if excludes is not None:
            move_seal_records(SealRecord.id == excludes.id, SealState.COMMUNICATED,
                              SealState.EXCLUDED, None)
        physical_state = None
        if physical is not None:
            stock = (PhysicalSeal.series == physical[0]) & (PhysicalSeal.number == physical[1])
            move_physical_seals(stock, _NOT_SENT_YET, PhysicalState.SENT, actor.role,
                                day=record.day, changed_at=now)
            physical_state = PhysicalSeal.select(PhysicalSeal.state).where(stock).scalar()
        sequence = None
        if not content.is_hybrid_code and seal.act_info.isdigit():
            sequence = int(seal.act_info)
            advance_sequence(seal.cns, seal.act_code, seal.year, sequence)
        audit(actor.id, "tj_audit.recover", "seal_record", record.id,
              {"selo": content.code, "dia": record.day, "selo_fisico": physical,
               "estado_selo_fisico": physical_state, "sequencial": sequence},
              reason="Auditoria com o TJ: registro presente no TJ e ausente aqui.")
    return Recovered(content.code, physical,
                     PhysicalState(physical_state) if physical_state else None, sequence)


def _live(code: str | None) -> SealRecord | None:
    if code is None:
        return None
    return (SealRecord.select()
            .where((SealRecord.code == code) & (SealRecord.state != SealState.CANCELLED))
            .first())


def _kind_key(act_code: str) -> str:
    return kind_key_of_code(act_code) or act_code


def _checked(content: SealContent) -> SealContent:
    """The TJ's record, bounded like anything else that reaches a use case."""
    code = parse_seal_code(clean_text(content.code, "code", required=True)).code
    if content.kind not in set(RecordKind):
        raise Refused(f"Tipo de registro desconhecido no TJ: {content.kind}.", field="code")
    if content.act_code != code[7:9]:
        raise Refused(f"O código do ato ({content.act_code}) difere do código do selo.",
                      field="code")
    if not isinstance(content.act_at, datetime) or content.act_at.tzinfo is None:
        raise Refused("A data do ato veio sem fuso horário.", field="code")
    if set(content.values) != set(VALUE_FIELDS):
        raise Refused("Os valores do registro do TJ estão incompletos.", field="code")
    values = {name: bounded_int(content.values[name], "code", name, 0, MAX_CENTS)
              for name in VALUE_FIELDS}
    physical = content.physical_seal
    if physical is not None:
        physical = (normalize_series(clean_text(physical[0], "series", required=True)),
                    bounded_int(physical[1], "code", "Número do selo", 0, MAX_HYBRID_NUMBER))
    references = [clean_text(ref, "code").upper() or None
                  for ref in (content.replaces, content.excludes)]
    return replace(content, code=code, values=values, physical_seal=physical,
                   exempt_reason=clean_text(content.exempt_reason, "exempt_reason") or None,
                   quantity=bounded_int(content.quantity, "code", "A quantidade", 1,
                                        MAX_QUANTITY),
                   replaces=references[0], excludes=references[1])
