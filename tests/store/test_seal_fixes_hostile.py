"""Hostile input to corrections, exclusions and links (support/hostile.py): a clean
Portuguese refusal with nothing written, or a success whose stored text is clean."""
from __future__ import annotations

from datetime import datetime, timedelta, timezone
from itertools import count

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from balcao_tui.domain.deadlines import utcnow
from balcao_tui.store.models import AuditEntry, SealRecord
from balcao_tui.store.usecases.corrections import CorrectionInput, correct_seal
from balcao_tui.store.usecases.exclusions import exclude_seal
from balcao_tui.store.usecases.links import link_seals
from support.fix_records import communicated_digital
from support.hostile import (HOSTILE_OTHER, arguments, assert_clean_stored, hostile_number,
                             hostile_text, refused_or_done)

STORE = settings(max_examples=25, deadline=None,
                 suppress_health_check=[HealthCheck.function_scoped_fixture,
                                        HealthCheck.too_slow])
REASONS = st.sampled_from(["Valor errado.", "Data trocada — ato de ontem.", "x" * 255])
SEQUENCES = count(8_300_000)
HOSTILE_DATES = st.sampled_from([*HOSTILE_OTHER, datetime(1, 1, 1),
                                 datetime(9999, 12, 31, tzinfo=timezone.utc), "21/11/2026"])


def _fresh() -> SealRecord:
    return communicated_digital(next(SEQUENCES), utcnow() - timedelta(hours=2))


def _audited(action: str, field: str) -> None:
    entry = AuditEntry.select().where(AuditEntry.action == action).order_by(
        AuditEntry.id.desc()).get()
    assert_clean_stored(entry, "reason", field)


@STORE
@given(args=arguments(
    valid={"exempt": st.sampled_from(["", "Lei 11.331/2002", "Justiça gratuita"]),
           "at": st.none(), "reason": REASONS},
    hostile={"exempt": hostile_text(), "at": HOSTILE_DATES, "reason": hostile_text(),
             "record": hostile_number()}))
@example(args={"exempt": "x" * 100_000, "at": None, "reason": "ok"})
def test_correct_seal(any_office, args):
    record = _fresh()
    changes = CorrectionInput(exempt_reason=args["exempt"], act_at=args["at"])
    with refused_or_done() as refused:
        correct_seal(any_office.notary, args.get("record", record.id), changes, args["reason"])
    if not refused:
        new = SealRecord.select().order_by(SealRecord.id.desc()).get()
        assert_clean_stored(new, "exempt_reason", "exempt_reason")
        _audited("seal.correct", "reason")


@STORE
@given(args=arguments(valid={"reason": REASONS},
                      hostile={"reason": hostile_text(), "record": hostile_number(),
                               "actor": hostile_number()}))
@example(args={"reason": "\u202eexclusão"})
def test_exclude_seal(any_office, args):
    record = _fresh()
    with refused_or_done() as refused:
        exclude_seal(args.get("actor", any_office.notary), args.get("record", record.id),
                     args["reason"])
    if not refused:
        _audited("seal.exclude", "seal_reason")


@STORE
@given(args=arguments(valid={"reason": REASONS},
                      hostile={"reason": hostile_text(), "parent": hostile_number(),
                               "children": st.one_of(hostile_text(),
                                                     st.lists(hostile_number(), max_size=3))}))
def test_link_seals(any_office, args):
    parent, child = _fresh(), _fresh()
    with refused_or_done() as refused:
        link_seals(any_office.notary, args.get("parent", parent.id),
                   args.get("children", (child.id,)), args["reason"])
    if not refused:
        _audited("seal.link", "reason")
