import json

import pytest

from balcao_tui.domain.permissions import PermissionDenied
from balcao_tui.store.errors import Refused
from balcao_tui.store.models import AuditEntry, User
from balcao_tui.store.usecases.users import (
    LoginFailed, authenticate, create_user, set_password, unlock_user, update_user)
from support.office import PASSWORD


def test_password_is_stored_as_slow_salted_hash(office):
    stored = User.get(User.login == "clara").password_hash
    assert PASSWORD not in stored
    assert stored.startswith("scrypt$")
    other = User.get(User.login == "bruno").password_hash
    assert stored != other  # same password, different salt


def test_login_ok_and_wrong_password_counts_down(office):
    assert authenticate("Clara", PASSWORD).login == "clara"
    with pytest.raises(LoginFailed, match="Restam 4"):
        authenticate("clara", "errada")
    authenticate("clara", PASSWORD)
    assert User.get(User.login == "clara").failed_logins == 0


def test_five_wrong_passwords_lock_until_supervisor_unlocks(office):
    for _ in range(4):
        with pytest.raises(LoginFailed):
            authenticate("clara", "errada")
    with pytest.raises(LoginFailed, match="bloqueado"):
        authenticate("clara", "errada")
    with pytest.raises(LoginFailed, match="bloqueado"):
        authenticate("clara", PASSWORD)  # even the right password is refused now
    with pytest.raises(PermissionDenied):
        unlock_user(office.clerk2, office.clerk)  # a clerk cannot unlock
    unlock_user(office.supervisor, office.clerk)
    assert authenticate("clara", PASSWORD).id == office.clerk
    actions = [a.action for a in AuditEntry.select().order_by(AuditEntry.id)]
    assert actions.count("login.fail") == 5 and "user.unlock" in actions


def test_only_the_first_user_can_be_created_without_actor(office):
    with pytest.raises(Refused, match="Já existem usuários"):
        create_user(None, login="intruso", name="Intruso", role="administrador",
                    password=PASSWORD)


def test_clerk_cannot_create_users_and_nothing_is_saved(office):
    before = User.select().count()
    with pytest.raises(PermissionDenied, match="Escrevente"):
        create_user(office.clerk, login="novo", name="Novo Usuário", role="escrevente",
                    password=PASSWORD)
    assert User.select().count() == before


@pytest.mark.parametrize("login,password,field", [
    ("Xa", PASSWORD, None), ("clara", PASSWORD, "login"), ("ok.user", "curta", "password"),
])
def test_user_validation_names_the_field(office, login, password, field):
    if field is None:
        assert create_user(office.admin, login=login, name="Xa Silva", role="escrevente",
                           password=password).login == "xa"
        return
    with pytest.raises(Refused) as info:
        create_user(office.admin, login=login, name="Alguém", role="escrevente",
                    password=password)
    assert info.value.field == field


def test_user_changes_are_audited_with_before_and_after(office):
    update_user(office.admin, office.clerk, role="supervisor")
    entry = AuditEntry.select().where(AuditEntry.action == "user.update").get()
    detail = json.loads(entry.detail)
    assert detail["antes"]["role"] == "escrevente" and detail["depois"]["role"] == "supervisor"
    assert entry.user_id == office.admin


def test_own_password_change_needs_no_manage_right(office):
    set_password(office.clerk, office.clerk, "nova-senha-123")
    assert authenticate("clara", "nova-senha-123").id == office.clerk
    with pytest.raises(PermissionDenied):
        set_password(office.clerk, office.clerk2, "outra-senha-123")
