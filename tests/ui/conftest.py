"""The App on the test office, with a frozen clock and its own data directory."""
from __future__ import annotations

from datetime import date, datetime, timezone

import pytest

from balcao_tui.app import BalcaoApp
from balcao_tui.store.usecases.signature_cards import CardData, create_signature_card

# 21/11/2026 14:05 in São Paulo.
FROZEN = datetime(2026, 11, 21, 17, 5, tzinfo=timezone.utc)
MARIA_CPF = "529.982.247-25"


@pytest.fixture(autouse=True)
def no_user_config(tmp_path, monkeypatch):
    """Never read the keymap of whoever runs the tests."""
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))


@pytest.fixture
def data_dir(tmp_path):
    return tmp_path / "dados"


@pytest.fixture
def make_app(office, data_dir):
    def make(**kwargs) -> BalcaoApp:
        kwargs.setdefault("data_dir", data_dir)
        kwargs.setdefault("clock", lambda: FROZEN)
        return BalcaoApp(office.url, **kwargs)
    return make


CARDS = {
    "maria": CardData(name="Maria da Silva", cpf=MARIA_CPF, rg_number="123456789",
                      rg_issuer="SSP", rg_state="SP", birth_date=date(1980, 2, 1)),
    "jose": CardData(name="José da Conceição Souza", cpf="111.444.777-35",
                     birth_date=date(1975, 5, 5)),
    "mariana": CardData(name="Mariana Souza Lima", rg_number="987654321",
                        rg_issuer="SSP", rg_state="SP"),
}


@pytest.fixture
def cards(office):
    """Three signature cards; returns {short name: card id}."""
    return {key: create_signature_card(office.clerk, data, now=FROZEN).card_id
            for key, data in CARDS.items()}
