#!/usr/bin/env python3
"""How long `balcao` takes to show its login screen, against a bare Textual app.

Starts, alternately, `balcao` (on an initialised SQLite database in a temporary folder,
with the transmission to the TJ configured as an office has it) and bench/bare_login_app.py
(the same widgets and style sheets, nothing else), each in a pseudo-terminal of 80x24,
and reads the screen until the login's "Usuário" and "Senha" appear. Records the time from
the start of the process and its peak memory (VmHWM) at that moment, then kills it.
Prints the medians and the ratios; exits 1 when a ratio misses its target.

usage: python bench/startup.py [--runs N] [--report-only]
"""
from __future__ import annotations

import argparse
import fcntl
import os
import select
import signal
import statistics
import struct
import subprocess
import sys
import tempfile
import termios
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

TIME_TARGET = 1.3
RSS_TARGET = 1.5
COLUMNS, LINES = 80, 24
LOGIN_TEXT = ("Usuário".encode(), b"Senha")
TIMEOUT_S = 30.0


@dataclass(frozen=True)
class Sample:
    seconds: float
    peak_kib: int


def prepare_office(folder: Path) -> str:
    """A demo office's database, its certificate and TJ settings (the TJ is not running)."""
    from balcao_tui.demo.environment import point_to_simulator, prepare
    from balcao_tui.store.db import close_database

    env = prepare(folder)
    point_to_simulator(env, "http://127.0.0.1:9")
    close_database()
    return env.db_url


def child_environment(home: Path) -> dict[str, str]:
    env = {key: value for key, value in os.environ.items()
           if not key.startswith(("BALCAO_", "XDG_", "TEXTUAL", "PYTHONDONTWRITEBYTECODE"))}
    # Bytecode is cached, as in any installation; here in the temporary folder, for both.
    env.update(TERM="xterm-256color", COLUMNS=str(COLUMNS), LINES=str(LINES),
               PYTHONPYCACHEPREFIX=str(home / "pycache"),
               PYTHONPATH=os.pathsep.join(filter(None, [str(ROOT / "src"),
                                                        env.get("PYTHONPATH")])),
               XDG_DATA_HOME=str(home / "data"), XDG_STATE_HOME=str(home / "state"),
               XDG_CONFIG_HOME=str(home / "config"))
    return env


def peak_kib(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1])
    raise RuntimeError("no VmHWM in /proc (Linux only)")


def _become_terminal_owner() -> None:
    os.setsid()
    fcntl.ioctl(0, termios.TIOCSCTTY, 0)


def time_to_login(argv: list[str], env: dict[str, str]) -> Sample:
    """Start argv in a fresh 80x24 pty and wait for the login screen's text."""
    master, slave = os.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", LINES, COLUMNS, 0, 0))
    start = time.perf_counter()
    process = subprocess.Popen(argv, stdin=slave, stdout=slave, stderr=slave, env=env,
                               preexec_fn=_become_terminal_owner, close_fds=True)
    os.close(slave)
    screen = b""
    try:
        while not all(text in screen for text in LOGIN_TEXT):
            left = TIMEOUT_S - (time.perf_counter() - start)
            if left <= 0 or process.poll() is not None:
                tail = screen[-400:].decode(errors="replace")
                raise RuntimeError(f"{argv[-1]!r} showed no login screen: {tail!r}")
            if select.select([master], [], [], left)[0]:
                screen += os.read(master, 65536)
        elapsed = time.perf_counter() - start
        return Sample(elapsed, peak_kib(process.pid))
    finally:
        if process.poll() is None:
            process.send_signal(signal.SIGKILL)
        process.wait()
        os.close(master)


def median(samples: list[Sample], attribute: str) -> float:
    return statistics.median(getattr(sample, attribute) for sample in samples)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=10, help="runs of each program")
    parser.add_argument("--report-only", action="store_true",
                        help="exit 0 even when a target is missed")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        db_url = prepare_office(folder / "office")
        env = child_environment(folder / "home")
        programs = {
            "balcao": [sys.executable, "-m", "balcao_tui.cli", "--db", db_url, "tui",
                       "--data-dir", str(folder / "office")],
            "bare Textual": [sys.executable, str(ROOT / "bench" / "bare_login_app.py")],
        }
        samples: dict[str, list[Sample]] = {name: [] for name in programs}
        for name, argv in programs.items():  # warm-up: bytecode caches, page cache
            time_to_login(argv, env)
        for _ in range(args.runs):
            for name, argv in programs.items():
                samples[name].append(time_to_login(argv, env))
    for name, taken in samples.items():
        print(f"{name:<13} to the login screen: {median(taken, 'seconds') * 1000:6.0f} ms, "
              f"peak RSS {median(taken, 'peak_kib') / 1024:5.1f} MiB "
              f"(median of {len(taken)})")
    ours, bare = samples["balcao"], samples["bare Textual"]
    time_ratio = median(ours, "seconds") / median(bare, "seconds")
    rss_ratio = median(ours, "peak_kib") / median(bare, "peak_kib")
    print(f"ratio time: {time_ratio:.2f}x (target ≤ {TIME_TARGET}x)")
    print(f"ratio RSS:  {rss_ratio:.2f}x (target ≤ {RSS_TARGET}x)")
    missed = time_ratio > TIME_TARGET or rss_ratio > RSS_TARGET
    return 1 if missed and not args.report_only else 0


if __name__ == "__main__":
    sys.exit(main())
