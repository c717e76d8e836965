"""Between a restore and the resync with the TJ, nothing heads for the TJ: every use case that
makes a seal record or releases one to the queue refuses, with nothing half-saved, and works
again once the mark is lifted (SQLite and PostgreSQL)."""
from __future__ import annotations

from datetime import timedelta

import pytest

from balcao_tui.domain.deadlines import office_day, utcnow
from balcao_tui.domain.seal_states import SealState
from balcao_tui.store.db import write_transaction
from balcao_tui.store.models import Act, PhysicalSeal, SealRecord, Setting, SignatureCard
from balcao_tui.store.resync_flag import WAIT_FOR_RESYNC, require_resync, resync_done
from balcao_tui.store.state_writes import move_seal_records
from balcao_tui.store.usecases.closing import close_day
from balcao_tui.store.usecases.counter import register_counter_acts
from balcao_tui.store.usecases.daily import add_daily_count
from balcao_tui.store.usecases.office import set_settings
from balcao_tui.store.usecases.signature_cards import CardData, create_signature_card
from balcao_tui.store.usecases.tj_audit import correct_from_audit, resend_to_tj
from balcao_tui.store.errors import Refused
from support.closing import counted

CARD = CardData(name="Maria da Silva", cpf="529.982.247-25")


def restored() -> None:
    with write_transaction():
        require_resync(utcnow() - timedelta(hours=2))


def resynced() -> None:
    with write_transaction():
        resync_done()


def snapshot() -> tuple:
    return (SealRecord.select().count(), Act.select().count(),
            PhysicalSeal.select().where(PhysicalSeal.state != "available").count(),
            [r.state for r in SealRecord.select().order_by(SealRecord.id)])


def refused(call) -> None:
    before = snapshot()
    with pytest.raises(Refused) as caught:
        call()
    assert caught.value.message == WAIT_FOR_RESYNC
    assert snapshot() == before


def test_counter_acts_wait_for_the_resync(any_office):
    card = create_signature_card(any_office.clerk, CARD).card_id
    restored()
    refused(lambda: register_counter_acts(any_office.clerk, "firma_sem_valor", 2,
                                          signature_card_id=card))
    resynced()
    assert len(register_counter_acts(any_office.clerk, "firma_sem_valor", 2,
                                     signature_card_id=card).acts) == 2


def test_signature_card_seals_wait_for_the_resync(any_office):
    restored()
    refused(lambda: create_signature_card(any_office.clerk, CARD, generate_seal=True))
    assert SignatureCard.select().count() == 0
    resynced()
    assert create_signature_card(any_office.clerk, CARD, generate_seal=True).seal_code


def test_the_closing_releases_no_load_and_makes_no_daily_seal_before_the_resync(any_office):
    now = utcnow()
    day = office_day(now)
    card = create_signature_card(any_office.clerk, CARD).card_id
    register_counter_acts(any_office.clerk, "firma_sem_valor", 2, signature_card_id=card)
    add_daily_count(any_office.clerk, "fotocopia", 5)
    restored()
    refused(lambda: close_day(any_office.supervisor, day, counted(day), now=now))
    resynced()
    outcome = close_day(any_office.supervisor, day, counted(day), now=now)
    assert (outcome.records, len(outcome.daily_seals)) == (2, 1)


def test_corrections_and_resends_wait_for_the_resync(any_office):
    card = create_signature_card(any_office.clerk, CARD, generate_seal=True)
    with write_transaction():
        move_seal_records(SealRecord.code == card.seal_code, SealState.PENDING,
                          SealState.COMMUNICATED, None)
    restored()
    refused(lambda: correct_from_audit(any_office.notary, card.seal_code))
    refused(lambda: resend_to_tj(any_office.supervisor, card.seal_code))
    resynced()
    assert correct_from_audit(any_office.notary, card.seal_code)


@pytest.mark.parametrize("key", ["tj.resync_required", "backup.last_at"])
def test_the_marks_of_backup_and_restore_are_not_settings_anyone_edits(any_office, key):
    restored()
    before = {row.key: row.value for row in Setting.select()}
    with pytest.raises(Refused, match="só balcao backup e balcao restore"):
        set_settings(any_office.admin, {key: ""})
    assert {row.key: row.value for row in Setting.select()} == before
