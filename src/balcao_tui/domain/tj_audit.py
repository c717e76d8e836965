"""The audit of a day against the TJ: every seal code of the day, as the store holds it and
as the TJ's listing shows it, classified and paired with what to do about it.

Only what the TJ holds is compared with what the store believes the TJ holds: a record still
waiting for the closing or in the transmitter's queue is "not sent yet", not missing; a
record criticized, failed or reversed here and absent at the TJ agrees with it. Values are
compared only while the TJ's record is in force: once corrected or excluded there, the TJ
uses the new record, which is compared on its own line.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timezone
from enum import StrEnum
from typing import Iterable, Mapping

from .act_kinds import UnknownActKind, act_kind_by_code
from .deadlines import to_local
from .fee_types import COLUMN_NAMES
from .money import format_money
from .seal_spec import format_seal
from .seal_states import RECORD_KIND_LABELS, SEAL_LABELS, RecordKind, SealState

VALUE_FIELDS = (*COLUMN_NAMES, "iss", "total")

FIELD_LABELS = {
    "kind": "tipo de registro",
    "act_code": "código do ato",
    "act_at": "data do ato",
    "tabeliao": "Tabelião",
    "estado": "Estado",
    "sefaz": "Sefaz",
    "registro_civil": "Registro Civil",
    "tribunal_justica": "Tribunal de Justiça",
    "ministerio_publico": "Ministério Público",
    "iss": "ISS",
    "total": "total",
    "exempt_reason": "gratuidade",
    "quantity": "quantidade",
    "physical_seal": "selo físico",
    "replaces": "selo retificado",
    "excludes": "selo excluído",
    "state": "situação",
}

# What a correction may change: a hybrid seal only its date or its values (DOMAIN.md).
_HYBRID_CORRECTABLE = frozenset({"act_at", *VALUE_FIELDS, "exempt_reason", "quantity"})
_DIGITAL_CORRECTABLE = _HYBRID_CORRECTABLE | {"act_code"}


class Finding(StrEnum):
    CONFORMING = "conforming"
    MISSING_AT_TJ = "missing_at_tj"
    DIVERGENT = "divergent"
    UNKNOWN_HERE = "unknown_here"
    NOT_SENT_YET = "not_sent_yet"


FINDING_LABELS = {
    Finding.CONFORMING: "conformidade",
    Finding.MISSING_AT_TJ: "não encontrado no TJ",
    Finding.DIVERGENT: "divergência",
    Finding.UNKNOWN_HERE: "presente no TJ e desconhecido aqui",
    Finding.NOT_SENT_YET: "ainda não enviado",
}

# The findings that need someone to act; "not sent yet" only waits for the transmitter.
PROBLEMS = (Finding.MISSING_AT_TJ, Finding.DIVERGENT, Finding.UNKNOWN_HERE)


class Remedy(StrEnum):
    RESEND = "resend"
    CORRECT = "correct"
    RECOVER = "recover"


REMEDY_LABELS = {
    Remedy.RESEND: "reenviar ao TJ",
    Remedy.CORRECT: "retificar",
    Remedy.RECOVER: "recuperar do TJ",
}


class TJSituation(StrEnum):
    """The TJ's word for a record it holds (the values of its listing)."""

    ACTIVE = "ativo"
    CORRECTED = "retificado"
    EXCLUDED = "excluido"


TJ_SITUATION_LABELS = {
    TJSituation.ACTIVE: "vigente no TJ",
    TJSituation.CORRECTED: "retificado no TJ",
    TJSituation.EXCLUDED: "excluído no TJ",
}

# What the TJ should say of a record in each local state (a pending one may already be
# there: the transmitter's answer was not committed yet, and the resend is harmless).
_EXPECTED_AT_TJ = {
    SealState.COMMUNICATED: TJSituation.ACTIVE,
    SealState.CORRECTED: TJSituation.CORRECTED,
    SealState.EXCLUDED: TJSituation.EXCLUDED,
    SealState.PENDING: TJSituation.ACTIVE,
}
_SENT_HERE = (SealState.COMMUNICATED, SealState.CORRECTED, SealState.EXCLUDED)
_UNSENT = (SealState.WAITING_CLOSING, SealState.PENDING)


@dataclass(frozen=True)
class SealContent:
    """What a seal record tells the TJ, on either side."""

    code: str
    kind: str  # RecordKind
    act_code: str
    act_at: datetime
    values: Mapping[str, int]  # VALUE_FIELDS, in centavos
    exempt_reason: str | None = None
    quantity: int = 1
    physical_seal: tuple[str, int] | None = None
    replaces: str | None = None
    excludes: str | None = None

    @property
    def total(self) -> int:
        return self.values["total"]

    @property
    def is_hybrid_code(self) -> bool:
        """The code carries the physical seal (an act's own hybrid seal); a correction that
        keeps a physical seal has a digital code of its own."""
        return self.physical_seal is not None and self.kind in (RecordKind.ACT,
                                                                RecordKind.LINK)


@dataclass(frozen=True)
class LocalRecord:
    content: SealContent
    state: SealState


@dataclass(frozen=True)
class TJRecord:
    content: SealContent
    situation: TJSituation
    received_at: datetime
    late: bool = False


@dataclass(frozen=True)
class Difference:
    field: str
    label: str
    here: str
    at_tj: str

    def __str__(self) -> str:
        return f"{self.label}: aqui {self.here} · no TJ {self.at_tj}"


@dataclass(frozen=True)
class AuditLine:
    code: str
    finding: Finding
    advice: str
    remedy: Remedy | None = None
    differences: tuple[Difference, ...] = ()
    local: LocalRecord | None = None
    tj: TJRecord | None = None

    @property
    def content(self) -> SealContent:
        held = self.local or self.tj
        assert held is not None
        return held.content


@dataclass(frozen=True)
class DayAudit:
    day: date
    lines: tuple[AuditLine, ...]  # every code of the day, by act time

    def count(self, finding: Finding) -> int:
        return sum(1 for line in self.lines if line.finding is finding)

    @property
    def findings(self) -> tuple[AuditLine, ...]:
        return tuple(line for line in self.lines if line.finding in PROBLEMS)

    @property
    def shown(self) -> tuple[AuditLine, ...]:
        """The lines worth a look: every one but the conformities."""
        return tuple(line for line in self.lines if line.finding is not Finding.CONFORMING)

    def summary(self) -> str:
        return " · ".join(f"{FINDING_LABELS[finding]}: {self.count(finding)}"
                          for finding in Finding)


def compare_day(day: date, local: Iterable[LocalRecord], tj: Iterable[TJRecord]) -> DayAudit:
    """Classify every code found on either side. Of several local records with one code
    (a reversed hybrid seal used again the same day), the one not cancelled counts."""
    here: dict[str, LocalRecord] = {}
    for record in local:
        known = here.get(record.content.code)
        if known is None or known.state == SealState.CANCELLED:
            here[record.content.code] = record
    there = {record.content.code: record for record in tj}
    lines = [_line(code, here.get(code), there.get(code)) for code in here.keys() | there]
    lines.sort(key=lambda line: (line.content.act_at, line.code))
    return DayAudit(day, tuple(lines))


def _line(code: str, local: LocalRecord | None, tj: TJRecord | None) -> AuditLine:
    if local is None:
        assert tj is not None
        return AuditLine(code, Finding.UNKNOWN_HERE, "Recuperar: trazer o registro do TJ "
                         "para cá.", Remedy.RECOVER, tj=tj)
    if tj is None:
        return _absent_at_tj(code, local)
    differences = _state_differences(local, tj)
    if tj.situation is TJSituation.ACTIVE:
        differences += _content_differences(local.content, tj.content)
    if not differences:
        return AuditLine(code, Finding.CONFORMING, "", local=local, tj=tj)
    remedy, advice = _divergence_remedy(local, differences)
    return AuditLine(code, Finding.DIVERGENT, advice, remedy, tuple(differences), local, tj)


def _absent_at_tj(code: str, local: LocalRecord) -> AuditLine:
    if local.state in _UNSENT:
        advice = ("Aguarda o fechamento do expediente." if local.state == SealState.WAITING_CLOSING
                  else "Na fila do transmissor.")
        return AuditLine(code, Finding.NOT_SENT_YET, advice, local=local)
    if local.state == SealState.COMMUNICATED:
        return AuditLine(code, Finding.MISSING_AT_TJ, "Reenviar: o mesmo código vai de novo "
                         "ao TJ, que não o duplica.", Remedy.RESEND, local=local)
    if local.state in _SENT_HERE:
        return AuditLine(code, Finding.MISSING_AT_TJ, f"Selo {SEAL_LABELS[local.state]} aqui "
                         "e ausente no TJ: confira com o TJ.", local=local)
    return AuditLine(code, Finding.CONFORMING, "", local=local)


def _state_differences(local: LocalRecord, tj: TJRecord) -> list[Difference]:
    if _EXPECTED_AT_TJ.get(local.state) is tj.situation:
        return []
    return [Difference("state", FIELD_LABELS["state"], SEAL_LABELS[local.state],
                       TJ_SITUATION_LABELS[tj.situation])]


def _content_differences(here: SealContent, tj: SealContent) -> list[Difference]:
    pairs = [("kind", here.kind, tj.kind), ("act_code", here.act_code, tj.act_code),
             ("act_at", _seconds(here.act_at), _seconds(tj.act_at)),
             *((name, here.values[name], tj.values[name]) for name in VALUE_FIELDS),
             ("exempt_reason", here.exempt_reason or None, tj.exempt_reason or None),
             ("quantity", here.quantity, tj.quantity),
             ("physical_seal", here.physical_seal, tj.physical_seal),
             ("replaces", here.replaces, tj.replaces), ("excludes", here.excludes, tj.excludes)]
    return [Difference(field, FIELD_LABELS[field], _shown(field, mine), _shown(field, theirs))
            for field, mine, theirs in pairs if mine != theirs]


def _divergence_remedy(local: LocalRecord, differences: list[Difference]
                       ) -> tuple[Remedy | None, str]:
    fields = {d.field for d in differences}
    if local.state == SealState.CANCELLED:
        return None, "Selo estornado aqui não pode constar no TJ: exclua o ato (XA)."
    if "state" in fields or local.state != SealState.COMMUNICATED:
        return None, "Confira com o TJ: não há ação automática para esta situação."
    hybrid = local.content.physical_seal is not None
    if fields <= (_HYBRID_CORRECTABLE if hybrid else _DIGITAL_CORRECTABLE):
        return Remedy.CORRECT, "Retificar: um novo selo, com os dados daqui, substitui este."
    if hybrid:
        return None, ("Selo híbrido só se retifica na data ou nos valores: confira com o "
                      "TJ.")
    return None, "Confira com o TJ: esta diferença não se corrige por retificação."


def _seconds(at: datetime) -> datetime:
    return at.astimezone(timezone.utc).replace(microsecond=0)


def _shown(field: str, value: object) -> str:
    if value is None or value == "":
        return "—"
    if field in VALUE_FIELDS:
        return format_money(value)  # type: ignore[arg-type]
    if field == "act_at":
        return f"{to_local(value):%d/%m/%Y %H:%M:%S}"  # type: ignore[arg-type]
    if field == "physical_seal":
        return format_seal(value)  # type: ignore[arg-type]
    if field == "kind":
        return RECORD_KIND_LABELS.get(value, str(value))  # type: ignore[call-overload]
    return str(value)


def line_summary(line: AuditLine) -> str:
    """What a finding is about, in a few words (the list's last column)."""
    if line.finding is Finding.DIVERGENT:
        return ", ".join(d.label for d in line.differences)
    if line.finding is Finding.UNKNOWN_HERE:
        content = line.content
        try:
            kind = act_kind_by_code(content.act_code).short_label
        except UnknownActKind:
            kind = content.act_code
        seal = f" {format_seal(content.physical_seal)}" if content.physical_seal else ""
        return f"{kind}{seal} {format_money(content.total)}"
    if line.local is not None:
        return SEAL_LABELS[line.local.state] + " aqui"
    return ""
