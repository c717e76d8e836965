"""A real office server on this machine: a system group with two clerks' accounts, an
OpenSSH server on 127.0.0.1 whose ForceCommand opens `balcao` with the office's settings,
and a non-editable install of the product that those accounts can reach (/root is 0700).

Needs root (groupadd, useradd, sshd). Everything lives under one world-readable folder in
/tmp, removed at the end with the group and the accounts.
"""
from __future__ import annotations

import grp
import os
import pwd
import shlex
import shutil
import socket
import subprocess
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SSHD = "/usr/sbin/sshd"
SYSTEM_PYTHON = "/usr/bin/python3"
GROUP = "balcao-e2e"
CLERKS = ("escr-e2e-1", "escr-e2e-2")


def missing_requirement() -> str | None:
    """Why this machine cannot run the SSH scenario, or None."""
    if os.geteuid() != 0:
        return "needs root: it creates a system group, two accounts and runs sshd"
    for path, package in ((SSHD, "openssh-server"), ("/usr/bin/ssh", "openssh-client"),
                          (SYSTEM_PYTHON, "python3-venv")):
        if not Path(path).exists():
            return f"{path} is missing (apt-get install {package})"
    if shutil.which("tmux") is None:
        return "tmux is not installed"
    return None


def world_readable_folder(prefix: str) -> Path:
    folder = Path(tempfile.mkdtemp(prefix=prefix))
    folder.chmod(0o755)
    return folder


def install_product(folder: Path, extras: str = "[postgres]") -> Path:
    """A venv under `folder` with the product installed from this checkout (not editable);
    returns its `balcao`."""
    venv = folder / "venv"
    subprocess.run([SYSTEM_PYTHON, "-m", "venv", str(venv)], check=True, timeout=300)
    subprocess.run([str(venv / "bin" / "pip"), "install", "-q", f"{ROOT}{extras}"], check=True,
                   timeout=900)
    return venv / "bin" / "balcao"


def run(*command: str) -> subprocess.CompletedProcess:
    return subprocess.run(command, capture_output=True, text=True, timeout=60)


class SystemAccounts:
    """The office's group and its clerks' accounts (homes under `folder`)."""

    def __init__(self, folder: Path):
        self.folder = folder
        self.remove()  # a run that was killed may have left them
        run("groupadd", GROUP).check_returncode()
        for login in CLERKS:
            home = folder / "home" / login
            home.parent.mkdir(mode=0o755, exist_ok=True)
            run("useradd", "-m", "-d", str(home), "-s", "/bin/sh", "-g", GROUP, "-N",
                login).check_returncode()
            # "*": no password, yet not locked ("!"), so sshd accepts the key.
            run("usermod", "-p", "*", login).check_returncode()

    @property
    def gid(self) -> int:
        return grp.getgrnam(GROUP).gr_gid

    @staticmethod
    def uid(login: str) -> int:
        return pwd.getpwnam(login).pw_uid

    @staticmethod
    def can_write(login: str, path: Path) -> bool:
        return run("runuser", "-u", login, "--", "test", "-w", str(path)).returncode == 0

    @staticmethod
    def remove() -> None:
        for login in CLERKS:
            run("userdel", login)
        run("groupdel", GROUP)


class OfficeSshd:
    """sshd on a free port of 127.0.0.1, its own host key and authorized keys, every login
    forced into `command`; `ssh_command(login)` opens a session as a clerk."""

    def __init__(self, folder: Path, command: Path):
        self.folder = folder / "sshd"
        self.folder.mkdir(mode=0o755)
        Path("/run/sshd").mkdir(mode=0o755, exist_ok=True)  # privilege separation
        self.client_key = self.folder / "client_key"
        for key in (self.folder / "host_key", self.client_key):
            run("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", str(key)).check_returncode()
        authorized = self.folder / "authorized"
        authorized.mkdir(mode=0o755)
        for login in CLERKS:
            (authorized / login).write_text((self.folder / "client_key.pub").read_text())
            (authorized / login).chmod(0o644)
        self.port = free_port()
        config = self.folder / "sshd_config"
        config.write_text("\n".join([
            f"Port {self.port}", "ListenAddress 127.0.0.1",
            f"HostKey {self.folder / 'host_key'}", f"PidFile {self.folder / 'sshd.pid'}",
            f"AuthorizedKeysFile {authorized}/%u", "StrictModes no",
            "PasswordAuthentication no", "KbdInteractiveAuthentication no", "UsePAM no",
            "PermitRootLogin no", f"AllowGroups {GROUP}", f"ForceCommand {command}",
            "PrintMotd no", "PrintLastLog no", "X11Forwarding no", "AllowTcpForwarding no",
        ]) + "\n")
        self.log = self.folder / "sshd.log"
        self.process = subprocess.Popen([SSHD, "-D", "-e", "-f", str(config)],
                                        stderr=self.log.open("wb"))
        wait_listening(self.port, self.process, self.log)

    def ssh_command(self, login: str) -> str:
        return shlex.join([
            "ssh", "-tt", "-F", "/dev/null", "-i", str(self.client_key), "-p", str(self.port),
            "-o", "StrictHostKeyChecking=no", "-o", "UserKnownHostsFile=/dev/null",
            "-o", "BatchMode=yes", "-o", "IdentitiesOnly=yes", "-o", "LogLevel=ERROR",
            f"{login}@127.0.0.1"])

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=10)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_listening(port: int, process: subprocess.Popen, log: Path, timeout: float = 20) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise AssertionError(f"sshd exited: {log.read_text()}")
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.2)
    raise AssertionError(f"sshd did not listen on {port}: {log.read_text()}")


def office_command(folder: Path, balcao: Path, settings: dict[str, str]) -> Path:
    """The ForceCommand: a script that reads the office's settings (readable by the group
    only: a PostgreSQL URL carries a password) and runs `balcao`."""
    env_file = folder / "office.env"
    env_file.write_text("".join(f"{key}={shlex.quote(value)}\n"
                                for key, value in settings.items()))
    os.chown(env_file, -1, grp.getgrnam(GROUP).gr_gid)
    env_file.chmod(0o640)
    script = folder / "balcao-office"
    script.write_text(f"#!/bin/sh\nset -a\n. {env_file}\nset +a\nexec {balcao}\n")
    script.chmod(0o755)
    return script
