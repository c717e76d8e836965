"""The files of a backup: a name that says when it was taken, a `.sha256` sidecar in
`sha256sum` format (so `sha256sum -c` checks it too), the last N copies kept."""
from __future__ import annotations

import hashlib
import os
import re
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from ..errors import Refused

PREFIX = "balcao-"
SUFFIXES = (".sqlite", ".pgdump")
_STAMP = "%Y%m%d-%H%M%S"
_NAME = re.compile(r"balcao-(\d{8}-\d{6})-(\d{6})Z\.(sqlite|pgdump)")
_CHUNK = 1 << 20


@dataclass(frozen=True)
class BackupInfo:
    path: Path
    sha256: str
    size: int
    taken_at: datetime  # UTC


def backup_name(taken_at: datetime, suffix: str) -> str:
    utc = taken_at.astimezone(timezone.utc)
    return f"{PREFIX}{utc.strftime(_STAMP)}-{utc.microsecond:06d}Z{suffix}"


def sidecar(path: Path) -> Path:
    return path.with_name(path.name + ".sha256")


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as source:
        while chunk := source.read(_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def seal_file(temp: Path, final: Path, taken_at: datetime) -> BackupInfo:
    """Flush the finished copy, write its checksum, and only then give it its name: a copy
    cut short never looks like a backup."""
    with open(temp, "rb") as written:
        os.fsync(written.fileno())
    checksum = file_sha256(temp)
    side_temp = sidecar(temp)
    side_temp.write_text(f"{checksum}  {final.name}\n", encoding="ascii")
    os.replace(side_temp, sidecar(final))
    os.replace(temp, final)
    _sync_directory(final.parent)
    return BackupInfo(final, checksum, final.stat().st_size, taken_at)


def verify_backup(path: Path | str) -> BackupInfo:
    """The copy's details once its checksum matches its sidecar; refused otherwise."""
    path = Path(path)
    if not path.is_file():
        raise Refused(f"Cópia de segurança não encontrada: {path}.", field="path")
    side = sidecar(path)
    if not side.is_file():
        raise Refused(f"Falta o arquivo de verificação {side.name} ao lado da cópia: sem ele "
                      "não há como saber se a cópia está íntegra.", field="path")
    expected = side.read_text(encoding="ascii", errors="replace").split(maxsplit=1)
    checksum = file_sha256(path)
    if not expected or expected[0].lower() != checksum:
        raise Refused(f"A cópia {path.name} está corrompida ou incompleta: a soma de "
                      "verificação (SHA-256) não confere. Use outra cópia.", field="path")
    return BackupInfo(path, checksum, path.stat().st_size, taken_at(path))


def taken_at(path: Path) -> datetime:
    """From the name the backup was given; a renamed copy: its file's modification time."""
    match = _NAME.fullmatch(path.name)
    if match:
        stamp = datetime.strptime(match.group(1), _STAMP).replace(tzinfo=timezone.utc)
        return stamp.replace(microsecond=int(match.group(2)))
    return datetime.fromtimestamp(path.stat().st_mtime, timezone.utc)


def prune(directory: Path, keep: int) -> list[Path]:
    """Delete all but the newest `keep` backups in `directory` (with their sidecars)."""
    copies = sorted(p for p in directory.iterdir() if _NAME.fullmatch(p.name))
    gone = copies[:-keep] if keep > 0 else []
    for path in gone:
        sidecar(path).unlink(missing_ok=True)
        path.unlink()
    return gone


def _sync_directory(directory: Path) -> None:
    fd = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
