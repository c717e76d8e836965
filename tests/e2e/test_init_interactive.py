"""balcao init asks, in a real terminal, for what the flags did not say."""
import shutil
import sqlite3
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest


def _screen(session: str) -> str:
    return subprocess.run(["tmux", "capture-pane", "-p", "-t", session], capture_output=True,
                          text=True).stdout


def _wait_for(session: str, text: str, timeout: float = 20) -> None:
    deadline = time.monotonic() + timeout
    while text not in _screen(session):
        assert time.monotonic() < deadline, f"no {text!r} on screen:\n{_screen(session)}"
        time.sleep(0.1)


@pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed here")
def test_init_asks_each_missing_answer_and_hides_the_password(tmp_path):
    balcao = Path(sys.executable).with_name("balcao")
    db = tmp_path / "perguntas.db"
    session = "init-" + uuid.uuid4().hex[:8]
    subprocess.run(["tmux", "new-session", "-d", "-s", session, "-x", "80", "-y", "24",
                    f"{balcao} --db sqlite:///{db} init; echo FIM=$?; sleep 30"], check=True)
    try:
        for prompt, answer in [("CNS", "145573"), ("Nome da serventia", "Cartório Perguntado"),
                               ("Município", "Campinas"), ("ISS", "3"),
                               ("Login do administrador", "chefe"),
                               ("Nome do administrador", "Chefe Perguntado"),
                               ("Senha do administrador", "senha-secreta-1"),
                               ("Repita a senha", "senha-secreta-1")]:
            _wait_for(session, prompt)
            subprocess.run(["tmux", "send-keys", "-t", session, "-l", answer], check=True)
            subprocess.run(["tmux", "send-keys", "-t", session, "Enter"], check=True)
        _wait_for(session, "FIM=0")
        assert "senha-secreta-1" not in _screen(session)
    finally:
        subprocess.run(["tmux", "kill-session", "-t", session], capture_output=True)
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT cns, municipality, iss_rate_bp FROM office").fetchall() == [
            ("145573", "Campinas", 300)]
        assert conn.execute("SELECT login, role FROM user").fetchall() == [
            ("chefe", "administrador")]
