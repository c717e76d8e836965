"""The wire layout of seal records sent to the TJ (our design; see docs/tj-protocol.md).

This is the only module that knows field names and the canonical form, so the official
TJ layout can replace it without touching the store, the screens or the transmitter.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, replace
from datetime import datetime, timezone
from typing import Any, Iterable, Mapping

from balcao_tui.domain.criticism import Criticism
from balcao_tui.domain.fees import COLUMN_NAMES
from balcao_tui.domain.seal_states import RecordKind
from balcao_tui.domain.tj_audit import TJSituation

MAX_BATCH = 500

KINDS = tuple(RecordKind)

FEE_COLUMNS = COLUMN_NAMES
VALUE_KEYS = FEE_COLUMNS + ("iss", "total")

_RECORD_KEYS = frozenset(
    {
        "tipo",
        "cns",
        "codigo",
        "ato",
        "data_ato",
        "valores",
        "gratuidade",
        "selo_fisico",
        "substitui",
        "exclui",
        "vinculados",
        "quantidade",
        "assinatura",
    }
)
_TIMESTAMP = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z")
_TIMESTAMP_FORMAT = "%Y-%m-%dT%H:%M:%SZ"


class WireFormatError(ValueError):
    """A record, batch or answer that does not follow the layout (message in pt-BR)."""


@dataclass(frozen=True)
class RecordResult:
    code: str
    accepted: bool
    late: bool
    criticisms: tuple[Criticism, ...] = ()


@dataclass(frozen=True)
class WireRecord:
    """One seal record as the TJ receives it.

    Construction validates the shape and normalizes `act_at` to UTC whole seconds, the
    precision of the wire, so a record equals its own round trip.
    """

    kind: str
    cns: str
    code: str
    act_code: str
    act_at: datetime
    values: Mapping[str, int]
    exempt_reason: str | None = None
    physical_seal: tuple[str, int] | None = None
    replaces: str | None = None
    excludes: str | None = None
    children: tuple[str, ...] = ()
    quantity: int = 1
    signature: str | None = None

    def __post_init__(self) -> None:
        _check_text("tipo", self.kind)
        if self.kind not in KINDS:
            raise WireFormatError(f"Tipo de registro desconhecido: {self.kind!r}.")
        for name, text in (("cns", self.cns), ("codigo", self.code), ("ato", self.act_code)):
            _check_text(name, text)
        if not isinstance(self.act_at, datetime) or self.act_at.tzinfo is None:
            raise WireFormatError("A data do ato precisa ser um instante com fuso horário.")
        at = self.act_at.astimezone(timezone.utc).replace(microsecond=0)
        object.__setattr__(self, "act_at", at)
        object.__setattr__(self, "values", _checked_values(self.values))
        if self.exempt_reason is not None:
            _check_text("gratuidade", self.exempt_reason)
        if self.physical_seal is not None:
            object.__setattr__(self, "physical_seal", _checked_physical_seal(self.physical_seal))
        if not _is_int(self.quantity) or self.quantity < 1:
            raise WireFormatError("A quantidade precisa ser um inteiro maior que zero.")
        if isinstance(self.children, str):
            raise WireFormatError("Os vinculados precisam ser uma lista de códigos.")
        object.__setattr__(self, "children", tuple(self.children))
        for child in self.children:
            _check_text("vinculados", child)
        if self.signature is not None:
            _check_text("assinatura", self.signature)
        self._check_kind_fields()

    def _check_kind_fields(self) -> None:
        if (self.kind == RecordKind.CORRECTION) != (self.replaces is not None):
            raise WireFormatError(
                "O campo 'substitui' é obrigatório na retificação e só cabe nela."
            )
        if (self.kind == RecordKind.EXCLUSION) != (self.excludes is not None):
            raise WireFormatError("O campo 'exclui' é obrigatório na exclusão e só cabe nela.")
        if (self.kind == RecordKind.LINK) != bool(self.children):
            raise WireFormatError(
                "A lista 'vinculados' é obrigatória no vínculo e só cabe nele."
            )
        if self.replaces is not None:
            _check_text("substitui", self.replaces)
        if self.excludes is not None:
            _check_text("exclui", self.excludes)

    def with_signature(self, signature: str | None) -> "WireRecord":
        return replace(self, signature=signature)


def record_to_json(rec: WireRecord) -> dict[str, Any]:
    seal = None
    if rec.physical_seal is not None:
        seal = {"serie": rec.physical_seal[0], "numero": rec.physical_seal[1]}
    return {
        "tipo": rec.kind,
        "cns": rec.cns,
        "codigo": rec.code,
        "ato": rec.act_code,
        "data_ato": format_timestamp(rec.act_at),
        "valores": {key: rec.values[key] for key in VALUE_KEYS},
        "gratuidade": rec.exempt_reason,
        "selo_fisico": seal,
        "substitui": rec.replaces,
        "exclui": rec.excludes,
        "vinculados": list(rec.children),
        "quantidade": rec.quantity,
        "assinatura": rec.signature,
    }


def record_from_json(data: Any) -> WireRecord:
    if not isinstance(data, dict):
        raise WireFormatError("O registro precisa ser um objeto JSON.")
    unknown = sorted(set(data) - _RECORD_KEYS)
    if unknown:
        raise WireFormatError(f"Campos desconhecidos no registro: {', '.join(unknown)}.")
    missing = sorted(_RECORD_KEYS - set(data) - {"assinatura"})
    if missing:
        raise WireFormatError(f"Campos ausentes no registro: {', '.join(missing)}.")
    seal = data["selo_fisico"]
    if seal is not None:
        if not isinstance(seal, dict) or set(seal) != {"serie", "numero"}:
            raise WireFormatError("O selo físico precisa ter exatamente 'serie' e 'numero'.")
        seal = (seal["serie"], seal["numero"])
    children = data["vinculados"]
    if not isinstance(children, list):
        raise WireFormatError("Os vinculados precisam ser uma lista de códigos.")
    return WireRecord(
        kind=data["tipo"],
        cns=data["cns"],
        code=data["codigo"],
        act_code=data["ato"],
        act_at=parse_timestamp(data["data_ato"]),
        values=data["valores"],
        exempt_reason=data["gratuidade"],
        physical_seal=seal,
        replaces=data["substitui"],
        excludes=data["exclui"],
        children=tuple(children),
        quantity=data["quantidade"],
        signature=data.get("assinatura"),
    )


@dataclass(frozen=True)
class ListedSeal:
    """One seal of the TJ's listing of a day: the record as received and what became of it."""

    record: WireRecord
    situation: TJSituation
    received_at: datetime
    late: bool


def listed_seal_from_json(data: Any) -> ListedSeal:
    if not isinstance(data, dict):
        raise WireFormatError("Cada selo da lista do TJ precisa ser um objeto JSON.")
    situation = data.get("situacao")
    if situation not in set(TJSituation):
        raise WireFormatError(f"Situação desconhecida na lista do TJ: {situation!r}.")
    return ListedSeal(record_from_json(data.get("registro")), TJSituation(situation),
                      parse_timestamp(data.get("recebido_em")), data.get("atrasado") is True)


def canonical_bytes(rec: WireRecord) -> bytes:
    """The bytes that are signed and hashed: the record's JSON without its signature."""
    body = record_to_json(rec)
    del body["assinatura"]
    text = json.dumps(body, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return text.encode("utf-8")


def content_hash(rec: WireRecord) -> str:
    """What the TJ compares when the same code arrives again (signature left out)."""
    return hashlib.sha256(canonical_bytes(rec)).hexdigest()


def batch_to_json(cns: str, records: Iterable[WireRecord]) -> dict[str, Any]:
    records = list(records)
    if not records:
        raise WireFormatError("O lote está vazio.")
    if len(records) > MAX_BATCH:
        raise WireFormatError(
            f"O lote tem {len(records)} registros; o máximo é {MAX_BATCH}."
        )
    foreign = [rec.code for rec in records if rec.cns != cns]
    if foreign:
        raise WireFormatError(f"Registros de outra serventia no lote do CNS {cns}.")
    return {"cns": cns, "registros": [record_to_json(rec) for rec in records]}


def batch_response_to_json(batch_id: int, results: Iterable[RecordResult]) -> dict[str, Any]:
    return {
        "lote": batch_id,
        "resultados": [
            {
                "codigo": result.code,
                "situacao": "aceito" if result.accepted else "criticado",
                "atrasado": result.late,
                "criticas": [
                    {"codigo": c.code, "mensagem": c.message} for c in result.criticisms
                ],
            }
            for result in results
        ],
    }


def parse_batch_response(data: Any) -> list[RecordResult]:
    if not isinstance(data, dict) or not isinstance(data.get("resultados"), list):
        raise WireFormatError("Resposta do TJ sem a lista 'resultados'.")
    return [_parse_result(item) for item in data["resultados"]]


def _parse_result(item: Any) -> RecordResult:
    try:
        situation = item["situacao"]
        if situation not in ("aceito", "criticado"):
            raise WireFormatError(f"Situação desconhecida na resposta do TJ: {situation!r}.")
        criticisms = tuple(
            Criticism(code=str(c["codigo"]), message=str(c["mensagem"]))
            for c in item["criticas"]
        )
        return RecordResult(
            code=str(item["codigo"]),
            accepted=situation == "aceito",
            late=bool(item["atrasado"]),
            criticisms=criticisms,
        )
    except (KeyError, TypeError) as exc:
        raise WireFormatError("Resultado mal formado na resposta do TJ.") from exc


def format_timestamp(at: datetime) -> str:
    return at.astimezone(timezone.utc).strftime(_TIMESTAMP_FORMAT)


def parse_timestamp(text: Any) -> datetime:
    if not isinstance(text, str) or not _TIMESTAMP.fullmatch(text):
        raise WireFormatError(
            f"Data fora do formato AAAA-MM-DDTHH:MM:SSZ: {text!r}."
        )
    try:
        return datetime.strptime(text, _TIMESTAMP_FORMAT).replace(tzinfo=timezone.utc)
    except ValueError as exc:
        raise WireFormatError(f"Data inexistente: {text!r}.") from exc


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _check_text(name: str, value: Any) -> None:
    if not isinstance(value, str) or not value:
        raise WireFormatError(f"O campo '{name}' precisa ser um texto não vazio.")


def _checked_values(values: Any) -> dict[str, int]:
    if not isinstance(values, Mapping) or set(values) != set(VALUE_KEYS):
        raise WireFormatError(
            "Os valores precisam ter exatamente as colunas " + ", ".join(VALUE_KEYS) + "."
        )
    for key in VALUE_KEYS:
        if not _is_int(values[key]) or values[key] < 0:
            raise WireFormatError(
                f"O valor '{key}' precisa ser um inteiro de centavos não negativo."
            )
    return {key: values[key] for key in VALUE_KEYS}


def _checked_physical_seal(seal: Any) -> tuple[str, int]:
    if not isinstance(seal, (tuple, list)) or len(seal) != 2:
        raise WireFormatError("O selo físico precisa ter série e número.")
    series, number = seal
    if not isinstance(series, str) or not series:
        raise WireFormatError("A série do selo físico precisa ser um texto não vazio.")
    if not _is_int(number) or number < 0:
        raise WireFormatError("O número do selo físico precisa ser um inteiro não negativo.")
    return (series, number)
