"""`balcao demo` without the screens: the users printed once, no secret on a command line."""
import argparse
from pathlib import Path

import httpx

from balcao_tui.cli import demo_cmd
from balcao_tui.store.db import close_database
from balcao_tui.store.usecases.office import get_settings
from balcao_tui.tj.transmitter_config import config_from_settings


def command_lines() -> dict[int, bytes]:
    found = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                found[int(entry.name)] = (entry / "cmdline").read_bytes()
            except OSError:  # gone, or not ours to read
                pass
    return found


def test_demo_prints_its_users_once_and_keeps_secrets_off_command_lines(
        tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    seen = {}

    def counter_running(db_url, *, login_hint, **_options) -> int:
        settings = get_settings("tj.")
        config = config_from_settings(settings)  # decrypted with the demo's key file
        assert config.problem == ""
        seen["secrets"] = [config.client_secret, config.cert_password]
        seen["stored"] = repr(settings)
        seen["lines"] = command_lines()
        seen["token"] = httpx.post(f"{config.url}/oauth/token", timeout=10, data={
            "grant_type": "client_credentials", "client_id": config.client_id,
            "client_secret": config.client_secret}).status_code
        seen["hint"] = login_hint
        return 0

    monkeypatch.setattr("balcao_tui.cli.tui_cmd.run_counter", counter_running)
    args = argparse.Namespace(data_dir=str(tmp_path / "demo"), db=None, colors="auto")
    try:
        assert demo_cmd.run(args) == 0
    finally:
        close_database()

    simulators = [line for line in seen["lines"].values()
                  if b"balcao_tui.tj.simulator" in line and str(tmp_path).encode() in line]
    assert len(simulators) == 1
    assert seen["token"] == 200  # the simulator got the secret from its file
    for secret in seen["secrets"]:
        assert secret and all(secret.encode() not in line for line in seen["lines"].values())
        assert secret not in seen["stored"]
    key_file = tmp_path / "demo" / "segredos.key"
    assert key_file.stat().st_mode & 0o777 == 0o640  # the group may read it, others never
    out = capsys.readouterr().out
    assert out.count(demo_cmd.users_banner()) == 1
    assert seen["hint"] == demo_cmd.users_banner()
