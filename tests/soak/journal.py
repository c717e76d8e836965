"""A worker's journal: one JSON line per event, flushed at once, so the lines written before
a SIGKILL survive it. Each call is an "intent" line, then an outcome line ("ok", "refused"
or "error") with the same number and the call's latency in milliseconds."""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path


class JournalWriter:
    def __init__(self, path: Path) -> None:
        self._file = open(path, "a", encoding="utf-8", buffering=1)

    def write(self, **event) -> None:
        self._file.write(json.dumps(event, ensure_ascii=False) + "\n")
        self._file.flush()


@dataclass
class Call:
    op: str
    args: dict
    outcome: str | None = None  # None: the worker died during the call
    ms: float | None = None
    result: dict | None = None
    message: str = ""


@dataclass
class Journal:
    path: Path
    ready: bool = False
    calls: list[Call] = field(default_factory=list)


def read_journal(path: Path) -> Journal:
    journal = Journal(path)
    if not path.exists():
        return journal
    open_calls: dict[int, Call] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        try:
            event = json.loads(line)
        except json.JSONDecodeError:
            continue  # the last line of a worker killed while writing it
        kind = event["t"]
        if kind == "ready":
            journal.ready = True
        elif kind == "intent":
            call = Call(event["op"], event["args"])
            open_calls[event["n"]] = call
            journal.calls.append(call)
        else:
            call = open_calls.pop(event["n"])
            call.outcome, call.ms = kind, event["ms"]
            call.result, call.message = event.get("result"), event.get("message", "")
    return journal


def is_ready(path: Path) -> bool:
    """Whether the worker got past its start-up (cheap: the ready line comes first)."""
    if not path.exists():
        return False
    with open(path, encoding="utf-8") as f:
        return '"ready"' in f.readline()
