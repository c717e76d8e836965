"""domain/ imports only the standard library and itself."""

import ast
import sys
from pathlib import Path

import balcao_tui.domain

DOMAIN = Path(balcao_tui.domain.__file__).parent


def imported_roots(path: Path) -> set[str]:
    roots = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            roots |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.level == 0:
            roots.add(node.module)
    return roots


def test_domain_imports_only_stdlib():
    files = sorted(DOMAIN.rglob("*.py"))
    assert len(files) > 5
    for path in files:
        for name in imported_roots(path):
            allowed = name.split(".")[0] in sys.stdlib_module_names or name.startswith(
                "balcao_tui.domain"
            )
            assert allowed, f"{path.name} imports {name}"
