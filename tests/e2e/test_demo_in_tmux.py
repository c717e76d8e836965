"""The installed demo, driven in tmux at 80x24 as a person would: one recognition; a whole
day closed (the clerk's drawer, then the supervisor's closing); a new clerk created, given
seals and logged in with the first-access code; a record the TJ criticized, seen on the
dashboard and corrected."""
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

HERE = Path(__file__).parent

pytestmark = [pytest.mark.slow,
              pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed here")]


def run_scenario(script: str, data_dir: Path) -> str:
    balcao = Path(sys.executable).with_name("balcao")
    result = subprocess.run([sys.executable, str(HERE / script), "--balcao", str(balcao),
                             "--data-dir", str(data_dir)],
                            capture_output=True, text=True, timeout=240)
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout


def test_demo_recognition_in_tmux(tmp_path):
    assert run_scenario("demo_in_tmux.py", tmp_path / "demo").startswith("ok: seal ")


def test_demo_day_closed_keyboard_only_in_tmux(tmp_path):
    assert run_scenario("closing_day_in_tmux.py", tmp_path / "demo").startswith("ok: day ")


def test_new_clerk_with_a_sheet_and_the_first_access_code_in_tmux(tmp_path):
    assert run_scenario("first_access_in_tmux.py", tmp_path / "demo").startswith("ok: nina ")


def test_a_criticized_record_seen_on_the_dashboard_and_corrected_in_tmux(tmp_path):
    assert run_scenario("criticized_fix_in_tmux.py", tmp_path / "demo").startswith("ok: ")
