"""Exponential backoff with jitter for retrying the TJ."""
from __future__ import annotations

import random


class Backoff:
    """Waits base, 2*base, 4*base ... up to `maximum`, each drawn in [d/2, d] ("equal
    jitter"), so terminals of many offices do not hammer the TJ in step after an outage."""

    def __init__(self, base: float, maximum: float, rng: random.Random | None = None) -> None:
        self.base = base
        self.maximum = maximum
        self.failures = 0
        self._random = rng or random.Random()

    def next_delay(self) -> float:
        ceiling = min(self.maximum, self.base * (2 ** min(self.failures, 30)))
        self.failures += 1
        return ceiling / 2 + self._random.uniform(0, ceiling / 2)

    def reset(self) -> None:
        self.failures = 0


def retry_after_delay(retry_after: float, base: float,
                      rng: random.Random | None = None) -> float:
    """Honour the TJ's Retry-After: never earlier, and a little jitter on top."""
    wait = max(retry_after, base)
    return wait + (rng or random).uniform(0, min(1.0, wait * 0.1))
