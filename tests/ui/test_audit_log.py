"""Trilha de auditoria: reached from home by the administrator and the tabelião, filtered
by day, user and action, paged from the database, the chain's state at the top; and the
picture at 80x24.

Regenerate after LOOKING at it: pytest tests/ui/test_audit_log.py --snapshot-update
"""
from datetime import timedelta

from textual.widgets import OptionList, Static

from balcao_tui.store.models import SealRecord
from balcao_tui.store.usecases.counter import register_counter_acts
from support import audit_tamper as tamper

from .conftest import FROZEN
from .helpers import burst, login, settle, to_home
from .test_snapshots import SIZE, as_user


async def open_audit_log(pilot) -> None:
    """From home, on the menu itself or under Administração…"""
    await to_home(pilot)
    for menu_id in ("#menu", "#admin-menu"):
        menu = pilot.app.screen.query_one(menu_id, OptionList)
        ids = [menu.get_option_at_index(i).id for i in range(menu.option_count)]
        target = "audit_log" if "audit_log" in ids else "administration"
        await pilot.press(*["down"] * (ids.index(target) - (menu.highlighted or 0)), "enter")
        await settle(pilot)
        if target == "audit_log":
            return


def trail(office) -> None:
    for count in (2, 1, 3):
        register_counter_acts(office.clerk, "autenticacao", count)
    tamper.rechain_at(FROZEN - timedelta(hours=3), timedelta(minutes=7))
    # the status line's deadline, as if the acts were made on the frozen clock
    SealRecord.update(deadline_at=FROZEN + timedelta(hours=20)).execute()


def shown(pilot) -> list[str]:
    listing = pilot.app.screen.query_one("#audit-entries", OptionList)
    return [str(listing.get_option_at_index(i).prompt) for i in range(listing.option_count)]


def chain_line(pilot) -> str:
    return str(pilot.app.screen.query_one("#audit-chain", Static).render())


async def test_the_notary_filters_by_action_and_pages_back(make_app, office):
    trail(office)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await login(pilot, office.notary)
        await open_audit_log(pilot)
        assert type(pilot.app.screen).__name__ == "AuditLogScreen"
        assert chain_line(pilot).startswith("Cadeia íntegra: ")
        first_page = shown(pilot)
        assert len(first_page) == 10 and "Ato registrado" in first_page[0]
        await burst(pilot, "f7")
        await settle(pilot)
        assert shown(pilot) and shown(pilot)[0] not in first_page
        await burst(pilot, "tab", "tab", *"registrado", "enter")
        await settle(pilot)
        assert len(shown(pilot)) == 3 and all("Ato registrado" in line for line in shown(pilot))


async def test_a_tampered_trail_is_shown_at_the_top(make_app, office):
    trail(office)
    edited = tamper.entries()[2]
    tamper.edit(edited)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await login(pilot, office.admin)
        await open_audit_log(pilot)
        assert chain_line(pilot).startswith(f"CADEIA VIOLADA: entrada {edited.id} (")
        assert "alterada" in chain_line(pilot)


class TestAuditLogSnapshots:
    def test_the_trail_of_an_office(self, snap_compare, make_app, office):
        trail(office)
        assert snap_compare(make_app(), terminal_size=SIZE,
                            run_before=as_user(office.admin, open_audit_log))
