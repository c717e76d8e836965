"""`balcao init --group`: the office's folders belong to the clerks' group, setgid, and
nothing the product creates in them is readable by the other users of the server."""
from __future__ import annotations

import grp
import os
import stat

import pytest

from test_cli import INIT_FLAGS, balcao

ADMIN_PASSWORD = "senha-forte-1"


def office_files(folder):
    return [folder, *folder.rglob("*")]


def test_init_with_the_group_shares_database_key_and_logs_with_it_only(tmp_path):
    data = tmp_path / "srv" / "balcao"
    group = grp.getgrgid(os.getgid()).gr_name
    env = {"BALCAO_ADMIN_PASSWORD": ADMIN_PASSWORD, "BALCAO_KEY_FILE": str(data / "segredos.key"),
           "BALCAO_LOG_DIR": str(data / "log")}
    result = balcao("--db", f"sqlite:///{data / 'balcao.db'}", *INIT_FLAGS, "--group", group,
                    env=env)
    assert result.returncode == 0, result.stderr
    assert f"Pastas do grupo {group} (2770): {data}, {data / 'log'}." in result.stdout
    again = balcao("--db", f"sqlite:///{data / 'balcao.db'}", "init", env=env)  # writes a log
    assert again.returncode == 0, again.stderr
    names = {path.name for path in office_files(data)}
    assert {"balcao.db", "balcao.db-lock", "segredos.key", "log"} <= names, names
    for path in office_files(data):
        mode = stat.S_IMODE(path.stat().st_mode)
        assert path.stat().st_gid == os.getgid(), path
        assert mode & 0o007 == 0, f"{path} is {mode:04o}"
        assert mode & 0o060 == 0o060 or path.name == "segredos.key", f"{path} is {mode:04o}"
    assert stat.S_IMODE(data.stat().st_mode) == 0o2770
    assert stat.S_IMODE((data / "segredos.key").stat().st_mode) == 0o640


def test_init_shares_files_an_earlier_install_left_open(tmp_path):
    data = tmp_path / "dados"
    data.mkdir()
    old_log = data / "velho.log"
    old_log.write_text("x")
    old_log.chmod(0o644)
    group = grp.getgrgid(os.getgid()).gr_name
    result = balcao("--db", f"sqlite:///{data / 'balcao.db'}", *INIT_FLAGS, "--group", group,
                    env={"BALCAO_ADMIN_PASSWORD": ADMIN_PASSWORD,
                         "BALCAO_KEY_FILE": str(data / "segredos.key")})
    assert result.returncode == 0, result.stderr
    assert stat.S_IMODE(old_log.stat().st_mode) == 0o660


@pytest.mark.parametrize("group", ["nao-existe-grupo", "grupo\x01\x1b[2J", "😀" * 40,
                                   "g" * 5000, os.fsdecode(b"grupo\xff")])
def test_unknown_or_impossible_group_is_refused_before_anything_is_created(tmp_path, group):
    data = tmp_path / "dados"
    result = balcao("--db", f"sqlite:///{data / 'balcao.db'}", *INIT_FLAGS,
                    "--group", group, env={"BALCAO_ADMIN_PASSWORD": ADMIN_PASSWORD})
    assert result.returncode == 1, result.stderr
    assert "não existe; crie-o com: groupadd NOME" in result.stderr
    assert "Traceback" not in result.stderr and "\x1b" not in result.stderr
    assert len(result.stderr) < 400
    assert not data.exists()
