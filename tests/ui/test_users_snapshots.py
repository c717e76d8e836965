"""The users screens at 80x24: the list with every situation, the form with a refusal at
its field, the code shown once, and the first access at the login screen; the form also
as a 16-colour and a colourless terminal show it.

Regenerate after LOOKING at them: pytest tests/ui/test_users_snapshots.py --snapshot-update
"""
import pytest

from balcao_tui.domain import access_code
from balcao_tui.store.usecases.first_access import add_user
from balcao_tui.store.usecases.users import LoginFailed, authenticate, update_user

from .conftest import FROZEN
from .helpers import burst, settle
from .test_snapshots import COLOUR_MODES, SIZE, as_user, coloured_app, steady
from .test_users import open_users

CODE = "K7MP3XQA"


@pytest.fixture
def users(office, monkeypatch):
    """Nina waits for her first access, Clara is locked, Bruno has left."""
    monkeypatch.setattr(access_code, "new_code", lambda: CODE)
    add_user(office.admin, login="nina", name="Nina Nova", role="escrevente",
             email="nina@cartorio.com.br", now=FROZEN)
    for _ in range(5):
        with pytest.raises(LoginFailed):
            authenticate("clara", "errada", now=FROZEN)
    update_user(office.admin, office.clerk2, active=False)


class TestUsersScreens:
    def test_users_list(self, snap_compare, make_app, office, users):
        assert snap_compare(make_app(), terminal_size=SIZE,
                            run_before=as_user(office.admin, open_users))

    @pytest.mark.parametrize("mode", COLOUR_MODES)
    def test_user_form_with_a_taken_login(self, snap_compare, make_app, office, users,
                                          monkeypatch, mode):
        async def taken(pilot):
            await burst(pilot, "f6", "clara", "enter", "Clara Outra", "enter", "f9")

        app = coloured_app(make_app, monkeypatch, mode)
        assert snap_compare(app, terminal_size=SIZE,
                            run_before=as_user(office.admin, open_users, taken))

    def test_user_form_of_an_existing_user(self, snap_compare, make_app, office, users):
        assert snap_compare(make_app(), terminal_size=SIZE,
                            run_before=as_user(office.admin, open_users, "enter"))

    def test_the_code_shown_once(self, snap_compare, make_app, office, users):
        async def added(pilot):
            await burst(pilot, "f6", "otavio", "enter", "Otávio Novo", "enter", "f9")

        assert snap_compare(make_app(), terminal_size=SIZE,
                            run_before=as_user(office.admin, open_users, added))

    def test_first_access_at_the_login_screen(self, snap_compare, make_app, office, users):
        async def code_typed(pilot):
            await settle(pilot)
            await burst(pilot, "nina", "enter", "k7mp-3xqa", "enter")
            await steady(pilot)

        assert snap_compare(make_app(), terminal_size=SIZE, run_before=code_typed)
