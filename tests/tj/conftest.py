"""Fixtures for the TJ link: test certificates, a real simulator on 127.0.0.1, records."""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from pathlib import Path

import httpx
import pytest

from balcao_tui.domain.deadlines import utcnow
from balcao_tui.domain.seal_code import build_digital_seal_code, build_hybrid_seal_code
from balcao_tui.tj.client import TJClient
from balcao_tui.tj.signing import OfficeCertificate, load_certificate, make_test_certificate, sign
from balcao_tui.tj.simulator import start_simulator_in_thread
from balcao_tui.tj.wire import WireRecord
from support.fee_values import fee_values

CNS = "145573"
OTHER_CNS = "222222"
CLIENT_ID = "cartorio-145573"
CLIENT_SECRET = "segredo-de-teste"
PASSWORD = "senha-do-certificado"


@dataclass(frozen=True)
class CertFiles:
    p12: Path
    cert: OfficeCertificate


def _make(directory: Path, name: str, cns: str, **kwargs) -> CertFiles:
    path = directory / f"{name}.p12"
    make_test_certificate(path, PASSWORD, common_name=f"Tabelião {name}", cns=cns, **kwargs)
    return CertFiles(path, load_certificate(path, PASSWORD))


@pytest.fixture(scope="session")
def certs(tmp_path_factory) -> dict[str, CertFiles]:
    directory = tmp_path_factory.mktemp("certs")
    long_ago = datetime.now(timezone.utc) - timedelta(days=400)
    return {
        "office": _make(directory, "office", CNS),
        "other": _make(directory, "other", CNS),
        "expired": _make(directory, "expired", OTHER_CNS, not_before=long_ago, valid_days=30),
    }


@pytest.fixture
def office_cert(certs) -> OfficeCertificate:
    return certs["office"].cert


def register(url: str, cns: str, cert: OfficeCertificate, client_id: str, secret: str) -> None:
    response = httpx.post(
        f"{url}/_sim/serventias",
        json={
            "cns": cns,
            "certificado_pem": cert.public_pem(),
            "client_id": client_id,
            "client_secret": secret,
        },
    )
    assert response.status_code == 201, response.text


@pytest.fixture
def state_path(tmp_path) -> Path:
    return tmp_path / "tj-simulador.db"


@pytest.fixture
def sim(state_path, office_cert):
    handle = start_simulator_in_thread(state_path)
    register(handle.url, CNS, office_cert, CLIENT_ID, CLIENT_SECRET)
    yield handle
    handle.stop()


@pytest.fixture
async def client(sim):
    async with TJClient(sim.url, CLIENT_ID, CLIENT_SECRET, timeout=5.0) as tj:
        yield tj


def set_faults(url: str, **settings) -> dict:
    response = httpx.post(f"{url}/_sim/falhas", json=settings)
    assert response.status_code == 200, response.text
    return response.json()


def stats(url: str) -> dict:
    return httpx.get(f"{url}/_sim/estatisticas").json()


def values(tabeliao: int = 1000, iss: int = 25, *, iss_in_total: bool = True) -> dict[str, int]:
    return fee_values(tabeliao, iss, iss_in_total=iss_in_total)


class Records:
    """Builds signed records with fresh codes; every number is new per test."""

    def __init__(self, cert: OfficeCertificate, cns: str = CNS) -> None:
        self.cert = cert
        self.cns = cns
        self._numbers = itertools.count(1)

    def next_number(self) -> int:
        return next(self._numbers)

    def hybrid(
        self,
        *,
        number: int | None = None,
        series: str = "AB1234",
        act_code: str = "RS",
        act_at: datetime | None = None,
        fees: dict[str, int] | None = None,
        cns: str | None = None,
        cert: OfficeCertificate | None = None,
    ) -> WireRecord:
        cns = cns or self.cns
        number = self.next_number() if number is None else number
        act_at = act_at or utcnow() - timedelta(hours=1)
        code = build_hybrid_seal_code(cns, "1", act_code, series, number, act_at.year)
        rec = WireRecord(
            kind="ato",
            cns=cns,
            code=code,
            act_code=act_code,
            act_at=act_at,
            values=fees or values(),
            physical_seal=(series, number),
        )
        return sign(rec, cert or self.cert)

    def digital(
        self,
        *,
        act_code: str = "AD",
        kind: str = "ato",
        act_at: datetime | None = None,
        fees: dict[str, int] | None = None,
        physical_seal: tuple[str, int] | None = None,
        **links,
    ) -> WireRecord:
        act_at = act_at or utcnow() - timedelta(hours=1)
        code = build_digital_seal_code(self.cns, "1", act_code, self.next_number(), act_at.year)
        rec = WireRecord(
            kind=kind,
            cns=self.cns,
            code=code,
            act_code=act_code,
            act_at=act_at,
            values=fees or values(),
            physical_seal=physical_seal,
            **links,
        )
        return sign(rec, self.cert)

    def correction(self, target: WireRecord, **changes) -> WireRecord:
        """A new digital code that replaces `target`, keeping its physical seal."""
        return self.digital(
            kind="retificacao",
            act_code=changes.pop("act_code", target.act_code),
            act_at=changes.pop("act_at", target.act_at),
            fees=changes.pop("fees", target.values),
            physical_seal=changes.pop("physical_seal", target.physical_seal),
            replaces=target.code,
        )

    def exclusion(self, code: str, act_at: datetime | None = None) -> WireRecord:
        zero = dict.fromkeys(values(), 0)
        return self.digital(kind="exclusao", act_code="XA", act_at=act_at, fees=zero, excludes=code)


@pytest.fixture
def records(office_cert) -> Records:
    return Records(office_cert)
