"""The balcao command as a person runs it: real subprocesses on real database files."""
import os
import subprocess
import sys

import pytest

from balcao_tui.store.db import open_database
from balcao_tui.store.migrations import CURRENT_VERSION
from balcao_tui.store.models import Office, SchemaVersion
from balcao_tui.store.usecases.users import authenticate

INIT_FLAGS = ["init", "--cns", "14.557-3", "--name", "2º Tabelião de Notas de Teste",
              "--municipality", "São Paulo", "--iss", "2,5", "--admin-login", "chefe",
              "--admin-name", "Chefe da Serventia"]


def balcao(*args, env=None, input=None):
    return subprocess.run([sys.executable, "-m", "balcao_tui.cli", *args], capture_output=True,
                          text=True, env={**os.environ, **(env or {})}, input=input,
                          timeout=120)


def test_help_lists_every_subcommand():
    result = balcao("--help")
    assert result.returncode == 0
    for name in ("init", "demo", "transmit", "seals", "tj-sim", "tui"):
        assert name in result.stdout


def test_init_by_flags_then_again_only_migrates(sqlite_url):
    first = balcao("--db", sqlite_url, *INIT_FLAGS, env={"BALCAO_ADMIN_PASSWORD": "senha-forte-1"})
    assert first.returncode == 0, first.stderr
    assert "chefe" in first.stdout
    open_database(sqlite_url)
    office = Office.get()
    assert (office.cns, office.iss_rate_bp) == ("145573", 250)
    assert authenticate("chefe", "senha-forte-1").role == "administrador"
    again = balcao("--db", sqlite_url, *INIT_FLAGS, env={"BALCAO_ADMIN_PASSWORD": "outra-senha-1"})
    assert again.returncode == 0 and "já inicializado" in again.stdout
    assert Office.select().count() == 1


def test_database_chosen_by_environment_variable(tmp_path):
    url = f"sqlite:///{tmp_path / 'pelo-ambiente.db'}"
    result = balcao(*INIT_FLAGS, env={"BALCAO_DB": url, "BALCAO_ADMIN_PASSWORD": "senha-forte-1"})
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "pelo-ambiente.db").exists()


def test_init_without_terminal_names_what_is_missing(sqlite_url):
    result = balcao("--db", sqlite_url, "init", "--cns", "145573", input="")
    assert result.returncode != 0
    assert "--name" in result.stderr and "--admin-login" in result.stderr


def test_bad_input_is_refused_in_portuguese_and_nothing_is_saved(sqlite_url):
    flags = [f if f != "14.557-3" else "1234" for f in INIT_FLAGS]
    result = balcao("--db", sqlite_url, *flags, env={"BALCAO_ADMIN_PASSWORD": "senha-forte-1"})
    assert result.returncode != 0 and "CNS" in result.stderr
    assert "Traceback" not in result.stderr
    open_database(sqlite_url)
    assert Office.select().count() == 0


def test_newer_database_is_refused_with_a_clear_message(sqlite_url):
    assert balcao("--db", sqlite_url, *INIT_FLAGS, env={"BALCAO_ADMIN_PASSWORD": "senha-forte-1"}).returncode == 0
    open_database(sqlite_url)
    SchemaVersion.create(version=CURRENT_VERSION + 1)
    result = balcao("--db", sqlite_url, "seals", "show", "9999991CE0000000000030184")
    assert result.returncode != 0 and "mais nova" in result.stderr


@pytest.mark.postgres
def test_init_on_postgresql(pg_url):
    result = balcao("--db", pg_url, *INIT_FLAGS, env={"BALCAO_ADMIN_PASSWORD": "senha-forte-1"})
    assert result.returncode == 0, result.stderr
    open_database(pg_url)
    assert Office.get().cns == "145573"


def test_seal_qr_prints_the_signed_consultation_url_and_writes_files(tmp_path):
    from urllib.parse import unquote

    from balcao_tui.demo.environment import point_to_simulator, prepare
    from balcao_tui.store.models import SignatureCard, User
    from balcao_tui.store.usecases.counter import register_counter_acts
    from balcao_tui.tj.signing import load_certificate, verify_qr_signature

    env = prepare(tmp_path / "demo")
    point_to_simulator(env, "http://127.0.0.1:9")
    clerk = User.get(User.login == "escrevente").id
    act = register_counter_acts(clerk, "firma_sem_valor", 1,
                                signature_card_id=SignatureCard.select().first().id)
    code, fees = act.acts[0].seal_code, act.unit_fees
    qr = ["--db", env.db_url, "seals", "qr", code, "--png", str(tmp_path / "q.png"),
          "--svg", str(tmp_path / "q.svg")]
    without_key = balcao(*qr)  # the test's own key file, which does not exist
    assert without_key.returncode != 0
    assert "A chave dos segredos não foi encontrada em" in without_key.stderr
    assert "Traceback" not in without_key.stderr
    result = balcao(*qr, env={"BALCAO_KEY_FILE": str(env.key_file)})
    assert result.returncode == 0, result.stderr
    url = result.stdout.splitlines()[0]
    assert url.startswith("https://selodigital.tjsp.jus.br?r=")
    got_code, total, iss, signature = unquote(url.split("?r=", 1)[1]).split("|")
    assert (got_code, int(total), int(iss)) == (code, fees.total, fees.iss)
    public_pem = load_certificate(env.cert_path, "demo-certificado").public_pem()
    assert verify_qr_signature(code, fees.total, fees.iss, signature, public_pem)
    assert (tmp_path / "q.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert "<svg" in (tmp_path / "q.svg").read_text()
    assert "█" in result.stdout or "#" in result.stdout


def test_config_sets_tj_link_validates_values_and_masks_secrets(sqlite_url):
    assert balcao("--db", sqlite_url, *INIT_FLAGS, env={"BALCAO_ADMIN_PASSWORD": "senha-forte-1"}).returncode == 0
    chefe = ("--login", "chefe", "--password-stdin")
    for key, value in [("tj.url", "https://api.tj.example/selo"), ("tj.mode", "Agendado"),
                       ("tj.schedule", "21:30"), ("office.iss_rate", "3%")]:
        result = balcao("--db", sqlite_url, "config", "set", key, value, *chefe,
                        input="senha-forte-1\n")
        assert result.returncode == 0, result.stderr
    # A secret never on a command line: `balcao credentials` reads it from a prompt or file.
    refused = balcao("--db", sqlite_url, "config", "set", "tj.client_secret", "segredo-do-tj")
    assert refused.returncode != 0 and "balcao credentials" in refused.stderr
    refused = balcao("--db", sqlite_url, "config", "set", "tj.mode", "semanal", *chefe,
                     input="senha-forte-1\n")
    assert refused.returncode != 0 and "Modo inválido" in refused.stderr
    assert balcao("--db", sqlite_url, "config", "set", "tj.schedule", "25:00").returncode != 0
    assert balcao("--db", sqlite_url, "config", "set", "tj.nada", "x").returncode != 0
    anonymous = balcao("--db", sqlite_url, "config", "set", "tj.mode", "offline")
    assert anonymous.returncode != 0 and "--login" in anonymous.stderr
    shown = balcao("--db", sqlite_url, "config", "show").stdout
    assert "segredo-do-tj" not in shown
    assert "agendado" in shown and "21:30" in shown and "3,00%" in shown
    values = {line.split()[0]: line.split()[1] for line in shown.splitlines() if "." in line[:20]}
    assert values["tj.mode"] == "agendado"  # the anonymous change did not happen
    assert "certificado A1" in shown.split("Transmissão:")[1]  # what is still missing
