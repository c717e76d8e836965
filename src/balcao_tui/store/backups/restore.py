"""Restoring a backup: the copy verified, refused while another process uses the database
(when that can be seen), put in place, brought to this version's schema and marked
"resync required", so that nothing heads for the TJ before the resync (tj/resync.py)."""
from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from ...domain.deadlines import format_local, utcnow
from ..audit import audit
from ..audit_chain import verify_chain
from ..db import close_database, connected, open_database, sqlite_file, write_transaction
from ..errors import Refused
from ..migrations import migrate
from ..models import Lease
from ..resync_flag import require_resync
from .files import BackupInfo, verify_backup
from .pg_copy import restore_postgres
from .sqlite_copy import stage_sqlite, swap_in
from .take import server_major


@dataclass(frozen=True)
class Restored:
    backup: BackupInfo
    replaced: Path | None  # SQLite: where the database it replaced was kept


class DatabaseInUse(Refused):
    pass


class BrokenAuditTrail(Refused):
    pass


def restore_backup(path: Path | str, url: str, *, force: bool = False,
                   now: datetime | None = None) -> Restored:
    """Replace the database at `url` with the backup at `path`. Ends with the store open on
    `url`, marked resync required. `force`: even if another process seems to use it."""
    now = now or utcnow()
    info = verify_backup(path)
    target = sqlite_file(url)
    close_database()
    replaced = None
    if target is not None:
        if not force:
            _refuse_if_in_use(url if target.exists() else None, _sqlite_users(target))
        staged = stage_sqlite(info.path, target)
        try:
            _mark_restored(f"sqlite:///{staged}", info, now)
        except BrokenAuditTrail:
            staged.unlink()
            raise
        replaced = swap_in(staged, target, now)
    else:
        open_database(url)
        with connected():
            major = server_major()
            others = _pg_sessions()
        close_database()
        if not force:
            _refuse_if_in_use(url, others)
        restore_postgres(url, info.path, major)
        _mark_restored(url, info, now)
    open_database(url)
    return Restored(info, replaced)


def _mark_restored(url: str, info: BackupInfo, now: datetime) -> None:
    """Marked resync required even when its audit trail turns out violated (PostgreSQL has
    already replaced the database then); a violated trail is refused, not audited over."""
    open_database(url)
    try:
        with connected():
            migrate()
            chain = verify_chain()
            with write_transaction():
                require_resync(info.taken_at)
                if chain.ok:
                    audit(None, "backup.restore", "backup", info.path.name,
                          {"arquivo": str(info.path), "sha256": info.sha256,
                           "copia_de": info.taken_at.isoformat(),
                           "restaurado_em": now.isoformat()})
    finally:
        close_database()
    if not chain.ok:
        raise BrokenAuditTrail(f"A cópia {info.path.name} tem a {chain.summary()}: veja "
                               "balcao audit verify antes de usá-la.")


def _refuse_if_in_use(url: str | None, users: list[str]) -> None:
    if url is not None:
        users = users + _live_leases(url)
    if users:
        raise DatabaseInUse("O banco está em uso (" + "; ".join(users) + "). Encerre os "
                            "terminais e o transmissor antes de restaurar, ou use --force.")


def _live_leases(url: str) -> list[str]:
    open_database(url)
    try:
        with connected() as db:
            if not db.table_exists(Lease._meta.table_name):
                return []
            now = utcnow()
            return [f"{lease.name} com {lease.holder} até {format_local(lease.expires_at)}"
                    for lease in Lease.select().where((Lease.holder != "")
                                                      & (Lease.expires_at > now))]
    finally:
        close_database()


def _pg_sessions() -> list[str]:
    from ..db import database

    rows = database.obj.execute_sql(
        "SELECT pid, coalesce(application_name, '') FROM pg_stat_activity "
        "WHERE datname = current_database() AND pid <> pg_backend_pid()").fetchall()
    return [f"sessão {pid} {name}".strip() for pid, name in rows]


def _sqlite_users(target: Path) -> list[str]:
    """Other processes of this machine with the file (or its WAL) open, as far as /proc lets
    this user see (another system user's processes are seen only by root)."""
    names = {str(target.resolve()), f"{target.resolve()}-wal"}
    found = []
    for entry in Path("/proc").glob("[0-9]*"):
        if int(entry.name) == os.getpid():
            continue
        try:
            if any(os.readlink(fd) in names for fd in (entry / "fd").iterdir()):
                found.append(f"processo {entry.name}")
        except OSError:
            continue
    return found
