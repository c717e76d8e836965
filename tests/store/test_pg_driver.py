"""The PostgreSQL driver loads when a PostgreSQL URL is opened, never for SQLite."""
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

import balcao_tui

SOURCES = Path(balcao_tui.__file__).resolve().parents[1]

PROBE = """
import json, sys
from balcao_tui.store.db import close_database, open_database
found = {"imported": "psycopg" in sys.modules}
open_database(sys.argv[1]).connect()
found["sqlite"] = "psycopg" in sys.modules
close_database()
if len(sys.argv) > 2:
    db = open_database(sys.argv[2])
    found["adapter"] = type(db._adapter).__name__
    with db.atomic():
        found["answer"] = db.execute_sql("SELECT 1 + 1").fetchone()[0]
    found["postgres"] = "psycopg" in sys.modules
    close_database()
print(json.dumps(found))
"""


def probe(*urls: str) -> dict:
    env = {**os.environ, "PYTHONPATH": str(SOURCES)}
    result = subprocess.run([sys.executable, "-c", PROBE, *urls], capture_output=True,
                            text=True, timeout=60, env=env)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_sqlite_never_loads_the_postgresql_driver(sqlite_url):
    assert probe(sqlite_url) == {"imported": False, "sqlite": False}


@pytest.mark.postgres
def test_postgresql_loads_the_driver_when_opened(sqlite_url, pg_url):
    found = probe(sqlite_url, pg_url)
    assert found == {"imported": False, "sqlite": False, "adapter": "Psycopg3Adapter",
                     "answer": 2, "postgres": True}
