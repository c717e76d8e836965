"""`balcao backup` and `balcao restore` from the command line: what they print and their exit
codes; the resync left pending when the TJ is not configured (SQLite)."""
from __future__ import annotations

from balcao_tui.cli import main
from balcao_tui.store.db import close_database
from support.office import PASSWORD, make_office


def test_backup_then_restore_leaves_the_resync_pending_until_the_tj_answers(
        sqlite_url, tmp_path, capsys, monkeypatch):
    make_office(sqlite_url)
    close_database()
    copies = tmp_path / "copias"
    assert main(["--db", sqlite_url, "backup", "--dir", str(copies), "--keep", "2"]) == 0
    printed = capsys.readouterr().out
    [copy] = [p for p in copies.iterdir() if p.suffix == ".sqlite"]
    assert f"Cópia: {copy}" in printed and "SHA-256: " in printed

    assert main(["--db", sqlite_url, "restore", str(copy)]) == 1  # not a terminal: no "yes"
    assert "não confirmada" in capsys.readouterr().err
    assert main(["--db", sqlite_url, "restore", str(copy), "--yes"]) == 3
    assert "balcao restore --resync --login" in capsys.readouterr().out

    monkeypatch.setenv("BALCAO_PASSWORD", PASSWORD)
    assert main(["--db", sqlite_url, "restore", "--resync", "--login", "clara"]) == 1
    assert "não tem permissão" in capsys.readouterr().err
    assert main(["--db", sqlite_url, "restore", "--resync", "--login", "sueli"]) == 3
    assert "continua pendente" in capsys.readouterr().err

    copy.write_bytes(copy.read_bytes()[:-1])
    assert main(["--db", sqlite_url, "restore", str(copy), "--yes"]) == 1
    assert "corrompida" in capsys.readouterr().err
    close_database()
