"""The installed demo, driven in tmux at 80x24 as a person would, through one recognition."""
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

SCRIPT = Path(__file__).with_name("demo_in_tmux.py")


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed here")
def test_demo_recognition_in_tmux(tmp_path):
    balcao = Path(sys.executable).with_name("balcao")
    result = subprocess.run([sys.executable, str(SCRIPT), "--balcao", str(balcao),
                             "--data-dir", str(tmp_path / "demo")],
                            capture_output=True, text=True, timeout=240)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.startswith("ok: seal ")
