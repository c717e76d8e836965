"""`balcao seals list|export`: seal records found by the seal search, written as they are
read, a page at a time, in text (80 columns), CSV or JSON."""
from __future__ import annotations

import csv
import json
import sys
from typing import Iterable, TextIO

from ..domain.deadlines import format_local
from ..domain.money import format_money
from ..domain.text import cut

# The keys of each record in CSV and JSON, in this order; they never change meaning.
FIELDS = {
    "id": "número do registro no banco",
    "codigo": "código do selo (25 caracteres)",
    "situacao": "situação (chave: pending, communicated, criticized...)",
    "situacao_descricao": "situação por extenso",
    "tipo_ato": "tipo de ato por extenso",
    "ato_em": "data e hora do ato, ISO 8601 em UTC",
    "escrevente": "login de quem gerou o selo",
    "total_centavos": "valor total em centavos",
    "selo_fisico": "série e número do selo físico (vazio: selo só digital)",
    "prazo_envio": "prazo de envio ao TJ, ISO 8601 em UTC",
    "critica": "a primeira crítica do TJ (vazio: nenhuma)",
}
FIELDS_HELP = "; ".join(f"{key}: {meaning}" for key, meaning in FIELDS.items())
STATE_WIDTH, VALUE_WIDTH = 20, 14


def record(row) -> dict:
    return {"id": row.id, "codigo": row.code, "situacao": row.state,
            "situacao_descricao": row.state_label, "tipo_ato": row.act_kind_label,
            "ato_em": row.act_at.isoformat(), "escrevente": row.clerk_login,
            "total_centavos": row.total, "selo_fisico": row.physical_seal or "",
            "prazo_envio": row.deadline_at.isoformat(), "critica": row.criticism}


def write_text(rows: Iterable, out: TextIO) -> int:
    count = 0
    out.write(f"{'Ato em':<16} {'Selo':<25} {'Situação':<{STATE_WIDTH}} "
              f"{'Valor':>{VALUE_WIDTH}}\n")
    for row in rows:
        out.write(f"{format_local(row.act_at)} {row.code} "
                  f"{cut(row.state_label, STATE_WIDTH):<{STATE_WIDTH}} "
                  f"{format_money(row.total):>{VALUE_WIDTH}}\n")
        count += 1
    out.write(f"{count} selo(s).\n")
    return count


def write_csv(rows: Iterable, out: TextIO) -> int:
    writer = csv.DictWriter(out, fieldnames=list(FIELDS), lineterminator="\n")
    writer.writeheader()
    count = 0
    for row in rows:
        writer.writerow(record(row))
        count += 1
    return count


def write_json(rows: Iterable, out: TextIO) -> int:
    """A JSON list written one object at a time, never held whole."""
    count = 0
    out.write("[")
    for row in rows:
        out.write(("," if count else "") + "\n" + json.dumps(record(row), ensure_ascii=False))
        count += 1
    out.write("\n]\n" if count else "]\n")
    return count


WRITERS = {"text": write_text, "csv": write_csv, "json": write_json}


def write(rows: Iterable, fmt: str, out: TextIO | None = None) -> int:
    return WRITERS[fmt](rows, out or sys.stdout)
