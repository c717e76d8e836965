"""The small pieces: configuration, schedule, backoff, signing the same bytes, the QR."""
from __future__ import annotations

import random
import subprocess
import sys
from datetime import datetime, timedelta, timezone
from urllib.parse import parse_qs, urlparse

import pytest

from balcao_tui.domain.seal_code import build_digital_seal_code
from balcao_tui.store.secret_box import KEY_ENV, encrypt_secret, ensure_key_file
from balcao_tui.store.transmission import OutgoingRecord
from balcao_tui.tj.backoff import Backoff, retry_after_delay
from balcao_tui.tj.qr import consultation_url, qr_text
from balcao_tui.tj.record_signer import sign_batch
from balcao_tui.domain.transmission_mode import ScheduleError, parse_schedule
from balcao_tui.tj.schedule import is_due, last_scheduled_at, next_scheduled_at
from balcao_tui.tj.signing import qr_signature, verify, verify_qr_signature
from balcao_tui.tj.transmitter_config import PASSWORD_ENV, config_from_settings
from balcao_tui.tj.wire import batch_to_json
from support.fee_values import fee_values

UTC = timezone.utc
CLEAR = {"tj.url": "https://tj.example", "tj.client_id": "id", "tj.client_secret": "s3cr3t",
         "tj.cert_path": "/a1.p12", "tj.cert_password": "pw-123"}


@pytest.fixture
def keyed(key_file):
    """The settings with their secrets encrypted, and the environment naming the key."""
    ensure_key_file(key_file)
    settings = {**CLEAR, **{key: encrypt_secret(CLEAR[key], key_file)
                            for key in ("tj.client_secret", "tj.cert_password")}}
    return settings, {KEY_ENV: str(key_file)}


def test_config_decrypts_the_secrets_with_the_key_file(keyed, tmp_path):
    settings, env = keyed
    config = config_from_settings(settings, env=env)
    assert (config.client_secret, config.cert_password, config.problem) == ("s3cr3t", "pw-123", "")
    assert "s3cr3t" not in str(settings) and "pw-123" not in str(settings)
    missing = config_from_settings(settings, env={KEY_ENV: str(tmp_path / "nada.key")})
    assert missing.client_secret == "" and missing.problem.startswith(
        f"A chave dos segredos não foi encontrada em {tmp_path / 'nada.key'}.")
    other = tmp_path / "outra.key"
    ensure_key_file(other)
    wrong = config_from_settings(settings, env={KEY_ENV: str(other)})
    assert "não pode ser decifrado com a chave" in wrong.problem
    clear = config_from_settings(CLEAR, env=env)
    assert "gravado sem criptografia" in clear.problem and "balcao init" in clear.problem
    assert clear.client_secret == ""


def test_config_defaults_and_problems(keyed):
    FULL, env = keyed
    config = config_from_settings(FULL, env=env)
    assert (config.mode, config.schedule_text, config.problem) == ("online", "21:00", "")
    assert "s3cr3t" not in repr(config) and "pw-123" not in repr(config)
    empty = config_from_settings({}, env={})
    assert empty.problem.startswith("Transmissão ao TJ não configurada: informe o endereço")
    bad = config_from_settings({**FULL, "tj.mode": "às vezes"}, env=env)
    assert "Modo de transmissão inválido" in bad.problem
    bad_time = config_from_settings({**FULL, "tj.mode": "agendado", "tj.schedule": "25:00"},
                                    env=env)
    assert "Horário de envio inválido" in bad_time.problem
    assert config_from_settings(FULL, env={**env, PASSWORD_ENV: "do-ambiente"}).cert_password \
        == "do-ambiente"


def test_schedule_in_sao_paulo_time():
    # 21:00 in São Paulo (UTC-3) is 00:00 UTC of the next day.
    at_2230_local = datetime(2026, 11, 21, 1, 30, tzinfo=UTC)
    assert last_scheduled_at(at_2230_local, (21, 0)) == datetime(2026, 11, 21, 0, 0, tzinfo=UTC)
    assert next_scheduled_at(at_2230_local, (21, 0)) == datetime(2026, 11, 22, 0, 0, tzinfo=UTC)
    at_1000_local = datetime(2026, 11, 21, 13, 0, tzinfo=UTC)
    assert last_scheduled_at(at_1000_local, (21, 0)) == datetime(2026, 11, 21, 0, 0, tzinfo=UTC)
    two_hours = timedelta(hours=2)
    act_0900 = datetime(2026, 11, 21, 12, 0, tzinfo=UTC)
    deadline = act_0900 + timedelta(hours=24)
    assert not is_due(act_0900, deadline, at_1000_local, (21, 0), two_hours)
    assert is_due(act_0900, deadline, datetime(2026, 11, 22, 0, 0, tzinfo=UTC), (21, 0),
                  two_hours)
    assert is_due(act_0900, deadline, deadline - timedelta(minutes=90), (23, 59), two_hours)


@pytest.mark.parametrize("text", ["21h", "7:5", "24:00", ""])
def test_schedule_refuses_bad_times(text):
    with pytest.raises(ScheduleError):
        parse_schedule(text)


def test_backoff_grows_with_jitter_up_to_the_maximum():
    backoff = Backoff(1.0, 30.0, random.Random(1))
    delays = [backoff.next_delay() for _ in range(10)]
    for n, delay in enumerate(delays):
        ceiling = min(30.0, 2 ** n)
        assert ceiling / 2 <= delay <= ceiling
    backoff.reset()
    assert backoff.next_delay() <= 1.0
    assert 3.0 <= retry_after_delay(3.0, 1.0) <= 3.3
    assert retry_after_delay(0.0, 0.5) >= 0.5


def _outgoing() -> OutgoingRecord:
    at = datetime(2026, 11, 21, 12, 0, 0, 654321, tzinfo=UTC)
    code = build_digital_seal_code("145573", "1", "AF", 5_000_001, 2026)
    return OutgoingRecord(code=code, record_kind="ato", act_code="AF", act_at=at,
                          values=fee_values(), exempt_reason=None, physical_seal=None,
                          replaces=None, excludes=None, children=(), quantity=1,
                          deadline_at=at + timedelta(hours=24))


def test_every_resend_carries_the_same_bytes(cert_files):
    first = sign_batch([_outgoing()], "145573", cert_files.cert)
    again = sign_batch([_outgoing()], "145573", cert_files.cert)
    assert batch_to_json("145573", first.records) == batch_to_json("145573", again.records)
    assert verify(first.records[0], cert_files.cert.public_pem())


def test_qr_of_a_record_verifies(cert_files):
    record = _outgoing()
    total, iss = record.values["total"], record.values["iss"]
    signature = qr_signature(record.code, total, iss, cert_files.cert)
    url = consultation_url(record.code, total, iss, signature)
    [value] = parse_qs(urlparse(url).query)["r"]
    code, total_text, iss_text, carried = value.split("|")
    assert (code, int(total_text), int(iss_text)) == (record.code, total, iss)
    assert verify_qr_signature(code, int(total_text), int(iss_text), carried,
                               cert_files.cert.public_pem())
    assert qr_text(url).strip()


def test_transmitter_imports_no_textual():
    code = ("import sys, balcao_tui.tj.transmitter, balcao_tui.cli.transmit_cmd; "
            "sys.exit('textual' in sys.modules)")
    assert subprocess.run([sys.executable, "-c", code], timeout=60).returncode == 0
