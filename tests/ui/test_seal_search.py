"""Consultar selos on screen: a search typed in one burst ends as one typed slowly, pages
follow the cursor with PgDn/PgUp, Enter opens the detail with its history, and a code
with a wrong check digit is refused at its field while it is typed."""
from __future__ import annotations

from datetime import timedelta

import pytest

from balcao_tui.screens.correction import CorrectionScreen
from balcao_tui.screens.exclusion import ExclusionScreen
from balcao_tui.screens.link import LinkScreen
from balcao_tui.screens.seal_detail import SealDetailScreen
from balcao_tui.screens.seal_search import SealSearchScreen
from support.seal_records import digital_row, hybrid_row, insert_rows

from .conftest import FROZEN
from .helpers import burst, field_error, login, message, settle, slowly, text_of

AT = FROZEN - timedelta(hours=3)


def plant(office) -> list[str]:
    codes = insert_rows([digital_row(500 + i, AT + timedelta(minutes=i)) for i in range(30)])
    return codes + insert_rows([hybrid_row("RF0001", 40, AT, created_by=office.clerk)])


async def open_search(pilot, user_id: int) -> SealSearchScreen:
    await login(pilot, user_id)
    pilot.app.open_destination("seals")
    await settle(pilot)
    assert isinstance(pilot.app.screen, SealSearchScreen)
    return pilot.app.screen


async def press(pilot, *keys: str) -> None:
    """Keys the helpers would type as text (pagedown, pageup), one at a time."""
    for key in keys:
        await pilot.press(key)
        await settle(pilot)


def shown_codes(screen) -> list[str]:
    return [row.code for row in screen.page.rows]


async def test_burst_and_slow_typing_find_the_same_seal(make_app, office):
    codes = plant(office)
    found = []
    for typing in (burst, slowly):
        async with make_app().run_test(size=(80, 24)) as pilot:
            screen = await open_search(pilot, office.clerk)
            await typing(pilot, codes[7][:6] + " " + codes[7][6:], "enter")
            found.append(shown_codes(screen))
            await typing(pilot, "tab", "40", "enter")  # the physical seal, code still typed
            assert screen.page.rows == ()
    assert found == [[codes[7]], [codes[7]]]


async def test_pages_follow_the_cursor_and_come_back(make_app, office):
    plant(office)
    async with make_app().run_test(size=(80, 24)) as pilot:
        screen = await open_search(pilot, office.supervisor)
        first = shown_codes(screen)
        assert len(first) == 12 and "PgDn" in message(pilot.app)
        await press(pilot, "pagedown")
        second = shown_codes(screen)
        await press(pilot, "pagedown", "pagedown")
        third = shown_codes(screen)
        assert len(third) == 7 and "Não há mais páginas" in message(pilot.app)
        assert len(set(first + second + third)) == 31
        await press(pilot, "pageup")
        assert shown_codes(screen) == second
        await press(pilot, "pageup")
        assert shown_codes(screen) == first


async def test_enter_opens_the_detail_and_escape_comes_back(make_app, office):
    codes = plant(office)
    async with make_app().run_test(size=(80, 24)) as pilot:
        screen = await open_search(pilot, office.clerk)
        await slowly(pilot, "tab", "RF0001 40", "enter", "down", "enter")
        detail = pilot.app.screen
        assert isinstance(detail, SealDetailScreen)
        text = text_of(detail.query_one("#seal-detail-text"))
        assert codes[-1] in text and "RF0001 0000040" in text and "Gerado — clara" in text
        await slowly(pilot, "f6")
        assert "certificado" in message(pilot.app)
        await slowly(pilot, "escape")
        assert pilot.app.screen is screen


async def test_a_wrong_check_digit_is_said_while_typing(make_app, office):
    codes = plant(office)
    wrong = codes[0][:24] + ("0" if codes[0][24] != "0" else "1")
    async with make_app().run_test(size=(80, 24)) as pilot:
        await open_search(pilot, office.clerk)
        await burst(pilot, wrong)
        assert "dígito verificador" in field_error(pilot.app, "code")
        await slowly(pilot, "backspace")
        assert field_error(pilot.app, "code") == ""
        await slowly(pilot, "tab", "tab", "31/02/2026", "enter")
        assert "inexistente" in field_error(pilot.app, "date_from")


def footer_keys(app) -> str:
    return " ".join(active.binding.description for active in app.active_bindings.values()
                    if active.binding.show and active.enabled)


@pytest.mark.parametrize("key,fix", [("f7", CorrectionScreen), ("f8", ExclusionScreen),
                                     ("f9", LinkScreen)])
async def test_the_detail_opens_a_fix_only_for_who_may_make_it(make_app, office, key, fix):
    codes = plant(office)
    async with make_app().run_test(size=(80, 24)) as pilot:
        await open_search(pilot, office.clerk)
        await slowly(pilot, codes[3], "enter", "down", "enter")
        assert isinstance(pilot.app.screen, SealDetailScreen)
        assert "Retificar" not in footer_keys(pilot.app)
        await slowly(pilot, key)
        assert isinstance(pilot.app.screen, SealDetailScreen)  # an escrevente: nothing opens
    async with make_app().run_test(size=(80, 24)) as pilot:
        await open_search(pilot, office.notary)
        await slowly(pilot, codes[3], "enter", "down", "enter")
        detail = pilot.app.screen
        assert "Retificar" in footer_keys(pilot.app) and "Vincular" in footer_keys(pilot.app)
        await slowly(pilot, key)
        opened = pilot.app.screen
        assert isinstance(opened, fix)
        target = opened.parent_record_id if fix is LinkScreen else opened.record_id
        assert target == detail.record_id
