"""`balcao stock list|add|assign|move` on SQLite and PostgreSQL: the role is checked, the
password read as every administrative command reads it, hostile arguments refused in one
Portuguese line with nothing written."""
import pytest

from support.hostile import message_problem, snapshot
from support.office import PASSWORD, close_store, make_office, open_store
from balcao_tui.store.models import PhysicalSeal
from test_cli import balcao
from test_cli_hostile import LONG, NOT_UTF8


def stock(url, *args, login="sueli", password=PASSWORD):
    return balcao("--db", url, "stock", *args, "--login", login, "--password-stdin",
                  input=f"{password}\n")


def test_add_assign_move_and_list(db_url):
    office = make_office(db_url)
    close_store()
    added = stock(db_url, "add", "--series", "rf0100", "--type", "reconhecimento",
                  "--first", "1", "--last", "100")
    assert added.returncode == 0, added.stderr
    assert added.stdout == ("Compra registrada no estoque: RF0100 0000001 a 0000100 "
                            "(100 selos).\n")
    again = stock(db_url, "add", "--series", "RF0100", "--type", "reconhecimento",
                  "--first", "90", "--last", "120")
    assert again.returncode == 1
    assert again.stderr == ("balcao: O selo RF0100 0000090 já está cadastrado: as cartelas não "
                            "podem se sobrepor.\n")
    given = stock(db_url, "assign", "--series", "RF0100", "--first", "1", "--last", "30",
                  "--to", "clara", login="admin", password=PASSWORD)
    assert given.stdout == ("30 selo(s) do estoque passaram a Clara Escrevente: RF0100 0000001 "
                            "a 0000030.\n"), given.stderr
    open_store(db_url)
    from balcao_tui.store.usecases.counter import register_counter_acts
    register_counter_acts(office.clerk, "firma_sem_valor",
                          1, seals=[("RF0100", 1)], signature_card_id=_card(office))
    close_store()
    moved = stock(db_url, "move", "--series", "RF0100", "--first", "1", "--last", "30",
                  "--to", "bruno")
    assert moved.stdout == ("29 selo(s) de Clara Escrevente passaram a Bruno Escrevente: "
                            "RF0100 0000002 a 0000030; 1 já utilizado(s) ou inutilizado(s) "
                            "ficaram com Clara Escrevente.\n"), moved.stderr
    listing = stock(db_url, "list")
    assert listing.returncode == 0, listing.stderr
    rows = listing.stdout.splitlines()
    assert rows[0].split() == ["Série", "Tipo", "Com", "quem", "Disp.", "Usados", "Inut."]
    at = rows.index(next(r for r in rows if r.startswith("RF0100")))
    assert [r.split()[-3:] for r in rows[at:at + 5:2]] == [["70", "0", "0"], ["29", "0", "0"],
                                                         ["0", "1", "0"]]
    assert "estoque" in rows[at] and "livres: 31–100" in rows[at + 1]
    assert "Bruno Escrevente" in rows[at + 2] and "livres: 2–30" in rows[at + 3]
    assert "Clara Escrevente" in rows[at + 4]


def _card(office) -> int:
    from balcao_tui.store.usecases.signature_cards import CardData, create_signature_card
    return create_signature_card(office.clerk, CardData(name="Maria da Silva",
                                                        cpf="529.982.247-25")).card_id


def test_a_clerk_and_a_wrong_password_are_refused(sqlite_url):
    make_office(sqlite_url)
    close_store()
    clerk = stock(sqlite_url, "list", login="clara")
    assert clerk.returncode == 1 and clerk.stderr == (
        "balcao: O perfil Escrevente não tem permissão para cadastrar e distribuir cartelas de "
        "selos.\n")
    wrong = stock(sqlite_url, "add", "--series", "X1", "--type", "autenticacao", "--first", "1",
                  "--last", "2", password="senha-errada")
    assert wrong.returncode == 1 and "Usuário ou senha incorretos" in wrong.stderr
    no_password = balcao("--db", sqlite_url, "stock", "list", "--login", "sueli", input="",
                         env={"BALCAO_PASSWORD": ""})
    assert no_password.returncode != 0 and "--password-stdin" in no_password.stderr


def _without_logins(rows: dict) -> dict:
    """Every table, but the audit of the command's own login (the password was right)."""
    audit = [row for row in rows["AuditEntry"] if row[3] != "login.ok"]
    return {**rows, "AuditEntry": audit}


HOSTILE = [
    ["add", "--series", "RF9", "--type", "autenticacao", "--first", "-1", "--last", "2"],
    ["add", "--series", "RF9", "--type", "autenticacao", "--first", "9", "--last", "2"],
    ["add", "--series", "RF9", "--type", "autenticacao", "--first", "1", "--last", "9" * 40],
    ["add", "--series", "RF9", "--type", "autenticacao", "--first", "1", "--last", "10000000"],
    ["add", "--series", "RF9", "--type", "autenticacao", "--first", "1", "--last", "20000"],
    ["add", "--series", "\x1b[2J", "--type", "autenticacao", "--first", "1", "--last", "2"],
    ["add", "--series", "😀", "--type", "autenticacao", "--first", "1", "--last", "2"],
    ["add", "--series", LONG, "--type", "autenticacao", "--first", "1", "--last", "2"],
    ["add", "--series", NOT_UTF8, "--type", "autenticacao", "--first", "1", "--last", "2"],
    ["add", "--series", "RF9", "--type", LONG, "--first", "1", "--last", "2"],
    ["add", "--series", "RF9", "--type", "autenticacao", "--first", "١٢", "--last", "20"],
    ["assign", "--series", "RF0001", "--first", "1", "--last", "2", "--to", NOT_UTF8],
    ["assign", "--series", "RF0001", "--first", "1", "--last", "2", "--to", LONG],
    ["move", "--series", "RF0001", "--first", "1", "--last", "2", "--to", "\x07bruno"],
    ["move", "--series", "RF0001", "--first", "1e3", "--last", "2", "--to", "bruno"],
]


@pytest.mark.parametrize("args", HOSTILE, ids=[
    "negative", "first-after-last", "huge", "past-the-last-number", "too-many", "escape",
    "emoji", "series-100k", "series-not-utf8", "type-100k", "arabic-digits", "to-not-utf8",
    "to-100k", "to-bell", "not-a-number"])
def test_hostile_arguments_are_refused_in_one_portuguese_line(sqlite_url, args):
    make_office(sqlite_url)
    before = _without_logins(snapshot())
    close_store()
    result = stock(sqlite_url, *args)
    assert result.returncode == 1 and result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("balcao: "), result.stderr[:300]
    problem = message_problem(lines[0].removeprefix("balcao: "))
    assert problem is None, f"{problem}: {lines[0][:200]!r}"
    open_store(sqlite_url)
    assert _without_logins(snapshot()) == before
    assert PhysicalSeal.select().count() == 150
    close_store()
