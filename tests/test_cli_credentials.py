"""`balcao credentials` and `balcao init`: the key file, secrets read from stdin or a file,
stored encrypted, and clear Portuguese messages when the key cannot be used."""
from __future__ import annotations

import os
import sqlite3
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from balcao_tui.domain.identifiers import cpf_check_digits
from balcao_tui.tj.signing import make_test_certificate

from test_cli import INIT_FLAGS, balcao

ADMIN_PASSWORD = "senha-forte-1"
CERT_PASSWORD = "senha-do-A1-Xq7"
CLIENT_SECRET = "segredo-oauth-Zk4"
CPF = "123456789" + cpf_check_digits("123456789")


@pytest.fixture
def office_db(sqlite_url, key_file):
    result = balcao("--db", sqlite_url, *INIT_FLAGS, env={"BALCAO_ADMIN_PASSWORD": ADMIN_PASSWORD})
    assert result.returncode == 0, result.stderr
    assert f"Chave dos segredos criada em {key_file}" in result.stdout
    return sqlite_url


def a1(tmp_path: Path, *, days: int = 365, name: str = "a1.p12") -> Path:
    path = tmp_path / name
    make_test_certificate(path, CERT_PASSWORD, common_name="TÂNIA TABELIÃ", cns="145573",
                          document=CPF, valid_days=days,
                          not_before=datetime.now(timezone.utc) - timedelta(minutes=5))
    return path


def import_cert(db: str, path: Path, password: str = CERT_PASSWORD, env=None):
    return balcao("--db", db, "credentials", "import-cert", str(path), "--login", "chefe",
                  "--password-stdin", "--secret-stdin", input=f"{ADMIN_PASSWORD}\n{password}\n",
                  env=env)


def test_init_creates_the_key_file_0640_once(office_db, key_file):
    assert key_file.stat().st_mode & 0o777 == 0o640
    assert key_file.parent.stat().st_mode & 0o777 == 0o750
    key = key_file.read_bytes()
    again = balcao("--db", office_db, "init")
    assert again.returncode == 0 and "Chave dos segredos criada" not in again.stdout
    assert key_file.read_bytes() == key


def test_certificate_and_oauth_client_are_stored_encrypted(office_db, tmp_path, key_file):
    imported = import_cert(office_db, a1(tmp_path))
    assert imported.returncode == 0, imported.stderr
    assert "Certificado de TÂNIA TABELIÃ (CPF ***.456.789-**) importado" in imported.stdout
    secret_file = tmp_path / "secret.txt"
    secret_file.write_text(CLIENT_SECRET + "\n")
    oauth = balcao("--db", office_db, "credentials", "set-oauth", "--client-id", "cartorio-1",
                   "--login", "chefe", "--secret-file", str(secret_file),
                   env={"BALCAO_PASSWORD": ADMIN_PASSWORD})
    assert oauth.returncode == 0, oauth.stderr
    shown = balcao("--db", office_db, "credentials", "show", "--login", "chefe",
                   "--password-stdin", input=ADMIN_PASSWORD + "\n")
    assert shown.returncode == 0, shown.stderr
    for text in ["Titular: TÂNIA TABELIÃ", "Documento: CPF ***.456.789-**", "Senha: cifrada",
                 "Client OAuth do TJ: cartorio-1; secret: cifrado", f"{key_file} — em ordem"]:
        assert text in shown.stdout
    assert CPF not in shown.stdout + imported.stdout
    database = Path(office_db.removeprefix("sqlite:///"))
    balcao("--db", office_db, "init")  # a checkpoint: the WAL's pages reach the file
    raw = b"".join(p.read_bytes() for p in database.parent.glob(database.name + "*"))
    for secret in (CERT_PASSWORD, CLIENT_SECRET):
        assert secret.encode() not in raw
        assert secret not in shown.stdout
    config = balcao("--db", office_db, "config", "show").stdout
    assert CLIENT_SECRET not in config and "certificado A1" not in config.split("Transmissão:")[1]


def test_expiring_certificate_warns_on_import_and_show(office_db, tmp_path):
    imported = import_cert(office_db, a1(tmp_path, days=10))
    assert imported.returncode == 0, imported.stderr
    assert "O certificado digital vence em 10 dias" in imported.stdout


def test_wrong_password_and_missing_secret_are_refused_in_portuguese(office_db, tmp_path):
    wrong = import_cert(office_db, a1(tmp_path), password="errada-123")
    assert wrong.returncode == 1
    assert "senha incorreta ou arquivo inválido" in wrong.stderr
    no_source = balcao("--db", office_db, "credentials", "set-oauth", "--client-id", "x",
                       "--login", "chefe", env={"BALCAO_PASSWORD": ADMIN_PASSWORD})
    assert no_source.returncode == 1 and "nunca na linha de comando" in no_source.stderr


def test_missing_too_open_or_foreign_key_file_gives_a_clear_message(office_db, tmp_path,
                                                                     key_file):
    cert = a1(tmp_path)
    missing = import_cert(office_db, cert, env={"BALCAO_KEY_FILE": str(tmp_path / "x.key")})
    assert missing.returncode == 1 and "Traceback" not in missing.stderr
    assert f"A chave dos segredos não foi encontrada em {tmp_path / 'x.key'}" in missing.stderr
    key_file.chmod(0o644)
    too_open = import_cert(office_db, cert)
    assert too_open.returncode == 1
    assert "pode ser lida por qualquer usuário do servidor (permissões 0644)" in too_open.stderr
    assert f"corrija com chmod 640 {key_file}" in too_open.stderr
    if os.geteuid() != 0:  # root reads any file
        key_file.chmod(0o000)
        unreadable = import_cert(office_db, cert)
        assert unreadable.returncode == 1
        assert "não pode ser lida por este usuário do sistema" in unreadable.stderr
    key_file.chmod(0o660)  # the office's group may read it (and write, if so set up)
    assert import_cert(office_db, cert).returncode == 0
    foreign = tmp_path / "outra" / "segredos.key"
    foreign_init = balcao("--db", office_db, "init", env={"BALCAO_KEY_FILE": str(foreign)})
    assert foreign_init.returncode == 0
    config = balcao("--db", office_db, "config", "show", env={"BALCAO_KEY_FILE": str(foreign)})
    assert "não pode ser decifrado com a chave" in config.stdout


def test_init_encrypts_secrets_an_earlier_version_kept_in_clear(office_db, key_file):
    database = office_db.removeprefix("sqlite:///")
    with sqlite3.connect(database) as db:
        db.executemany("INSERT INTO setting (key, value) VALUES (?, ?)",
                       [("tj.client_secret", CLIENT_SECRET), ("tj.cert_password", CERT_PASSWORD)])
    before = balcao("--db", office_db, "config", "show").stdout
    assert "gravado sem criptografia" in before and "balcao init" in before
    migrated = balcao("--db", office_db, "init")
    assert "foram cifrados: tj.cert_password, tj.client_secret" in migrated.stdout
    with sqlite3.connect(database) as db:
        values = dict(db.execute("SELECT key, value FROM setting WHERE key LIKE 'tj.%'"))
    assert all(values[k].startswith("fernet:") for k in ("tj.client_secret", "tj.cert_password"))
    assert "sem criptografia" not in balcao("--db", office_db, "config", "show").stdout
