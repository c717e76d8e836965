"""Fixtures of the soak: its duration, the office's certificate, the children's sources."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

import balcao_tui
from transmit.conftest import cert_files  # noqa: F401  (a fixture, reused as it is)

DEFAULT_SECONDS = 20.0


@pytest.fixture
def soak_seconds(request) -> float:
    given = request.config.getoption("--soak-seconds") or os.environ.get("BALCAO_SOAK_SECONDS")
    return float(given) if given else DEFAULT_SECONDS


@pytest.fixture
def children_import_these_sources(monkeypatch) -> None:
    """Every process the soak starts imports the balcao_tui and the test helpers that this
    one imported, whatever the venv's editable install points to."""
    tests = Path(__file__).resolve().parents[1]
    src = Path(balcao_tui.__file__).resolve().parents[1]
    monkeypatch.setenv("PYTHONPATH", os.pathsep.join(
        [str(src), str(tests), *filter(None, os.environ.get("PYTHONPATH", "").split(os.pathsep))]))
