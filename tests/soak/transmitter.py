"""`balcao transmit` as a process for the soak: started, SIGKILLed and restarted like a
worker, stopped with SIGTERM at the end (the way systemd stops it)."""
from __future__ import annotations

import signal
import subprocess
from pathlib import Path

from transmit.conftest import CLI, FAST_FLAGS


class TransmitterProcess:
    def __init__(self, url: str, directory: Path) -> None:
        self.url, self.directory = url, directory
        self.starts = 0
        self.process: subprocess.Popen | None = None
        self.crashes: list[int] = []  # exit codes of processes that ended before their kill

    def start(self) -> None:
        self.starts += 1
        name = f"transmit-{self.starts}"
        with open(self.directory / f"{name}.out", "w") as out:
            self.process = subprocess.Popen(
                [*CLI, "--db", self.url, "transmit",
                 "--log-file", str(self.directory / f"{name}.log"), *FAST_FLAGS],
                stdout=out, stderr=subprocess.STDOUT)

    def kill_and_restart(self) -> None:
        if self.process.poll() is not None:
            self.crashes.append(self.process.returncode)
        self.process.send_signal(signal.SIGKILL)
        self.process.wait()
        self.start()

    def stop(self, timeout: float = 30) -> int | None:
        """SIGTERM, then the exit code (0 for a clean stop; None if never started)."""
        if self.process is None:
            return None
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=timeout)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        return self.process.returncode

    def output(self) -> str:
        return (self.directory / f"transmit-{self.starts}.out").read_text()
