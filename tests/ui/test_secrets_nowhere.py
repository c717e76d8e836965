"""No secret anywhere after a real run with secrets set: the TJ credentials imported through
the CLI (stdin and a file) and the credentials screen, seals sent to the simulator by
`balcao transmit` and by the App's transmitter, a password typed into the login field for
an unknown login and a wrong one for a known login. Then the log files, the database (its
raw bytes on SQLite, every table's rows on PostgreSQL), the audit trail and the command
line of every process seen meanwhile are searched for each secret."""
from __future__ import annotations

import logging
import subprocess
import threading
from pathlib import Path

from balcao_tui.app import BalcaoApp
from balcao_tui.cli.log_files import setup_logging
from balcao_tui.screens.credentials import CredentialsScreen
from balcao_tui.screens.home import HomeScreen
from balcao_tui.store.db import database
from balcao_tui.store.models import AuditEntry
from balcao_tui.store.secret_box import ensure_key_file
from balcao_tui.store.usecases.office import set_settings
from balcao_tui.tj.deferred import DeferredTransmitter
from balcao_tui.tj.link_status import LinkState
from support.office import PASSWORD
from support.seal_records import insert_pending
from transmit.conftest import (  # noqa: F401  (fixtures)
    CERT_PASSWORD,
    CLI,
    CLIENT_ID,
    CLIENT_SECRET,
    FAST,
    cert_files,
    count_in_state,
    sim,
)

from .helpers import burst, settle

TYPED_AS_LOGIN = "SenhaNoCampoLogin-8k"   # a password typed into the login field
WRONG_FOR_CLARA = "senha-errada-da-clara-5"
SECRETS = (CERT_PASSWORD, CLIENT_SECRET, TYPED_AS_LOGIN, WRONG_FOR_CLARA, PASSWORD)


class CommandLines:
    """Every process's command line (/proc/*/cmdline), sampled until stopped."""

    def __init__(self) -> None:
        self.seen: set[bytes] = set()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)
        self._thread.start()

    def _sample(self) -> None:
        while not self._stop.is_set():
            for entry in Path("/proc").iterdir():
                if entry.name.isdigit():
                    try:
                        self.seen.add((entry / "cmdline").read_bytes())
                    except OSError:
                        pass
            self._stop.wait(0.02)

    def stop(self) -> set[bytes]:
        self._stop.set()
        self._thread.join()
        return self.seen


def balcao(url: str, *args: str, input: str | None = None) -> subprocess.CompletedProcess:
    result = subprocess.run([*CLI, "--db", url, *args], input=input, capture_output=True,
                            text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    return result


def database_text(url: str, tmp_path: Path) -> bytes:
    if url.startswith("sqlite:///"):
        file = Path(url.removeprefix("sqlite:///"))
        return b"".join(p.read_bytes() for p in file.parent.glob(file.name + "*"))
    rows = [repr(database.execute_sql(f'SELECT * FROM "{table}"').fetchall())
            for table in database.get_tables()]
    return "\n".join(rows).encode()


async def run_the_app(url: str, cert: Path) -> None:
    app = BalcaoApp(url, transmitter=DeferredTransmitter(tuning=FAST))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        for login, password in [(TYPED_AS_LOGIN, "qualquer-coisa-1"), ("clara", WRONG_FOR_CLARA),
                                ("admin", PASSWORD)]:
            await burst(pilot, "escape", login, "enter", password, "enter")
        assert isinstance(app.screen, HomeScreen)
        app.open_destination("credentials")
        await settle(pilot)
        assert isinstance(app.screen, CredentialsScreen)
        await burst(pilot, str(cert), "enter", CERT_PASSWORD, "enter")
        await burst(pilot, "tab", "tab", CLIENT_ID, "enter", CLIENT_SECRET, "enter")
        for _ in range(400):
            if app.link is not None and app.link.state is LinkState.ONLINE \
                    and count_in_state("pending") == 0:
                break
            await pilot.pause(0.05)
        assert app.link.state is LinkState.ONLINE, app.link
        app.transmitter.stop()
        await settle(pilot)


async def test_no_secret_in_logs_database_audit_or_command_lines(any_office, sim, cert_files,
                                                                 key_file, tmp_path):
    ensure_key_file(key_file)
    set_settings(None, {"tj.url": sim.url, "tj.mode": "online"})
    app_log = tmp_path / "log" / "balcao.log"
    ours = logging.getLogger("balcao_tui")
    handlers = list(ours.handlers)
    setup_logging(str(app_log))
    command_lines = CommandLines()
    try:
        url = any_office.url
        login = ["--login", "admin", "--password-stdin"]
        outputs = [balcao(url, "credentials", "import-cert", str(cert_files.p12), *login,
                          "--secret-stdin", input=f"{PASSWORD}\n{CERT_PASSWORD}\n")]
        secret_file = tmp_path / "secret.txt"
        secret_file.write_text(CLIENT_SECRET)
        outputs.append(balcao(url, "credentials", "set-oauth", "--client-id", CLIENT_ID, *login,
                              "--secret-file", str(secret_file), input=PASSWORD + "\n"))
        outputs.append(balcao(url, "credentials", "show", *login, input=PASSWORD + "\n"))
        outputs.append(balcao(url, "config", "show"))
        insert_pending(3)
        transmit_log = tmp_path / "log" / "transmissor.log"
        outputs.append(balcao(url, "transmit", "--once", "--log-file", str(transmit_log)))
        assert count_in_state("communicated") == 3
        insert_pending(2, first=900_000)
        await run_the_app(url, cert_files.p12)
    finally:
        seen = command_lines.stop()
        for handler in set(ours.handlers) - set(handlers):
            ours.removeHandler(handler)
            handler.close()
    audit = [(a.action, a.entity_id, a.detail, a.reason) for a in AuditEntry.select()]
    actions = [entry[0] for entry in audit]
    assert {"credentials.certificate", "credentials.oauth", "login.fail",
            "login.ok"} <= set(actions)
    assert ("login.fail", "desconhecido") in [(a, e) for a, e, _, _ in audit]
    logs = app_log.read_text() + transmit_log.read_text()
    assert "status online" in logs
    places = {"log files": logs.encode(), "database": database_text(url, tmp_path),
              "audit trail": repr(audit).encode(),
              "command lines": b"\n".join(seen),
              "command output": "".join(o.stdout + o.stderr for o in outputs).encode()}
    assert any(b"credentials" in line for line in seen)  # the sampler saw the CLI run
    for secret in SECRETS:
        for variant in {secret, secret.lower()}:
            for place, content in places.items():
                assert variant.encode() not in content, f"{secret!r} found in the {place}"
