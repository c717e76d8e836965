"""The change feed on SQLite and PostgreSQL: every write shows up with its entity, key and
detail; a late commit on PostgreSQL is waited for, never skipped; a reader behind the
pruned log (or too far behind) is told to reload."""
from datetime import timedelta

import psycopg
import pytest

from balcao_tui.domain.deadlines import utcnow
from balcao_tui.domain.identifiers import cpf_check_digits
from balcao_tui.domain.refusal import Refusal
from balcao_tui.domain.seal_states import SealState
from balcao_tui.store.change_feed import changes_since, current_revision, prune_changes
from balcao_tui.store.models import SealRecord
from balcao_tui.store.db import write_transaction
from balcao_tui.store.state_writes import move_seal_records
from balcao_tui.store.usecases.signature_cards import CardData, create_signature_card
from balcao_tui.store.usecases.users import update_user


def _card(clerk: int, number: int = 1):
    base = f"{123456780 + number:09d}"
    return create_signature_card(clerk, CardData(name="Maria Teste",
                                                 cpf=base + cpf_check_digits(base)),
                                 generate_seal=True)


def test_a_registered_seal_shows_as_a_change_with_its_states(any_office):
    start = current_revision()
    _card(any_office.clerk)
    batch = changes_since(start)
    assert not batch.gap and batch.revision == current_revision() > start
    inserted = [c for c in batch.changes if c.entity == "seal_record"]
    assert len(inserted) == 1 and inserted[0].detail == ">pending"
    record = SealRecord.get_by_id(int(inserted[0].key))
    assert record.state == SealState.PENDING
    assert {"audit_entry"} <= {c.entity for c in batch.changes}

    middle = batch.revision
    with write_transaction():
        move_seal_records(SealRecord.id == record.id, SealState.PENDING,
                          SealState.COMMUNICATED, None)
    later = changes_since(middle)
    assert [(c.entity, c.key, c.detail) for c in later.changes] == [
        ("seal_record", str(record.id), "pending>communicated")]
    assert changes_since(later.revision) == type(later)(later.revision, (), False)


def test_a_refused_write_leaves_no_change(any_office):
    start = current_revision()
    _card(any_office.clerk, 1)
    with pytest.raises(Refusal):
        _card(any_office.clerk, 1)  # the same CPF again
    batch = changes_since(start)
    assert len([c for c in batch.changes if c.entity == "seal_record"]) == 1


def test_more_changes_than_the_limit_or_a_pruned_log_ask_for_a_reload(any_office):
    start = current_revision()
    _card(any_office.clerk)
    assert changes_since(start, limit=1).gap
    assert changes_since(start, limit=1).revision == current_revision()

    assert prune_changes(now=utcnow() + timedelta(hours=1)) > 0
    behind = changes_since(start)
    assert behind.gap and behind.revision == current_revision()
    after = current_revision()
    update_user(any_office.admin, any_office.clerk2, name="Bruno Renomeado")
    fresh = changes_since(after)
    assert not fresh.gap and ("user", str(any_office.clerk2), "update") in {
        (c.entity, c.key, c.detail) for c in fresh.changes}
    assert changes_since(10**9).gap  # a reader ahead of this database (another one)


@pytest.mark.postgres
def test_a_change_that_commits_late_is_delivered_not_skipped(pg_url):
    from support.office import make_office

    office = make_office(pg_url)
    start = current_revision()
    late, early = (psycopg.connect(pg_url) for _ in range(2))
    try:
        late.execute('UPDATE "user" SET name = %s WHERE id = %s', ("Clara Tarde", office.clerk))
        early.execute('UPDATE "user" SET name = %s WHERE id = %s', ("Bruno Cedo", office.clerk2))
        early.commit()  # its id is the larger one, and it commits first
        waiting = changes_since(start)
        assert waiting.changes == () and waiting.revision == start
        assert current_revision() <= start  # never past the change still in flight
        late.commit()
        both = changes_since(start)
        assert [c.key for c in both.changes] == [str(office.clerk), str(office.clerk2)]

        rolled_back = both.revision
        late.execute('UPDATE "user" SET name = %s WHERE id = %s', ("Desfeito", office.clerk))
        early.execute('UPDATE "user" SET name = %s WHERE id = %s', ("Bruno Depois", office.clerk2))
        early.commit()
        assert changes_since(rolled_back).changes == ()
        late.rollback()  # its id is never used: the reader moves past the hole
        after = changes_since(rolled_back)
        assert [c.key for c in after.changes] == [str(office.clerk2)]
    finally:
        late.close()
        early.close()
