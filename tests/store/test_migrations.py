import pytest

from balcao_tui.store.db import open_database
from balcao_tui.store.migrations import CURRENT_VERSION, SchemaError, check_schema, migrate, schema_version
from balcao_tui.store.models import SchemaVersion


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
