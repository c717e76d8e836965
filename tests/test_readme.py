"""The README's quick start is what CI runs, and the import contracts hold."""
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _quick_start() -> list[str]:
    text = (ROOT / "README.md").read_text()
    block = re.search(r"## Início rápido.*?```(?:bash|sh)?\n(.*?)```", text, re.S)
    assert block, "README has no quick-start block"
    return [line for line in block.group(1).splitlines() if line.strip()]


def test_quick_start_is_two_lines_demo_first():
    lines = _quick_start()
    assert len(lines) == 2
    assert lines[0].rstrip().endswith("balcao demo")
    assert "pytest" in lines[1]


def test_ci_runs_the_readme_test_command_verbatim():
    ci = (ROOT / ".ci" / "run").read_text().splitlines()
    assert _quick_start()[1] in ci


def test_import_contracts_keep_the_core_free_of_the_ui():
    result = subprocess.run([str(Path(sys.executable).parent / "lint-imports")], cwd=ROOT,
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "2 kept, 0 broken" in result.stdout
