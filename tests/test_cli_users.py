"""balcao users as an administrator (or a supervisor) runs it: real subprocesses on a real
database file; the password comes from the environment or standard input, never argv."""
import re

import pytest

from balcao_tui.store.db import open_database
from balcao_tui.store.models import AuditEntry, User
from balcao_tui.store.usecases.first_access import redeem_code
from balcao_tui.store.usecases.users import AccessCodeAccepted, LoginFailed, authenticate
from support.office import PASSWORD, close_store, make_office
from test_cli import balcao

AS_ADMIN = {"BALCAO_PASSWORD": PASSWORD}


@pytest.fixture
def url(sqlite_url):
    make_office(sqlite_url)
    close_store()  # the commands open it themselves
    return sqlite_url


def users(url, *args, actor="admin", env=AS_ADMIN, input=None):
    return balcao("--db", url, "users", *args, "--login", actor, env=env, input=input)


def test_add_prints_the_code_once_and_the_user_exchanges_it(url):
    added = users(url, "add", "nina", "--name", "Nina Nova", "--role", "escrevente",
                  "--email", "nina@cartorio.com.br")
    assert added.returncode == 0, added.stderr
    code = re.search(r"acesso de nina: (\w{4}-\w{4})", added.stdout).group(1)
    assert "Vale uma vez, até" in added.stdout
    open_database(url)
    with pytest.raises(AccessCodeAccepted):
        authenticate("nina", code)
    redeem_code("nina", code, "senha-da-nina-1")
    listed = users(url, "list")
    line = next(line for line in listed.stdout.splitlines() if line.startswith("nina "))
    assert "Nina Nova" in line and "Escrevente" in line and "ativo" in line
    close_store()


def test_a_code_typed_as_the_actors_password_says_what_it_is(url):
    added = users(url, "add", "nina", "--name", "Nina Nova", "--role", "administrador")
    code = re.search(r"acesso de nina: (\w{4}-\w{4})", added.stdout).group(1)
    result = balcao("--db", url, "users", "list", "--login", "nina", "--password-stdin",
                    input=code + "\n")
    assert result.returncode == 1 and "código de primeiro acesso" in result.stderr


def test_supervisor_unlocks_and_the_unlock_is_audited(url):
    open_database(url)
    for _ in range(5):
        with pytest.raises(LoginFailed):
            authenticate("clara", "errada")
    close_store()
    assert "bloqueado" in users(url, "list", actor="sueli").stdout
    refused = users(url, "reset", "clara", actor="sueli")
    assert refused.returncode == 1 and "Supervisor não tem permissão" in refused.stderr
    done = users(url, "unlock", "clara", actor="sueli")
    assert done.returncode == 0, done.stderr
    open_database(url)
    assert authenticate("clara", PASSWORD).login == "clara"
    entry = AuditEntry.get(AuditEntry.action == "user.unlock")
    assert entry.user.login == "sueli"
    close_store()


def test_reset_edit_and_deactivate(url):
    reset = users(url, "reset", "bruno")
    assert reset.returncode == 0 and "acesso de bruno:" in reset.stdout
    edited = users(url, "edit", "bruno", "--new-login", "bruno.souza", "--name",
                   "Bruno Souza", "--deactivate")
    assert edited.returncode == 0, edited.stderr
    open_database(url)
    user = User.get(User.login == "bruno.souza")
    assert (user.name, user.active, user.password_hash) == ("Bruno Souza", False, "")
    close_store()
    missing = users(url, "unlock", "ninguem")
    assert missing.returncode == 1 and 'usuário não encontrado: "ninguem"' in missing.stderr


def test_a_clerk_is_refused_in_portuguese(url):
    result = users(url, "list", actor="clara")
    assert result.returncode == 1 and "Escrevente não tem permissão" in result.stderr
    assert "Traceback" not in result.stderr
