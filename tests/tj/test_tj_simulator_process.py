"""The simulator as a process and across restarts: nothing received is lost."""

from __future__ import annotations

import argparse
import os
import signal
import subprocess
import sys

import httpx

from balcao_tui.cli import tj_sim_cmd
from balcao_tui.tj.client import TJClient
from balcao_tui.tj.simulator import start_simulator_in_thread
from balcao_tui.tj.simulator.command import faults_from_args
from balcao_tui.tj.simulator.registration import write_registrations_file

from .conftest import CLIENT_ID, CLIENT_SECRET, CNS, stats


async def test_restart_on_the_same_state_file_keeps_everything(sim, state_path, records):
    original = records.hybrid()
    fix = records.correction(original, fees={**original.values})
    async with TJClient(sim.url, CLIENT_ID, CLIENT_SECRET) as tj:
        await tj.send_batch(CNS, [original])
        await tj.send_batch(CNS, [fix])
        token = await tj.token()
    sim.stop()
    again = start_simulator_in_thread(state_path)
    try:
        headers = {"Authorization": f"Bearer {token}"}
        held = httpx.get(f"{again.url}/v1/selos/{original.code}", headers=headers).json()
        assert held["situacao"] == "retificado" and held["retificado_por"] == fix.code
        async with TJClient(again.url, CLIENT_ID, CLIENT_SECRET) as tj:
            [result] = await tj.send_batch(CNS, [original])
            assert result.accepted
            reused = records.hybrid(number=original.physical_seal[1], act_code="AU")
            [refused] = await tj.send_batch(CNS, [reused])
            assert [c.code for c in refused.criticisms] == ["E13"]
        counts = stats(again.url)
        assert counts["registros_mantidos"] == 2
        assert counts["lotes_recebidos"] == 4
    finally:
        again.stop()


def test_subprocess_prints_its_url_and_stops_on_sigterm(tmp_path, certs):
    pem = tmp_path / "office.pem"
    pem.write_text(certs["office"].cert.public_pem())
    registrations = write_registrations_file(tmp_path / "cadastros.txt",
                                             [f"{CNS}:{pem}:{CLIENT_ID}:{CLIENT_SECRET}"])
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "balcao_tui.tj.simulator",
            "--host", "127.0.0.1",
            "--port", "0",
            "--state", str(tmp_path / "estado.db"),
            "--error-rate", "0.25",
            "--seed", "5",
            "--register-file", str(registrations),
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )
    try:
        line = process.stdout.readline().strip()
        assert line.startswith("TJ simulator listening on http://127.0.0.1:")
        url = line.rsplit(" ", 1)[1]
        assert int(url.rsplit(":", 1)[1]) > 0
        faults = httpx.get(f"{url}/_sim/falhas").json()
        assert faults["error_rate"] == 0.25 and faults["seed"] == 5
        token = httpx.post(
            f"{url}/oauth/token",
            data={
                "grant_type": "client_credentials",
                "client_id": CLIENT_ID,
                "client_secret": CLIENT_SECRET,
            },
        )
        assert token.status_code == 200 and token.json()["token_type"] == "Bearer"
        process.send_signal(signal.SIGTERM)
        assert process.wait(timeout=10) == 0
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
        process.stdout.close()
        process.stderr.close()


def test_cli_subcommand_builds_the_faults_and_refuses_bad_ones(capsys, tmp_path):
    parser = argparse.ArgumentParser()
    tj_sim_cmd.configure(parser)
    args = parser.parse_args(
        ["--port", "0", "--token-ttl", "5", "--drop-after-commit-rate", "0.1", "--retry-after", "3"]
    )
    faults = faults_from_args(args)
    assert (faults.token_ttl_seconds, faults.drop_after_commit_rate) == (5, 0.1)
    assert faults.retry_after_seconds == 3
    assert tj_sim_cmd.NAME == "tj-sim"
    bad = parser.parse_args(["--error-rate", "1.5"])
    assert tj_sim_cmd.run(bad) == 2
    assert "entre 0 e 1" in capsys.readouterr().err
    missing_pem = write_registrations_file(tmp_path / "cadastros.txt",
                                           ["145573:nao-existe.pem:id:segredo"])
    assert tj_sim_cmd.run(parser.parse_args(["--register-file", str(missing_pem)])) == 2
    assert "segredo" not in capsys.readouterr().err
    missing_pem.chmod(0o644)
    assert tj_sim_cmd.run(parser.parse_args(["--register-file", str(missing_pem)])) == 2
    assert "chmod 600" in capsys.readouterr().err


def test_simulator_modules_never_import_textual():
    code = (
        "import sys, balcao_tui.tj.wire, balcao_tui.tj.signing, balcao_tui.tj.qr, "
        "balcao_tui.tj.client, balcao_tui.tj.simulator.app, balcao_tui.tj.simulator.runner, "
        "balcao_tui.tj.simulator.command; "
        "sys.exit('textual' in sys.modules)"
    )
    assert subprocess.run([sys.executable, "-c", code], timeout=60).returncode == 0


def test_port_in_use_is_reported(tmp_path, sim):
    port = sim.port
    result = subprocess.run(
        [
            sys.executable, "-m", "balcao_tui.tj.simulator",
            "--port", str(port), "--state", str(tmp_path / "x.db"),
        ],
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert result.returncode == 1
    assert "Erro ao abrir o simulador" in result.stderr
