"""Hostile values at reversal and spoilage, on SQLite and PostgreSQL: the reason, the seals
and the actor. Each call is refused cleanly with nothing written, or the reason it stored
(on the seal and in the audit) is clean and bounded (support/hostile.py)."""
from __future__ import annotations

import time
from datetime import datetime, timezone

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from balcao_tui.domain.seal_spec import parse_seal_list
from balcao_tui.store.models import AuditEntry, PhysicalSeal
from balcao_tui.store.usecases.counter import register_counter_acts
from balcao_tui.store.usecases.reversal import reverse_seals
from balcao_tui.store.usecases.seal_returns import MAX_SEALS
from balcao_tui.store.usecases.spoilage import spoil_seals
from support.hostile import (HOSTILE_OTHER, HOSTILE_TEXTS, arguments, assert_clean_refusal,
                             assert_clean_stored, hostile_number, hostile_text,
                             refused_or_done)

NOON = datetime(2026, 11, 21, 15, 0, tzinfo=timezone.utc)
STORE = settings(max_examples=30, deadline=None,
                 suppress_health_check=[HealthCheck.function_scoped_fixture,
                                        HealthCheck.too_slow])
REASONS = st.sampled_from(["Lançado a mais.", "Selo rasgado ao destacar — refeito com outro.",
                           "Borrão na colagem, refeito", "x" * 255])
SEALS = st.lists(st.tuples(st.sampled_from(["AU0001", "au0001", "RF0001"]),
                           st.integers(1, 8)), min_size=1, max_size=3)
HOSTILE_SEALS = st.one_of(
    st.lists(st.tuples(hostile_text(), hostile_number()), min_size=1, max_size=3),
    st.sampled_from(HOSTILE_OTHER + ["AU0001 1", [("AU0001", 1, 2)], [("AU0001",)]]),
    st.just([("AU0001", 1)] * (MAX_SEALS + 1)))


def _one_more_act(office) -> None:
    """A seal used in each example, something to reverse or spoil (the sheet has 50)."""
    if PhysicalSeal.select().where((PhysicalSeal.series == "AU0001")
                                   & (PhysicalSeal.state == "available")).exists():
        register_counter_acts(office.clerk, "autenticacao", 1, now=NOON)


def _check_stored(seals: list[PhysicalSeal], action: str) -> None:
    for seal in seals:
        assert_clean_stored(seal, "reason", "seal_reason")
    entry = AuditEntry.select().where(AuditEntry.action == action).order_by(
        AuditEntry.id.desc()).first()
    assert_clean_stored(entry, "reason", "seal_reason")


def _seals_named(seals) -> list[PhysicalSeal]:
    return [PhysicalSeal.get(series=series.upper(), number=number) for series, number in seals]


@STORE
@given(args=arguments(
    valid={"actor": st.sampled_from(["clerk", "supervisor"]), "seals": SEALS,
           "reason": REASONS},
    hostile={"actor": hostile_number(), "seals": HOSTILE_SEALS, "reason": hostile_text()}))
@example(args={"actor": "clerk", "seals": [("AU0001", 1)], "reason": "x" * 100_000})
@example(args={"actor": "clerk", "seals": [("AU0001", 1)], "reason": "\u202eestorno"})
@example(args={"actor": "clerk", "seals": [("AU0001", 1)], "reason": "Jos\udce9"})
def test_reverse_seals(any_office, args):
    _one_more_act(any_office)
    actor = getattr(any_office, args["actor"]) if args["actor"] in ("clerk", "supervisor") \
        else args["actor"]
    with refused_or_done() as refused:
        reverse_seals(actor, args["seals"], args["reason"], now=NOON)
    if not refused:
        _check_stored(_seals_named(args["seals"]), "seal.reverse")


@STORE
@given(args=arguments(
    valid={"actor": st.sampled_from(["supervisor", "notary"]), "seals": SEALS,
           "reason": REASONS},
    hostile={"actor": hostile_number(), "seals": HOSTILE_SEALS, "reason": hostile_text()}))
@example(args={"actor": "supervisor", "seals": [("AU0001", 9)], "reason": "\x00"})
@example(args={"actor": "supervisor", "seals": [("AU0001", 9)], "reason": "y" * 256})
def test_spoil_seals(any_office, args):
    _one_more_act(any_office)
    actor = getattr(any_office, args["actor"]) if args["actor"] in ("supervisor", "notary") \
        else args["actor"]
    with refused_or_done() as refused:
        spoil_seals(actor, args["seals"], args["reason"], now=NOON)
    if not refused:
        _check_stored(_seals_named(args["seals"]), "seal.spoil")


@settings(max_examples=200, deadline=None)
@given(text=st.one_of(st.sampled_from(["RF0001 1-5", "RF0001 1-5; 9", "RF00010000123",
                                       "RF0001 1-9999999", "1", "RF0001 1, RF0001 1"]),
                      st.sampled_from(HOSTILE_TEXTS), hostile_text()),
       limit=st.integers(1, MAX_SEALS))
@example(text="RF0001 0-9999999", limit=MAX_SEALS)
@example(text="; ".join(f"RF0001 {n}" for n in range(600)), limit=MAX_SEALS)
def test_parse_seal_list(text, limit):
    started = time.perf_counter()
    try:
        seals = parse_seal_list(text, limit)
    except Exception as exc:  # noqa: BLE001 - what was raised is the point of the test
        assert_clean_refusal(exc)
    else:
        assert 1 <= len(seals) <= limit and len(set(seals)) == len(seals)
    assert time.perf_counter() - started < 1.0
