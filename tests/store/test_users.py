import json

import pytest

from balcao_tui.domain.permissions import PermissionDenied
from balcao_tui.domain.refusal import Refusal
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
    with pytest.raises(LoginFailed, match="Usuário ou senha incorretos") as wrong_password:
        authenticate("clara", "errada")
    assert User.get(User.login == "clara").failed_logins == 1
    authenticate("clara", PASSWORD)
    assert User.get(User.login == "clara").failed_logins == 0
    with pytest.raises(LoginFailed) as unknown_login:
        authenticate("ninguem", "errada")
    assert unknown_login.value.message == wrong_password.value.message  # tells strangers nothing
    assert unknown_login.value.field == wrong_password.value.field


def test_unknown_login_leaves_no_typed_text_in_the_audit(office):
    with pytest.raises(LoginFailed):
        authenticate("529.982.247-25", "senha-digitada-no-campo-errado")
    entry = AuditEntry.select().order_by(AuditEntry.id.desc()).first()
    assert entry.action == "login.fail" and entry.entity_id == "desconhecido"
    assert "529" not in entry.detail + entry.entity_id


@pytest.mark.parametrize("typed", ["a" * 300, "cla\x00ra", "\udcff", "clara\x1b[2J"])
def test_hostile_login_text_is_just_a_wrong_login(office, typed):
    with pytest.raises(LoginFailed, match="Usuário ou senha incorretos"):
        authenticate(typed, PASSWORD)
    with pytest.raises(LoginFailed, match="Usuário ou senha incorretos"):
        authenticate("clara", typed * 2)


def test_five_wrong_passwords_lock_until_supervisor_unlocks(office):
    for _ in range(5):
        with pytest.raises(LoginFailed, match="incorretos"):
            authenticate("clara", "errada")
    assert User.get(User.login == "clara").locked
    with pytest.raises(LoginFailed, match="incorretos"):
        authenticate("clara", "errada")  # a guesser learns nothing of the lock
    with pytest.raises(LoginFailed, match="bloqueado"):
        authenticate("clara", PASSWORD)  # even the right password is refused now
    with pytest.raises(PermissionDenied):
        unlock_user(office.clerk2, office.clerk)  # a clerk cannot unlock
    unlock_user(office.supervisor, office.clerk)
    assert authenticate("clara", PASSWORD).id == office.clerk
    actions = [a.action for a in AuditEntry.select().order_by(AuditEntry.id)]
    assert actions.count("login.fail") == 5 and "user.unlock" in actions
    assert actions.count("login.refused") == 2


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


@pytest.mark.parametrize("user_id", [2**63, -1, "2", None, True, 1.0])
def test_unlock_of_an_impossible_user_is_refused_in_portuguese(any_office, user_id):
    before = AuditEntry.select().count()
    with pytest.raises(Refusal, match="Usuário"):
        unlock_user(any_office.supervisor, user_id)
    assert AuditEntry.select().count() == before
