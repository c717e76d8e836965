"""The wheel a server installs works on its own: fresh venv, init, help, styles inside."""
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.slow
def test_wheel_installs_into_a_fresh_venv_and_runs(tmp_path):
    wheel_dir = tmp_path / "dist"
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(wheel_dir),
                    str(ROOT)], check=True, timeout=300)
    wheel = next(wheel_dir.glob("balcao_tui-*.whl"))
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, timeout=120)
    subprocess.run([str(venv / "bin" / "pip"), "install", "-q", str(wheel)], check=True,
                   timeout=600)
    balcao = str(venv / "bin" / "balcao")
    db = f"sqlite:///{tmp_path / 'x.db'}"
    init = subprocess.run([balcao, "--db", db, "init", "--cns", "145573", "--name", "Cartório X",
                           "--municipality", "Santos", "--iss", "5", "--admin-login", "admin",
                           "--admin-name", "Admin"],
                          env={**os.environ, "BALCAO_ADMIN_PASSWORD": "senha-forte-1"},
                          capture_output=True, text=True, timeout=120, cwd=tmp_path)
    assert init.returncode == 0, init.stderr
    help_ = subprocess.run([balcao, "--help"], capture_output=True, text=True, timeout=60,
                           cwd=tmp_path)
    assert help_.returncode == 0 and "init" in help_.stdout
    styles = subprocess.run(
        [str(venv / "bin" / "python"), "-c",
         "import balcao_tui, pathlib; p = pathlib.Path(balcao_tui.__file__).parent / 'styles';"
         "print(sorted(x.name for x in p.glob('*.tcss')))"],
        capture_output=True, text=True, timeout=60, cwd=tmp_path)
    assert ".tcss" in styles.stdout, styles.stdout + styles.stderr
