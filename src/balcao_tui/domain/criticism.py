"""A criticism: the TJ's reason, with its code, for not accepting a seal record."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Criticism:
    code: str
    message: str
