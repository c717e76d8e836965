"""`balcao closing audit`: the table and summary in Portuguese, and exit codes that a
script can trust (0 all conform, 1 findings, 2 could not audit)."""
from __future__ import annotations

import subprocess
from datetime import timedelta

from balcao_tui.domain.deadlines import format_date, office_day, utcnow
from support.office import PASSWORD
from support.tj_state import delete_at_tj

from .conftest import CLI, configure_tj
from .test_tj_audit import make_day, transmit


def closing_audit(url: str, *args: str, login: str = "sueli", password: str = PASSWORD):
    return subprocess.run([*CLI, "--db", url, "closing", "audit", "--login", login,
                           "--password-stdin", *args], input=password + "\n",
                          capture_output=True, text=True, timeout=120)


async def test_findings_give_a_table_a_summary_and_exit_1(office, sim, cert_files):
    configure_tj(sim.url, cert_files.p12)
    at = utcnow() - timedelta(minutes=30)
    day = office_day(at)
    hybrid, _digital = make_day(office, at)
    await transmit()
    clean = closing_audit(office.url, "--date", day.isoformat())
    assert clean.returncode == 0, clean.stderr
    assert "Todos os 5 selo(s) do dia conferem com o TJ." in clean.stdout

    delete_at_tj(sim.state_path, hybrid[0])
    found = closing_audit(office.url, "--date", format_date(day))
    assert found.returncode == 1, found.stderr
    lines = found.stdout.splitlines()
    assert lines[0] == f"Auditoria com o TJ — {format_date(day)}"
    assert any(line.startswith(hybrid[0]) and "não encontrado no TJ" in line
               and line.endswith("comunicado aqui") for line in lines)
    assert "    → Reenviar: o mesmo código vai de novo ao TJ, que não o duplica." in lines
    assert lines[-1] == ("Resumo: conformidade: 4 · não encontrado no TJ: 1 · divergência: 0 "
                         "· presente no TJ e desconhecido aqui: 0 · ainda não enviado: 0.")


def test_what_cannot_be_audited_exits_2_with_a_reason(office, sim, cert_files):
    today = format_date(office_day(utcnow()))
    unconfigured = closing_audit(office.url, "--date", today)
    assert (unconfigured.returncode, unconfigured.stdout) == (2, "")
    assert "Transmissão ao TJ não configurada" in unconfigured.stderr
    configure_tj(sim.url, cert_files.p12)
    for args, login, password, message in [
            (["--date", "31/02/2026"], "sueli", PASSWORD, "Data inexistente"),
            (["--date", "2026-13-01"], "sueli", PASSWORD, "Data inexistente"),
            ([], "clara", PASSWORD, "não tem permissão para fechar o expediente"),
            ([], "sueli", "senha-errada-9", "senha")]:
        result = closing_audit(office.url, *args, login=login, password=password)
        assert (result.returncode, result.stdout) == (2, ""), result.stderr
        assert message in result.stderr
    sim.stop()
    down = closing_audit(office.url)
    assert down.returncode == 2 and "Não foi possível consultar o TJ" in down.stderr
