"""Throughput and latency of the soak's calls, the printed table, and the latency targets."""
from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass

from soak.journal import Call

# Milliseconds a call may take, over all kinds of calls (the targets).
TARGETS = {"sqlite": {"p99": 250.0, "max": 2000.0}, "postgres": {"p99": 100.0}}


def percentile(ordered: list[float], p: float) -> float:
    """Nearest-rank percentile of an already sorted list."""
    return ordered[max(0, math.ceil(p / 100 * len(ordered)) - 1)]


@dataclass(frozen=True)
class Row:
    name: str
    calls: int
    refused: int
    per_second: float
    p50: float
    p95: float
    p99: float
    max: float


def label(call: Call) -> str:
    return f"act {call.args['kind']}" if call.op == "act" else call.op


def _row(name: str, calls: list[Call], seconds: float) -> Row:
    ms = sorted(c.ms for c in calls)
    refused = sum(c.outcome == "refused" for c in calls)
    if not ms:
        return Row(name, 0, 0, 0.0, *(4 * [math.nan]))
    return Row(name, len(ms), refused, len(ms) / seconds, percentile(ms, 50),
               percentile(ms, 95), percentile(ms, 99), ms[-1])


def summarize(calls: list[Call], seconds: float) -> list[Row]:
    """One row per kind of call and one for all of them (calls cut by SIGKILL left out)."""
    answered = [c for c in calls if c.outcome is not None]
    names = sorted({label(c) for c in answered})
    rows = [_row(n, [c for c in answered if label(c) == n], seconds) for n in names]
    return rows + [_row("all", answered, seconds)]


def table(title: str, rows: list[Row]) -> str:
    lines = [title, f"{'call':<22}{'calls':>7}{'refused':>9}{'calls/s':>9}"
                    f"{'p50 ms':>9}{'p95 ms':>9}{'p99 ms':>9}{'max ms':>9}"]
    for r in rows:
        lines.append(f"{r.name:<22}{r.calls:>7}{r.refused:>9}{r.per_second:>9.1f}"
                     f"{r.p50:>9.1f}{r.p95:>9.1f}{r.p99:>9.1f}{r.max:>9.1f}")
    return "\n".join(lines)


def refusal_reasons(calls: list[Call]) -> Counter:
    """Refusals by message, the numbers in it (a CPF, a seal) and what follows ":" left out."""
    return Counter(re.sub(r"[\d*][\d*.\-]*", "N", c.message.split(":")[0])
                   for c in calls if c.outcome == "refused")


def missed_targets(backend: str, overall: Row) -> list[str]:
    return [f"{backend} {name} {getattr(overall, name):.0f} ms > {limit:.0f} ms"
            for name, limit in TARGETS[backend].items() if getattr(overall, name) > limit]
