"""Users by keyboard only: the administrator creates a clerk, the code is shown once, the
clerk exchanges it at the login screen for a password of their own and logs in with it;
a supervisor only unlocks."""
from textual.widgets import OptionList, Static

from balcao_tui.screens.access_code import AccessCodeScreen
from balcao_tui.screens.first_password import FirstPasswordScreen
from balcao_tui.screens.home import HomeScreen
from balcao_tui.screens.login import LoginScreen
from balcao_tui.screens.user_form import UserFormScreen
from balcao_tui.screens.users import UsersScreen
from balcao_tui.store.models import AuditEntry, User
from balcao_tui.store.usecases.users import LoginFailed, authenticate
from support.office import PASSWORD

from .helpers import burst, field_error, login, message, settle, text_of, to_home

OWN = "nina 2026"


async def sign_in(pilot, user: str, password: str) -> None:
    await burst(pilot, user, "enter", password, "enter")


async def open_users(pilot) -> None:
    """From home, Usuários with ↓ and Enter: on home itself for the administrator, under
    Administração… for who also works at the counter."""
    await to_home(pilot)
    for menu_id in ("#menu", "#admin-menu"):
        menu = pilot.app.screen.query_one(menu_id, OptionList)
        ids = [menu.get_option_at_index(i).id for i in range(menu.option_count)]
        target = "users" if "users" in ids else "administration"
        await pilot.press(*["down"] * (ids.index(target) - (menu.highlighted or 0)), "enter")
        await settle(pilot)
        if target == "users":
            return


def listed(app) -> list[str]:
    listing = app.screen.query_one("#users", OptionList)
    return [str(listing.get_option_at_index(i).prompt) for i in range(listing.option_count)]


async def test_admin_creates_a_clerk_who_logs_in_with_the_code(make_app, office):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await sign_in(pilot, "admin", PASSWORD)
        assert isinstance(app.screen, HomeScreen)
        await open_users(pilot)
        assert isinstance(app.screen, UsersScreen)
        await burst(pilot, "f6")
        assert isinstance(app.screen, UserFormScreen)
        await burst(pilot, "nina", "enter", "Nina Nova", "enter")
        await burst(pilot, "nina@cartorio.com.br", "enter", "f9")
        assert isinstance(app.screen, AccessCodeScreen)
        code = text_of(app.screen.query_one("#code-value", Static))
        assert "até 21/11/2026 14:35" in text_of(app.screen.query_one("#code-text", Static))
        await burst(pilot, "enter")
        assert isinstance(app.screen, UsersScreen)
        assert message(app) == "Nina Nova cadastrado."
        [line] = [line for line in listed(app) if line.startswith("nina ")]
        assert "Escrevente" in line and "código até 14:35" in line
        assert code.replace("-", "") not in str(list(AuditEntry.select().tuples()))

        await burst(pilot, "escape", "f10")
        assert isinstance(app.screen, LoginScreen)
        await sign_in(pilot, "nina", code)
        assert isinstance(app.screen, FirstPasswordScreen)
        await burst(pilot, OWN, "enter")
        await burst(pilot, OWN + "x", "enter")
        assert field_error(app, "repeated") == "Repita a nova senha exatamente igual."
        await burst(pilot, OWN, "enter")  # the refused text is selected: typing replaces it
        assert isinstance(app.screen, LoginScreen), message(app)
        assert message(app) == "Senha criada. Entre agora com ela."
        await burst(pilot, OWN, "enter")
        assert isinstance(app.screen, HomeScreen) and app.user.login == "nina"

        await burst(pilot, "f10")
        await sign_in(pilot, "nina", code)  # the code worked once
        assert isinstance(app.screen, LoginScreen)
        assert field_error(app, "password") == "Usuário ou senha incorretos."


async def test_a_supervisor_unlocks_and_cannot_add(make_app, office):
    for _ in range(5):
        try:
            authenticate("clara", "errada")
        except LoginFailed:
            pass
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await login(pilot, office.supervisor)
        await open_users(pilot)
        await burst(pilot, "f6")
        assert isinstance(app.screen, UsersScreen)  # only who manages users adds them
        clara = next(i for i, line in enumerate(listed(app)) if line.startswith("clara "))
        await pilot.press(*["down"] * clara)
        assert "bloqueado" in listed(app)[app.screen.query_one("#users", OptionList).highlighted]
        await burst(pilot, "f7")
        assert message(app) == "Clara Escrevente desbloqueado: já pode entrar com a senha."
        assert not User.get_by_id(office.clerk).locked
        assert AuditEntry.get(AuditEntry.action == "user.unlock").user_id == office.supervisor


async def test_a_taken_login_is_refused_beside_its_field(make_app, office):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await login(pilot, office.admin)
        await open_users(pilot)
        await burst(pilot, "f6", "bruno", "enter", "Bruno Outro", "enter", "f9")
        assert isinstance(app.screen, UserFormScreen)
        assert field_error(app, "login") == "Já existe um usuário com o login bruno."
        assert app.focused.id == "login"
