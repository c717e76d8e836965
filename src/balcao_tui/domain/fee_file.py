"""Reading a fee table file (the shipped example or the office's real table).

Format (TOML, UTF-8; documented for the office at the top of data/fees_exemplo.toml):

    titulo = "Tabela 2026 da serventia"
    exemplo = false

    [vigencias.2026]
    inicio = 2026-01-01            # or "01/01/2026"; in force until the next start

    [vigencias.2026.atos.firma_sem_valor]
    tabeliao = "6,68"              # pt-BR money text, one per column
    estado = "1,90"
    sefaz = "1,30"
    registro_civil = "0,35"
    tribunal_justica = "0,46"
    ministerio_publico = "0,32"
    total = "11,01"                # must be the sum of the six columns

Every period must list every act kind of the act kinds table. Errors name the line.
"""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from typing import Any, Mapping, NoReturn

from balcao_tui.domain.act_kinds import ActKind, all_act_kinds
from balcao_tui.domain.boundary import quoted
from balcao_tui.domain.deadlines import InvalidDate, format_date, parse_date_br
from balcao_tui.domain.fee_types import COLUMN_NAMES, FeeColumns, FeePeriod, FeeTable
from balcao_tui.domain.fee_types import FeeTableError
from balcao_tui.domain.money import InvalidMoney, format_money, parse_money
from balcao_tui.domain.toml_source import header_line, key_line, located, parse, read_text

SHIPPED_FILE = "fees_exemplo.toml"
_WHAT = "Tabela de emolumentos"
_TOP_KEYS = {"titulo", "exemplo", "vigencias"}
_PERIOD_KEYS = {"inicio", "atos"}


def load_fee_table(
    source: str | Path | None = None,
    *,
    text: str | None = None,
    act_kinds: Mapping[str, ActKind] | None = None,
) -> FeeTable:
    """Reads and checks a fee table: `text` if given, else the file (None: the example)."""
    raw = text if text is not None else read_text(source, SHIPPED_FILE, FeeTableError, _WHAT)
    data = parse(raw, FeeTableError, _WHAT)
    kinds = act_kinds if act_kinds is not None else {kind.key: kind for kind in all_act_kinds()}
    reader = _Reader(raw)
    for key in sorted(set(data) - _TOP_KEYS):
        reader.fail(key_line(raw, 0, key), None, f"campo desconhecido {quoted(key)}.")
    title = data.get("titulo")
    if not isinstance(title, str) or not title.strip():
        reader.fail(key_line(raw, 0, "titulo"), None, 'falta "titulo" (texto entre aspas).')
    is_example = data.get("exemplo", False)
    if not isinstance(is_example, bool):
        reader.fail(key_line(raw, 0, "exemplo"), None, '"exemplo" deve ser true ou false.')
    periods = data.get("vigencias")
    if not isinstance(periods, dict) or not periods:
        reader.fail(None, None, "nenhuma vigência definida (esperava [vigencias.<ano>]).")
    read = [reader.period(label, body, kinds) for label, body in periods.items()]
    reader.refuse_repeated_starts(read)
    return FeeTable(title.strip(), is_example, tuple(read))


class _Reader:
    def __init__(self, source: str) -> None:
        self.source = source

    def fail(self, line: int | None, section: str | None, detail: str) -> NoReturn:
        raise FeeTableError(located(_WHAT, line or None, section, detail), line or None)

    def period(self, label: str, body: Any, kinds: Mapping[str, ActKind]) -> FeePeriod:
        section = f"vigencias.{label}"
        line = header_line(self.source, "vigencias", label)
        if not isinstance(body, dict):
            self.fail(line, section, "cada vigência deve ser uma tabela [vigencias.<ano>].")
        for key in sorted(set(body) - _PERIOD_KEYS):
            self.fail(key_line(self.source, line, key), section,
                      f"campo desconhecido {quoted(key)}.")
        start = self.start(body.get("inicio"), line, section)
        entries = body.get("atos", {})
        if not isinstance(entries, dict):
            self.fail(line, section, f"os atos devem vir em tabelas [{section}.atos.<ato>].")
        fees = {}
        for kind_key, entry in entries.items():
            if kind_key not in kinds:
                self.fail(
                    header_line(self.source, "vigencias", label, "atos", kind_key),
                    f"{section}.atos.{kind_key}",
                    f"ato desconhecido {quoted(kind_key)} (veja a tabela de tipos de ato).",
                )
            fees[kind_key] = self.columns(label, kind_key, entry)
        missing = [kind for key, kind in kinds.items() if key not in fees]
        if missing:
            names = ", ".join(f'"{kind.key}" ({kind.label})' for kind in missing)
            what = "faltam os valores dos atos" if len(missing) > 1 else "faltam os valores do ato"
            self.fail(line, section, f"{what} {names}.")
        return FeePeriod(label, start, fees)

    def start(self, value: Any, line: int | None, section: str) -> date:
        where = key_line(self.source, line, "inicio")
        if value is None:
            self.fail(line, section, 'falta "inicio" (primeiro dia de vigência, '
                      "ex.: inicio = 2026-01-01).")
        if isinstance(value, str):
            try:
                return parse_date_br(value)
            except InvalidDate as exc:
                self.fail(where, section, f'"inicio": {exc}')
        if isinstance(value, datetime) or not isinstance(value, date):
            self.fail(where, section, '"inicio" deve ser uma data, ex.: inicio = 2026-01-01.')
        return value

    def columns(self, label: str, kind_key: str, entry: Any) -> FeeColumns:
        section = f"vigencias.{label}.atos.{kind_key}"
        line = header_line(self.source, "vigencias", label, "atos", kind_key)
        if not isinstance(entry, dict):
            self.fail(line, section, "os valores do ato devem vir numa tabela.")
        names = (*COLUMN_NAMES, "total")
        for key in sorted(set(entry) - set(names)):
            self.fail(key_line(self.source, line, key), section, f"coluna desconhecida {quoted(key)}.")
        values = {name: self.money(entry, name, line, section) for name in names}
        columns_sum = sum(values[name] for name in COLUMN_NAMES)
        if columns_sum != values["total"]:
            self.fail(
                line,
                section,
                f"as colunas somam {format_money(columns_sum)} mas o total é "
                f"{format_money(values['total'])}.",
            )
        return FeeColumns(**values)

    def money(self, entry: dict, name: str, line: int | None, section: str) -> int:
        if name not in entry:
            self.fail(line, section, f'falta a coluna "{name}".')
        where = key_line(self.source, line, name)
        value = entry[name]
        if not isinstance(value, str):
            self.fail(where, section, f'coluna "{name}" deve ser um valor entre aspas, '
                      'ex.: "6,25".')
        try:
            return parse_money(value)
        except InvalidMoney as exc:
            self.fail(where, section, f'coluna "{name}": {exc}')

    def refuse_repeated_starts(self, periods: list[FeePeriod]) -> None:
        seen: dict[date, str] = {}
        for period in periods:
            if period.start in seen:
                self.fail(
                    header_line(self.source, "vigencias", period.label),
                    f"vigencias.{period.label}",
                    f"início {format_date(period.start)} repetido: já é o da vigência "
                    f'"{seen[period.start]}".',
                )
            seen[period.start] = period.label
