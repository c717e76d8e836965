"""The soak's worker processes: start them, SIGKILL one, start its replacement, reap them."""
from __future__ import annotations

import signal
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from soak.journal import is_ready


@dataclass
class Worker:
    spawn_id: int
    slot: int  # the terminal it plays; a replacement plays the one of the worker it replaces
    process: subprocess.Popen
    journal: Path
    stderr: Path
    killed: bool = False

    @property
    def ready(self) -> bool:
        return self.process.poll() is None and is_ready(self.journal)


class Fleet:
    def __init__(self, plan: Path, directory: Path) -> None:
        self.plan, self.directory = plan, directory
        self.workers: list[Worker] = []  # every one started, live or not
        self.live: list[Worker] = []

    def start(self, slot: int) -> Worker:
        spawn_id = len(self.workers)
        journal = self.directory / f"worker-{spawn_id}.jsonl"
        stderr = self.directory / f"worker-{spawn_id}.err"
        with open(stderr, "w") as err:
            process = subprocess.Popen(
                [sys.executable, "-m", "soak.worker", str(self.plan), str(spawn_id), str(slot),
                 str(journal)],
                stdout=subprocess.DEVNULL, stderr=err)
        worker = Worker(spawn_id, slot, process, journal, stderr)
        self.workers.append(worker)
        self.live.append(worker)
        return worker

    def ready(self) -> list[Worker]:
        return [w for w in self.live if w.ready]

    def kill_and_replace(self, worker: Worker) -> Worker:
        worker.process.send_signal(signal.SIGKILL)
        worker.process.wait()
        worker.killed = True
        self.live.remove(worker)
        return self.start(worker.slot)

    def wait(self, timeout: float) -> list[Worker]:
        """Reap every live worker; those still running after `timeout` s are killed and listed."""
        stuck = []
        for worker in self.live:
            try:
                worker.process.wait(timeout=timeout)
            except subprocess.TimeoutExpired:
                worker.process.kill()
                worker.process.wait()
                stuck.append(worker)
        self.live = []
        return stuck

    def kill_all(self) -> None:
        for worker in self.live:
            if worker.process.poll() is None:
                worker.process.kill()
            worker.process.wait()
        self.live = []

    def failed(self) -> list[Worker]:
        return [w for w in self.workers if not w.killed and w.process.returncode != 0]
