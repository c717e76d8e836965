"""The TJ simulator as a child process on a free 127.0.0.1 port."""
from __future__ import annotations

import re
import subprocess
import sys
import threading
from dataclasses import dataclass
from pathlib import Path

_READY = re.compile(r"listening on (http://\S+)")


class SimulatorStartError(RuntimeError):
    pass


@dataclass
class SimulatorProcess:
    process: subprocess.Popen
    url: str

    def stop(self, timeout: float = 5.0) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout)


def start_simulator(state_file: Path, registrations_file: Path, log_file: Path,
                    timeout: float = 30.0) -> SimulatorProcess:
    """Start `python -m balcao_tui.tj.simulator` and wait for its ready line; the offices'
    secrets go in a file (see write_registrations_file), never on the command line."""
    log = open(log_file, "ab")
    process = subprocess.Popen(
        [sys.executable, "-m", "balcao_tui.tj.simulator", "--host", "127.0.0.1", "--port", "0",
         "--state", str(state_file), "--register-file", str(registrations_file)],
        stdout=subprocess.PIPE, stderr=log, stdin=subprocess.DEVNULL, text=True)
    found: list[str] = []

    def read_ready_line() -> None:
        for line in process.stdout:
            match = _READY.search(line)
            if match:
                found.append(match.group(1))
                break

    reader = threading.Thread(target=read_ready_line, daemon=True)
    reader.start()
    reader.join(timeout)
    if not found:
        process.kill()
        raise SimulatorStartError(
            f"o simulador do TJ não iniciou em {timeout:.0f} s (veja {log_file})")
    return SimulatorProcess(process, found[0])
