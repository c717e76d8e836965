"""The login screen comes before the heavy imports: Peewee and the database once it is
painted, then the transmitter (httpx, cryptography); a terminal on SQLite never loads the
PostgreSQL driver."""
import json
import os
import subprocess
import sys
from pathlib import Path

import balcao_tui

SOURCES = Path(balcao_tui.__file__).resolve().parents[1]
TESTS = Path(__file__).resolve().parents[1]


def run_probe(office, tmp_path) -> dict:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(SOURCES), str(TESTS)]),
           "XDG_STATE_HOME": str(tmp_path / "state"),
           "XDG_CONFIG_HOME": str(tmp_path / "config")}
    result = subprocess.run(
        [sys.executable, "-m", "support.login_probe", office.url, str(tmp_path / "dados")],
        capture_output=True, text=True, timeout=120, env=env)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_login_is_painted_before_store_transmitter_and_drivers_load(office, tmp_path):
    seen = run_probe(office, tmp_path)
    assert seen["exit"] == 0
    assert seen["at_mount"] == [] and seen["once_painted"] == []
    assert seen["transmitter_started"] is True
    assert seen["transmitter_workers"] == 1
    assert {"peewee", "httpx", "cryptography", "balcao_tui.tj.transmitter"} <= set(
        seen["after_start"])
    assert "psycopg" not in seen["after_start"]
