"""The credentials use cases on SQLite and PostgreSQL: role, refusals at the field, audit
without secrets, and settings that never take a secret in clear."""
from __future__ import annotations

from datetime import timedelta

import pytest

from balcao_tui.domain.deadlines import utcnow
from balcao_tui.domain.identifiers import cpf_check_digits
from balcao_tui.domain.refusal import Refusal
from balcao_tui.store.models import AuditEntry, Setting
from balcao_tui.store.secret_box import ensure_key_file
from balcao_tui.store.usecases.credentials import (
    certificate_until,
    credentials_overview,
    import_certificate,
    set_oauth_client,
)
from balcao_tui.store.usecases.office import set_settings
from balcao_tui.tj.signing import make_test_certificate

CPF = "529982247" + cpf_check_digits("529982247")
PASSWORD = "senha-A1-pR8"


@pytest.fixture
def a1(tmp_path, key_file):
    ensure_key_file(key_file)
    path = tmp_path / "a1.p12"
    make_test_certificate(path, PASSWORD, common_name="TADEU TABELIÃO", cns="145573",
                          document=CPF, valid_days=20,
                          not_before=utcnow() - timedelta(days=1))
    return path


def test_import_keeps_what_the_certificate_says_and_audits_no_secret(any_office, a1):
    info = import_certificate(any_office.admin, str(a1), PASSWORD)
    assert (info.holder, info.document) == ("TADEU TABELIÃO", "CPF ***.982.247-**")
    assert info.warning.level == 30 and certificate_until() == info.not_after
    set_oauth_client(any_office.notary, "cartorio-1", "segredo-xY")
    view = credentials_overview(any_office.admin)
    assert (view.client_id, view.has_client_secret, view.has_cert_password) == (
        "cartorio-1", True, True)
    assert view.key_problem == ""
    trail = repr([(a.action, a.detail) for a in AuditEntry.select()])
    assert "credentials.certificate" in trail and "credentials.oauth" in trail
    for secret in (PASSWORD, "segredo-xY", CPF):
        assert secret not in trail
    stored = repr([(s.key, s.value) for s in Setting.select()])
    assert PASSWORD not in stored and "segredo-xY" not in stored


def test_refusals_name_their_field(any_office, a1, tmp_path):
    with pytest.raises(Refusal) as missing:
        import_certificate(any_office.admin, str(tmp_path / "nada.p12"), PASSWORD)
    assert missing.value.field == "cert_path"
    with pytest.raises(Refusal) as wrong:
        import_certificate(any_office.admin, str(a1), "errada")
    assert wrong.value.field == "cert_password"
    with pytest.raises(Refusal) as control:
        set_oauth_client(any_office.admin, "x", "seg\x00redo")
    assert control.value.field == "client_secret"
    with pytest.raises(Refusal) as clerk:
        set_oauth_client(any_office.clerk, "x", "segredo")
    assert "não tem permissão" in clerk.value.message
    with pytest.raises(Refusal) as clear:
        set_settings(any_office.admin, {"tj.client_secret": "em-claro"})
    assert "balcao credentials" in clear.value.message
    assert not Setting.select().where(Setting.key.startswith("tj.")).exists()
