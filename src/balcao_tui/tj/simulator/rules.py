"""The TJ's judgement of one received record (criticism messages in pt-BR)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from cryptography import x509

from balcao_tui.domain.act_kinds import (
    EXCLUSION_ACT_CODE,
    ActKind,
    UnknownActKind,
    act_kind_by_code,
)
from balcao_tui.domain.criticism import Criticism
from balcao_tui.domain.deadlines import format_local, is_late, office_day
from balcao_tui.domain.seal_code import InvalidSealCode, SealCode, parse_seal_code
from balcao_tui.domain.seal_states import RecordKind
from balcao_tui.tj.signing import CertificateError, verify
from balcao_tui.tj.simulator.criticism_codes import (
    BAD_ACT_CODE,
    BAD_CODE,
    BAD_SIGNATURE,
    BAD_YEAR,
    CONFLICT,
    EXEMPT_WITH_VALUE,
    EXPIRED_CERTIFICATE,
    FUTURE_ACT,
    MALFORMED,
    OTHER_OFFICE,
    UNKNOWN_OFFICE,
    VALUES_DO_NOT_ADD_UP,
)
from balcao_tui.tj.simulator.history_rules import (
    SENT_ON_TIME_KINDS,
    children_checks,
    normalized_physical_seal,
    chain_origin_act_at,
    physical_seal_checks,
    reference_checks,
)
from balcao_tui.tj.simulator.ledger import Ledger
from balcao_tui.tj.wire import (
    FEE_COLUMNS,
    RecordResult,
    WireFormatError,
    WireRecord,
    content_hash,
    record_from_json,
)

# Seal act codes the TJ names in public material; the rest come from the act kinds table.
PUBLIC_ACT_CODES = frozenset({"CE", "LE", "CS", EXCLUSION_ACT_CODE})
CLOCK_TOLERANCE = timedelta(minutes=10)


@dataclass(frozen=True)
class Judgement:
    result: RecordResult
    record: WireRecord | None = None
    # Set only when the record is new and accepted: it must be stored.
    origin_act_at: datetime | None = None
    physical_seal: tuple[str, int] | None = None

    @property
    def store(self) -> bool:
        return self.origin_act_at is not None


def judge(raw: Any, batch_cns: str, now: datetime, ledger: Ledger) -> Judgement:
    code = raw.get("codigo") if isinstance(raw, dict) else None
    code = code if isinstance(code, str) else ""
    try:
        rec = record_from_json(raw)
    except WireFormatError as exc:
        return _refused(code, Criticism(MALFORMED, str(exc)))
    fatal = _fatal_checks(rec, batch_cns, now, ledger)
    if isinstance(fatal, Criticism):
        return _refused(rec.code, fatal)
    seal = fatal
    held = ledger.held(rec.code)
    if held is not None:
        if held.content_hash == content_hash(rec):
            return Judgement(RecordResult(rec.code, accepted=True, late=held.late), rec)
        return _refused(
            rec.code,
            Criticism(CONFLICT, f"O selo {rec.code} já foi recebido com outro conteúdo."),
        )
    physical = normalized_physical_seal(rec)
    criticisms = [
        *_act_code_checks(rec, seal),
        *_date_checks(rec, seal, now),
        *_value_checks(rec),
        *physical_seal_checks(rec, seal, physical, ledger),
        *reference_checks(rec, physical, now, ledger),
        *children_checks(rec, ledger),
    ]
    if criticisms:
        return Judgement(RecordResult(rec.code, False, False, tuple(criticisms)), rec)
    late = rec.kind in SENT_ON_TIME_KINDS and is_late(rec.act_at, now)
    return Judgement(
        RecordResult(rec.code, accepted=True, late=late),
        rec,
        origin_act_at=chain_origin_act_at(rec, ledger),
        physical_seal=physical,
    )


def _refused(code: str, criticism: Criticism) -> Judgement:
    return Judgement(RecordResult(code, accepted=False, late=False, criticisms=(criticism,)))


def _fatal_checks(
    rec: WireRecord, batch_cns: str, now: datetime, ledger: Ledger
) -> SealCode | Criticism:
    """Checks after which nothing else about the record can be trusted."""
    try:
        seal = parse_seal_code(rec.code)
    except InvalidSealCode as exc:
        return Criticism(BAD_CODE, str(exc))
    if seal.code != rec.code:
        return Criticism(
            BAD_CODE, f"O código do selo deve vir na forma canônica: {seal.code}."
        )
    certificate_pem = ledger.office_certificate(rec.cns)
    if certificate_pem is None:
        return Criticism(UNKNOWN_OFFICE, f"Serventia de CNS {rec.cns} não cadastrada no TJ.")
    if rec.cns != batch_cns:
        return Criticism(
            OTHER_OFFICE, f"O CNS do registro ({rec.cns}) difere do CNS do lote ({batch_cns})."
        )
    if seal.cns != rec.cns:
        return Criticism(
            OTHER_OFFICE, f"O código do selo pertence a outra serventia (CNS {seal.cns})."
        )
    certificate = x509.load_pem_x509_certificate(certificate_pem.encode("ascii"))
    if now > certificate.not_valid_after_utc:
        expired_on = format_local(certificate.not_valid_after_utc)
        return Criticism(
            EXPIRED_CERTIFICATE, f"O certificado da serventia venceu em {expired_on}."
        )
    try:
        valid = verify(rec, certificate_pem)
    except CertificateError:
        valid = False
    if not valid:
        return Criticism(
            BAD_SIGNATURE,
            "Assinatura digital ausente ou inválida para o certificado da serventia.",
        )
    return seal


def _act_code_checks(rec: WireRecord, seal: SealCode) -> list[Criticism]:
    if seal.act_code != rec.act_code:
        return [
            Criticism(
                BAD_ACT_CODE,
                f"O código do ato ({rec.act_code}) difere do código do selo ({seal.act_code}).",
            )
        ]
    if (rec.kind == RecordKind.EXCLUSION) != (rec.act_code == EXCLUSION_ACT_CODE):
        return [
            Criticism(
                BAD_ACT_CODE,
                f"O código de ato {EXCLUSION_ACT_CODE} é exclusivo da exclusão de ato.",
            )
        ]
    if rec.act_code not in PUBLIC_ACT_CODES and _act_kind(rec.act_code) is None:
        return [Criticism(BAD_ACT_CODE, f"Código de ato desconhecido pelo TJ: {rec.act_code}.")]
    return []


def _date_checks(rec: WireRecord, seal: SealCode, now: datetime) -> list[Criticism]:
    found = []
    # The code's year may follow either the UTC or the São Paulo calendar near New Year.
    if seal.year not in (rec.act_at.year, office_day(rec.act_at).year):
        found.append(
            Criticism(
                BAD_YEAR,
                f"O ano do código do selo ({seal.year}) difere do ano do ato "
                f"({office_day(rec.act_at).year}).",
            )
        )
    if rec.act_at > now + CLOCK_TOLERANCE:
        found.append(
            Criticism(FUTURE_ACT, f"A data do ato está no futuro: {format_local(rec.act_at)}.")
        )
    return found


def _value_checks(rec: WireRecord) -> list[Criticism]:
    found = []
    values = rec.values
    columns = sum(values[key] for key in FEE_COLUMNS)
    kind = _act_kind(rec.act_code)
    iss_in_total = kind is None or kind.iss_in_total
    expected = columns + values["iss"] if iss_in_total else columns
    if expected != values["total"]:
        rule = "colunas + ISS" if iss_in_total else "colunas (ISS fora do total)"
        found.append(
            Criticism(
                VALUES_DO_NOT_ADD_UP,
                f"Os valores não fecham: {rule} somam {expected} centavos, "
                f"mas o total informado é {values['total']}.",
            )
        )
    if rec.exempt_reason is not None and any(values.values()):
        found.append(
            Criticism(EXEMPT_WITH_VALUE, "Ato gratuito deve ter todos os valores zerados.")
        )
    return found


def _act_kind(act_code: str) -> ActKind | None:
    try:
        return act_kind_by_code(act_code)
    except UnknownActKind:
        return None
