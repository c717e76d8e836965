"""The administrator's office screens at 80x24, frozen at 21/11/2026 14:05 on the test
office. Regenerate after LOOKING at them: pytest tests/ui/test_office_snapshots.py
--snapshot-update"""
from .helpers import fill
from .test_snapshots import SIZE, as_user


def opened(name: str):
    async def step(pilot) -> None:
        pilot.app.open_destination(name)
    return step


def filled(input_id: str, text: str):
    async def step(pilot) -> None:
        fill(pilot.app, input_id, text)
    return step


class TestOfficeScreens:
    def test_office_settings(self, snap_compare, make_app, office):
        assert snap_compare(make_app(), terminal_size=SIZE,
                            run_before=as_user(office.admin, opened("office_settings")))

    def test_office_settings_refused_field(self, snap_compare, make_app, office):
        assert snap_compare(make_app(), terminal_size=SIZE, run_before=as_user(
            office.admin, opened("office_settings"), filled("setting-office-iss_rate", "-2"),
            "f9"))

    def test_fee_tables_on_a_day(self, snap_compare, make_app, office):
        assert snap_compare(make_app(), terminal_size=SIZE, run_before=as_user(
            office.admin, opened("fee_tables"), filled("fees-day", "15/03/2025"), "enter"))

    def test_fee_tables_missing_file(self, snap_compare, make_app, office):
        assert snap_compare(make_app(), terminal_size=SIZE, run_before=as_user(
            office.admin, opened("fee_tables"), filled("fees-file", "/srv/nao-existe.toml"),
            "f9"))

    def test_act_codes(self, snap_compare, make_app, office):
        assert snap_compare(make_app(), terminal_size=SIZE, run_before=as_user(
            office.admin, opened("act_codes"), filled("code-fotocopia", "RS"), "f9"))
