"""The audit of a day against the real simulator over HTTP: a record the TJ lost, one the
store lost and a value changed at the TJ are found, exactly those, and each action fixes its
finding once the transmitter has run (SQLite and PostgreSQL)."""
from __future__ import annotations

from datetime import datetime, timedelta
from unittest.mock import ANY

import pytest

from balcao_tui.domain.deadlines import office_day, utcnow
from balcao_tui.domain.money import format_money
from balcao_tui.domain.permissions import PermissionDenied
from balcao_tui.domain.seal_code import build_digital_seal_code, build_hybrid_seal_code
from balcao_tui.domain.seal_states import PhysicalState, RecordKind, SealState
from balcao_tui.domain.tj_audit import Finding, Remedy
from balcao_tui.store.db import write_transaction
from balcao_tui.store.models import AuditEntry, PhysicalSeal, SealRecord, SequenceCounter
from balcao_tui.store.sequences import next_sequence
from balcao_tui.store.state_writes import move_seal_records
from balcao_tui.store.usecases.counter import register_counter_acts
from balcao_tui.store.usecases.signature_cards import CardData, create_signature_card
from balcao_tui.store.usecases.tj_audit import correct_from_audit, resend_to_tj
from balcao_tui.store.usecases.tj_recovery import recover_from_tj
from balcao_tui.tj.client import TJClient
from balcao_tui.tj.day_audit import TJAuditFailed, audit_day
from balcao_tui.tj.signing import sign
from balcao_tui.tj.transmitter import Transmitter
from balcao_tui.tj.wire import WireRecord
from support.fee_values import fee_values
from support.tj_state import delete_at_tj, raise_value_at_tj

from .conftest import CLIENT_ID, CLIENT_SECRET, CNS, FAST, configure_tj, held_codes

CARDS = [CardData(name="Maria da Silva", cpf="529.982.247-25"),
         CardData(name="José da Conceição Souza", cpf="111.444.777-35")]


def make_day(office, at: datetime) -> tuple[list[str], list[str]]:
    """Two signature cards with their digital seal and three signature recognitions (hybrid,
    released as the closing does); returns (hybrid codes, digital codes)."""
    cards = [create_signature_card(office.clerk, card, generate_seal=True, now=at)
             for card in CARDS]
    hybrid = [act.seal_code for act in register_counter_acts(
        office.clerk, "firma_sem_valor", 3, signature_card_id=cards[0].card_id, now=at).acts]
    digital = [card.seal_code for card in cards]
    with write_transaction():
        move_seal_records(SealRecord.state == SealState.WAITING_CLOSING,
                          SealState.WAITING_CLOSING, SealState.PENDING, "supervisor")
    return hybrid, digital


async def transmit() -> None:
    summary = await Transmitter(tuning=FAST).run(once=True, timeout=30)
    assert summary.pending == 0 and summary.criticized == summary.failed == 0, summary


async def send_straight_to_tj(url: str, cert, rec: WireRecord) -> None:
    """A record only the TJ gets: as if the store had lost it after sending."""
    async with TJClient(url, CLIENT_ID, CLIENT_SECRET) as tj:
        [result] = await tj.send_batch(CNS, [sign(rec, cert)])
    assert result.accepted, result


def extra_digital(at: datetime, sequence: int) -> WireRecord:
    code = build_digital_seal_code(CNS, "1", "AF", sequence, office_day(at).year)
    return WireRecord(kind="ato", cns=CNS, code=code, act_code="AF", act_at=at,
                      values=fee_values(2000))


def by_finding(audit) -> dict[Finding, list]:
    found: dict[Finding, list] = {}
    for line in audit.lines:
        found.setdefault(line.finding, []).append(line)
    return found


# -- the tests ------------------------------------------------------------------------------

async def test_the_audit_finds_the_three_planted_findings_and_each_action_fixes_its_own(
        any_office, sim, cert_files):
    configure_tj(sim.url, cert_files.p12)
    at = utcnow() - timedelta(minutes=30)
    day = office_day(at)
    hybrid, digital = make_day(any_office, at)
    await transmit()
    assert (await audit_day(any_office.supervisor, day)).findings == ()

    lost, changed = hybrid[1], hybrid[2]
    delete_at_tj(sim.state_path, lost)
    raise_value_at_tj(sim.state_path, changed, 500)
    extra = extra_digital(at, 40)
    await send_straight_to_tj(sim.url, cert_files.cert, extra)

    audit = await audit_day(any_office.supervisor, day)
    found = by_finding(audit)
    assert {line.code for line in audit.findings} == {lost, changed, extra.code}
    assert [(line.code, line.remedy) for line in found[Finding.MISSING_AT_TJ]] == [
        (lost, Remedy.RESEND)]
    [divergent] = found[Finding.DIVERGENT]
    assert (divergent.code, divergent.remedy) == (changed, Remedy.CORRECT)
    old_total = SealRecord.get(SealRecord.code == changed).total
    assert [(d.field, d.at_tj) for d in divergent.differences] == [
        ("tabeliao", ANY), ("total", format_money(old_total + 500))]
    [unknown] = found[Finding.UNKNOWN_HERE]
    assert (unknown.code, unknown.remedy) == (extra.code, Remedy.RECOVER)
    assert audit.count(Finding.CONFORMING) == 3  # 5 made here, 2 of them spoiled at the TJ

    # resend: back in the queue, sent again, held once at the TJ
    resend_to_tj(any_office.supervisor, lost)
    assert SealRecord.get(SealRecord.code == lost).state == SealState.PENDING
    await transmit()
    assert SealRecord.get(SealRecord.code == lost).state == SealState.COMMUNICATED
    assert held_codes(sim.state_path).count(lost) == 1

    # recover: the store has it, and the sequence never hands out its number again
    recovered = recover_from_tj(any_office.supervisor, unknown.tj)
    assert (recovered.sequence, recovered.physical_seal) == (40, None)
    record = SealRecord.get(SealRecord.code == extra.code)
    assert (record.state, record.act_kind, record.total) == (
        SealState.COMMUNICATED, "abertura_firma", extra.values["total"])
    with write_transaction():
        assert next_sequence(CNS, "AF", day.year) == 41

    # correct: a correction record with the store's values, pointing to the old one
    made = correct_from_audit(any_office.notary, changed)
    correction = SealRecord.get(SealRecord.code == made.new_code)
    old = SealRecord.get(SealRecord.code == changed)
    assert (correction.record_kind, correction.replaces_id) == (RecordKind.CORRECTION, old.id)
    assert (correction.total, correction.physical_series, correction.physical_number) == (
        old.total, old.physical_series, old.physical_number)
    await transmit()
    assert SealRecord.get_by_id(old.id).state == SealState.CORRECTED

    final = await audit_day(any_office.supervisor, day)
    assert final.findings == () and final.count(Finding.NOT_SENT_YET) == 0
    assert {e.action for e in AuditEntry.select()} >= {
        "tj_audit.resend", "tj_audit.recover", "tj_audit.correct"}


async def test_a_recovered_hybrid_record_marks_its_physical_seal_sent(
        office, sim, cert_files):
    configure_tj(sim.url, cert_files.p12)
    at = utcnow() - timedelta(minutes=30)
    code = build_hybrid_seal_code(CNS, "1", "RS", "RF0002", 7, office_day(at).year)
    await send_straight_to_tj(sim.url, cert_files.cert, WireRecord(
        kind="ato", cns=CNS, code=code, act_code="RS", act_at=at, values=fee_values(),
        physical_seal=("RF0002", 7)))
    [line] = (await audit_day(office.supervisor, office_day(at))).findings
    assert (line.code, line.finding) == (code, Finding.UNKNOWN_HERE)

    recovered = recover_from_tj(office.supervisor, line.tj)
    assert (recovered.physical_state, recovered.sequence) == (PhysicalState.SENT, None)
    seal = PhysicalSeal.get((PhysicalSeal.series == "RF0002") & (PhysicalSeal.number == 7))
    assert seal.state == PhysicalState.SENT
    assert not SequenceCounter.select().exists()
    assert (await audit_day(office.supervisor, office_day(at))).findings == ()


async def test_the_audit_needs_a_supervisor_and_a_tj_that_answers(office, sim, cert_files):
    day = office_day(utcnow())
    with pytest.raises(TJAuditFailed, match="não configurada"):
        await audit_day(office.supervisor, day)
    configure_tj(sim.url, cert_files.p12)
    with pytest.raises(PermissionDenied, match="fechar o expediente"):
        await audit_day(office.clerk, day)
    sim.stop()
    with pytest.raises(TJAuditFailed, match="Não foi possível consultar o TJ"):
        await audit_day(office.supervisor, day)
