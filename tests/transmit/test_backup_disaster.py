"""The disaster proof: the office works and sends to the real simulator, a backup is taken,
more records reach the TJ, the database is lost and restored from the copy. Until the resync
the counter is refused; after it, the records the store lost are back as recovered, their
physical seals marked sent, and the next codes go past every code the TJ holds: the TJ gets
no conflict and no duplicate (SQLite and PostgreSQL)."""
from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from balcao_tui.domain.identifiers import cpf_check_digits
from balcao_tui.domain.seal_states import PhysicalState, SealState
from balcao_tui.store.backups import restore_backup, take_backup
from balcao_tui.store.db import close_database, database, is_sqlite, sqlite_file, write_transaction
from balcao_tui.store.errors import Refused
from balcao_tui.store.models import AuditEntry, PhysicalSeal, SealRecord, SignatureCard
from balcao_tui.store.resync_flag import WAIT_FOR_RESYNC, resync_required_since
from balcao_tui.store.state_writes import move_seal_records
from balcao_tui.store.usecases.counter import register_counter_acts
from balcao_tui.store.usecases.signature_cards import CardData, create_signature_card
from balcao_tui.tj.day_audit import TJAuditFailed
from balcao_tui.tj.resync import resync_since_owed, resync_with_tj
from balcao_tui.tj.transmitter import Transmitter

from .conftest import FAST, configure_tj, held_codes



def new_cpf() -> str:
    base = f"{300_000_000 + SignatureCard.select().count():09d}"
    return base + cpf_check_digits(base)


def work(office, card_id: int) -> list[str]:
    """One signature card with its digital seal and two recognitions (hybrid), released as
    the closing does; the codes made."""
    made = [create_signature_card(office.clerk, CardData(name="Pessoa de Teste",
                                                         cpf=new_cpf()),
                                  generate_seal=True).seal_code]
    made += [act.seal_code for act in register_counter_acts(
        office.clerk, "firma_sem_valor", 2, signature_card_id=card_id).acts]
    with write_transaction():
        move_seal_records(SealRecord.state == SealState.WAITING_CLOSING,
                          SealState.WAITING_CLOSING, SealState.PENDING, "supervisor")
    return made


async def transmit() -> None:
    summary = await Transmitter(tuning=FAST).run(once=True, timeout=30)
    assert summary.pending == 0 and summary.criticized == summary.failed == 0, summary


def lose_the_database(url: str) -> None:
    if is_sqlite():
        close_database()
        path = sqlite_file(url)
        for name in (path, Path(f"{path}-wal"), Path(f"{path}-shm")):
            name.unlink(missing_ok=True)
    else:
        database.obj.execute_sql("DROP SCHEMA public CASCADE; CREATE SCHEMA public")
        close_database()


async def test_restore_and_resync_never_issue_a_code_the_tj_holds(any_office, sim, cert_files,
                                                                  tmp_path):
    configure_tj(sim.url, cert_files.p12)
    card = create_signature_card(any_office.clerk, CardData(name="Signatário Comum",
                                                            cpf="168.995.350-09")).card_id
    before = work(any_office, card)
    await transmit()
    copy = take_backup(any_office.url, tmp_path / "copias")

    lost = work(any_office, card) + work(any_office, card)
    await transmit()
    lost_seals = {(r.physical_series, r.physical_number) for r in SealRecord.select().where(
        SealRecord.code.in_(lost) & SealRecord.physical_series.is_null(False))}
    assert set(before + lost) <= set(held_codes(sim.state_path))

    lose_the_database(any_office.url)
    restore_backup(copy.path, any_office.url)
    assert resync_required_since() == copy.taken_at
    assert SealRecord.select().where(SealRecord.code.in_(lost)).count() == 0
    with pytest.raises(Refused) as caught:
        register_counter_acts(any_office.clerk, "firma_sem_valor", 1, signature_card_id=card)
    assert caught.value.message == WAIT_FOR_RESYNC

    since = await resync_since_owed(any_office.supervisor)
    outcome = await resync_with_tj(any_office.supervisor, since)
    assert sorted(outcome.recovered) == sorted(lost) and outcome.problems == ()
    assert resync_required_since() is None
    back = {r.code: r.state for r in SealRecord.select().where(SealRecord.code.in_(lost))}
    assert back == {code: SealState.COMMUNICATED for code in lost}
    for series, number in lost_seals:
        seal = PhysicalSeal.get((PhysicalSeal.series == series)
                                & (PhysicalSeal.number == number))
        assert seal.state == PhysicalState.SENT
    actions = [e.action for e in AuditEntry.select().order_by(AuditEntry.id)]
    assert actions.count("tj_audit.recover") == len(lost)
    assert actions[-1] == "backup.resync" and "backup.restore" in actions

    held_before = set(held_codes(sim.state_path))
    after = work(any_office, card) + work(any_office, card)
    assert not set(after) & held_before
    await transmit()
    held = held_codes(sim.state_path)
    assert set(after) <= set(held)
    assert [code for code, n in Counter(held).items() if n > 1] == []


async def test_the_mark_stays_when_the_tj_cannot_be_reached(any_office, sim, cert_files,
                                                            tmp_path):
    configure_tj(sim.url, cert_files.p12)
    copy = take_backup(any_office.url, tmp_path / "copias")
    close_database()
    restore_backup(copy.path, any_office.url, force=True)
    sim.stop()
    since = await resync_since_owed(any_office.supervisor)
    with pytest.raises(TJAuditFailed, match="Não foi possível consultar o TJ"):
        await resync_with_tj(any_office.supervisor, since, timeout=2)
    assert resync_required_since() == copy.taken_at
