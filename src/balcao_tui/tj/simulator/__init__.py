"""A TJ-SP seal receiver for tests and demos: real HTTP, rules of DOMAIN.md, faults on demand.

Names are imported on first use so that building the command line stays light.
"""

from __future__ import annotations

import importlib
from typing import Any

_EXPORTS = {
    "create_app": "balcao_tui.tj.simulator.app",
    "Faults": "balcao_tui.tj.simulator.faults",
    "OfficeRegistration": "balcao_tui.tj.simulator.registration",
    "SimulatorHandle": "balcao_tui.tj.simulator.runner",
    "start_simulator_in_thread": "balcao_tui.tj.simulator.runner",
}
__all__ = sorted(_EXPORTS)


def __getattr__(name: str) -> Any:
    if name not in _EXPORTS:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(_EXPORTS[name]), name)
