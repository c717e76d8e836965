"""Consultar selos and the seal detail at 80x24, frozen at 21/11/2026 14:05 on the test
office. Regenerate after LOOKING at them:
pytest tests/ui/test_seal_search_snapshots.py --snapshot-update"""
from __future__ import annotations

from datetime import timedelta

from support.seal_records import digital_row, hybrid_row, insert_rows

from .conftest import FROZEN
from .helpers import settle
from .test_snapshots import SIZE, as_user

AT = FROZEN - timedelta(hours=3)


def plant(office) -> None:
    insert_rows([digital_row(500 + i, AT + timedelta(minutes=i), created_at=AT)
                 for i in range(14)]
                + [digital_row(600, AT + timedelta(minutes=30), state="criticized",
                               created_at=AT + timedelta(minutes=30),
                               criticisms='[{"codigo": "E12", "mensagem": "Valor do ISS '
                                          'diverge da tabela"}]')])
    insert_rows([hybrid_row("RF0001", 40, AT, created_by=office.clerk, created_at=AT)])


async def open_search(pilot) -> None:
    pilot.app.open_destination("seals")
    await settle(pilot)


async def open_first(pilot) -> None:
    await pilot.press("tab", "tab", "tab", "tab", "tab", "tab", "tab")
    await settle(pilot)
    pilot.app.screen.query_one("#seal-rows").focus()
    await pilot.press("enter")


class TestSealSearch:
    def test_search_page(self, snap_compare, make_app, office):
        plant(office)
        assert snap_compare(make_app(), terminal_size=SIZE,
                            run_before=as_user(office.clerk, open_search))

    def test_detail_of_a_criticized_seal(self, snap_compare, make_app, office):
        plant(office)
        assert snap_compare(make_app(), terminal_size=SIZE,
                            run_before=as_user(office.clerk, open_search, open_first))
