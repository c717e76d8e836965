"""The audit trail is a hash chain: an edited, inserted or deleted entry is caught and
named, on SQLite and PostgreSQL."""
from balcao_tui.store.audit import audit
from balcao_tui.store.audit_chain import (DELETED_BEFORE, DELETED_LAST, EDITED, INSERTED,
                                          verify_chain)
from balcao_tui.store.db import write_transaction
from balcao_tui.store.models import AuditEntry
from balcao_tui.store.usecases.counter import register_counter_acts
from support import audit_tamper as tamper


def named(report) -> set[tuple[int, str]]:
    return {(problem.entry_id, problem.what) for problem in report.problems}


def test_an_office_written_through_the_use_cases_verifies(any_office):
    register_counter_acts(any_office.clerk, "autenticacao", 2)
    report = verify_chain()
    assert report.ok and report.problems == ()
    assert report.checked == AuditEntry.select().count() == tamper.head().entries
    chain = tamper.entries()
    assert [entry.seq for entry in chain] == list(range(1, len(chain) + 1))
    assert all(b.prev_hash == a.hash for a, b in zip(chain, chain[1:]))


def test_an_edited_entry_is_named(any_office):
    middle = tamper.entries()[3]
    tamper.edit(middle)
    report = verify_chain()
    assert not report.ok and named(report) == {(middle.id, EDITED)}
    assert report.problems[0].action == middle.action and report.problems[0].at == middle.at


def test_an_entry_rewritten_with_its_own_hash_recomputed_is_still_named(any_office):
    middle = tamper.entries()[3]
    AuditEntry.update(detail="{}", hash="0" * 64).where(AuditEntry.id == middle.id).execute()
    assert named(verify_chain()) == {(middle.id, EDITED)}


def test_a_deleted_middle_entry_is_named_by_the_one_after_it(any_office):
    chain = tamper.entries()
    tamper.delete(chain[2])
    assert named(verify_chain()) == {(chain[3].id, DELETED_BEFORE)}


def test_a_deleted_last_entry_is_named_by_the_head(any_office):
    last = tamper.entries()[-1]
    tamper.delete(last)
    assert named(verify_chain()) == {(last.id, DELETED_LAST)}


def test_an_entry_forged_with_a_valid_looking_previous_hash_is_named(any_office):
    forged = tamper.forge_after_last()
    assert named(verify_chain()) == {(forged, INSERTED)}


def test_a_rolled_back_transaction_leaves_no_link(any_office):
    try:
        with write_transaction():
            audit(any_office.admin, "user.update", "user", 1, {"x": 1})
            raise RuntimeError("falha no meio")
    except RuntimeError:
        pass
    audit(any_office.admin, "user.update", "user", 1, {"x": 2})
    assert verify_chain().ok
