"""Taking a backup of the open store: a consistent copy, its checksum, the moment recorded in
the live database (the backup age check reads backup.last_at) and the old copies pruned."""
from __future__ import annotations

from datetime import datetime
from pathlib import Path

from ...domain.deadlines import utcnow
from ..audit import audit
from ..db import database, sqlite_file, write_transaction
from ..usecases.office import write_settings
from .files import BackupInfo, backup_name, prune, seal_file, sidecar
from .pg_copy import dump_postgres
from .sqlite_copy import copy_sqlite

LAST_AT, LAST_PATH = "backup.last_at", "backup.last_path"


def take_backup(url: str, directory: Path | str, now: datetime | None = None, *,
                keep: int | None = None) -> BackupInfo:
    """Copy the database at `url` (the store must be open on it) into `directory`; with
    `keep`, only the newest `keep` copies stay there."""
    now = now or utcnow()
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    source = sqlite_file(url)
    final = directory / backup_name(now, ".sqlite" if source else ".pgdump")
    temp = directory / f".{final.name}.parcial"
    try:
        if source is not None:
            copy_sqlite(source, temp)
        else:
            dump_postgres(url, temp, server_major())
        info = seal_file(temp, final, now)
    finally:
        temp.unlink(missing_ok=True)
        sidecar(temp).unlink(missing_ok=True)
    with write_transaction():
        write_settings({LAST_AT: now.isoformat(), LAST_PATH: str(info.path)})
        audit(None, "backup.take", "backup", info.path.name,
              {"arquivo": str(info.path), "tamanho": info.size, "sha256": info.sha256})
    if keep:
        prune(directory, keep)
    return info


def server_major() -> int:
    """The PostgreSQL server's major version, from the open store."""
    number = database.obj.execute_sql("SHOW server_version_num").fetchone()[0]
    return int(number) // 10000
