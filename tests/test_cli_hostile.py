"""The balcao command given hostile arguments (a byte that is not UTF-8, control characters,
100,000 characters): one line in Portuguese on stderr, no traceback, a non-zero exit, and
the database as it was."""
import os
import subprocess
import sys

import pytest

from support.hostile import message_problem, snapshot
from support.office import close_store, make_office, open_store

MAIN = "import sys; from balcao_tui.cli import main; sys.exit(main())"
NOT_UTF8 = os.fsdecode(b"\xff")  # "\udcff": what the byte 0xFF becomes in sys.argv
LONG = "a" * 100_000


@pytest.fixture(scope="module")
def store_url(tmp_path_factory):
    url = f"sqlite:///{tmp_path_factory.mktemp('cli') / 'balcao.db'}"
    make_office(url)
    close_store()
    return url


def balcao(url, *args):
    return subprocess.run([sys.executable, "-c", MAIN, "--db", url, *args],
                          capture_output=True, timeout=120)


@pytest.mark.parametrize("args", [
    ["seals", "show", NOT_UTF8],
    ["seals", "show", LONG],
    ["seals", "show", "\x1b[2J\x07"],
    ["config", "set", "print.dir", NOT_UTF8],
    ["config", "set", "print.dir", "/tmp/\x1b[31m"],
    ["config", "set", "tj.url", "https://" + LONG],
    ["config", "set", NOT_UTF8, "x"],
    ["config", "set", "tj.mode", LONG],
    ["config", "set", "tj.schedule", LONG],
    ["config", "set", "tj.schedule", "\x1b[2J" + NOT_UTF8],
], ids=["seal-not-utf8", "seal-100k", "seal-escape", "dir-not-utf8", "dir-escape", "url-100k",
        "key-not-utf8", "mode-100k", "schedule-100k", "schedule-escape"])
def test_hostile_argument_is_refused_in_one_portuguese_line(store_url, args):
    open_store(store_url)
    before = snapshot()
    close_store()
    result = balcao(store_url, *args)
    stderr = result.stderr.decode("utf-8")  # strict: no broken bytes echoed back
    assert result.returncode != 0
    assert "Traceback" not in stderr and result.stdout == b""
    lines = stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("balcao: "), stderr[:300]
    problem = message_problem(lines[0].removeprefix("balcao: "))
    assert problem is None, f"{problem}: {lines[0][:200]!r}"
    open_store(store_url)
    assert snapshot() == before
    close_store()
