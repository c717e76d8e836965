"""Kinds of counter act, their (provisional) seal act codes and how each one is sealed.

The table lives in data/act_codes.toml so the codes can change without touching code.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from functools import cache
from pathlib import Path
from typing import Any, NoReturn

from balcao_tui.domain.boundary import quoted
from balcao_tui.domain.refusal import Refusal
from balcao_tui.domain.seal_code import ALPHABET
from balcao_tui.domain.toml_source import (
    DataFileError,
    header_line,
    key_line,
    located,
    parse,
    read_text,
)

FIRMA_SEM_VALOR = "firma_sem_valor"
FIRMA_COM_VALOR = "firma_com_valor"
FIRMA_AUTENTICIDADE = "firma_autenticidade"
CERTIDAO_FIRMA = "certidao_firma"
AUTENTICACAO = "autenticacao"
FOTOCOPIA = "fotocopia"
AUTENTICACAO_DIGITAL = "autenticacao_digital"
ABERTURA_FIRMA = "abertura_firma"
REQUIRED_KINDS = (
    FIRMA_SEM_VALOR,
    FIRMA_COM_VALOR,
    FIRMA_AUTENTICIDADE,
    CERTIDAO_FIRMA,
    AUTENTICACAO,
    FOTOCOPIA,
    AUTENTICACAO_DIGITAL,
    ABERTURA_FIRMA,
)
EXCLUSION_ACT_CODE = "XA"

SHIPPED_FILE = "act_codes.toml"
_WHAT = "Tabela de tipos de ato"
_FIELDS = {"codigo", "descricao", "descricao_curta", "modo_selo", "selo_fisico", "iss_no_total"}


class SealMode(StrEnum):
    HYBRID = "hybrid"
    DAILY = "daily"
    OPTIONAL = "optional"
    DIGITAL = "digital"


class PhysicalSealType(StrEnum):
    RECONHECIMENTO = "reconhecimento"
    AUTENTICACAO = "autenticacao"


PHYSICAL_SEAL_LABELS = {
    PhysicalSealType.RECONHECIMENTO: "reconhecimento de firma",
    PhysicalSealType.AUTENTICACAO: "autenticação",
}


@dataclass(frozen=True)
class ActKind:
    key: str
    label: str
    short_label: str
    act_code: str
    seal_mode: SealMode
    physical_seal: PhysicalSealType | None
    iss_in_total: bool

    @property
    def is_hybrid(self) -> bool:
        return self.seal_mode is SealMode.HYBRID


MAX_ACTS_PER_SERVICE = 200  # signatures or pages in one service at the counter


class UnknownActKind(Refusal, KeyError, ValueError):
    """An act kind key or code that the table does not have."""

    def __str__(self) -> str:
        return str(self.args[0]) if self.args else ""


class ActKindTableError(DataFileError):
    """The act kinds data file is wrong; the message names the entry and line."""


def load_act_kinds(
    path: str | Path | None = None, *, text: str | None = None
) -> dict[str, ActKind]:
    """Reads and checks the table (None: the shipped file), keeping the file's order."""
    source = text if text is not None else read_text(path, SHIPPED_FILE, ActKindTableError, _WHAT)
    entries = parse(source, ActKindTableError, _WHAT).get("atos")
    if not isinstance(entries, dict) or not entries:
        raise ActKindTableError(f"{_WHAT}: nenhum ato definido (esperava tabelas [atos.<chave>]).")
    kinds: dict[str, ActKind] = {}
    keys_by_code: dict[str, str] = {}
    for key, entry in entries.items():
        kind = _read_entry(source, key, entry)
        if kind.act_code in keys_by_code:
            _fail(source, key, "codigo", f'código "{kind.act_code}" repetido: já é usado por '
                  f'"{keys_by_code[kind.act_code]}".')
        keys_by_code[kind.act_code] = key
        kinds[key] = kind
    missing = [key for key in REQUIRED_KINDS if key not in kinds]
    if missing:
        names = ", ".join(f'"{key}"' for key in missing)
        what = "faltam os atos" if len(missing) > 1 else "falta o ato"
        raise ActKindTableError(f"{_WHAT}: {what} {names}, usados pelo programa.")
    return kinds


def act_code_problem(code: str) -> str | None:
    """Why `code` cannot be an act's code in a seal, or None."""
    if len(code) != 2 or not all(char in ALPHABET for char in code):
        return f"código {quoted(code)} deve ter 2 caracteres de 0-9 ou A-Z."
    if code == EXCLUSION_ACT_CODE:
        return f'o código "{code}" é reservado para exclusão de ato.'
    return None


def _fail(source: str, key: str, field: str | None, detail: str) -> NoReturn:
    table = header_line(source, "atos", key)
    line = key_line(source, table, field) if field else table
    raise ActKindTableError(located(_WHAT, line, f"atos.{key}", detail), line)


def _read_entry(source: str, key: str, entry: Any) -> ActKind:
    if not isinstance(entry, dict):
        _fail(source, key, None, "cada ato deve ser uma tabela [atos.<chave>].")
    unknown = sorted(set(entry) - _FIELDS)
    if unknown:
        _fail(source, key, unknown[0], f'campo desconhecido "{unknown[0]}".')
    for field in ("codigo", "descricao", "descricao_curta", "modo_selo"):
        if not isinstance(entry.get(field), str) or not entry[field].strip():
            _fail(source, key, field, f'falta o campo "{field}" (texto entre aspas).')
    code = entry["codigo"]
    problem = act_code_problem(code)
    if problem:
        _fail(source, key, "codigo", problem)
    try:
        mode = SealMode(entry["modo_selo"])
    except ValueError:
        allowed = ", ".join(f'"{mode}"' for mode in SealMode)
        _fail(source, key, "modo_selo", f'modo_selo "{entry["modo_selo"]}" desconhecido; '
              f"use {allowed}.")
    physical = _read_physical_seal(source, key, entry.get("selo_fisico"), mode)
    iss_in_total = entry.get("iss_no_total", True)
    if not isinstance(iss_in_total, bool):
        _fail(source, key, "iss_no_total", "iss_no_total deve ser true ou false (sem aspas).")
    return ActKind(key, entry["descricao"].strip(), entry["descricao_curta"].strip(), code,
                   mode, physical, iss_in_total)


def _read_physical_seal(
    source: str, key: str, value: Any, mode: SealMode
) -> PhysicalSealType | None:
    if mode is not SealMode.HYBRID:
        if value is not None:
            _fail(source, key, "selo_fisico", 'selo_fisico só vale para modo_selo "hybrid".')
        return None
    try:
        return PhysicalSealType(value)
    except ValueError:
        allowed = ", ".join(f'"{seal}"' for seal in PhysicalSealType)
        _fail(source, key, "selo_fisico", f"ato híbrido precisa de selo_fisico: {allowed}.")


@cache
def _shipped() -> dict[str, ActKind]:
    return load_act_kinds()


def get_act_kind(key: str) -> ActKind:
    kind = _shipped().get(key) if isinstance(key, str) else None
    if kind is None:
        raise UnknownActKind(f"Tipo de ato desconhecido: {quoted(key)}.")
    return kind


def all_act_kinds() -> list[ActKind]:
    return list(_shipped().values())


def act_kind_by_code(code: str) -> ActKind:
    for kind in _shipped().values():
        if kind.act_code == code:
            return kind
    raise UnknownActKind(f'Nenhum tipo de ato usa o código de selo "{code}".')
