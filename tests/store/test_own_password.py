"""Changing one's own password: the current one is proved, the new one follows the rules,
each refusal names its field, and the change and the failures are audited."""
import json

import pytest

from balcao_tui.store.errors import Refused
from balcao_tui.store.models import AuditEntry
from balcao_tui.store.usecases.users import (LoginFailed, authenticate, change_own_password,
                                             set_password)
from support.office import PASSWORD

NEW = "outra-senha-boa-2"


def _actions(user_id):
    return [e.action for e in AuditEntry.select().where(AuditEntry.user == user_id)
            .order_by(AuditEntry.id)]


def test_wrong_current_password_is_refused_audited_and_changes_nothing(any_office):
    with pytest.raises(Refused) as refused:
        change_own_password(any_office.clerk, "nao-e-esta", NEW)
    assert refused.value.field == "old_password" and "Senha atual" in refused.value.message
    assert "user.password.fail" in _actions(any_office.clerk)
    assert authenticate("clara", PASSWORD).login == "clara"
    with pytest.raises(LoginFailed):
        authenticate("clara", NEW)


@pytest.mark.parametrize("new, words", [("curta", "pelo menos 8"), (PASSWORD, "diferente"),
                                        ("x" * 129, "no máximo 128"),
                                        ("senha\x00longa", "")])
def test_a_bad_new_password_is_refused_on_the_new_field(any_office, new, words):
    with pytest.raises(Refused) as refused:
        change_own_password(any_office.clerk, PASSWORD, new)
    assert refused.value.field == "new_password"
    assert refused.value.message.startswith("Nova senha:") and words in refused.value.message
    assert authenticate("clara", PASSWORD).login == "clara"


def test_success_lets_the_new_one_in_and_not_the_old(any_office):
    change_own_password(any_office.supervisor, PASSWORD, NEW)
    assert authenticate("sueli", NEW).login == "sueli"
    with pytest.raises(LoginFailed):
        authenticate("sueli", PASSWORD)
    entry = AuditEntry.get(AuditEntry.action == "user.password")
    assert entry.user_id == any_office.supervisor and json.loads(entry.detail) == {"propria": True}
    assert NEW not in entry.detail and PASSWORD not in entry.detail


def test_every_role_may_change_its_own_even_the_administrator(any_office):
    change_own_password(any_office.admin, PASSWORD, NEW)
    assert authenticate("admin", NEW).login == "admin"


def test_a_change_made_meanwhile_elsewhere_wins(any_office, monkeypatch):
    """Another terminal (or an administrator) set a password between check and write."""
    from balcao_tui.store.usecases import users

    real = users.hash_password
    raced = []

    def hash_then_race(password):
        if not raced:
            raced.append(True)
            set_password(any_office.admin, any_office.clerk, "definida-pelo-admin")
        return real(password)

    monkeypatch.setattr(users, "hash_password", hash_then_race)
    with pytest.raises(Refused, match="outro terminal"):
        change_own_password(any_office.clerk, PASSWORD, NEW)
    monkeypatch.undo()
    assert authenticate("clara", "definida-pelo-admin").login == "clara"
