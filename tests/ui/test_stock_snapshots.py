"""The stock's screens at 80x24, frozen at 21/11/2026 14:05 on the test office.

Regenerate after LOOKING at the screens:
pytest tests/ui/test_stock_snapshots.py --snapshot-update
"""
from balcao_tui.store.usecases.counter import register_counter_acts
from balcao_tui.store.usecases.stock import add_seal_sheet

from .conftest import FROZEN
from .helpers import to_home
from .test_snapshots import SIZE, as_user


def _stock(office) -> None:
    register_counter_acts(office.clerk, "autenticacao", 3, now=FROZEN)
    add_seal_sheet(office.admin, series="RF0100", seal_type="reconhecimento", first_number=1,
                   last_number=1000)


class TestStock:
    def test_balance(self, snap_compare, make_app, office):
        _stock(office)
        assert snap_compare(make_app(), terminal_size=SIZE,
                            run_before=as_user(office.supervisor, to_home, "up", "up", "enter", "enter"))

    def test_purchase_form_with_a_refusal(self, snap_compare, make_app, office):
        _stock(office)
        steps = ["up", "up", "enter", "enter", "f6", "1", "enter", "r", "f", "1", "0", "0", "enter",
                 "5", "0", "0", "enter", "2", "0", "enter"]
        assert snap_compare(make_app(), terminal_size=SIZE,
                            run_before=as_user(office.supervisor, to_home, *steps))

    def test_assign_form(self, snap_compare, make_app, office):
        _stock(office)
        assert snap_compare(make_app(), terminal_size=SIZE, run_before=as_user(
            office.supervisor, to_home, "up", "up", "enter", "enter", "down", "down", "down", "f7"))

    def test_move_form(self, snap_compare, make_app, office):
        _stock(office)
        assert snap_compare(make_app(), terminal_size=SIZE, run_before=as_user(
            office.admin, "down", "enter", "f8"))  # the stock follows F7 on the admin's menu

    def test_clerks_home_with_the_low_stock_warning(self, snap_compare, make_app, office):
        register_counter_acts(office.clerk, "autenticacao", 45, now=FROZEN)
        assert snap_compare(make_app(), terminal_size=SIZE, run_before=as_user(office.clerk))
