"""The workers' journals against the store: what a worker was told is saved is there, and
the store holds nothing that no call asked for. A call cut by SIGKILL may or may not have
committed, so it widens the accepted range by what it asked for."""
from __future__ import annotations

from balcao_tui.domain.act_kinds import all_act_kinds
from balcao_tui.store.models import Act, DailyEntry, SealRecord, SignatureCard

from soak.journal import Call


def confirmed_calls_are_stored(calls: list[Call]) -> list[str]:
    problems = []
    records = {r.code: r for r in SealRecord.select()}
    cards = {c.id for c in SignatureCard.select(SignatureCard.id)}
    for call in calls:
        if call.outcome != "ok":
            continue
        if call.op == "act":
            for act_id, code, series, number in call.result["acts"]:
                record = records.get(code)
                if record is None or (record.act_id, record.physical_series,
                                      record.physical_number) != (act_id, series, number):
                    problems.append(f"confirmed act {act_id} with seal {code} is not stored so")
        elif call.op == "card":
            if call.result["card"] not in cards:
                problems.append(f"confirmed card {call.result['card']} is not stored")
            seal = call.result["seal"]
            if (seal is None) == call.args["seal"]:
                problems.append(f"card {call.result['card']}: asked seal={call.args['seal']}, "
                                f"got {seal}")
            if seal is not None and (seal not in records or
                                     records[seal].act.signature_card_id != call.result["card"]):
                problems.append(f"card {call.result['card']}: its seal {seal} is not its own")
    return problems


def _acts(call: Call) -> int:
    return call.args["count"] if call.op == "act" else 0


def _cards(call: Call) -> int:
    return 1 if call.op == "card" else 0


def _daily(call: Call) -> int:
    return 1 if call.op == "daily" else 0


def nothing_lost_nothing_invented(calls: list[Call], cards_before: int) -> list[str]:
    stored = {
        "counter acts": Act.select().where(
            Act.kind.in_([k.key for k in all_act_kinds() if k.is_hybrid])).count(),
        "signature cards": SignatureCard.select().count() - cards_before,
        "daily entries": DailyEntry.select().count(),
    }
    problems = []
    for (what, count), measure in zip(stored.items(), (_acts, _cards, _daily)):
        confirmed = sum(measure(c) for c in calls if c.outcome == "ok")
        cut = sum(measure(c) for c in calls if c.outcome is None)
        if not confirmed <= count <= confirmed + cut:
            problems.append(f"{count} {what} stored; {confirmed} confirmed to the workers and "
                            f"{cut} more asked by calls cut by SIGKILL")
    return problems
