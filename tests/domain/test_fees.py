import tomllib
from datetime import date, datetime, timezone
from importlib import resources

import pytest

from balcao_tui.domain.act_kinds import all_act_kinds, get_act_kind
from balcao_tui.domain.fees import (
    ActFees,
    FeeColumns,
    FeeNotFound,
    FeeTableError,
    act_fees,
    compute_iss,
    load_fee_table,
)

KEYS = [kind.key for kind in all_act_kinds()]
COLUMNS = ["tabeliao", "estado", "sefaz", "registro_civil", "tribunal_justica",
           "ministerio_publico"]


def reais(cents: int) -> str:
    return f"{cents // 100},{cents % 100:02d}"


def section(year: int, key: str, tabeliao: int) -> str:
    values = [tabeliao, 100, 50, 20, 10, 5]
    lines = [f"[vigencias.{year}.atos.{key}]"]
    lines += [f'{name} = "{reais(value)}"' for name, value in zip(COLUMNS, values)]
    lines.append(f'total = "{reais(sum(values))}"')
    return "\n".join(lines) + "\n"


def table_text(tabeliao_by_year=None) -> str:
    tabeliao_by_year = tabeliao_by_year or {2025: 600, 2026: 700}
    parts = ['titulo = "Tabela de teste"', "exemplo = false", ""]
    for year, tabeliao in tabeliao_by_year.items():
        parts += [f"[vigencias.{year}]", f"inicio = {year}-01-01", ""]
        parts += [section(year, key, tabeliao) for key in KEYS]
    return "\n".join(parts)


def line_of(text: str, exact: str, after: str | None = None) -> int:
    lines = text.splitlines()
    begin = lines.index(after) if after else 0
    return next(i for i in range(begin, len(lines)) if lines[i].strip() == exact) + 1


def load_broken(tmp_path, text):
    path = tmp_path / "tabela.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(FeeTableError) as info:
        load_fee_table(path)
    return info.value


def assert_line(error, line):
    assert error.line == line
    assert f"linha {line}" in str(error)


def test_valid_table_loads(tmp_path):
    path = tmp_path / "tabela.toml"
    path.write_text(table_text(), encoding="utf-8")
    table = load_fee_table(path)
    assert table.title == "Tabela de teste"
    assert table.is_example is False
    assert table.years() == [2025, 2026]
    assert load_fee_table(text=table_text()) == table


def test_columns_not_adding_up(tmp_path):
    header = "[vigencias.2026.atos.firma_sem_valor]"
    text = table_text().replace(
        header + "\n" + 'tabeliao = "7,00"', header + "\n" + 'tabeliao = "7,50"'
    )
    error = load_broken(tmp_path, text)
    assert_line(error, line_of(text, header))
    assert "as colunas somam R$ 9,35 mas o total é R$ 8,85" in str(error)
    assert header in str(error)


@pytest.mark.parametrize(
    "bad, fragment",
    [('"-1,00"', "negativo"), ('"abc"', "Valor inválido"), ('"1,234"', "casas decimais"),
     ("1.0", "entre aspas"), ("100", "entre aspas")],
)
def test_bad_values_point_at_their_line(tmp_path, bad, fragment):
    header = "[vigencias.2025.atos.autenticacao]"
    text = table_text()
    lines = text.splitlines()
    estado = line_of(text, 'estado = "1,00"', after=header)
    lines[estado - 1] = f"estado = {bad}"
    text = "\n".join(lines)
    error = load_broken(tmp_path, text)
    assert_line(error, estado)
    assert fragment in str(error) and '"estado"' in str(error)


def test_missing_act_kind(tmp_path):
    missing = section(2026, "fotocopia", 700)
    text = table_text().replace(missing, "")
    error = load_broken(tmp_path, text)
    assert_line(error, line_of(text, "[vigencias.2026]"))
    assert '"fotocopia"' in str(error)


def test_unknown_act_kind(tmp_path):
    text = table_text() + "\n" + section(2026, "firma_sem_valr", 700)
    error = load_broken(tmp_path, text)
    assert_line(error, line_of(text, "[vigencias.2026.atos.firma_sem_valr]"))


def test_missing_column(tmp_path):
    header = "[vigencias.2026.atos.abertura_firma]"
    text = table_text().replace(header + '\ntabeliao = "7,00"\n', header + "\n")
    error = load_broken(tmp_path, text)
    assert_line(error, line_of(text, header))
    assert '"tabeliao"' in str(error)


def test_period_without_start(tmp_path):
    text = table_text().replace("inicio = 2026-01-01\n", "")
    error = load_broken(tmp_path, text)
    assert_line(error, line_of(text, "[vigencias.2026]"))
    assert "inicio" in str(error)


def test_repeated_start(tmp_path):
    text = table_text().replace("inicio = 2026-01-01", "inicio = 2025-01-01")
    error = load_broken(tmp_path, text)
    assert_line(error, line_of(text, "[vigencias.2026]"))


def test_syntax_error(tmp_path):
    text = table_text().replace('titulo = "Tabela de teste"', 'titulo = "Tabela de teste')
    error = load_broken(tmp_path, text)
    assert_line(error, 1)


def test_missing_file(tmp_path):
    with pytest.raises(FeeTableError) as info:
        load_fee_table(tmp_path / "nao_existe.toml")
    assert "não encontrado" in str(info.value)


def test_start_may_be_written_in_brazilian_format():
    text = table_text().replace("inicio = 2026-01-01", 'inicio = "01/01/2026"')
    assert load_fee_table(text=text).years() == [2025, 2026]


def test_lookup_across_new_year():
    table = load_fee_table(text=table_text())
    assert table.lookup("firma_sem_valor", date(2025, 12, 31)).tabeliao == 600
    assert table.lookup("firma_sem_valor", date(2026, 1, 1)).tabeliao == 700
    assert table.lookup("firma_sem_valor", date(2026, 12, 31)).tabeliao == 700
    # 02:00 UTC on 1 January is still 31 December in São Paulo.
    late_evening = datetime(2026, 1, 1, 2, 0, tzinfo=timezone.utc)
    assert table.lookup("firma_sem_valor", late_evening).tabeliao == 600
    with pytest.raises(FeeNotFound) as info:
        table.lookup("firma_sem_valor", date(2024, 12, 31))
    assert "31/12/2024" in str(info.value)


def test_shipped_example():
    table = load_fee_table()
    assert table.is_example is True
    assert "EXEMPLO" in table.title
    assert table.years() == [2025, 2026]
    text = resources.files("balcao_tui.domain.data").joinpath("fees_exemplo.toml").read_text(
        "utf-8"
    )
    raw = tomllib.loads(text)
    for label, period in raw["vigencias"].items():
        assert set(period["atos"]) == set(KEYS), label
        for key, values in period["atos"].items():
            cents = {name: int(value.replace(",", "")) for name, value in values.items()}
            assert sum(cents[name] for name in COLUMNS) == cents["total"], (label, key)
            base = cents["total"] - cents["ministerio_publico"]
            assert 0.60 < cents["tabeliao"] / base < 0.65, (label, key)
    for key in KEYS:
        assert table.lookup(key, date(2026, 6, 1)).total > 0


def test_fee_columns_times_and_dict():
    columns = FeeColumns(10, 3, 2, 1, 1, 1, 18)
    assert columns.times(3) == FeeColumns(30, 9, 6, 3, 3, 3, 54)
    assert columns.as_dict()["total"] == 18
    with pytest.raises(TypeError):
        FeeColumns(10.0, 3, 2, 1, 1, 1, 18)


def test_iss_is_on_the_office_share_rounded_half_up():
    columns = FeeColumns(1225, 300, 200, 50, 50, 40, 1865)
    assert compute_iss(columns, 200) == 25  # 2% of 12,25 = 0,245
    assert compute_iss(columns, 500) == 61  # 5% of 12,25 = 0,6125


def test_act_fees_adds_iss_to_the_total():
    table = load_fee_table(text=table_text())
    fees = act_fees(table, get_act_kind("firma_sem_valor"), date(2026, 3, 2), 500)
    unit_total = 700 + 100 + 50 + 20 + 10 + 5
    assert fees.columns.total == unit_total
    assert fees.iss == 35
    assert fees.total == unit_total + 35
    assert fees.as_dict()["total"] == unit_total + 35


def test_photocopy_total_excludes_iss():
    table = load_fee_table(text=table_text())
    fees = act_fees(table, get_act_kind("fotocopia"), date(2026, 3, 2), 500, quantity=37)
    unit_total = 700 + 100 + 50 + 20 + 10 + 5
    assert fees.columns.total == unit_total * 37
    assert fees.iss == 1295  # 5% of 37 x 7,00
    assert fees.total == unit_total * 37


def test_exempt_act_is_zero_with_reason():
    table = load_fee_table(text=table_text())
    fees = act_fees(table, get_act_kind("autenticacao"), date(2026, 3, 2), 500,
                    exempt_reason="Lei 1.060/50, art. 3º")
    assert fees == ActFees(FeeColumns(0, 0, 0, 0, 0, 0, 0), 0, 0, "Lei 1.060/50, art. 3º")
    with pytest.raises(ValueError):
        act_fees(table, get_act_kind("autenticacao"), date(2026, 3, 2), 500, exempt_reason=" ")
