from textual.widgets import Input

from balcao_tui.screens.home import HomeScreen
from balcao_tui.screens.login import LoginScreen
from balcao_tui.store.models import AuditEntry, User
from support.office import PASSWORD

from .helpers import field_error, settle, type_text, value


async def _submit(pilot, login, password):
    await type_text(pilot, login)
    await pilot.press("enter")
    await type_text(pilot, password)
    await pilot.press("enter")
    await settle(pilot)


async def test_login_is_the_first_screen_and_opens_home(make_app, office):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, LoginScreen)
        assert app.focused.id == "login"
        await _submit(pilot, "clara", PASSWORD)
        assert isinstance(app.screen, HomeScreen)
        assert app.user.login == "clara"
    assert AuditEntry.select().where(AuditEntry.action == "login.ok",
                                     AuditEntry.user == office.clerk).count() == 1


async def test_wrong_password_is_answered_beside_the_field_and_cleared(make_app, office):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await _submit(pilot, "clara", "errada")
        assert isinstance(app.screen, LoginScreen)
        assert "Usuário ou senha incorretos" in field_error(app, "password")
        assert value(app, "password") == ""
        assert app.focused.id == "password"


async def test_unknown_login_gets_the_same_answer_as_a_wrong_password(make_app, office):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await _submit(pilot, "clara", "errada")
        wrong_password = field_error(app, "password")
        await pilot.press("escape")
        await _submit(pilot, "naoexiste", "errada")
        assert field_error(app, "password") == wrong_password


async def test_fifth_wrong_password_locks_the_user(make_app, office):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await _submit(pilot, "clara", "x")
        for _ in range(4):
            await type_text(pilot, "x")
            await pilot.press("enter")
            await settle(pilot)
        assert "incorretos" in field_error(app, "password")  # a guesser learns nothing
        await type_text(pilot, PASSWORD)  # even the right password is refused now
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, LoginScreen)
        assert "bloqueado" in field_error(app, "login")
    assert User.get_by_id(office.clerk).locked


async def test_escape_clears_the_form_and_a_hint_can_be_shown(make_app, office):
    app = make_app(login_hint="Usuários da demonstração: clara / senha")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await type_text(pilot, "clara")
        await pilot.press("escape")
        assert app.screen.query_one("#login", Input).value == ""
        assert "demonstração" in str(app.screen.query_one("#login-demo").content)
