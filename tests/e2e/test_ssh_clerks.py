"""Two clerks, each on their own system account in the office's group, open `balcao` over
real SSH sessions (sshd on 127.0.0.1, ForceCommand) in tmux and each registers an
authentication on the same database at once; nothing in the data folder is readable by
the other users of the server, and each clerk writes to the files the other created."""
from __future__ import annotations

import os
import shutil
import stat
import subprocess
from pathlib import Path

import pytest

from balcao_tui.store.db import close_database, open_database
from balcao_tui.store.models import User
from balcao_tui.store.usecases.stock import add_seal_sheet
from balcao_tui.store.usecases.users import authenticate, create_user
from e2e.ssh_office import (CLERKS, GROUP, OfficeSshd, SystemAccounts, install_product,
                            missing_requirement, office_command, world_readable_folder)
from e2e.tmux_driver import Tmux

ADMIN_PASSWORD = "senha-do-admin-1"
PASSWORD = "senha-do-escrevente-1"
# system account -> (login in the app, name, series of the clerk's authentication seals)
APP_USERS = {CLERKS[0]: ("ana", "Ana Escrevente", "AU0101"),
             CLERKS[1]: ("beto", "Beto Escrevente", "AU0102")}
INIT = ["init", "--cns", "145573", "--name", "1º Tabelião de Notas de Exemplo",
        "--municipality", "São Paulo", "--iss", "5", "--admin-login", "admin",
        "--admin-name", "Ana Administradora", "--group", GROUP]

MISSING = missing_requirement()
pytestmark = [pytest.mark.slow,
              pytest.mark.skipif(MISSING is not None and os.environ.get("CI") != "true",
                                 reason=f"SSH scenario: {MISSING}")]


@pytest.fixture(scope="session")
def clerk_balcao():
    """The product installed where the clerks' accounts reach it, once per session."""
    if MISSING:
        pytest.fail(f"the SSH scenario must run in CI, but: {MISSING}")
    folder = world_readable_folder("balcao-ssh-install-")
    try:
        yield install_product(folder)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture
def server_folder():
    folder = world_readable_folder("balcao-ssh-")
    accounts = SystemAccounts(folder)
    yield folder, accounts
    accounts.remove()
    shutil.rmtree(folder, ignore_errors=True)


def seed_clerks(url: str) -> None:
    open_database(url)
    try:
        admin = authenticate("admin", ADMIN_PASSWORD).id
        for login, name, series in APP_USERS.values():
            clerk = create_user(admin, login=login, name=name, role="escrevente",
                                password=PASSWORD).id
            add_seal_sheet(admin, series=series, seal_type="autenticacao", first_number=1,
                           last_number=50, clerk_id=clerk)
    finally:
        close_database()


def acts_by_login(url: str) -> dict[str, int]:
    open_database(url)
    try:
        return {user.login: user.acts.count()
                for user in User.select().where(User.login.in_(["ana", "beto", "admin"]))}
    finally:
        close_database()


def log_in(tmux: Tmux, login: str) -> None:
    tmux.wait_for("Senha", timeout=90)
    tmux.keys(login, "Enter", PASSWORD, "Enter")
    tmux.wait_for("Olá, ", timeout=60)


def authenticate_a_copy(tmux: Tmux) -> None:
    tmux.keys("F3")
    tmux.wait_for("Cada página ou face")
    tmux.keys("Enter", "Enter")  # one page; Enter on the seals field registers
    tmux.wait_for("Autentico a presente cópia", timeout=60)
    tmux.keys("Enter")  # close the label
    tmux.wait_for("Cada página ou face")
    tmux.keys("Escape")
    tmux.wait_for("Olá, ")


def quit_balcao(tmux: Tmux) -> None:
    tmux.keys("F10")  # log out
    tmux.wait_for("Senha")
    tmux.keys("F10")
    tmux.wait_for("Sair do balcão?")
    tmux.keys("s")
    tmux.wait_gone(timeout=30)  # balcao ended, and with it the SSH session


def office_files(data: Path) -> list[Path]:
    return [data, *data.rglob("*")]


@pytest.mark.parametrize("database", ["sqlite", pytest.param("postgres",
                                                             marks=pytest.mark.postgres)])
def test_two_clerks_over_ssh_work_on_one_database(database, clerk_balcao, server_folder,
                                                  request):
    folder, accounts = server_folder
    data = folder / "dados"
    url = (f"sqlite:///{data / 'balcao.db'}" if database == "sqlite"
           else request.getfixturevalue("pg_url"))
    settings = {"BALCAO_DB": url, "BALCAO_KEY_FILE": str(data / "segredos.key"),
                "BALCAO_LOG_DIR": str(data / "log")}
    init = subprocess.run([str(clerk_balcao), *INIT], capture_output=True, text=True,
                          timeout=180, env={**os.environ, **settings,
                                            "BALCAO_ADMIN_PASSWORD": ADMIN_PASSWORD})
    assert init.returncode == 0, init.stdout + init.stderr
    seed_clerks(url)
    sshd = OfficeSshd(folder, office_command(folder, clerk_balcao, settings))
    sessions: dict[str, Tmux] = {}
    try:
        for account, (login, _, _) in APP_USERS.items():  # the first opens the files first
            sessions[account] = Tmux(sshd.ssh_command(account), env={"TERM": "xterm-256color"})
            log_in(sessions[account], login)
        for tmux in sessions.values():
            authenticate_a_copy(tmux)
        first, second = CLERKS
        made_by_first = [path for path in office_files(data)
                         if path.stat().st_uid == accounts.uid(first)]
        expected = {"balcao.log", "balcao.db-wal", "balcao.db-shm"} if database == "sqlite" \
            else {"balcao.log"}
        assert expected <= {path.name for path in made_by_first}, made_by_first
        assert [path for path in made_by_first if not accounts.can_write(second, path)] == []
        for tmux in sessions.values():
            quit_balcao(tmux)
    finally:
        for tmux in sessions.values():
            tmux.kill()
        sshd.stop()
    assert acts_by_login(url) == {"admin": 0, "ana": 1, "beto": 1}
    for path in office_files(data):
        mode = stat.S_IMODE(path.lstat().st_mode)
        assert path.lstat().st_gid == accounts.gid, f"{path} belongs to another group"
        assert mode & 0o007 == 0, f"{path} is {mode:04o}: the other users can reach it"
    assert stat.S_IMODE(data.stat().st_mode) == 0o2770
