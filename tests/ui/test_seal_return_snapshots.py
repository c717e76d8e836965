"""Estornar and Inutilizar at 80x24, each with a refusal at its field, as a 256-colour, a
16-colour (TERM=linux) and a colourless terminal show them.

Regenerate after LOOKING at them: pytest tests/ui/test_seal_return_snapshots.py --snapshot-update
"""
import pytest

from balcao_tui.store.usecases.counter import register_counter_acts

from .conftest import FROZEN
from .helpers import type_text
from .test_snapshots import COLOUR_MODES, SIZE, as_user, coloured_app


class TestSealReturnDialogs:
    @pytest.mark.parametrize("mode", COLOUR_MODES)
    def test_reversal_without_a_reason(self, snap_compare, make_app, office, cards,
                                       monkeypatch, mode):
        register_counter_acts(office.clerk, "firma_sem_valor", 2, now=FROZEN,
                              signature_card_id=cards["maria"])
        app = coloured_app(make_app, monkeypatch, mode)
        assert snap_compare(app, terminal_size=SIZE, run_before=as_user(
            office.clerk, "f6", "f7", "enter"))

    @pytest.mark.parametrize("mode", COLOUR_MODES)
    def test_spoilage_with_a_seal_twice(self, snap_compare, make_app, office, monkeypatch,
                                        mode):
        async def seals_typed(pilot):
            await type_text(pilot, "AU0001 1-3; 2")

        app = coloured_app(make_app, monkeypatch, mode)
        assert snap_compare(app, terminal_size=SIZE, run_before=as_user(
            office.supervisor, "f6", "f8", seals_typed, "enter"))
