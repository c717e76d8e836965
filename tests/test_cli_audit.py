"""balcao audit verify and balcao check as cron runs them: real subprocesses on real
databases (SQLite and PostgreSQL)."""
from datetime import timedelta

import pytest

from balcao_tui.domain.deadlines import format_local, utcnow
from balcao_tui.store.db import write_transaction
from balcao_tui.store.models import SealRecord, Setting
from balcao_tui.store.resync_flag import require_resync
from balcao_tui.store.usecases.counter import register_counter_acts
from support import audit_tamper as tamper
from support.office import close_store, make_office
from test_cli import balcao


def backed_up_now() -> None:
    Setting.create(key="backup.last_at", value=utcnow().isoformat())


@pytest.fixture
def office(db_url):
    office = make_office(db_url)
    register_counter_acts(office.clerk, "autenticacao", 1)
    backed_up_now()
    yield office
    close_store()


def run(url, *args):
    close_store()  # the command opens the database itself
    return balcao("--db", url, *args)


def test_a_healthy_office_verifies_and_checks_ok(office):
    verified = run(office.url, "audit", "verify")
    assert verified.returncode == 0, verified.stderr
    assert verified.stdout.startswith("Cadeia de auditoria íntegra (")
    checked = run(office.url, "check")
    assert (checked.returncode, checked.stdout) == (0, "OK: tudo em ordem\n")


def _edited():
    entry = tamper.entries()[2]
    tamper.edit(entry)
    return entry.id, entry, "alterada"


def _deleted_middle():
    chain = tamper.entries()
    tamper.delete(chain[2])
    return chain[3].id, chain[3], "removida antes desta"


def _deleted_last():
    last = tamper.entries()[-1]
    tamper.delete(last)
    return last.id, None, "removida (era a última da trilha)"


def _inserted():
    forged = tamper.forge_after_last()
    return forged, tamper.entries()[-1], "inserida"


@pytest.mark.parametrize("tampering", [_edited, _deleted_middle, _deleted_last, _inserted],
                         ids=["edited", "deleted-middle", "deleted-last", "inserted"])
def test_each_tampering_is_named_by_verify_and_fails_check(office, tampering):
    entry_id, entry, what = tampering()
    verified = run(office.url, "audit", "verify")
    assert verified.returncode == 1
    assert verified.stdout.startswith(f"Cadeia de auditoria violada (entrada {entry_id})")
    where = f" ({format_local(entry.at)}, {entry.action})" if entry else ""
    assert f"  entrada {entry_id}{where}: {what}\n" in verified.stdout
    checked = run(office.url, "check")
    assert checked.returncode == 2
    assert checked.stdout == f"CRÍTICO: cadeia de auditoria violada (entrada {entry_id})\n"


def test_a_late_seal_is_critical(office):
    SealRecord.update(deadline_at=utcnow() - timedelta(minutes=1)).execute()
    checked = run(office.url, "check")
    assert (checked.returncode, checked.stdout) == (2, "CRÍTICO: 1 selo atrasado\n")


def test_a_restored_database_waiting_for_its_resync_is_critical(office):
    with write_transaction():
        require_resync(utcnow() - timedelta(hours=3))
    checked = run(office.url, "check")
    assert checked.returncode == 2
    assert checked.stdout.startswith("CRÍTICO: banco restaurado esperando a ressincronização")


def test_a_nearly_late_seal_and_an_old_backup_warn(office):
    SealRecord.update(deadline_at=utcnow() + timedelta(minutes=30)).execute()
    Setting.update(value=(utcnow() - timedelta(hours=30)).isoformat()).where(
        Setting.key == "backup.last_at").execute()
    checked = run(office.url, "check")
    assert checked.returncode == 1
    assert checked.stdout == ("ALERTA: 1 selo vence em menos de 2 h; "
                              "última cópia de segurança há 30 h\n")


def test_check_help_states_the_exit_codes():
    shown = balcao("check", "--help")
    assert shown.returncode == 0 and "0 tudo em ordem, 1 alerta, 2 crítico" in shown.stdout


def test_check_on_a_missing_database_is_unknown(tmp_path):
    checked = balcao("--db", f"sqlite:///{tmp_path / 'nada.db'}", "check")
    assert (checked.returncode, checked.stdout) == (3, "DESCONHECIDO: banco de dados inacessível\n")
