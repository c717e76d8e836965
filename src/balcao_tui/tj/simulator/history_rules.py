"""Rules that look at what the TJ already holds: physical seals, corrections, exclusions,
links."""

from __future__ import annotations

from datetime import datetime

from balcao_tui.domain.criticism import Criticism
from balcao_tui.domain.deadlines import (
    correction_deadline,
    format_local,
    within_correction_window,
)
from balcao_tui.domain.seal_code import InvalidSealCode, SealCode, normalize_series
from balcao_tui.domain.seal_states import RecordKind
from balcao_tui.tj.simulator.criticism_codes import (
    BAD_CHILD,
    HYBRID_CORRECTION,
    PHYSICAL_SEAL_MISMATCH,
    PHYSICAL_SEAL_USED,
    REFERENCE_NOT_CURRENT,
    UNKNOWN_REFERENCE,
    WINDOW_CLOSED,
)
from balcao_tui.tj.simulator.ledger import Ledger
from balcao_tui.tj.wire import WireRecord

# Kinds that are an act's own seal (the others act on an earlier seal).
SENT_ON_TIME_KINDS = (RecordKind.ACT, RecordKind.LINK)


def normalized_physical_seal(rec: WireRecord) -> tuple[str, int] | None:
    if rec.physical_seal is None:
        return None
    series, number = rec.physical_seal
    try:
        return (normalize_series(series), number)
    except InvalidSealCode:
        return (series, number)


def physical_seal_checks(
    rec: WireRecord, seal: SealCode, physical: tuple[str, int] | None, ledger: Ledger
) -> list[Criticism]:
    if physical is None:
        return []
    series, number = physical
    if rec.kind in SENT_ON_TIME_KINDS:
        try:
            parts = seal.hybrid_parts()
        except InvalidSealCode as exc:
            return [Criticism(PHYSICAL_SEAL_MISMATCH, str(exc))]
        if parts != physical:
            return [
                Criticism(
                    PHYSICAL_SEAL_MISMATCH,
                    f"O selo físico informado ({series} {number}) difere do que está no "
                    f"código do selo ({parts[0]} {parts[1]}).",
                )
            ]
    owner = ledger.physical_seal_owner(physical)
    if owner is None or _keeps_replaced_physical_seal(rec, physical, ledger):
        return []
    return [
        Criticism(
            PHYSICAL_SEAL_USED,
            f"O selo físico {series} {number} já foi comunicado no selo {owner} "
            "e não pode ser usado de novo.",
        )
    ]


def _keeps_replaced_physical_seal(
    rec: WireRecord, physical: tuple[str, int], ledger: Ledger
) -> bool:
    """A correction carries on the physical seal of the record it replaces."""
    if rec.replaces is None:
        return False
    target = ledger.held(rec.replaces)
    return target is not None and target.physical_seal == physical


def reference_checks(
    rec: WireRecord, physical: tuple[str, int] | None, now: datetime, ledger: Ledger
) -> list[Criticism]:
    reference = rec.replaces or rec.excludes
    if reference is None:
        return []
    action = "retificado" if rec.kind == RecordKind.CORRECTION else "excluído"
    target = ledger.held(reference)
    if target is None or target.cns != rec.cns:
        return [
            Criticism(
                UNKNOWN_REFERENCE,
                f"O selo {reference}, que seria {action}, não consta no TJ para esta serventia.",
            )
        ]
    found = []
    if target.kind == RecordKind.EXCLUSION:
        message = "Uma exclusão não pode ser retificada nem excluída."
        found.append(Criticism(REFERENCE_NOT_CURRENT, message))
    elif target.replaced_by is not None:
        found.append(
            Criticism(
                REFERENCE_NOT_CURRENT,
                f"O selo {reference} já foi retificado pelo selo {target.replaced_by}; "
                "use o selo vigente.",
            )
        )
    elif target.excluded_by is not None:
        found.append(
            Criticism(
                REFERENCE_NOT_CURRENT,
                f"O selo {reference} já foi excluído pelo selo {target.excluded_by}.",
            )
        )
    if not within_correction_window(target.origin_act_at, now):
        closed_at = format_local(correction_deadline(target.origin_act_at))
        found.append(
            Criticism(
                WINDOW_CLOSED,
                f"O prazo de 72 horas para o selo {reference} ser {action} terminou em "
                f"{closed_at}.",
            )
        )
    if rec.kind == RecordKind.CORRECTION and target.physical_seal is not None:
        if rec.act_code != target.act_code or physical != target.physical_seal:
            found.append(
                Criticism(
                    HYBRID_CORRECTION,
                    "Selo híbrido só pode ser retificado na data ou nos valores; "
                    "o ato e o selo físico devem ser mantidos.",
                )
            )
    return found


def children_checks(rec: WireRecord, ledger: Ledger) -> list[Criticism]:
    found = []
    for child in rec.children:
        held = ledger.held(child)
        if child == rec.code:
            found.append(Criticism(BAD_CHILD, "Um selo não pode ser vinculado a si mesmo."))
        elif held is None or held.cns != rec.cns:
            found.append(
                Criticism(BAD_CHILD, f"O selo vinculado {child} não consta no TJ.")
            )
        elif held.excluded_by is not None:
            found.append(Criticism(BAD_CHILD, f"O selo vinculado {child} foi excluído."))
    return found


def chain_origin_act_at(rec: WireRecord, ledger: Ledger) -> datetime:
    """The act time the 72 h window counts from: the first record of a correction chain."""
    if rec.replaces is not None:
        target = ledger.held(rec.replaces)
        if target is not None:
            return target.origin_act_at
    return rec.act_at
