"""The administrator's screens of the office through the keyboard: Configurações da
serventia, Tabela de emolumentos and Códigos dos atos (Pilot, the real store)."""
from __future__ import annotations

import re
from pathlib import Path

from textual.widgets import Input

from balcao_tui.domain.fees import load_fee_table
from balcao_tui.screens.home import HomeScreen
from balcao_tui.store.models import AuditEntry, FeeTableFile, Office
from balcao_tui.store.usecases.act_codes import act_code_table
from balcao_tui.store.usecases.office import get_settings

from .helpers import burst, fill, login, settle, text_of, to_home
from .test_home import FakeTransmitter, menu

ADMIN_SCREENS = ["Configurações da serventia", "Tabela de emolumentos", "Códigos dos atos"]


def field_error(app, field: str) -> str:
    for form_field in app.screen.query("FormField"):
        if form_field.field == field:
            return form_field.error
    raise AssertionError(field)


def row_errors(app) -> str:
    return "\n".join(text_of(row) for row in app.screen.query(".row-errors"))


async def open_(pilot, name: str) -> None:
    pilot.app.open_destination(name)
    await settle(pilot)


async def test_the_admin_reaches_the_screens_from_home_and_a_clerk_never(make_app, office):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await login(pilot, office.admin)
        assert [line.strip() for line in menu(app) if line.strip() in ADMIN_SCREENS] == \
            ADMIN_SCREENS
        choices = [line.strip() for line in menu(app)]
        await burst(pilot, *["down"] * choices.index(ADMIN_SCREENS[0]), "enter")
        assert app.screen.TITLE_TEXT == ADMIN_SCREENS[0]
    for user in (office.clerk, office.supervisor):
        app = make_app()
        async with app.run_test(size=(80, 24)) as pilot:
            await login(pilot, user)
            await to_home(pilot)
            assert not set(ADMIN_SCREENS) & {line.strip() for line in menu(app)}
            for name in ("office_settings", "fee_tables", "act_codes"):
                await open_(pilot, name)
                assert isinstance(app.screen, HomeScreen)


async def test_settings_one_bad_field_saves_nothing_then_the_transmitter_is_woken(
        make_app, office):
    transmitter = FakeTransmitter()
    app = make_app(transmitter=transmitter)
    async with app.run_test(size=(80, 24)) as pilot:
        await login(pilot, office.admin)
        await open_(pilot, "office_settings")
        assert app.screen.query_one("#setting-office-cns", Input).value == "145573"
        await burst(pilot, "tab")
        fill(app, "setting-office-iss_rate", "")
        await burst(pilot, "7%")
        fill(app, "setting-tj-mode", "offline")
        await burst(pilot, "f9")
        assert "entre 2,00% e 5,00%" in row_errors(app)
        assert app.focused.id == "setting-office-iss_rate"
        assert get_settings("tj.").get("tj.mode") is None and Office.get().iss_rate_bp == 500
        wakes = transmitter.wakes
        fill(app, "setting-office-iss_rate", "")
        await burst(pilot, "2,5", "f9")
        assert "Configurações gravadas" in text_of(app.screen.query_one("#message"))
        assert (Office.get().iss_rate_bp, get_settings("tj.")["tj.mode"]) == (250, "offline")
        assert app.screen.query_one("#setting-office-iss_rate", Input).value == "2,50%"
        assert transmitter.wakes == wakes + 1
        assert AuditEntry.select().where(AuditEntry.action == "settings.update").count() == 1
        await burst(pilot, "escape")
        assert isinstance(app.screen, HomeScreen)  # nothing typed since the save: no question


async def test_settings_refuse_control_characters_and_huge_numbers(make_app, office):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await login(pilot, office.admin)
        await open_(pilot, "office_settings")
        fill(app, "setting-counter-confirm_pages", "9" * 400)
        await burst(pilot, "f9")
        assert "de 1 a 200" in row_errors(app)
        fill(app, "setting-counter-confirm_pages", "12")
        fill(app, "setting-office-municipality", "São\x1b[2J Paulo")
        await burst(pilot, "f9")
        assert "caractere não permitido" in row_errors(app)
        fill(app, "setting-office-municipality", "São Paulo")
        fill(app, "setting-tj-url", "https://tj sp")
        await burst(pilot, "f9")
        assert "não ter espaços" in row_errors(app)
        assert app.focused.id == "setting-tj-url"
        assert get_settings("counter.") == {}


def official(tmp_path: Path, *, broken: bool = False) -> Path:
    shipped = Path(load_fee_table.__code__.co_filename).parent / "data" / "fees_exemplo.toml"
    text = re.sub(r"^exemplo = true$", "exemplo = false",
                  shipped.read_text(encoding="utf-8"), flags=re.M)
    text = re.sub(r"^titulo = .*$", 'titulo = "Tabela oficial 2026"', text, flags=re.M)
    if broken:
        text = text.replace('total = "10,44"', 'total = "10,45"', 1)
    path = tmp_path / ("quebrada.toml" if broken else "oficial.toml")
    path.write_text(text, encoding="utf-8")
    return path


async def test_fee_tables_a_day_a_broken_file_and_an_import(make_app, office, tmp_path):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await login(pilot, office.admin)
        await open_(pilot, "fee_tables")
        assert "vigência 2026" in text_of(app.screen.query_one("#fees-values"))
        await burst(pilot, "15/03/2025", "enter")
        values = text_of(app.screen.query_one("#fees-values"))
        assert "vigência 2025" in values and "10,44" in values
        fill(app, "fees-day", "")
        await burst(pilot, "31/02/2025", "enter")
        assert "Data inexistente" in field_error(app, "date")
        await burst(pilot, "tab", str(official(tmp_path, broken=True)), "enter")
        assert "linha 27" in field_error(app, "fee_table")
        assert FeeTableFile.select().count() == 0
        fill(app, "fees-file", str(official(tmp_path)))
        await burst(pilot, "f9")
        assert "Tabela importada (oficial)" in text_of(app.screen.query_one("#message"))
        assert "Tabela oficial 2026 (oficial, importada em" in text_of(
            app.screen.query_one("#fees-heading"))
        assert FeeTableFile.get().title == "Tabela oficial 2026"


async def test_act_codes_refused_then_saved(make_app, office):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await login(pilot, office.admin)
        await open_(pilot, "act_codes")
        fill(app, "code-autenticacao", "xa")
        await burst(pilot, "f9")
        assert "reservado para exclusão" in row_errors(app)
        assert app.focused.id == "code-autenticacao"
        fill(app, "code-autenticacao", "")
        await burst(pilot, "a1", "f9")
        assert "Códigos gravados" in text_of(app.screen.query_one("#message"))
        assert {row.key: row.code for row in act_code_table()}["autenticacao"] == "A1"
        assert "de fábrica: AU" in text_of(app.screen.query_one("#note-autenticacao"))
