"""The criticized-record flow driven in tmux at 80x24, keyboard only, against the TJ
simulator (criticized_fix_in_tmux.py)."""
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

HERE = Path(__file__).parent

pytestmark = [pytest.mark.slow,
              pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed here")]


def test_a_criticized_record_corrected_keyboard_only_in_tmux(tmp_path):
    balcao = Path(sys.executable).with_name("balcao")
    result = subprocess.run([sys.executable, str(HERE / "criticized_fix_in_tmux.py"),
                             "--balcao", str(balcao), "--data-dir", str(tmp_path / "fix")],
                            capture_output=True, text=True, timeout=240)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.startswith("ok: ")
