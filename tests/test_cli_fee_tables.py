"""Fee tables from the command line: `balcao init --fee-table` is all-or-nothing, and
`balcao fees import` replaces the table of a running office (SQLite and PostgreSQL)."""
import re
from pathlib import Path

from balcao_tui.domain.fees import load_fee_table
from balcao_tui.store.db import close_database, open_database
from balcao_tui.store.migrations import CURRENT_VERSION, schema_version
from balcao_tui.store.models import AuditEntry, FeeTableFile, Office, User
from test_cli import INIT_FLAGS, balcao

PASSWORD_ENV = {"BALCAO_ADMIN_PASSWORD": "senha-forte-1"}


def official_table(tmp_path: Path, title: str = "Tabela oficial 2026 da serventia") -> Path:
    shipped = (Path(load_fee_table.__code__.co_filename).parent / "data" / "fees_exemplo.toml")
    text = shipped.read_text(encoding="utf-8")
    text = re.sub(r"^exemplo = true$", "exemplo = false", text, flags=re.M)
    text = re.sub(r"^titulo = .*$", f'titulo = "{title}"', text, flags=re.M)
    path = tmp_path / "oficial.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_init_with_a_broken_fee_table_leaves_an_empty_database(db_url, tmp_path):
    broken = tmp_path / "quebrada.toml"
    broken.write_text(official_table(tmp_path).read_text().replace('total = "', 'total = "9', 1))
    result = balcao("--db", db_url, *INIT_FLAGS, "--fee-table", str(broken), env=PASSWORD_ENV)
    assert result.returncode != 0
    assert "linha" in result.stderr and "Traceback" not in result.stderr
    open_database(db_url)
    assert schema_version() == CURRENT_VERSION
    assert (Office.select().count(), User.select().count(), FeeTableFile.select().count()) == \
        (0, 0, 0)
    close_database()

    fixed = balcao("--db", db_url, *INIT_FLAGS, "--fee-table", str(official_table(tmp_path)),
                   env=PASSWORD_ENV)
    assert fixed.returncode == 0, fixed.stderr
    open_database(db_url)
    assert FeeTableFile.get().title == "Tabela oficial 2026 da serventia"
    close_database()


def test_init_again_with_a_fee_table_points_to_fees_import(sqlite_url, tmp_path):
    assert balcao("--db", sqlite_url, *INIT_FLAGS, env=PASSWORD_ENV).returncode == 0
    again = balcao("--db", sqlite_url, *INIT_FLAGS, "--fee-table",
                   str(official_table(tmp_path)), env=PASSWORD_ENV)
    assert again.returncode != 0 and "balcao fees import" in again.stderr


def test_fees_import_replaces_the_table_for_an_administrator_only(db_url, tmp_path):
    assert balcao("--db", db_url, *INIT_FLAGS, env=PASSWORD_ENV).returncode == 0
    table = official_table(tmp_path, "Tabela 2027")
    wrong = balcao("--db", db_url, "fees", "import", str(table), "--login", "chefe",
                   "--password-stdin", input="senha-errada\n")
    assert wrong.returncode == 1 and "Usuário ou senha incorretos" in wrong.stderr
    done = balcao("--db", db_url, "fees", "import", str(table), "--login", "chefe",
                  "--password-stdin", input="senha-forte-1\n")
    assert done.returncode == 0, done.stderr
    assert "Tabela 2027" in done.stdout and "oficial" in done.stdout
    open_database(db_url)
    assert FeeTableFile.select().order_by(FeeTableFile.id.desc()).first().title == "Tabela 2027"
    assert AuditEntry.select().where(AuditEntry.action == "fees.import").count() == 1
    close_database()

    missing = balcao("--db", db_url, "fees", "import", str(tmp_path / "nao-existe.toml"),
                     "--login", "chefe", "--password-stdin", input="senha-forte-1\n")
    assert missing.returncode == 1 and "não encontrado" in missing.stderr
