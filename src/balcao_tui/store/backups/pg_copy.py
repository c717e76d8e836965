"""A PostgreSQL copy with pg_dump (one snapshot: consistent while terminals write) and its
restore with pg_restore, in one transaction. The password goes through PGPASSWORD, never on
a command line; the tools are the server's version (or newer)."""
from __future__ import annotations

import glob
import os
import shutil
import subprocess
from pathlib import Path
from urllib.parse import unquote, urlparse, urlunparse

from ..errors import Refused

TOOL_DIR_ENV = "BALCAO_PG_BINDIR"


def dump_postgres(url: str, temp: Path, server_major: int) -> None:
    _run(url, [_tool("pg_dump", server_major), "--format=custom", "--no-owner",
               f"--file={temp}"], "pg_dump")


def restore_postgres(url: str, backup: Path, server_major: int) -> None:
    _run(url, [_tool("pg_restore", server_major), "--clean", "--if-exists", "--no-owner",
               "--no-privileges", "--single-transaction", "--exit-on-error", str(backup)],
         "pg_restore")


def _run(url: str, command: list[str], what: str) -> None:
    target, password = _without_password(url)
    env = {**os.environ}
    if password is not None:
        env["PGPASSWORD"] = password
    done = subprocess.run([*command, f"--dbname={target}"], env=env, capture_output=True,
                          text=True, check=False)
    if done.returncode != 0:
        detail = (done.stderr.strip().splitlines() or ["sem detalhes"])[-1]
        raise Refused(f"{what} falhou: {detail}")


def _without_password(url: str) -> tuple[str, str | None]:
    parsed = urlparse(url)
    password = unquote(parsed.password) if parsed.password is not None else None
    netloc = parsed.hostname or ""
    if parsed.username:
        netloc = f"{parsed.username}@{netloc}"
    if parsed.port:
        netloc = f"{netloc}:{parsed.port}"
    return urlunparse(parsed._replace(scheme="postgresql", netloc=netloc)), password


def _tool(name: str, server_major: int) -> str:
    """The tool of the server's major version if installed (Debian keeps one directory per
    version), else the newest one that is not older than the server."""
    given = os.environ.get(TOOL_DIR_ENV)
    if given:
        return str(Path(given) / name)
    versions = sorted((int(Path(d).parent.name), d)
                      for d in glob.glob("/usr/lib/postgresql/*/bin")
                      if Path(d).parent.name.isdigit())
    fitting = [d for major, d in versions if major == server_major] or [
        d for major, d in reversed(versions) if major > server_major]
    if fitting and Path(fitting[0], name).exists():
        return str(Path(fitting[0], name))
    found = shutil.which(name)
    if found is None:
        raise Refused(f"{name} não foi encontrado: instale o cliente do PostgreSQL "
                      f"{server_major} ou informe a pasta na variável {TOOL_DIR_ENV}.")
    return found
