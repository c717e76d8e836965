from __future__ import annotations

import os

import pytest

from support import postgres
from support.office import close_store, make_office


def pytest_addoption(parser):
    parser.addoption("--soak-seconds", type=float, default=None, metavar="N",
                     help="how long the soak tests (tests/soak) run on each database "
                          "(default: BALCAO_SOAK_SECONDS or 20)")


@pytest.fixture(autouse=True)
def key_file(tmp_path, monkeypatch):
    """Each test's own key for the TJ secrets (never the user's); created when needed."""
    path = tmp_path / "chave" / "segredos.key"
    monkeypatch.setenv("BALCAO_KEY_FILE", str(path))
    return path


@pytest.fixture(scope="session")
def pg_server_url() -> str:
    try:
        return postgres.server_url()
    except postgres.PostgresUnavailable as exc:
        if os.environ.get(postgres.REQUIRE_ENV) == "1":
            pytest.fail(f"PostgreSQL is required here ({postgres.REQUIRE_ENV}=1) but: {exc}")
        pytest.skip(f"PostgreSQL server not available on this machine: {exc}")


@pytest.fixture
def pg_url(pg_server_url):
    url = postgres.create_database(pg_server_url)
    yield url
    close_store()
    postgres.drop_database(pg_server_url, url)


@pytest.fixture
def sqlite_url(tmp_path) -> str:
    return f"sqlite:///{tmp_path / 'balcao.db'}"


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def db_url(request, tmp_path):
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'balcao.db'}"
    else:
        yield request.getfixturevalue("pg_url")


@pytest.fixture
def office(sqlite_url):
    """An office on a fresh SQLite file (the common case for tests of rules)."""
    test_office = make_office(sqlite_url)
    yield test_office
    close_store()


@pytest.fixture
def any_office(db_url):
    """The same office on SQLite and on PostgreSQL."""
    test_office = make_office(db_url)
    yield test_office
    close_store()
