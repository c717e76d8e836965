"""The office's group of system users: clerks, each on their own account, share the data
folders (database, key of the secrets, logs) through one group, and nobody else reads them.

The folders are setgid to the group, so whatever anyone creates inside belongs to it;
`balcao` runs with umask 007 (cli.main), so it is created readable and writable by the group
and by no one else. SQLite gives its -wal and -shm files the database file's mode.
"""
from __future__ import annotations

import grp
import os
import stat
from pathlib import Path

from ..domain.refusal import Refusal

FOLDER_MODE = 0o2770


def group_id(name: str) -> int:
    try:
        return grp.getgrnam(name).gr_gid
    except (KeyError, ValueError, UnicodeError):  # unknown, or no group could be so named
        shown = ascii(name[:24])
        raise Refusal(f"o grupo do sistema {shown} não existe; crie-o com: groupadd NOME") \
            from None


def share_with_group(folders: list[Path], group: str) -> None:
    """Each folder (created if missing) and everything in it: owned by `group`, folders
    setgid 2770, files readable and writable by the group and not by the others."""
    gid = group_id(group)
    for folder in dict.fromkeys(folders):
        folder.mkdir(parents=True, exist_ok=True)
        for path in [folder, *folder.rglob("*")]:
            _give(path, gid)


def _give(path: Path, gid: int) -> None:
    try:
        os.chown(path, -1, gid, follow_symlinks=False)
        if path.is_symlink():
            return
        mode = stat.S_IMODE(path.stat().st_mode)
        os.chmod(path, FOLDER_MODE | (mode & 0o700) if path.is_dir()
                 else (mode | 0o060) & ~0o007)
    except PermissionError:
        raise Refusal(f"não foi possível passar {path} ao grupo: rode como o dono do arquivo "
                      "(membro do grupo) ou como root.") from None
