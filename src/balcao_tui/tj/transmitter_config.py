"""The transmitter's configuration: office settings (`tj.*`) and process tuning.

Settings live in the database (store.usecases.office), so every terminal and the daemon
read the same ones; they are read again on every cycle, so a change takes effect without
a restart. The secrets (client secret, certificate password) are stored encrypted
(store.usecases.credentials) and decrypted here with the key file; they are kept out of
repr().
"""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Mapping

from ..domain.transmission_mode import (
    MODE_ONLINE,
    MODE_SCHEDULED,
    MODES,
    ScheduleError,
    parse_schedule,
)
from ..store.errors import Refused
from ..store.secret_box import decrypt_secret, key_file_path
from .wire import MAX_BATCH

PASSWORD_ENV = "BALCAO_CERT_PASSWORD"

# Every key the transmitter reads, with its default ("" means: must be configured).
DEFAULTS = {
    "tj.url": "",
    "tj.client_id": "",
    "tj.client_secret": "",
    "tj.cert_path": "",
    "tj.cert_password": "",
    "tj.mode": MODE_ONLINE,
    "tj.schedule": "21:00",
}
_REQUIRED = {
    "tj.url": "o endereço da API do TJ",
    "tj.client_id": "o client id do TJ",
    "tj.client_secret": "o client secret do TJ",
    "tj.cert_path": "o arquivo do certificado A1",
}


@dataclass(frozen=True)
class TransmitterConfig:
    url: str
    client_id: str
    client_secret: str = field(repr=False)
    cert_path: str
    cert_password: str = field(repr=False)
    mode: str
    schedule: tuple[int, int]
    problem: str = ""  # pt-BR: why nothing can be sent with this configuration
    secret_problem: str = ""  # pt-BR: why a secret could not be decrypted (also in problem)

    @property
    def client_key(self) -> tuple[str, str, str]:
        """What a TJ client is built from: a change means a new client."""
        return (self.url, self.client_id, self.client_secret)

    @property
    def schedule_text(self) -> str:
        return f"{self.schedule[0]:02d}:{self.schedule[1]:02d}"


@dataclass(frozen=True)
class TransmitterTuning:
    """How the process behaves; not office settings (tests shorten every time here)."""

    lease_ttl: float = 15.0          # seconds a lease lasts without renewal
    poll_interval: float = 5.0       # seconds between database polls (other processes)
    backoff_base: float = 1.0        # first wait after the TJ fails, doubled each time
    backoff_max: float = 300.0       # longest wait between attempts
    urgent_horizon: timedelta = timedelta(hours=2)  # agendado: send what is due this soon
    batch_size: int = MAX_BATCH
    http_timeout: float = 30.0
    control_poll: float = 0.5        # seconds between reads of the pause and send-now
    prune_every: float = 60.0        # seconds between prunings of the change log

    def __post_init__(self) -> None:
        if not 1 <= self.batch_size <= MAX_BATCH:
            raise ValueError(f"batch_size must be between 1 and {MAX_BATCH}")
        if self.lease_ttl <= 0 or self.poll_interval <= 0:
            raise ValueError("lease_ttl and poll_interval must be positive")


def config_from_settings(settings: Mapping[str, str],
                         env: Mapping[str, str] | None = None) -> TransmitterConfig:
    """Build the configuration; a problem is reported in `problem`, never raised."""
    env = os.environ if env is None else env
    values = {key: (settings.get(key) or default).strip() for key, default in DEFAULTS.items()}
    problems = []
    missing = [label for key, label in _REQUIRED.items() if not values[key]]
    if missing:
        problems.append("Transmissão ao TJ não configurada: informe " + ", ".join(missing) + ".")
    secret = password = secret_problem = ""
    try:
        if values["tj.client_secret"]:
            secret = decrypt_secret(values["tj.client_secret"], key_file_path(env),
                                    "O client secret do TJ")
        password = env.get(PASSWORD_ENV) or ""
        if not password and values["tj.cert_password"]:
            password = decrypt_secret(values["tj.cert_password"], key_file_path(env),
                                      "A senha do certificado")
    except Refused as exc:
        secret_problem = exc.message
        problems.append(secret_problem)
    mode = values["tj.mode"].lower()
    if mode not in MODES:
        problems.append(f"Modo de transmissão inválido: {values['tj.mode']!r} "
                        "(use online, offline ou agendado).")
    try:
        schedule = parse_schedule(values["tj.schedule"])
    except ScheduleError as exc:
        schedule = parse_schedule(DEFAULTS["tj.schedule"])
        if mode == MODE_SCHEDULED:
            problems.append(str(exc))
    return TransmitterConfig(
        url=values["tj.url"], client_id=values["tj.client_id"],
        client_secret=secret,
        cert_path=values["tj.cert_path"], cert_password=password, mode=mode,
        schedule=schedule, problem=" ".join(problems), secret_problem=secret_problem)
