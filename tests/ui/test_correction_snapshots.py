"""Retificar selo at 80x24: a criticized digital seal with its TJ criticism and a refusal
at a field, and a hybrid seal (kind locked), as a 256-colour, a 16-colour (TERM=linux) and a
colourless terminal show them.

Regenerate after LOOKING at them: pytest tests/ui/test_correction_snapshots.py --snapshot-update
"""
from datetime import timedelta

import pytest

from balcao_tui.screens.correction import CorrectionScreen
from support.fix_records import communicated_hybrid, criticized_digital

from .conftest import FROZEN
from .test_snapshots import COLOUR_MODES, SIZE, as_user, coloured_app


def correction_of(record_id: int):
    async def push(pilot):
        pilot.app.push_screen(CorrectionScreen(record_id))
    return push


class TestCorrectionScreen:
    @pytest.mark.parametrize("mode", COLOUR_MODES)
    def test_criticized_seal_without_a_reason(self, snap_compare, make_app, office,
                                              monkeypatch, mode):
        record = criticized_digital(8_700_001, FROZEN - timedelta(hours=2))
        app = coloured_app(make_app, monkeypatch, mode)
        assert snap_compare(app, terminal_size=SIZE, run_before=as_user(
            office.notary, correction_of(record.id), "f6", "f9"))

    @pytest.mark.parametrize("mode", COLOUR_MODES)
    def test_hybrid_seal(self, snap_compare, make_app, office, monkeypatch, mode):
        record = communicated_hybrid(1, FROZEN - timedelta(hours=2))
        app = coloured_app(make_app, monkeypatch, mode)
        assert snap_compare(app, terminal_size=SIZE, run_before=as_user(
            office.notary, correction_of(record.id)))
