"""A SQLite copy through SQLite's online backup API: one read transaction copies every page,
so the copy is the database as it stood at one instant while terminals keep writing (WAL
readers never block writers). The copy is a single file (rollback journal, no WAL)."""
from __future__ import annotations

import os
import shutil
import sqlite3
from datetime import datetime
from pathlib import Path

from ..errors import Refused


def copy_sqlite(source: Path, temp: Path) -> None:
    src = sqlite3.connect(source, timeout=30)
    try:
        dst = sqlite3.connect(temp)
        try:
            src.backup(dst)
            dst.execute("PRAGMA journal_mode=DELETE")
            _check_integrity(dst, temp.name)
        finally:
            dst.close()
    finally:
        src.close()


def stage_sqlite(backup: Path, target: Path) -> Path:
    """The verified copy, copied beside the database it will replace (same file system, so
    the final rename is atomic) and checked to open as a whole database."""
    target.parent.mkdir(parents=True, exist_ok=True)
    staged = target.with_name(f"{target.name}.restaurando")
    for path in (staged, Path(f"{staged}-wal"), Path(f"{staged}-shm")):
        path.unlink(missing_ok=True)
    shutil.copyfile(backup, staged)
    db = sqlite3.connect(staged)
    try:
        _check_integrity(db, backup.name)
    finally:
        db.close()
    return staged


def swap_in(staged: Path, target: Path, now: datetime) -> Path | None:
    """Put `staged` in the place of `target`; the replaced database (and its WAL) is kept
    aside, never deleted. Returns where it went."""
    stamp = now.strftime("%Y%m%d-%H%M%S")
    aside = None
    if target.exists():
        aside = target.with_name(f"{target.name}.substituido-{stamp}")
        os.replace(target, aside)
    for suffix in ("-wal", "-shm"):
        old = Path(f"{target}{suffix}")
        if old.exists():
            os.replace(old, Path(f"{target}.substituido-{stamp}{suffix}"))
    for suffix in ("-wal", "-shm"):
        Path(f"{staged}{suffix}").unlink(missing_ok=True)
    os.replace(staged, target)
    return aside


def _check_integrity(db: sqlite3.Connection, name: str) -> None:
    try:
        result = db.execute("PRAGMA integrity_check").fetchone()[0]
    except sqlite3.DatabaseError as exc:
        raise Refused(f"A cópia {name} não é um banco SQLite legível: {exc}.",
                      field="path") from None
    if result != "ok":
        raise Refused(f"A cópia {name} não passou na verificação de integridade do SQLite: "
                      f"{result}.", field="path")
