"""Trocar a minha senha, by keyboard: a wrong current password and a mismatched repetition
are refused beside their fields; the change lets the new password in and not the old."""
import pytest

from balcao_tui.screens.own_password import OwnPasswordScreen
from balcao_tui.store.usecases.users import LoginFailed, authenticate
from support.office import PASSWORD

from .helpers import field_error, login, message, open_screen, settle, type_text, value

NEW = "frase nova e longa"


async def fill_in(pilot, *texts):
    for text in texts:
        await type_text(pilot, text)
        await pilot.press("enter")
    await settle(pilot)


async def test_own_password_change_by_keyboard(make_app, office):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await login(pilot, office.clerk)
        await open_screen(pilot, "f7")
        assert isinstance(app.screen, OwnPasswordScreen)
        await fill_in(pilot, "senha-errada-1", NEW, NEW)
        assert field_error(app, "old_password") == "Senha atual incorreta."
        assert app.focused.id == "old_password"
        await fill_in(pilot, PASSWORD, NEW, NEW + "!")  # typing replaces the refused text
        assert field_error(app, "repeated") == "Repita a nova senha exatamente igual."
        assert app.focused.id == "repeated" and value(app, "old_password") == PASSWORD
        assert authenticate("clara", PASSWORD).login == "clara"  # nothing changed yet
        await fill_in(pilot, NEW)
        assert "Senha trocada" in message(app)
        assert [value(app, f) for f in ("old_password", "new_password", "repeated")] == [""] * 3
    assert authenticate("clara", NEW).login == "clara"
    with pytest.raises(LoginFailed):
        authenticate("clara", PASSWORD)


async def test_a_short_new_password_is_refused_on_its_field(make_app, office):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await login(pilot, office.admin)  # every role, the administrator too
        await open_screen(pilot, "f7")
        await fill_in(pilot, PASSWORD, "curta", "curta")
        assert field_error(app, "new_password").startswith("Nova senha: a senha deve ter")
    assert authenticate("admin", PASSWORD).login == "admin"
