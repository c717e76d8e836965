"""Running a race: the same calls from several terminals (support/race_worker.py) at the
same moment, on one database."""
import os
import subprocess
import sys
from pathlib import Path

from .office import close_store, open_store

PROCESSES = 6


def race(db_url: str, tmp_path: Path, mode: str, actor: int) -> list[int]:
    """How many calls of each terminal succeeded."""
    return [int(lines[0]) for lines in race_lines(db_url, tmp_path, mode, actor)]


def race_lines(db_url: str, tmp_path: Path, mode: str, actor: int) -> list[list[str]]:
    """What each terminal printed: its successes, then its refusals."""
    close_store()
    go = tmp_path / f"go-{mode}"
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[1])}
    workers = [subprocess.Popen(
        [sys.executable, "-m", "support.race_worker", db_url, mode, str(actor), str(n), str(go)],
        env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        for n in range(PROCESSES)]
    go.touch()
    outputs = [w.communicate(timeout=240) for w in workers]
    assert [w.returncode for w in workers] == [0] * PROCESSES, [err for _, err in outputs]
    open_store(db_url)
    return [out.strip().splitlines() for out, _ in outputs]
