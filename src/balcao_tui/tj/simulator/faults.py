"""Faults the simulator injects on demand, drawn from a seeded random source."""

from __future__ import annotations

import enum
import random
from collections import Counter
from dataclasses import asdict, dataclass, fields, replace
from typing import Any

_RATES = ("error_rate", "timeout_rate", "drop_after_commit_rate", "rate_limit_rate")


class FaultSettingsError(ValueError):
    """Fault settings that make no sense (message in pt-BR)."""


@dataclass(frozen=True)
class Faults:
    latency_ms: int = 0
    error_rate: float = 0.0
    timeout_rate: float = 0.0
    hang_seconds: float = 60.0
    drop_after_commit_rate: float = 0.0
    rate_limit_rate: float = 0.0
    retry_after_seconds: int = 1
    token_ttl_seconds: int = 3600
    seed: int | None = None

    def __post_init__(self) -> None:
        for name in _RATES:
            value = getattr(self, name)
            if not _is_number(value) or not 0.0 <= value <= 1.0:
                raise FaultSettingsError(f"'{name}' deve ser uma fração entre 0 e 1.")
        for name in ("latency_ms", "retry_after_seconds", "token_ttl_seconds"):
            value = getattr(self, name)
            if not isinstance(value, int) or isinstance(value, bool) or value < 0:
                raise FaultSettingsError(f"'{name}' deve ser um inteiro não negativo.")
        if self.token_ttl_seconds < 1:
            raise FaultSettingsError("'token_ttl_seconds' deve ser ao menos 1.")
        if not _is_number(self.hang_seconds) or self.hang_seconds < 0:
            raise FaultSettingsError("'hang_seconds' deve ser um número não negativo.")
        seed = self.seed
        if seed is not None and (not isinstance(seed, int) or isinstance(seed, bool)):
            raise FaultSettingsError("'seed' deve ser um inteiro.")

    def to_json(self) -> dict[str, Any]:
        return asdict(self)

    def updated(self, changes: Any) -> "Faults":
        if not isinstance(changes, dict):
            raise FaultSettingsError("As falhas devem ser um objeto JSON.")
        known = {f.name for f in fields(self)}
        unknown = sorted(set(changes) - known)
        if unknown:
            raise FaultSettingsError(f"Falhas desconhecidas: {', '.join(unknown)}.")
        return replace(self, **changes)


class BatchFault(enum.Enum):
    NONE = "nenhuma"
    RATE_LIMIT = "limite_de_taxa"
    ERROR_500 = "erro_500"
    ERROR_503 = "erro_503"
    HANG = "tempo_esgotado"


DROP_AFTER_COMMIT = "conexao_derrubada"


class FaultInjector:
    """Holds the current settings and decides, request by request, what goes wrong.

    Every batch request draws the same number of random values, so a seed replays the
    same faults for the same sequence of requests.
    """

    def __init__(self, faults: Faults | None = None) -> None:
        self.injected: Counter[str] = Counter()
        self.configure(faults or Faults())

    def configure(self, faults: Faults) -> None:
        self.settings = faults
        self._random = random.Random(faults.seed)

    def reset(self) -> None:
        self.configure(Faults())

    def before_batch(self) -> BatchFault:
        rate_limit, error, kind, hang = (self._random.random() for _ in range(4))
        settings = self.settings
        if rate_limit < settings.rate_limit_rate:
            fault = BatchFault.RATE_LIMIT
        elif error < settings.error_rate:
            fault = BatchFault.ERROR_500 if kind < 0.5 else BatchFault.ERROR_503
        elif hang < settings.timeout_rate:
            fault = BatchFault.HANG
        else:
            return BatchFault.NONE
        self.injected[fault.value] += 1
        return fault

    def drop_after_commit(self) -> bool:
        if self._random.random() < self.settings.drop_after_commit_rate:
            self.injected[DROP_AFTER_COMMIT] += 1
            return True
        return False


def _is_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)
