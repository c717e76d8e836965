"""The soak's checks find what they are meant to find: a clean store passes them all, and
each kind of damage is reported by its own check."""
from __future__ import annotations

import peewee as pw
import pytest

from balcao_tui.store.models import (
    AuditEntry,
    PhysicalSeal,
    SealRecord,
    SequenceCounter,
    SignatureCard,
)
from balcao_tui.store.usecases.counter import register_counter_acts
from balcao_tui.store.usecases.daily import add_daily_count
from balcao_tui.store.usecases.signature_cards import CardData, create_signature_card
from soak import agreement, invariants
from soak.journal import Call, read_journal


@pytest.fixture
def busy_office(office):
    card = create_signature_card(office.clerk, CardData(name="Ana Souza", cpf="529.982.247-25"),
                                 generate_seal=True)
    create_signature_card(office.clerk, CardData(name="Bia Lima", cpf="111.444.777-35"),
                          generate_seal=True)
    acts = register_counter_acts(office.clerk, "firma_sem_valor", 2, signature_card_id=card.card_id)
    register_counter_acts(office.clerk, "autenticacao", 1)
    add_daily_count(office.clerk, "fotocopia", 5)
    return office, card, acts


def _hybrid() -> SealRecord:
    return SealRecord.select().where(SealRecord.physical_series.is_null(False)).first()


def seal_on_two_records():
    first, second = SealRecord.select().where(SealRecord.physical_series.is_null(False))[:2]
    second.physical_number = first.physical_number
    second.save()


def act_without_record():
    _hybrid().delete_instance()


def used_seal_without_act():
    PhysicalSeal.update(state="used").where(PhysicalSeal.state == "available").limit(1).execute()


def gap_in_sequence():
    SequenceCounter.update(last_value=SequenceCounter.last_value + 1).execute()


def act_not_audited():
    AuditEntry.delete().where(AuditEntry.action == "act.register").execute()


def daily_entry_not_audited():
    AuditEntry.delete().where(AuditEntry.action == "daily.add").execute()


def card_audited_twice():
    entry = AuditEntry.get(AuditEntry.action == "card.create")
    AuditEntry.create(action=entry.action, entity=entry.entity, entity_id=entry.entity_id,
                      detail=entry.detail)


@pytest.mark.parametrize("damage, check, expected", [
    (seal_on_two_records, invariants.physical_seals_used_once, "on several seal records"),
    (act_without_record, invariants.one_record_per_act, "has 0 seal records"),
    (used_seal_without_act, invariants.physical_seals_used_once, "physical seals used or sent"),
    (gap_in_sequence, invariants.sequences_without_gaps, "counter at"),
    (act_not_audited, invariants.one_audit_entry_per_change, "without an audit entry"),
    (daily_entry_not_audited, invariants.one_audit_entry_per_change, "0 daily audit entries"),
    (card_audited_twice, invariants.one_audit_entry_per_change, "audited 2 times"),
])
def test_each_damage_is_reported(busy_office, damage, check, expected):
    assert invariants.store_violations() == []
    damage()
    assert any(expected in problem for problem in check()), check()


def test_a_second_card_for_a_cpf_cannot_even_be_planted(busy_office):
    card = SignatureCard.get()
    with pytest.raises(pw.IntegrityError):
        SignatureCard.create(name="Outra Pessoa", name_folded="outra pessoa", cpf=card.cpf,
                             deposited_on=card.deposited_on, collected_by=card.collected_by)
    assert invariants.one_card_per_cpf() == []


def test_the_tj_must_hold_each_digital_record_once(busy_office):
    SealRecord.update(state="communicated").where(SealRecord.physical_series.is_null()).execute()
    digital = [r.code for r in SealRecord.select().where(SealRecord.physical_series.is_null())]
    assert invariants.sent_exactly_once(digital) == []
    assert "more than once" in invariants.sent_exactly_once(digital + digital[:1])[0]
    assert "not held by the TJ" in invariants.sent_exactly_once(digital[1:])[0]
    assert "unknown here" in invariants.sent_exactly_once(digital + [_hybrid().code])[0]


def test_journals_must_match_the_store(busy_office):
    _, card, acts = busy_office
    confirmed = [
        Call("act", {"kind": "firma_sem_valor", "count": 2, "card": card.card_id}, "ok", 1.0,
             {"acts": [[a.act_id, a.seal_code, a.series, a.number] for a in acts.acts]}),
        Call("daily", {"quantity": 5}, "ok", 1.0, {"day_total": 5}),
    ]
    assert agreement.confirmed_calls_are_stored(confirmed) == []
    PhysicalSeal.update(number=PhysicalSeal.number + 1000).execute()
    SealRecord.update(physical_number=SealRecord.physical_number + 1000).execute()
    assert "is not stored so" in agreement.confirmed_calls_are_stored(confirmed)[0]


def test_stored_counts_must_lie_between_confirmed_and_asked(busy_office):
    act = {"kind": "autenticacao", "count": 1, "card": None}
    # 3 counter acts, 2 cards (1 before the run) and 1 daily entry are stored.
    calls = [Call("act", act, "ok"), Call("act", {**act, "count": 2}),
             Call("card", {"cpf": "", "seal": False}, "ok"), Call("daily", {}, "ok")]
    assert agreement.nothing_lost_nothing_invented(calls, cards_before=1) == []
    lost = agreement.nothing_lost_nothing_invented(calls + [Call("daily", {}, "ok")], 1)
    assert lost == ["1 daily entries stored; 2 confirmed to the workers and 0 more asked by "
                    "calls cut by SIGKILL"]
    invented = agreement.nothing_lost_nothing_invented(calls[:1] + calls[2:], 1)
    assert invented[0].startswith("3 counter acts stored; 1 confirmed")


def test_a_journal_cut_mid_line_keeps_the_call_unanswered(tmp_path):
    path = tmp_path / "w.jsonl"
    path.write_text('{"t": "ready"}\n{"t": "intent", "n": 1, "op": "daily", "args": {}}\n'
                    '{"t": "ok", "n": 1, "ms": 2.5, "result": {}}\n'
                    '{"t": "intent", "n": 2, "op": "daily", "args": {}}\n{"t": "ok", "n"')
    journal = read_journal(path)
    assert journal.ready
    assert [(c.outcome, c.ms) for c in journal.calls] == [("ok", 2.5), (None, None)]
