"""Fee tables from a file on the office's server and the values on a given day (SQLite and
PostgreSQL): what the Tabela de emolumentos screen and `balcao fees` call."""
from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest

from balcao_tui.domain.fees import load_fee_table
from balcao_tui.domain.refusal import Refusal
from balcao_tui.store.models import AuditEntry, FeeTableFile
from balcao_tui.store.usecases.fee_tables import fee_table_on, import_fee_table_file
from support.hostile import assert_clean_refusal, snapshot

SHIPPED = Path(load_fee_table.__code__.co_filename).parent / "data" / "fees_exemplo.toml"


def official(tmp_path: Path, title: str = "Tabela oficial da serventia", *,
             change: tuple[str, str] | None = None) -> Path:
    text = SHIPPED.read_text(encoding="utf-8")
    text = re.sub(r"^exemplo = true$", "exemplo = false", text, flags=re.M)
    text = re.sub(r"^titulo = .*$", f'titulo = "{title}"', text, flags=re.M)
    if change:
        text = text.replace(*change, 1)
    path = tmp_path / "oficial.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_the_shipped_example_is_shown_until_a_table_is_imported(any_office, tmp_path):
    shown = fee_table_on("15/03/2025")
    assert shown.is_example and shown.imported_at is None
    assert shown.period == "2025" and shown.day == date(2025, 3, 15)
    assert [label for label, _ in shown.periods] == ["2025", "2026"]
    first = shown.rows[0]
    assert (first.label, first.columns.total) == ("Firma s/ valor", 1044)

    table = import_fee_table_file(any_office.notary, str(official(tmp_path)))
    assert table.title == "Tabela oficial da serventia"
    shown = fee_table_on("")
    assert not shown.is_example and shown.imported_at is not None
    assert shown.title == "Tabela oficial da serventia"
    assert AuditEntry.select().where(AuditEntry.action == "fees.import").count() == 1


def test_a_day_before_every_period_has_no_values(any_office):
    shown = fee_table_on("31/12/2024")
    assert shown.period is None and shown.rows == ()


@pytest.mark.parametrize("day", ["32/01/2026", "x" * 5_000, "01/01/2026\x1b[2J", "😀", "-1"])
def test_a_bad_day_is_refused_at_the_date_field(any_office, day):
    with pytest.raises(Refusal) as refused:
        fee_table_on(day)
    assert refused.value.field == "date"
    assert_clean_refusal(refused.value)


@pytest.mark.parametrize("change, says", [
    (('total = "10,44"', 'total = "10,45"'), "linha 27"),
    (("[vigencias.2025.atos.firma_sem_valor]", "[vigencias.2025.atos.firma_nova]"),
     "ato desconhecido"),
    (('inicio = 2025-01-01', 'inicio = "31/02/2025"'), "inicio"),
    (('titulo = "', 'titulo = ['), "sintaxe TOML"),
])
def test_a_malformed_file_is_refused_with_its_reason_and_nothing_changes(
        any_office, tmp_path, change, says):
    before = snapshot()
    with pytest.raises(Refusal) as refused:
        import_fee_table_file(any_office.admin, str(official(tmp_path, change=change)))
    assert refused.value.field == "fee_table" and says in refused.value.message, \
        refused.value.message
    assert_clean_refusal(refused.value)
    assert snapshot() == before


def test_files_that_cannot_be_read(any_office, tmp_path):
    binary = tmp_path / "tabela.toml"
    binary.write_bytes(b"titulo = \"\xff\"\n")
    huge = tmp_path / "enorme.toml"
    huge.write_bytes(b"#" * (600 * 1024))
    for path, says in [(str(tmp_path / "nao-existe.toml"), "não encontrado"),
                       (str(binary), "UTF-8"), (str(huge), "grande demais"),
                       (str(tmp_path), "não foi possível ler"),
                       ("", "Informe o campo arquivo"), ("/tmp/\x00x", "caractere"),
                       ("/" + "a" * 2_000, "no máximo 1000")]:
        with pytest.raises(Refusal) as refused:
            import_fee_table_file(any_office.admin, path)
        assert says in refused.value.message, refused.value.message
        assert_clean_refusal(refused.value)
    assert FeeTableFile.select().count() == 0


@pytest.mark.parametrize("role", ["clerk", "supervisor"])
def test_a_clerk_or_supervisor_is_refused_before_the_file_is_read(any_office, tmp_path, role):
    with pytest.raises(Refusal) as refused:
        import_fee_table_file(getattr(any_office, role), str(tmp_path / "nao-existe.toml"))
    assert "não encontrado" not in refused.value.message
    assert FeeTableFile.select().count() == 0


def test_each_database_shows_its_own_table_in_one_process(tmp_path):
    """The parsed table is kept per process: a second database whose table has the same id
    (a restored copy, another URL) must not be shown the first one's."""
    from support.office import close_store, make_office

    shown = []
    for name in ("primeira", "segunda"):
        office = make_office(f"sqlite:///{tmp_path}/{name}.db")
        folder = tmp_path / name
        folder.mkdir()
        import_fee_table_file(office.notary, str(official(folder, f"Tabela da {name}")))
        shown.append(fee_table_on("").title)
        close_store()
    assert shown == ["Tabela da primeira", "Tabela da segunda"]
