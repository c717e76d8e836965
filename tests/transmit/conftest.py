"""Fixtures for the transmitter: certificates, the TJ simulator (thread or process), the
office's TJ settings, the transmitter in-process or as `balcao transmit` processes."""
from __future__ import annotations

import asyncio
import os
import signal
import sqlite3
import subprocess
import sys
import time
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

import httpx
import pytest

from balcao_tui.store.models import SealRecord
from balcao_tui.store.secret_box import ensure_key_file, key_file_path
from balcao_tui.store.usecases.credentials import import_certificate, set_oauth_client
from balcao_tui.store.usecases.office import set_settings
from balcao_tui.tj.signing import OfficeCertificate, load_certificate, make_test_certificate
from balcao_tui.tj.simulator import OfficeRegistration, start_simulator_in_thread
from balcao_tui.tj.simulator.registration import write_registrations_file
from balcao_tui.tj.transmitter import Transmitter
from balcao_tui.tj.transmitter_config import TransmitterTuning

CNS = "145573"
CLIENT_ID = "cartorio-145573"
CLIENT_SECRET = "segredo-do-cliente-7Q2"
CERT_PASSWORD = "senha-do-certificado-K9"
SECRETS = (CLIENT_SECRET, CERT_PASSWORD)

FAST = TransmitterTuning(lease_ttl=2.0, poll_interval=0.3, backoff_base=0.05,
                         backoff_max=0.4, http_timeout=10.0)
CLI = [sys.executable, "-c", "import sys; from balcao_tui.cli import main; sys.exit(main())"]
# A few poll periods and control reads: long enough for a transmitter that ignored a
# pause (or a mode that holds records) to send again.
QUIET = 5 * FAST.poll_interval + 2 * FAST.control_poll
FAST_FLAGS = ["--lease-seconds", "2", "--poll-seconds", "0.3", "--backoff-seconds", "0.05"]


@dataclass(frozen=True)
class CertFiles:
    p12: Path
    pem: Path
    cert: OfficeCertificate
    expired_p12: Path


@pytest.fixture(scope="session")
def cert_files(tmp_path_factory) -> CertFiles:
    directory = tmp_path_factory.mktemp("a1")
    p12, expired = directory / "office.p12", directory / "expired.p12"
    make_test_certificate(p12, CERT_PASSWORD, common_name="Tabelião de Teste", cns=CNS)
    make_test_certificate(expired, CERT_PASSWORD, common_name="Tabelião de Teste", cns=CNS,
                          not_before=datetime(2020, 1, 1, tzinfo=timezone.utc), valid_days=30)
    cert = load_certificate(p12, CERT_PASSWORD)
    pem = directory / "office.pem"
    pem.write_text(cert.public_pem())
    return CertFiles(p12, pem, cert, expired)


def configure_tj(url: str, cert_path: Path, **extra: str) -> None:
    """The office's TJ link, its secrets encrypted with the test's key file."""
    ensure_key_file(key_file_path())
    import_certificate(None, str(cert_path), CERT_PASSWORD)
    set_oauth_client(None, CLIENT_ID, CLIENT_SECRET)
    set_settings(None, {"tj.url": url, "tj.mode": "online", **extra})


# -- the simulator ---------------------------------------------------------------------

def sim_stats(url: str) -> dict:
    return httpx.get(f"{url}/_sim/estatisticas", timeout=10).json()


def held_codes(state_path: Path) -> list[str]:
    """Every code the simulator holds, read from its state file (WAL: safe while running)."""
    db = sqlite3.connect(state_path)
    try:
        return [row[0] for row in db.execute("SELECT code FROM records")]
    finally:
        db.close()


def records_received(state_path: Path) -> int:
    """How many records the simulator took in, counted over its batches: a resend of a
    record it already held counts again, so this equals the codes held only when each
    record reached the TJ exactly once."""
    db = sqlite3.connect(state_path)
    try:
        return db.execute("SELECT COALESCE(SUM(record_count), 0) FROM batches").fetchone()[0]
    finally:
        db.close()


def batch_requests(url: str) -> int:
    """Every POST of a batch the simulator got, failed ones included."""
    return sim_stats(url).get("requisicoes_lote", 0)


def assert_reached_the_tj_once(state_path: Path, codes: list[str]) -> None:
    held = held_codes(state_path)
    assert len(held) == len(codes) and set(held) == set(codes)
    assert records_received(state_path) == len(codes)


@pytest.fixture
def sim(tmp_path, cert_files):
    """The simulator in a thread of this process, the office registered."""
    office = OfficeRegistration(CNS, cert_files.cert.public_pem(), CLIENT_ID, CLIENT_SECRET)
    handle = start_simulator_in_thread(tmp_path / "tj.db", offices=[office])
    handle.state_path = tmp_path / "tj.db"
    yield handle
    handle.stop()


class SimProcess:
    """`python -m balcao_tui.tj.simulator` as a real process, restartable on its port."""

    def __init__(self, state_path: Path, pem: Path, faults: list[str]) -> None:
        self.state_path = state_path
        self.pem = pem
        self.faults = faults
        self.port = 0
        self.process: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> None:
        registrations = write_registrations_file(
            self.state_path.with_name(f"{self.state_path.name}-cadastros.txt"),
            [f"{CNS}:{self.pem}:{CLIENT_ID}:{CLIENT_SECRET}"])
        self.process = subprocess.Popen(
            [sys.executable, "-m", "balcao_tui.tj.simulator", "--port", str(self.port),
             "--state", str(self.state_path), *self.faults,
             "--register-file", str(registrations)],
            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True,
            env={**os.environ, "PYTHONUNBUFFERED": "1"})
        line = self.process.stdout.readline().strip()
        assert line.startswith("TJ simulator listening on"), line
        self.port = int(line.rsplit(":", 1)[1])

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        if self.process is not None:
            self.process.stdout.close()


@pytest.fixture
def sim_process(tmp_path, cert_files):
    made: list[SimProcess] = []

    def start(*faults: str) -> SimProcess:
        process = SimProcess(tmp_path / "tj-proc.db", cert_files.pem, list(faults))
        process.start()
        made.append(process)
        return process

    yield start
    for process in made:
        process.stop()


# -- the transmitter -------------------------------------------------------------------

class Running:
    """A Transmitter running as a task of the test's event loop."""

    def __init__(self, transmitter: Transmitter) -> None:
        self.transmitter = transmitter
        self.statuses = []
        transmitter.on_status = self.statuses.append
        self.task = asyncio.create_task(transmitter.run())

    async def stop(self, timeout: float = 20.0):
        self.transmitter.stop()
        return await asyncio.wait_for(self.task, timeout)


@pytest.fixture
async def start_transmitter():
    running: list[Running] = []

    def start(tuning: TransmitterTuning = FAST, **kwargs) -> Running:
        handle = Running(Transmitter(tuning=tuning, **kwargs))
        running.append(handle)
        return handle

    yield start
    for handle in running:
        if not handle.task.done():
            await handle.stop()


def count_in_state(state: str) -> int:
    return SealRecord.select().where(SealRecord.state == state).count()


async def wait_for(predicate, timeout: float = 60.0, interval: float = 0.02) -> float:
    """Poll `predicate` (quick store queries, on this thread's connection); seconds taken."""
    started = time.monotonic()
    while not predicate():
        if time.monotonic() - started > timeout:
            raise AssertionError(f"condition not met within {timeout} s")
        await asyncio.sleep(interval)
    return time.monotonic() - started


def poll_until(predicate, timeout: float = 60.0, interval: float = 0.02) -> float:
    started = time.monotonic()
    while not predicate():
        if time.monotonic() - started > timeout:
            raise AssertionError(f"condition not met within {timeout} s")
        time.sleep(interval)
    return time.monotonic() - started


def transmit_process(db_url: str, log_file: Path, *extra: str) -> subprocess.Popen:
    return subprocess.Popen([*CLI, "--db", db_url, "transmit", "--log-file", str(log_file),
                             *FAST_FLAGS, *extra],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def transmit_status(db_url: str, *extra: str) -> subprocess.CompletedProcess:
    """`balcao transmit status` as another terminal would run it."""
    return subprocess.run([*CLI, "--db", db_url, "transmit", "status", *extra],
                          capture_output=True, text=True, timeout=60)


def assert_no_secrets(*texts: str) -> None:
    for text in texts:
        for secret in SECRETS:
            assert secret not in text
