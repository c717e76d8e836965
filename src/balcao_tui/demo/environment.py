"""The demo's data directory: database, seed data, test certificate and TJ settings."""
from __future__ import annotations

import secrets
from dataclasses import dataclass
from pathlib import Path

from platformdirs import user_data_dir

from ..store.db import open_database
from ..store.migrations import migrate
from ..store.usecases.office import get_settings, set_settings
from .seed import DEMO_CNS, DEMO_OFFICE, seed_office

CERT_PASSWORD = "demo-certificado"
CLIENT_ID = "balcao-demo"


@dataclass(frozen=True)
class DemoEnvironment:
    data_dir: Path
    db_url: str
    cert_path: Path
    cert_pem_path: Path
    client_secret: str

    @property
    def registration(self) -> str:
        return f"{DEMO_CNS}:{self.cert_pem_path}:{CLIENT_ID}:{self.client_secret}"


def default_data_dir() -> Path:
    return Path(user_data_dir("balcao-tui", appauthor=False)) / "demo"


def prepare(data_dir: Path, db_url: str | None = None) -> DemoEnvironment:
    """Create or reuse the demo's database and files; safe to run every start."""
    from ..tj.signing import load_certificate, make_test_certificate

    data_dir.mkdir(parents=True, exist_ok=True)
    url = db_url or f"sqlite:///{data_dir / 'demo.db'}"
    open_database(url)
    migrate()
    seed_office()
    cert_path = data_dir / "certificado-teste.p12"
    pem_path = data_dir / "certificado-teste.pem"
    if not cert_path.exists() or load_certificate(cert_path, CERT_PASSWORD).is_expired():
        make_test_certificate(cert_path, CERT_PASSWORD, common_name=DEMO_OFFICE, cns=DEMO_CNS)
    pem_path.write_text(load_certificate(cert_path, CERT_PASSWORD).public_pem())
    secret = get_settings("tj.").get("tj.client_secret") or secrets.token_urlsafe(24)
    return DemoEnvironment(data_dir, url, cert_path, pem_path, secret)


def point_to_simulator(env: DemoEnvironment, simulator_url: str) -> None:
    set_settings(None, {
        "tj.url": simulator_url, "tj.client_id": CLIENT_ID, "tj.client_secret": env.client_secret,
        "tj.cert_path": str(env.cert_path), "tj.cert_password": CERT_PASSWORD,
        "tj.mode": "online", "print.dir": str(env.data_dir / "etiquetas"),
    })
