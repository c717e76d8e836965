"""The printed signature card (ficha-padrão): the ID data collected, and its seal."""
from __future__ import annotations

import textwrap

from .domain.deadlines import format_date
from .domain.identifiers import format_cns, format_cpf
from .domain.permissions import ROLE_LABELS
from .labels import CONSULT_URL
from .store.usecases.card_sheet import CardSheet

SHEET_WIDTH = 68


def _date(value) -> str:
    return format_date(value) if value else ""


def card_sheet_text(sheet: CardSheet, consultation_url: str | None) -> str:
    """`consultation_url` is the signed URL of the seal; without it, the site to consult."""
    document = " ".join(p for p in (sheet.id_type, sheet.rg_number) if p)
    issuer = "/".join(p for p in (sheet.rg_issuer, sheet.rg_state) if p)
    rows = [
        ("Nome", sheet.name.upper()),
        ("Filiação", " e ".join(p for p in (sheet.father, sheet.mother) if p)),
        ("Nascimento", _date(sheet.birth_date)),
        ("CPF", format_cpf(sheet.cpf) if sheet.cpf else ""),
        ("Documento", f"{document}, {issuer}" if issuer else document),
        ("Expedição", _date(sheet.id_issued_on)),
        ("Endereço", sheet.address),
        ("Profissão", sheet.profession),
        ("Nacionalidade", sheet.nationality),
        ("Estado civil", sheet.marital_status),
        ("Depósito", _date(sheet.deposited_on)),
        (ROLE_LABELS.get(sheet.clerk_role, "Escrevente"), sheet.clerk_name),
    ]
    lines = [sheet.office_name, f"CNS {format_cns(sheet.office_cns)} · {sheet.municipality}",
             f"FICHA-PADRÃO DE FIRMA nº {sheet.card_id}", ""]
    for label, value in rows:
        lines.extend(textwrap.wrap(f"{label + ':':<15}{value}", SHEET_WIDTH,
                                   subsequent_indent=" " * 15) or [label + ":"])
    if sheet.seal_code:
        lines += ["", f"Selo digital: {sheet.seal_code}"]
        if consultation_url:
            lines.append("Consulta pública:")
            lines += textwrap.wrap(consultation_url, SHEET_WIDTH, break_on_hyphens=False)
        else:
            lines.append(f"Consulte em {CONSULT_URL}")
    lines += ["", "Assinatura: " + "_" * (SHEET_WIDTH - 12)]
    return "\n".join(lines) + "\n"
