from contextlib import contextmanager
from unittest.mock import patch

import pytest
from peewee import IntegrityError, ModelIndex

from balcao_tui.store.db import open_database, write_transaction
from balcao_tui.store import audit as audit_module
from balcao_tui.store.audit_chain import verify_chain
from balcao_tui.store.migrations import (CURRENT_VERSION, MIGRATIONS, SchemaError, check_schema,
                                         migrate, schema_version)
from balcao_tui.store.models import (ALL_MODELS, Act, AuditEntry, DailyEntry, SchemaVersion,
                                    SealRecord, ShiftClosing, SignatureCard, TransmissionBatch,
                                    User)
from balcao_tui.store.usecases import counter, signature_cards
from balcao_tui.store.usecases.counter import register_counter_acts
from balcao_tui.store.usecases.signature_cards import CardData, create_signature_card
from balcao_tui.store.usecases.users import authenticate
from support.office import PASSWORD, close_store, make_office


def test_fresh_database_is_refused_until_migrated(sqlite_url):
    open_database(sqlite_url)
    with pytest.raises(SchemaError, match="balcao init"):
        check_schema()
    assert migrate() == CURRENT_VERSION
    check_schema()
    assert migrate() == 0  # idempotent
    assert schema_version() == CURRENT_VERSION


def test_database_from_a_newer_version_is_refused_untouched(sqlite_url):
    open_database(sqlite_url)
    migrate()
    SchemaVersion.create(version=CURRENT_VERSION + 1)
    with pytest.raises(SchemaError, match="mais nova"):
        check_schema()
    with pytest.raises(SchemaError, match="mais nova"):
        migrate()
    assert schema_version() == CURRENT_VERSION + 1


def test_sqlite_pragmas_protect_the_seals(sqlite_url):
    db = open_database(sqlite_url)
    migrate()
    assert db.execute_sql("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert db.execute_sql("PRAGMA synchronous").fetchone()[0] == 2
    assert db.execute_sql("PRAGMA foreign_keys").fetchone()[0] == 1
    assert db.execute_sql("PRAGMA busy_timeout").fetchone()[0] >= 5000


def _unique_index_columns(db, table: str) -> set[tuple[str, ...]]:
    return {tuple(index.columns) for index in db.get_indexes(table) if index.unique}


def _is_unique(index) -> bool:
    return index._unique if isinstance(index, ModelIndex) else index[1]


def _index_columns(model, index) -> tuple[str, ...]:
    if isinstance(index, ModelIndex):
        return tuple(field.column_name for field in index._expressions)
    return tuple(model._meta.fields[name].column_name for name in index[0])


def test_migrations_build_exactly_the_schema_the_models_describe(db_url):
    db = open_database(db_url)
    migrate()
    for model in ALL_MODELS:
        table = model._meta.table_name
        columns = {column.name for column in db.get_columns(table)}
        assert columns == {field.column_name for field in model._meta.sorted_fields}, table
        expected = {(field.column_name,) for field in model._meta.sorted_fields if field.unique}
        expected |= {_index_columns(model, index) for index in model._meta.indexes
                     if _is_unique(index)}
        if model._meta.primary_key.column_name != "id":
            expected.add((model._meta.primary_key.column_name,))
        found = _unique_index_columns(db, table)
        assert expected <= found | {(model._meta.primary_key.column_name,)}, table
        assert found - {(model._meta.primary_key.column_name,)} <= expected, table
    close_store()


def test_a_version_1_database_with_data_upgrades_and_keeps_it(db_url):
    open_database(db_url)
    assert migrate(up_to=1) == 1 and schema_version() == 1
    office = seed_office_data(db_url)
    cards_before = list(SignatureCard.select().order_by(SignatureCard.id).tuples())
    records_before = list(SealRecord.select(SealRecord.code, SealRecord.state).tuples())

    assert migrate() == CURRENT_VERSION - 1
    assert schema_version() == CURRENT_VERSION
    assert list(SignatureCard.select().order_by(SignatureCard.id).tuples()) == cards_before
    assert sorted(SealRecord.select(SealRecord.code, SealRecord.state).tuples()) == \
        sorted(records_before)
    assert authenticate("clara", PASSWORD).id == office.clerk
    assert User.get(User.login == "clara").access_code_hash == ""  # v4: no code waiting
    assert verify_chain().ok  # the entries written before the chain, and the login since
    with pytest.raises(IntegrityError):  # v2: one card per CPF, held by the database
        with write_transaction():
            SignatureCard.insert(**_card_row(cards_before[0])).execute()
    close_store()


def test_an_upgrade_that_finds_repeated_cards_names_them_and_changes_nothing(db_url):
    open_database(db_url)
    migrate(up_to=1)
    seed_office_data(db_url)
    card = SignatureCard.select().first()
    SignatureCard.insert(**_card_row(SignatureCard.select().where(
        SignatureCard.id == card.id).tuples().first())).execute()
    with pytest.raises(SchemaError, match=r"repetidas.*\*\*\*\.982\.247-\*\*"):
        migrate()
    assert schema_version() == 1
    close_store()


def _card_row(row: tuple) -> dict:
    names = [field.name for field in SignatureCard._meta.sorted_fields]
    values = dict(zip(names, row))
    values.pop("id")
    return values


AUDIT_CHAIN = [step.__name__ for step in MIGRATIONS].index("_audit_chain") + 1
CHANGE_FEED = [step.__name__ for step in MIGRATIONS].index("_change_feed") + 1

# Fields added after version 1, by the version that added them: seeding a version-1
# database through today's use cases needs the models without them.
FIELDS_ADDED = {3: [(Act, "payment"), (Act, "cancelled_at"), (DailyEntry, "payment"),
                    (DailyEntry, "total"), (SealRecord, "load"), (ShiftClosing, "cash_expected"),
                    (ShiftClosing, "paper_expected"), (ShiftClosing, "explanation"),
                    (ShiftClosing, "open_drawers_reason")],
               4: [(User, "access_code_hash"), (User, "access_code_expires_at")],
               AUDIT_CHAIN: [(AuditEntry, "seq"), (AuditEntry, "prev_hash"),
                             (AuditEntry, "hash")],
               CHANGE_FEED: [(TransmissionBatch, "holder")]}


@contextmanager
def models_without(added: list):
    """The models without the fields `added` later, and an audit trail without the chain
    (its head table comes with it)."""
    removed = [(model, model._meta.fields[name]) for model, name in added]
    for model, field in removed:
        model._meta.remove_field(field.name)
        if field.name in model.__dict__:  # the accessor, else a value still reaches the row
            delattr(model, field.name)

    def unchained(user_id, **fields):
        AuditEntry.create(user=user_id, **fields)

    try:
        with patch.object(audit_module, "append_entry", unchained):
            yield
    finally:
        for model, field in removed:
            model._meta.add_field(field.name, field)


@contextmanager
def models_of_version_1():
    """The models without later fields, and a service's check without the cash drawer
    (version 3), which a version-1 database has no table for."""
    day_only = lambda clerk, day: counter.ensure_day_open(day)  # noqa: E731
    with models_without([pair for added in FIELDS_ADDED.values() for pair in added]), \
            patch.object(counter, "ensure_open", day_only), \
            patch.object(signature_cards, "ensure_open", day_only):
        yield


def seed_office_data(url: str):
    with models_of_version_1():
        return _seed_office_data(url)


def _seed_office_data(url: str):
    office = make_office(url, schema_ready=True)
    create_signature_card(office.clerk, CardData(name="Maria da Silva", cpf="529.982.247-25",
                                                 rg_number="12.345.678-X"),
                          generate_seal=True)
    card = SignatureCard.get(SignatureCard.cpf == "52998224725")
    register_counter_acts(office.clerk, "firma_sem_valor", 2, signature_card_id=card.id)
    register_counter_acts(office.clerk, "autenticacao", 3)
    return office


def test_an_upgraded_database_chains_the_audit_entries_it_had(db_url):
    open_database(db_url)
    migrate(up_to=AUDIT_CHAIN - 1)
    with models_without(FIELDS_ADDED[AUDIT_CHAIN]):
        make_office(db_url, schema_ready=True)
        register_counter_acts(User.get(User.login == "clara").id, "autenticacao", 2)
        before = list(AuditEntry.select(AuditEntry.id, AuditEntry.action, AuditEntry.detail)
                      .order_by(AuditEntry.id).tuples())
    assert len(before) > 5

    migrate()
    report = verify_chain()
    assert report.ok and report.checked == len(before)
    assert list(AuditEntry.select(AuditEntry.id, AuditEntry.action, AuditEntry.detail)
                .order_by(AuditEntry.id).tuples()) == before
    assert [e.seq for e in AuditEntry.select().order_by(AuditEntry.id)] == \
        list(range(1, len(before) + 1))
    authenticate("clara", PASSWORD)  # the next entry chains from the last one migrated
    assert verify_chain().checked == len(before) + 1 and verify_chain().ok
    close_store()


def test_the_seal_search_indexes_come_with_their_step(db_url):
    from balcao_tui.store.migrations import MIGRATIONS, _seal_search_indexes

    step = MIGRATIONS.index(_seal_search_indexes) + 1
    db = open_database(db_url)
    migrate(up_to=step - 1)
    names = {index.name for index in db.get_indexes("seal_record")}
    assert not any(name.startswith("seal_record_search_") for name in names)
    migrate()
    names = {index.name for index in db.get_indexes("seal_record")}
    assert {f"seal_record_search_{n}" for n in
            ("act_at", "state", "clerk", "kind", "physical")} <= names
    close_store()


def test_the_dashboard_index_step_keeps_the_records_and_lists_them(db_url):
    from balcao_tui.store.migrations import MIGRATIONS, _dashboard_indexes
    from balcao_tui.store.dashboard import listed_records
    from support.seal_records import insert_pending

    step = MIGRATIONS.index(_dashboard_indexes) + 1
    db = open_database(db_url)
    migrate(up_to=step - 1)
    codes = insert_pending(3)
    assert migrate(up_to=step) == 1
    assert "seal_record_listed_deadline" in {index.name for index in db.get_indexes("seal_record")}
    assert [row.code for row in listed_records().rows] == codes
    close_store()
