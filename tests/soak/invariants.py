"""What must hold in the store after any mix of concurrent calls and SIGKILLs. Each check
returns the violations it found, as sentences (an empty list: the invariant holds)."""
from __future__ import annotations

import json
from collections import Counter, defaultdict

from balcao_tui.domain.act_kinds import ABERTURA_FIRMA, get_act_kind
from balcao_tui.domain.seal_code import parse_seal_code
from balcao_tui.store.models import (
    Act,
    AuditEntry,
    DailyEntry,
    PhysicalSeal,
    SealRecord,
    SequenceCounter,
    SignatureCard,
)
from balcao_tui.domain.seal_states import PhysicalState, SealState

TAKEN = (PhysicalState.USED, PhysicalState.SENT)


def _repeated(counter: Counter) -> list:
    return sorted(key for key, times in counter.items() if times > 1)


def _hybrid_records() -> list[SealRecord]:
    return list(SealRecord.select().where(SealRecord.physical_series.is_null(False)))


def _digital_records() -> list[SealRecord]:
    return list(SealRecord.select().where(SealRecord.physical_series.is_null()))


def physical_seals_used_once() -> list[str]:
    problems = []
    records = _hybrid_records()
    seals = {(s.series, s.number): s for s in
             PhysicalSeal.select().where(PhysicalSeal.state.in_(TAKEN))}
    for series, number in _repeated(Counter((r.physical_series, r.physical_number)
                                            for r in records)):
        problems.append(f"physical seal {series} {number} is on several seal records")
    if len(seals) != len(records):
        problems.append(f"{len(seals)} physical seals used or sent, {len(records)} hybrid records")
    for record in records:
        seal = seals.get((record.physical_series, record.physical_number))
        if seal is None or seal.act_id != record.act_id:
            problems.append(f"record {record.code}: its physical seal is not marked used "
                            f"by act {record.act_id}")
    return problems


def one_record_per_act() -> list[str]:
    """Every act has exactly one seal record of its own mode (hybrid: a physical seal; the
    signature card's opening: a digital one), and every record an act."""
    problems = []
    records_by_act = defaultdict(list)
    for record in SealRecord.select().where(SealRecord.record_kind == "ato"):
        records_by_act[record.act_id].append(record)
    acts = {a.id: a for a in Act.select()}
    for act in acts.values():
        records = records_by_act.get(act.id, [])
        if len(records) != 1:
            problems.append(f"act {act.id} ({act.kind}) has {len(records)} seal records")
            continue
        hybrid = records[0].physical_series is not None
        if hybrid != get_act_kind(act.kind).is_hybrid:
            problems.append(f"act {act.id} ({act.kind}) has a record of the wrong mode")
        if act.kind == ABERTURA_FIRMA and act.signature_card_id is None:
            problems.append(f"card-opening act {act.id} belongs to no card")
    for act_id in records_by_act.keys() - acts.keys():
        problems.append(f"seal record(s) of act {act_id}, which does not exist")
    openings = Counter(a.signature_card_id for a in acts.values() if a.kind == ABERTURA_FIRMA)
    problems += [f"card {card} has several opening acts" for card in _repeated(openings)]
    return problems


def sequences_without_gaps() -> list[str]:
    problems = []
    numbers = defaultdict(list)
    for record in _digital_records():
        code = parse_seal_code(record.code)
        numbers[(code.act_code, code.year)].append(int(code.act_info))
    counters = {(c.act_code, c.year): c.last_value for c in SequenceCounter.select()}
    for key in numbers.keys() | counters.keys():
        used = sorted(numbers.get(key, []))
        if used != list(range(1, len(used) + 1)):
            problems.append(f"sequence {key}: {len(used)} codes, not 1..{len(used)}; repeated "
                            f"{_repeated(Counter(used))[:5]}")
        if counters.get(key, 0) != len(used):
            problems.append(f"sequence {key}: counter at {counters.get(key, 0)}, "
                            f"{len(used)} codes issued")
    return problems


def one_audit_entry_per_change() -> list[str]:
    problems = []
    entries = defaultdict(list)
    for entry in AuditEntry.select().where(
            AuditEntry.action.in_(["act.register", "card.create", "daily.add"])):
        entries[entry.action].append(entry)
    codes = {r.act_id: r.code for r in SealRecord.select().where(SealRecord.act.is_null(False))}

    audited_acts = Counter()
    for entry in entries["act.register"]:
        ids = json.loads(entry.detail)["atos"]
        audited_acts.update(ids)
        if json.loads(entry.detail)["selos"] != [codes.get(i) for i in ids]:
            problems.append(f"audit of acts {ids} names other seals than theirs")
    hybrid_acts = {a.id for a in Act.select(Act.id, Act.kind) if get_act_kind(a.kind).is_hybrid}
    problems += _each_once("act", audited_acts, hybrid_acts)

    audited_cards = Counter(int(e.entity_id) for e in entries["card.create"])
    problems += _each_once("card", audited_cards, {c.id for c in SignatureCard.select()})
    card_seals = {a.signature_card_id: codes.get(a.id) for a in
                  Act.select().where(Act.kind == ABERTURA_FIRMA)}
    for entry in entries["card.create"]:
        if json.loads(entry.detail)["selo"] != card_seals.get(int(entry.entity_id)):
            problems.append(f"audit of card {entry.entity_id} names another seal than its own")

    daily = [d.quantity for d in DailyEntry.select()]
    audited = [json.loads(e.detail)["quantidade"] for e in entries["daily.add"]]
    if (len(audited), sum(audited)) != (len(daily), sum(daily)):
        problems.append(f"{len(audited)} daily audit entries adding {sum(audited)}, "
                        f"{len(daily)} daily entries adding {sum(daily)}")
    return problems


def _each_once(what: str, audited: Counter, existing: set[int]) -> list[str]:
    problems = [f"{what} {i} audited {audited[i]} times" for i in _repeated(audited)]
    problems += [f"{what} {i} exists without an audit entry"
                 for i in sorted(existing - audited.keys())]
    problems += [f"{what} {i} audited but does not exist"
                 for i in sorted(audited.keys() - existing)]
    return problems


def one_card_per_cpf() -> list[str]:
    cpfs = Counter(c.cpf for c in SignatureCard.select(SignatureCard.cpf)
                   .where(SignatureCard.cpf.is_null(False)))
    return [f"CPF {cpf} has {cpfs[cpf]} signature cards" for cpf in _repeated(cpfs)]


def sent_exactly_once(held: list[str]) -> list[str]:
    """The TJ holds each digital record once and every communicated record; hybrid ones wait
    for the shift closing and were not sent."""
    problems = [f"the TJ holds {code} more than once" for code in _repeated(Counter(held))]
    digital = {r.code: r.state for r in _digital_records()}
    hybrid = {r.code: r.state for r in _hybrid_records()}
    problems += [f"the TJ holds {code}, unknown here" for code in set(held) - digital.keys()]
    problems += [f"record {code} is {state}, not communicated" for code, state in digital.items()
                 if state != SealState.COMMUNICATED]
    problems += [f"communicated record {code} is not held by the TJ"
                 for code in digital.keys() - set(held)]
    problems += [f"hybrid record {code} is {state} before any shift closing"
                 for code, state in hybrid.items() if state != SealState.WAITING_CLOSING]
    return problems


ALL = [physical_seals_used_once, one_record_per_act, sequences_without_gaps,
       one_audit_entry_per_change, one_card_per_cpf]


def store_violations() -> list[str]:
    return [problem for check in ALL for problem in check()]
