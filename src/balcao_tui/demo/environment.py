"""The demo's data directory: database, seed data, test certificate, the key of its
secrets and its TJ settings (the secrets encrypted, as in an office)."""
from __future__ import annotations

import secrets
from dataclasses import dataclass, field
from pathlib import Path

from platformdirs import user_data_dir

from ..domain.identifiers import cnpj_check_digits
from ..store.db import open_database
from ..store.errors import Refused
from ..store.migrations import migrate
from ..store.secret_box import decrypt_secret, ensure_key_file
from ..store.usecases.credentials import import_certificate, set_oauth_client
from ..store.usecases.office import get_settings, set_settings
from .seed import DEMO_CNS, DEMO_OFFICE, seed_office

CERT_PASSWORD = "demo-certificado"
CLIENT_ID = "balcao-demo"
DEMO_CNPJ = "999999990001" + cnpj_check_digits("999999990001")
KEY_FILE_NAME = "segredos.key"


@dataclass(frozen=True)
class DemoEnvironment:
    data_dir: Path
    db_url: str
    cert_path: Path
    cert_pem_path: Path
    client_secret: str = field(repr=False)
    key_file: Path = Path()

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
        make_test_certificate(cert_path, CERT_PASSWORD, common_name=DEMO_OFFICE, cns=DEMO_CNS,
                              document=DEMO_CNPJ)
    pem_path.write_text(load_certificate(cert_path, CERT_PASSWORD).public_pem())
    key_file = data_dir / KEY_FILE_NAME
    ensure_key_file(key_file)
    return DemoEnvironment(data_dir, url, cert_path, pem_path,
                           _client_secret(key_file), key_file)


def _client_secret(key_file: Path) -> str:
    """The secret kept from an earlier start, else a new one (the simulator is told it)."""
    stored = get_settings("tj.").get("tj.client_secret")
    if stored:
        try:
            return decrypt_secret(stored, key_file, "O client secret")
        except Refused:
            pass
    return secrets.token_urlsafe(24)


def point_to_simulator(env: DemoEnvironment, simulator_url: str) -> None:
    import_certificate(None, str(env.cert_path), CERT_PASSWORD, key_file=env.key_file)
    set_oauth_client(None, CLIENT_ID, env.client_secret, key_file=env.key_file)
    set_settings(None, {"tj.url": simulator_url, "tj.mode": "online",
                        "print.dir": str(env.data_dir / "etiquetas")})
