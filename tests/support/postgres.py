"""The real PostgreSQL server for the tests: started from Debian's package when needed,
with a fresh database per test."""
from __future__ import annotations

import os
import subprocess
import uuid
from pathlib import Path
from urllib.parse import urlparse, urlunparse

REQUIRE_ENV = "BALCAO_REQUIRE_POSTGRES"
URL_ENV = "BALCAO_TEST_PG_URL"
_SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "start-postgres.sh"


class PostgresUnavailable(RuntimeError):
    pass


def server_url() -> str:
    """The URL of a database where the test role can create databases."""
    if os.environ.get(URL_ENV):
        return os.environ[URL_ENV]
    try:
        result = subprocess.run(["bash", str(_SCRIPT)], capture_output=True, text=True,
                                timeout=120)
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise PostgresUnavailable(f"could not run {_SCRIPT.name}: {exc}") from exc
    if result.returncode != 0:
        raise PostgresUnavailable(result.stderr.strip() or f"exit {result.returncode}")
    url = result.stdout.strip().splitlines()[-1]
    os.environ[URL_ENV] = url
    return url


def _admin_connection(url: str):
    import psycopg

    parsed = urlparse(url)
    return psycopg.connect(host=parsed.hostname, port=parsed.port or 5432,
                           user=parsed.username, password=parsed.password,
                           dbname=parsed.path.lstrip("/"), autocommit=True)


def create_database(url: str, *, template_url: str | None = None) -> str:
    """A new database on `url`'s server; a copy of `template_url`'s (nobody may be
    connected to it) when given."""
    name = "balcao_t_" + uuid.uuid4().hex[:12]
    template = f' TEMPLATE "{urlparse(template_url).path.lstrip("/")}"' if template_url else ""
    with _admin_connection(url) as conn:
        conn.execute(f'CREATE DATABASE "{name}"{template}')
    return urlunparse(urlparse(url)._replace(path="/" + name))


def drop_database(url: str, test_url: str) -> None:
    import psycopg

    name = urlparse(test_url).path.lstrip("/")
    with _admin_connection(url) as conn:
        try:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        except psycopg.errors.InsufficientPrivilege:
            # FORCE may not end an autovacuum worker (after thousands of updates) for a
            # role that is not superuser; a plain DROP makes the worker give way.
            conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
