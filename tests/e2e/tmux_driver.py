"""Drive a terminal program in tmux as a person would: keys, typed text, the screen as text.

Shared by the scenario scripts beside it, which run as plain programs (no pytest): import it
with `from tmux_driver import ...` (a script's own folder is on its sys.path).
"""
from __future__ import annotations

import argparse
import os
import re
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
import uuid
from contextlib import closing
from pathlib import Path
from typing import Callable, TypeVar

T = TypeVar("T")


class Tmux:
    """One tmux server of its own (-L): other tmux users of the machine, even one that
    kills every server, cannot end the session under test."""

    def __init__(self, command: str, width: int = 80, height: int = 24, env: dict | None = None):
        self.name = "balcao-" + uuid.uuid4().hex[:8]
        self.socket = Path(os.environ.get("TMUX_TMPDIR", "/tmp"), f"tmux-{os.getuid()}", self.name)
        env_args = [a for k, v in (env or {}).items() for a in ("-e", f"{k}={v}")]
        self._tmux("new-session", "-d", "-s", self.name, "-x", str(width), "-y", str(height),
                   *env_args, command, check=True)

    def _tmux(self, *args: str, check: bool = False) -> subprocess.CompletedProcess:
        return subprocess.run(["tmux", "-L", self.name, *args], check=check,
                              capture_output=True, text=True)

    def keys(self, *keys: str) -> None:
        self._tmux("send-keys", "-t", self.name, *keys, check=True)
        time.sleep(0.3)

    def type(self, text: str) -> None:
        self._tmux("send-keys", "-t", self.name, "-l", text, check=True)
        time.sleep(0.3)

    def screen(self) -> str:
        return self._tmux("capture-pane", "-p", "-t", self.name).stdout

    def alive(self) -> bool:
        return self._tmux("has-session", "-t", self.name).returncode == 0

    def wait_for(self, text: str, timeout: float = 30.0) -> str:
        """The first screen that shows `text`."""
        return self._until(lambda screen: screen if text in screen else None, repr(text),
                           timeout)

    def wait_match(self, pattern: str, timeout: float = 30.0) -> re.Match:
        """The first match of the regular expression `pattern` (multiline) on the screen."""
        return self._until(re.compile(pattern, re.MULTILINE).search, f"/{pattern}/", timeout)

    def _until(self, found: Callable[[str], T | None], what: str, timeout: float) -> T:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            answer = found(self.screen())
            if answer:
                return answer
            time.sleep(0.2)
        raise AssertionError(f"did not see {what} within {timeout:.0f} s; screen was:\n"
                             + self.screen())

    def wait_gone(self, timeout: float = 20.0) -> None:
        deadline = time.monotonic() + timeout
        while self.alive() and time.monotonic() < deadline:
            time.sleep(0.2)
        if self.alive():
            raise AssertionError("the demo did not quit; screen was:\n" + self.screen())

    def kill(self) -> None:
        self._tmux("kill-server")
        self.socket.unlink(missing_ok=True)  # a server that exits leaves its socket file


def db_rows(db: Path, sql: str, params: tuple = ()) -> list[tuple]:
    with closing(sqlite3.connect(db)) as conn:
        return conn.execute(sql, params).fetchall()


def poll(probe: Callable[[], T], what: str, timeout: float = 30.0) -> T:
    """The first truthy answer of `probe`, asked until `timeout` seconds have passed."""
    deadline = time.monotonic() + timeout
    while True:
        answer = probe()
        if answer:
            return answer
        if time.monotonic() > deadline:
            raise AssertionError(f"{what}: not within {timeout:.0f} s (last answer {answer!r})")
        time.sleep(0.3)


def assert_simulator_stopped(data_dir: Path, timeout: float = 10.0) -> None:
    def stopped() -> bool:
        return not subprocess.run(["pgrep", "-f", f"balcao_tui.tj.simulator.*{data_dir}"],
                                  capture_output=True, text=True).stdout.split()

    poll(stopped, "the TJ simulator outlived the demo", timeout)


def quit_balcao(tmux: Tmux, data_dir: Path, key: str = "C-q") -> None:
    """Leave balcao as a person does (`key`, then confirm) and check the demo's simulator
    went with it."""
    tmux.keys(key)
    tmux.wait_for("Sair do balcão?")
    tmux.keys("s")
    tmux.wait_gone()
    assert_simulator_stopped(data_dir)


def run_demo_scenario(doc: str, walk: Callable[[Tmux, Path], str]) -> int:
    """A scenario script's main: `balcao demo` started in tmux at 80x24, `walk` drives it
    and returns what it proved (printed after "ok: "); an AssertionError fails it.

    usage: SCRIPT [--balcao PATH] [--data-dir DIR] [--keep]"""
    parser = argparse.ArgumentParser(description=doc.splitlines()[0])
    parser.add_argument("--balcao", default=shutil.which("balcao") or "balcao")
    parser.add_argument("--data-dir", default=None)
    parser.add_argument("--keep", action="store_true", help="leave the data dir behind")
    args = parser.parse_args()
    data_dir = Path(args.data_dir or tempfile.mkdtemp(prefix="balcao-demo-"))
    tmux = Tmux(f"{args.balcao} demo --data-dir {data_dir}", env={"TERM": "xterm-256color"})
    try:
        tmux.wait_for("Senha", timeout=60)
        print("ok: " + walk(tmux, data_dir))
        return 0
    except AssertionError as exc:
        print(f"FAILED: {exc}", file=sys.stderr)
        return 1
    finally:
        tmux.kill()
        if not args.keep and not args.data_dir:
            shutil.rmtree(data_dir, ignore_errors=True)
