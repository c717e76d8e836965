"""`balcao seals correct|exclude|link` on SQLite and PostgreSQL: the tabelião's login and
password, the same rules and Portuguese refusals as the screens, nothing written when
refused."""
from datetime import timedelta

from balcao_tui.domain.deadlines import format_local, utcnow
from balcao_tui.domain.seal_states import RecordKind
from balcao_tui.store.models import SealRecord
from support.fix_records import communicated_digital, communicated_hybrid
from support.hostile import snapshot
from support.office import PASSWORD, close_store, make_office, open_store
from test_cli import balcao

REASON = ["--reason", "Conferência do livro."]


def wrong_check_digit(code: str) -> str:
    return code[:-1] + ("1" if code[-1] != "1" else "2")


def seals(url, *args, login="tadeu", password=PASSWORD):
    return balcao("--db", url, "seals", *args, "--login", login, "--password-stdin",
                  input=f"{password}\n")


def test_correct_exclude_and_link(db_url):
    make_office(db_url)
    now = utcnow()
    digital = communicated_digital(8_400_001, now - timedelta(hours=5))
    hybrid = communicated_hybrid(1, now - timedelta(hours=5))
    parent, child = (communicated_digital(8_400_010 + n, now - timedelta(hours=1))
                     for n in range(2))
    close_store()
    new_at = format_local(now - timedelta(hours=6))
    fixed = seals(db_url, "correct", digital.code.lower(), "--exempt", "Lei 11.331/2002",
                  "--date", new_at, *REASON)
    assert fixed.returncode == 0, fixed.stderr
    assert fixed.stdout.startswith("Retificação ")
    assert f"substitui o selo {digital.code}" in fixed.stdout
    excluded = seals(db_url, "exclude", hybrid.code, *REASON)
    assert excluded.returncode == 0, excluded.stderr
    linked = seals(db_url, "link", parent.code, child.code, *REASON)
    assert linked.returncode == 0, linked.stderr
    assert linked.stdout.endswith(f"{child.code} vinculados ao selo {parent.code}.\n")
    open_store(db_url)
    kinds = sorted(r.record_kind for r in SealRecord.select().where(
        SealRecord.record_kind != RecordKind.ACT))
    assert kinds == sorted([RecordKind.CORRECTION, RecordKind.EXCLUSION, RecordKind.LINK])
    correction = SealRecord.get(SealRecord.record_kind == RecordKind.CORRECTION)
    assert format_local(correction.act_at) == new_at
    assert correction.exempt_reason == "Lei 11.331/2002" and correction.total == 0
    close_store()


def test_refusals_in_one_portuguese_line_with_nothing_written(db_url):
    make_office(db_url)
    now = utcnow()
    hybrid = communicated_hybrid(2, now - timedelta(hours=5))
    late = communicated_digital(8_400_020, now - timedelta(hours=80))
    before = snapshot()
    close_store()
    cases = [
        (seals(db_url, "correct", hybrid.code, "--value", "tabela", *REASON, login="clara"),
         "O perfil Escrevente não tem permissão para retificar selos."),
        (seals(db_url, "correct", hybrid.code, "--kind", "firma_com_valor", *REASON),
         "Selo híbrido só pode ser retificado na data ou no valor"),
        (seals(db_url, "exclude", late.code, *REASON), "O prazo de 72 horas para excluir"),
        (seals(db_url, "correct", hybrid.code, "--date", "31/02/2026 10:00", *REASON),
         "Data inexistente"),
        (seals(db_url, "link", late.code, late.code, *REASON), "a si mesmo"),
        (seals(db_url, "exclude", wrong_check_digit(hybrid.code), *REASON), "dígito verificador"),
        (seals(db_url, "exclude", "1455731XA000000000999926X", *REASON), "não encontrado"),
        (seals(db_url, "exclude", hybrid.code, "--reason", "a\x1bb"), "Motivo"),
    ]
    for result, expected in cases:
        assert result.returncode != 0, result.stdout
        assert expected in result.stderr and result.stderr.count("\n") == 1, result.stderr
    open_store(db_url)
    after = snapshot()
    after.pop("AuditEntry"), before.pop("AuditEntry")  # sign-ins are audited
    assert after == before
    close_store()
