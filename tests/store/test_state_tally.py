"""The seal records' tally by state equals counting the records, whatever was written,
folded or rolled back (SQLite and PostgreSQL)."""
from __future__ import annotations

from itertools import count

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from balcao_tui.domain.deadlines import utcnow
from balcao_tui.store.db import open_database, write_transaction
from balcao_tui.store.migrations import MIGRATIONS, _state_tally, migrate
from balcao_tui.store.models import SealStateTally
from balcao_tui.store.state_tally import fold_tally, state_totals
from support.office import close_store, make_office
from support.races import PROCESSES, race
from support.race_worker import TALLY_FOLDS, TALLY_STEPS
from support.seal_records import digital_row, insert_rows
from support.tally_walk import Walker, counted

WALKERS = count(1)  # a range of codes for each walker of the test run


@pytest.fixture
def office(db_url):
    yield make_office(db_url)
    close_store()


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(seed=st.integers(0, 2**32 - 1), steps=st.integers(1, 40))
def test_the_totals_equal_the_records_counted_before_and_after_folding(office, seed, steps):
    walker = Walker(seed, next(WALKERS))
    for _ in range(steps):
        walker.step()
        if walker.rng.random() < 0.2:
            fold_tally()
    assert state_totals() == counted()
    fold_tally()
    assert state_totals() == counted()
    assert SealStateTally.select().count() <= len(counted())  # one row per state held


def test_folding_a_folded_tally_changes_nothing(office):
    Walker(7, next(WALKERS)).step()
    fold_tally()
    before = state_totals()
    assert fold_tally() == len(before) and state_totals() == before == counted()


def test_a_rolled_back_transaction_leaves_the_totals_unchanged(office):
    walker = Walker(11, next(WALKERS))
    for _ in range(10):
        walker.step()
    before = state_totals()
    with pytest.raises(RuntimeError):
        with write_transaction():
            for _ in range(6):
                walker.insert()
                walker.move()
            walker.delete()
            raise RuntimeError("the terminal fell over")
    assert state_totals() == before == counted()


def test_terminals_writing_while_another_folds_keep_the_totals_exact(office, db_url, tmp_path):
    done = race(db_url, tmp_path, "tally", office.admin)
    assert done == [TALLY_FOLDS] + [TALLY_STEPS] * (PROCESSES - 1)
    assert sum(counted().values()) > 0
    assert state_totals() == counted()
    fold_tally()
    assert state_totals() == counted()


def test_the_migration_counts_the_records_already_there(db_url):
    step = MIGRATIONS.index(_state_tally) + 1
    open_database(db_url)
    migrate(up_to=step - 1)
    at = utcnow()
    insert_rows([digital_row(9_000_000 + n, at, state=state) for n, state in enumerate(
        ["pending"] * 5 + ["communicated"] * 7 + ["criticized"] * 2 + ["excluded"])])
    assert migrate() == len(MIGRATIONS) - step + 1
    assert state_totals() == counted() == {"pending": 5, "communicated": 7, "criticized": 2,
                                           "excluded": 1}
    Walker(3, next(WALKERS)).step()
    assert state_totals() == counted()
    close_store()
