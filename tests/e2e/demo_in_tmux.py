#!/usr/bin/env python3
"""Drive the installed `balcao demo` in tmux at 80x24, keyboard only, through one signature
recognition, and check the screen and the database afterwards.

usage: demo_in_tmux.py [--balcao PATH] [--data-dir DIR] [--keep]
Exit 0 when every check holds; otherwise prints what it saw and exits 1.
"""
from __future__ import annotations

import argparse
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path


class Tmux:
    def __init__(self, command: str, width: int = 80, height: int = 24, env: dict | None = None):
        self.name = "balcao-" + uuid.uuid4().hex[:8]
        env_args = [a for k, v in (env or {}).items() for a in ("-e", f"{k}={v}")]
        subprocess.run(["tmux", "new-session", "-d", "-s", self.name, "-x", str(width),
                        "-y", str(height), *env_args, command], check=True)

    def keys(self, *keys: str) -> None:
        subprocess.run(["tmux", "send-keys", "-t", self.name, *keys], check=True)
        time.sleep(0.3)

    def type(self, text: str) -> None:
        subprocess.run(["tmux", "send-keys", "-t", self.name, "-l", text], check=True)
        time.sleep(0.3)

    def screen(self) -> str:
        result = subprocess.run(["tmux", "capture-pane", "-p", "-t", self.name],
                                capture_output=True, text=True)
        return result.stdout

    def alive(self) -> bool:
        return subprocess.run(["tmux", "has-session", "-t", self.name],
                              capture_output=True).returncode == 0

    def wait_for(self, text: str, timeout: float = 30.0) -> str:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            screen = self.screen()
            if text in screen:
                return screen
            time.sleep(0.2)
        raise AssertionError(f"did not see {text!r} within {timeout:.0f} s; screen was:\n"
                             + self.screen())

    def wait_gone(self, timeout: float = 20.0) -> None:
        deadline = time.monotonic() + timeout
        while self.alive() and time.monotonic() < deadline:
            time.sleep(0.2)
        if self.alive():
            raise AssertionError("the demo did not quit; screen was:\n" + self.screen())

    def kill(self) -> None:
        subprocess.run(["tmux", "kill-session", "-t", self.name], capture_output=True)


def _db_rows(db: Path, sql: str) -> list[tuple]:
    with sqlite3.connect(db) as conn:
        return conn.execute(sql).fetchall()


def _assert_simulator_stopped(data_dir: Path, timeout: float = 10.0) -> None:
    deadline = time.monotonic() + timeout
    while True:
        found = subprocess.run(["pgrep", "-f", f"balcao_tui.tj.simulator.*{data_dir}"],
                               capture_output=True, text=True).stdout.split()
        if not found:
            return
        if time.monotonic() > deadline:
            raise AssertionError(f"the TJ simulator outlived the demo: pids {found}")
        time.sleep(0.2)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--balcao", default=shutil.which("balcao") or "balcao")
    parser.add_argument("--data-dir", default=None)
    parser.add_argument("--keep", action="store_true", help="leave the data dir behind")
    args = parser.parse_args()
    data_dir = Path(args.data_dir or tempfile.mkdtemp(prefix="balcao-demo-"))
    tmux = Tmux(f"{args.balcao} demo --data-dir {data_dir}", env={"TERM": "xterm-256color"})
    try:
        tmux.wait_for("Senha", timeout=60)
        cpf, name = _db_rows(data_dir / "demo.db",
                             "SELECT cpf, name FROM signature_card ORDER BY id LIMIT 1")[0]
        # One burst, as a fast typist over a slow SSH link delivers it.
        tmux.keys("escrevente", "Enter", "escrevente1", "Enter")
        tmux.wait_for("F2")
        # The whole recognition in one burst too: open it, the CPF, search, pick the card
        # found, likeness without economic value, one signature, the prefilled seal.
        tmux.keys("F2", cpf, "Enter", "Enter", "1", "Enter", "Enter")
        label = tmux.wait_for("Reconheço por semelhança", timeout=20)
        rows = _db_rows(data_dir / "demo.db",
                        "SELECT code, physical_series, physical_number FROM seal_record")
        assert len(rows) >= 1, "no seal record in the database"
        code, series, number = rows[-1]
        assert code in label and f"{series} {number:07d}" in label, label
        assert "R$" in label and name.split()[0].upper() in label, label
        tmux.keys("Enter")  # close the label
        status = tmux.wait_for("Pendentes: 1", timeout=20)
        tmux.keys("Escape")  # back to the home screen
        tmux.wait_for("F10")
        tmux.keys("F10")  # log out
        tmux.wait_for("Senha")
        tmux.keys("F10")  # quit
        tmux.wait_for("Sair do balcão?")
        tmux.keys("s")
        tmux.wait_gone()
        _assert_simulator_stopped(data_dir)
        print(f"ok: seal {code} ({series} {number}) registered; status line: "
              + next((line.strip() for line in status.splitlines() if "Pendentes" in line), ""))
        return 0
    except AssertionError as exc:
        print(f"FAILED: {exc}", file=sys.stderr)
        return 1
    finally:
        tmux.kill()
        if not args.keep and not args.data_dir:
            shutil.rmtree(data_dir, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
