"""The credentials as the transmitter meets them, with the real simulator over HTTP: an
expired certificate imported through `balcao credentials` stops the sending with its
reason; a key file that is missing stops it with a clear message, never a traceback."""
from __future__ import annotations

import os
import subprocess

from balcao_tui.domain.seal_states import SealState
from balcao_tui.tj.link_status import LinkState
from support.office import PASSWORD
from support.seal_records import insert_pending

from .conftest import (
    CERT_PASSWORD,
    CLI,
    assert_no_secrets,
    configure_tj,
    count_in_state,
    sim_stats,
    transmit_process,
    wait_for,
)


def test_expired_certificate_imported_by_the_cli_stops_the_transmitter(
        any_office, sim, cert_files, tmp_path):
    configure_tj(sim.url, cert_files.p12)
    imported = subprocess.run(
        [*CLI, "--db", any_office.url, "credentials", "import-cert", str(cert_files.expired_p12),
         "--login", "admin", "--password-stdin", "--secret-stdin"],
        input=f"{PASSWORD}\n{CERT_PASSWORD}\n", capture_output=True, text=True, timeout=60)
    assert imported.returncode == 0, imported.stderr
    assert "Certificado digital vencido em" in imported.stdout
    insert_pending(2)
    log = tmp_path / "t.log"
    proc = transmit_process(any_office.url, log, "--once")
    out, err = proc.communicate(timeout=60)
    assert proc.returncode == 1
    assert "2 pendente(s). Certificado digital vencido em" in out
    assert "status stopped: Certificado digital vencido em" in log.read_text()
    assert count_in_state(SealState.PENDING) == 2
    assert sim_stats(sim.url).get("registros_mantidos", 0) == 0
    assert_no_secrets(out, err, log.read_text(), imported.stdout, imported.stderr)


async def test_missing_key_file_stops_the_transmitter_with_a_clear_reason(
        office, sim, cert_files, tmp_path, start_transmitter):
    configure_tj(sim.url, cert_files.p12)
    insert_pending(1)
    missing = tmp_path / "sumiu.key"
    running = start_transmitter(env={"BALCAO_KEY_FILE": str(missing)})
    await wait_for(lambda: running.transmitter.status.state is LinkState.STOPPED
                   and "chave" in running.transmitter.status.detail)
    assert running.transmitter.status.detail == (
        f"A chave dos segredos não foi encontrada em {missing}. Ela é criada por `balcao "
        "init`; se está em outro lugar, informe-o na variável BALCAO_KEY_FILE.")
    assert count_in_state(SealState.PENDING) == 1
    proc = subprocess.run([*CLI, "--db", office.url, "transmit", "--once", "--log-file",
                           str(tmp_path / "t.log")], capture_output=True, text=True,
                          timeout=60, env={**os.environ,
                                           "BALCAO_KEY_FILE": str(missing)})
    assert proc.returncode == 1 and "Traceback" not in proc.stderr + proc.stdout
    assert "A chave dos segredos não foi encontrada" in proc.stdout
