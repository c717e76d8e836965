"""First access, reset, unlock and deactivation, through the use cases (SQLite and
PostgreSQL): the code works once, for 30 minutes, and is never kept in clear."""
import json
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from balcao_tui.domain.permissions import PermissionDenied
from balcao_tui.store.db import database
from balcao_tui.store.errors import Refused
from balcao_tui.store.models import Act, AuditEntry, User
from balcao_tui.store.usecases.counter import register_counter_acts
from balcao_tui.store.usecases.first_access import add_user, redeem_code, reset_access
from balcao_tui.store.usecases.user_list import list_users, status_label
from balcao_tui.store.usecases.users import (AccessCodeAccepted, LoginFailed, authenticate,
                                             unlock_user, update_user)
from support.office import PASSWORD

T0 = datetime(2026, 11, 21, 17, 5, tzinfo=timezone.utc)  # 14:05 in São Paulo
OWN = "minha-senha-nova-1"


def _invite(office, login="nina", role="escrevente"):
    return add_user(office.admin, login=login, name="Nina Nova", role=role,
                    email="nina@cartorio.com.br", now=T0)


def _stored_everywhere() -> str:
    """Every user row and audit entry as text: where a code or password must never be."""
    rows = [*User.select().tuples(), *AuditEntry.select().tuples()]
    return json.dumps(rows, default=str)


def test_the_code_is_exchanged_once_for_a_password_of_ones_own(any_office):
    new = _invite(any_office)
    assert new.expires_at == T0 + timedelta(minutes=30) and len(new.code) == 9
    with pytest.raises(AccessCodeAccepted):
        authenticate("nina", new.code.lower().replace("-", " "), now=T0)  # as typed
    redeem_code("nina", new.code, OWN, now=T0 + timedelta(minutes=29))
    assert authenticate("nina", OWN, now=T0).id == new.user.id
    with pytest.raises(LoginFailed, match="incorretos"):
        authenticate("nina", new.code, now=T0)  # used: now just a wrong password
    with pytest.raises(LoginFailed):
        redeem_code("nina", new.code, "outra-senha-9", now=T0)
    assert authenticate("nina", OWN, now=T0).id == new.user.id
    code = new.code.replace("-", "")
    assert code not in _stored_everywhere() and OWN not in _stored_everywhere()
    actions = [a.action for a in AuditEntry.select().where(AuditEntry.entity_id == str(new.user.id))]
    assert actions[:3] == ["user.create", "login.code", "user.first_access"]


def test_the_code_stops_working_after_30_minutes(any_office):
    new = _invite(any_office)
    late = T0 + timedelta(minutes=30)
    with pytest.raises(Refused, match="vencido") as refused:
        authenticate("nina", new.code, now=late)
    assert not isinstance(refused.value, AccessCodeAccepted)
    with pytest.raises(Refused, match="vencido"):
        redeem_code("nina", new.code, OWN, now=late)
    with pytest.raises(LoginFailed):
        authenticate("nina", OWN, now=late)
    [row] = [r for r in list_users(any_office.admin) if r.info.login == "nina"]
    assert status_label(row, T0) == "código até 14:35"
    assert status_label(row, late) == "código vencido"
    assert status_label(row, T0 - timedelta(days=1)) == "código até 21/11 14:35"


def test_a_user_without_a_password_cannot_log_in_with_an_empty_one(any_office):
    _invite(any_office)
    for typed in ("", "senha-qualquer"):
        with pytest.raises(LoginFailed, match="incorretos"):
            authenticate("nina", typed, now=T0)


def test_reset_gives_a_new_code_ends_the_old_password_and_the_lockout(any_office):
    for _ in range(5):
        with pytest.raises(LoginFailed):
            authenticate("clara", "errada", now=T0)
    assert User.get_by_id(any_office.clerk).locked
    with pytest.raises(PermissionDenied):
        reset_access(any_office.supervisor, any_office.clerk, now=T0)
    new = reset_access(any_office.admin, any_office.clerk, now=T0)
    assert not new.user.locked
    with pytest.raises(LoginFailed):
        authenticate("clara", PASSWORD, now=T0)  # the old password is gone
    redeem_code("clara", new.code, OWN, now=T0)
    assert authenticate("clara", OWN, now=T0).id == any_office.clerk
    entry = AuditEntry.get(AuditEntry.action == "user.reset")
    assert entry.user_id == any_office.admin and json.loads(entry.detail)["desbloqueado"]
    assert new.code.replace("-", "") not in _stored_everywhere()


def test_a_second_reset_voids_the_first_code(any_office):
    first = reset_access(any_office.admin, any_office.clerk, now=T0)
    second = reset_access(any_office.admin, any_office.clerk, now=T0)
    with pytest.raises(LoginFailed):
        redeem_code("clara", first.code, OWN, now=T0)
    redeem_code("clara", second.code, OWN, now=T0)


def test_nobody_resets_himself_nor_an_inactive_user(any_office):
    with pytest.raises(Refused, match="Trocar a minha senha"):
        reset_access(any_office.admin, any_office.admin, now=T0)
    update_user(any_office.admin, any_office.clerk2, active=False)
    with pytest.raises(Refused, match="inativo"):
        reset_access(any_office.admin, any_office.clerk2, now=T0)


def test_wrong_codes_count_toward_the_lockout(any_office):
    new = _invite(any_office)
    wrong = "AAAA-AAAA" if new.code != "AAAA-AAAA" else "BBBB-BBBB"
    for _ in range(5):
        with pytest.raises(LoginFailed):
            authenticate("nina", wrong, now=T0)
    with pytest.raises(LoginFailed, match="bloqueado"):
        authenticate("nina", new.code, now=T0)  # who holds the code learns of the lock
    unlock_user(any_office.supervisor, new.user.id)
    with pytest.raises(AccessCodeAccepted):
        authenticate("nina", new.code, now=T0)


def test_unlock_by_a_supervisor_is_audited_and_shows_in_the_list(any_office):
    for _ in range(5):
        with pytest.raises(LoginFailed):
            authenticate("clara", "errada", now=T0)
    rows = {r.info.login: r for r in list_users(any_office.supervisor)}
    assert status_label(rows["clara"], T0) == "bloqueado"
    unlock_user(any_office.supervisor, any_office.clerk)
    rows = {r.info.login: r for r in list_users(any_office.supervisor)}
    assert status_label(rows["clara"], T0) == "ativo"
    entry = AuditEntry.get(AuditEntry.action == "user.unlock")
    assert entry.user_id == any_office.supervisor and entry.entity_id == str(any_office.clerk)
    assert authenticate("clara", PASSWORD, now=T0).id == any_office.clerk


def test_a_clerk_sees_no_list_of_users(any_office):
    with pytest.raises(PermissionDenied):
        list_users(any_office.clerk)


def test_deactivating_keeps_the_users_acts_and_ends_the_access(any_office):
    acts = register_counter_acts(any_office.clerk, "autenticacao", 2).acts
    update_user(any_office.admin, any_office.clerk, active=False)
    assert Act.select().where(Act.clerk == any_office.clerk).count() == len(acts) == 2
    with pytest.raises(LoginFailed, match="incorretos"):
        authenticate("clara", PASSWORD, now=T0)
    with pytest.raises(Refused, match="inativo"):
        register_counter_acts(any_office.clerk, "autenticacao", 1)
    rows = list_users(any_office.admin)
    assert rows[-1].info.login == "clara" and status_label(rows[-1], T0) == "inativo"
    update_user(any_office.admin, any_office.clerk, active=True)
    assert authenticate("clara", PASSWORD, now=T0).id == any_office.clerk


def test_login_name_email_and_role_are_edited_and_audited(any_office):
    info = update_user(any_office.admin, any_office.clerk, login="Clara.S", name="Clara Souza",
                       email="clara@cartorio.com.br", role="supervisor")
    assert (info.login, info.name, info.role) == ("clara.s", "Clara Souza", "supervisor")
    assert authenticate("clara.s", PASSWORD, now=T0).id == any_office.clerk
    with pytest.raises(Refused, match="Já existe") as taken:
        update_user(any_office.admin, any_office.clerk, login="bruno")
    assert taken.value.field == "login"
    with pytest.raises(Refused, match="Já existe"):
        _invite(any_office, login="bruno")
    detail = json.loads(AuditEntry.get(AuditEntry.action == "user.update").detail)
    assert detail["antes"]["login"] == "clara" and detail["depois"]["login"] == "clara.s"


@pytest.mark.parametrize("typed", ["529.982.247-25", "senha-digitada-no-campo-errado",
                                   "K7MP-3XQA"])
def test_a_failed_login_for_an_unknown_login_stores_no_typed_text(any_office, typed):
    with pytest.raises(LoginFailed):
        authenticate(typed, "segredo-123", now=T0)
    entry = AuditEntry.select().order_by(AuditEntry.id.desc()).first()
    assert entry.action == "login.fail" and entry.entity_id == "desconhecido"
    stored = _stored_everywhere()
    assert typed not in stored and "segredo-123" not in stored
    assert typed.lower() not in stored


def test_no_code_is_readable_in_the_database_file(office):
    new = _invite(office)
    database.obj.execute_sql("PRAGMA wal_checkpoint(FULL)")
    path = Path(office.url.removeprefix("sqlite:///"))
    raw = b"".join(file.read_bytes() for file in path.parent.glob(path.name + "*"))
    assert new.code.replace("-", "").encode() not in raw


def test_the_list_sorts_names_as_a_person_does_with_inactive_users_last(any_office):
    for login, name in (("tania", "Tânia Souza"), ("erica", "Érica Lima"), ("abel", "abel Dias")):
        add_user(any_office.admin, login=login, name=name, role="escrevente", email="", now=T0)
    update_user(any_office.admin, User.get(User.login == "abel").id, active=False)
    logins = [row.info.login for row in list_users(any_office.admin)]
    assert logins.index("erica") < logins.index("tania") < logins.index("abel")
    assert logins[-1] == "abel"
