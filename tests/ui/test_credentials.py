"""The credentials screen (administrador) and the certificate's expiry warnings on the
login screen, home and the status line."""
from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from textual.widgets import Input, Static

from balcao_tui.screens.credentials import CredentialsScreen
from balcao_tui.store.models import Setting
from balcao_tui.store.secret_box import ensure_key_file
from balcao_tui.store.usecases.credentials import import_certificate, set_oauth_client
from balcao_tui.tj.signing import make_test_certificate
from balcao_tui.widgets.message_line import MessageLine
from support.office import PASSWORD

from .conftest import FROZEN
from .helpers import burst, login, settle, type_text
from .test_snapshots import SIZE, steady

A1_PASSWORD = "senha-do-A1-Ws3"
CNPJ = "11222333000181"
# A fixed place, so that the path on the screen is the same in every run.
SNAPSHOT_A1 = Path("/tmp/balcao-tui-credenciais/certificado-a1.p12")


def make_a1(path: Path, days_left: int) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    make_test_certificate(path, A1_PASSWORD, common_name="1º TABELIÃO DE NOTAS DE TESTE",
                          cns="145573", document=CNPJ, valid_days=365,
                          not_before=FROZEN + timedelta(days=days_left - 365))
    return path


@pytest.fixture
def keyed(key_file):
    ensure_key_file(key_file)
    return key_file


def message(app) -> str:
    return str(app.screen.query_one("#message", MessageLine).render())


async def open_credentials(pilot) -> None:
    pilot.app.open_destination("credentials")
    await settle(pilot)
    assert isinstance(pilot.app.screen, CredentialsScreen)


def test_snapshot_of_the_credentials_screen(snap_compare, make_app, office, keyed):
    import_certificate(None, str(make_a1(SNAPSHOT_A1, 10)), A1_PASSWORD)
    set_oauth_client(None, "cartorio-145573", "segredo-oauth")

    async def run_before(pilot):
        await login(pilot, office.admin)
        await open_credentials(pilot)
        await steady(pilot)
    assert snap_compare(make_app(), terminal_size=SIZE, run_before=run_before)


async def test_admin_imports_the_certificate_and_the_client_keyboard_only(
        make_app, office, keyed, tmp_path):
    a1 = make_a1(tmp_path / "a1.p12", 200)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await login(pilot, office.admin)
        await open_credentials(pilot)
        summary = app.screen.query_one("#credentials-summary", Static)
        assert "Certificado A1: não importado." in str(summary.render())
        await burst(pilot, str(a1), "enter", "errada-123", "enter")
        field = app.screen.query_one("FormField.-invalid")
        assert field.field == "cert_password" and "senha incorreta" in field.error
        assert app.focused.id == "cert_password" and app.focused.value == ""
        await burst(pilot, A1_PASSWORD, "enter")
        assert message(app) == "Certificado importado; a senha foi guardada cifrada."
        assert "1º TABELIÃO DE NOTAS DE TESTE · CNPJ 11.222.333/0001-81" in str(summary.render())
        assert all(not i.value for i in app.screen.query(Input))
        await burst(pilot, "tab", "tab", "cartorio-9", "enter", "segredo-Q1", "enter")
        assert message(app) == "Client gravado; o secret foi guardado cifrado."
        assert "Client OAuth: cartorio-9 · secret cifrado" in str(summary.render())
    stored = {row.key: row.value for row in Setting.select()}
    assert stored["tj.cert_password"].startswith("fernet:")
    assert A1_PASSWORD not in str(stored) and "segredo-Q1" not in str(stored)


async def test_a_clerk_cannot_open_it(make_app, office):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await login(pilot, office.clerk)
        app.open_destination("credentials")
        await settle(pilot)
        assert not isinstance(app.screen, CredentialsScreen)


async def test_missing_key_file_is_said_in_portuguese_on_the_screen(make_app, office, key_file,
                                                                   tmp_path):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await login(pilot, office.admin)
        await open_credentials(pilot)
        assert message(app).startswith(f"A chave dos segredos não foi encontrada em {key_file}")
        await burst(pilot, str(make_a1(tmp_path / "a1.p12", 200)), "enter", A1_PASSWORD,
                    "enter")
        assert message(app).startswith("A chave dos segredos não foi encontrada")


@pytest.mark.parametrize("days_left, text", [
    (30, "O certificado digital vence em 30 dias (21/12/2026)"),
    (7, "O certificado digital vence em 7 dias (28/11/2026)"),
    (-1, "Certificado digital vencido em 20/11/2026"),
])
async def test_expiry_is_warned_at_login_home_and_status_line(make_app, office, keyed, tmp_path,
                                                              days_left, text):
    import_certificate(None, str(make_a1(tmp_path / "a1.p12", days_left)), A1_PASSWORD)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        notice = app.screen.query_one("#login-certificate")
        assert str(notice.render()).startswith(text) and notice.display
        await type_text(pilot, "clara")
        await burst(pilot, "enter", PASSWORD, "enter")
        await settle(pilot)
        home_notice = app.screen.query_one("#home-certificate")
        assert str(home_notice.render()).startswith(text)
        assert home_notice.has_class("-urgent") == (days_left < 8)
        status = str(app.screen.query_one("StatusLine").render())
        assert ("Certificado VENCIDO" if days_left < 0 else f"Cert. vence em {days_left} dias") \
            in status


async def test_no_warning_far_from_expiry(make_app, office, keyed, tmp_path):
    import_certificate(None, str(make_a1(tmp_path / "a1.p12", 31)), A1_PASSWORD)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert not app.screen.query_one("#login-certificate").display
