"""The seal state machine: every state of a seal record and of a physical seal, every
allowed transition, the permission it needs and whether it needs a written reason.

Use cases ask `check_*_transition` before they write a state, and write it only through
store.state_writes, with the allowed source states in the WHERE clause so that a row
another terminal moved in the meantime is left alone.
"""
from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from .permissions import Action, require
from .refusal import Refusal


class SealState(StrEnum):
    WAITING_CLOSING = "waiting_closing"
    PENDING = "pending"
    COMMUNICATED = "communicated"
    CRITICIZED = "criticized"
    FAILED = "failed"
    CORRECTED = "corrected"
    EXCLUDED = "excluded"
    CANCELLED = "cancelled"


class PhysicalState(StrEnum):
    AVAILABLE = "available"
    USED = "used"
    REVERSED = "reversed"
    SPOILED = "spoiled"
    SENT = "sent"


class RecordKind(StrEnum):
    """What a seal record tells the TJ (the wire format uses these values)."""

    ACT = "ato"
    CORRECTION = "retificacao"
    EXCLUSION = "exclusao"
    LINK = "vinculo"


SEAL_LABELS = {
    SealState.WAITING_CLOSING: "aguardando fechamento",
    SealState.PENDING: "comunicação pendente",
    SealState.COMMUNICATED: "comunicado",
    SealState.CRITICIZED: "aguardando retificação",
    SealState.FAILED: "falha estrutural",
    SealState.CORRECTED: "retificado",
    SealState.EXCLUDED: "excluído",
    SealState.CANCELLED: "cancelado (estorno)",
}

PHYSICAL_LABELS = {
    PhysicalState.AVAILABLE: "disponível",
    PhysicalState.USED: "utilizado",
    PhysicalState.REVERSED: "estornado",
    PhysicalState.SPOILED: "inutilizado",
    PhysicalState.SENT: "enviado ao TJ",
}

RECORD_KIND_LABELS = {
    RecordKind.ACT: "ato",
    RecordKind.CORRECTION: "retificação",
    RecordKind.EXCLUSION: "exclusão (XA)",
    RecordKind.LINK: "vínculo",
}

# Records the transmitter still owes the TJ (waiting_closing ones are released by the closing).
UNSENT = (SealState.WAITING_CLOSING, SealState.PENDING)


@dataclass(frozen=True)
class Transition:
    """`action` None: done by the system itself (the transmitter recording the TJ's answer)."""

    action: Action | None
    needs_reason: bool = False


_NEW = None  # the source "state" of a record or seal being created

SEAL_TRANSITIONS: dict[tuple[SealState | None, SealState], Transition] = {
    (_NEW, SealState.WAITING_CLOSING): Transition(Action.REGISTER_ACT),
    (_NEW, SealState.PENDING): Transition(Action.REGISTER_ACT),
    (SealState.WAITING_CLOSING, SealState.PENDING): Transition(Action.CLOSE_SHIFT),
    (SealState.WAITING_CLOSING, SealState.CANCELLED): Transition(Action.REVERSE_SEAL, True),
    (SealState.PENDING, SealState.COMMUNICATED): Transition(None),
    (SealState.PENDING, SealState.CRITICIZED): Transition(None),
    (SealState.PENDING, SealState.FAILED): Transition(None),
    (SealState.CRITICIZED, SealState.PENDING): Transition(Action.MANAGE_TRANSMISSION),
    (SealState.FAILED, SealState.PENDING): Transition(Action.MANAGE_TRANSMISSION),
    (SealState.COMMUNICATED, SealState.CORRECTED): Transition(None),
    # Also when a correction of a criticized record is made: the TJ never held it, so it is
    # corrected at once (store/usecases/corrections.py checks the role, CORRECT_SEAL).
    (SealState.CRITICIZED, SealState.CORRECTED): Transition(None),
    (SealState.COMMUNICATED, SealState.EXCLUDED): Transition(None),
    # The audit against the TJ: a record the TJ lacks goes again (same code, harmless if
    # the TJ had it after all); one the TJ holds and the store lost is brought back.
    (SealState.COMMUNICATED, SealState.PENDING): Transition(Action.MANAGE_TRANSMISSION, True),
    (_NEW, SealState.COMMUNICATED): Transition(Action.MANAGE_TRANSMISSION),
}

PHYSICAL_TRANSITIONS: dict[tuple[PhysicalState | None, PhysicalState], Transition] = {
    (_NEW, PhysicalState.AVAILABLE): Transition(Action.MANAGE_SEAL_STOCK),
    (PhysicalState.AVAILABLE, PhysicalState.USED): Transition(Action.REGISTER_ACT),
    (PhysicalState.REVERSED, PhysicalState.USED): Transition(Action.REGISTER_ACT),
    (PhysicalState.USED, PhysicalState.REVERSED): Transition(Action.REVERSE_SEAL, True),
    (PhysicalState.AVAILABLE, PhysicalState.SPOILED): Transition(Action.SPOIL_SEAL, True),
    (PhysicalState.USED, PhysicalState.SPOILED): Transition(Action.SPOIL_SEAL, True),
    (PhysicalState.REVERSED, PhysicalState.SPOILED): Transition(Action.SPOIL_SEAL, True),
    (PhysicalState.SENT, PhysicalState.SPOILED): Transition(Action.EXCLUDE_SEAL, True),
    (PhysicalState.USED, PhysicalState.SENT): Transition(None),
    # A seal the TJ holds in a record recovered by the audit against the TJ.
    (PhysicalState.AVAILABLE, PhysicalState.SENT): Transition(Action.MANAGE_TRANSMISSION),
    (PhysicalState.REVERSED, PhysicalState.SENT): Transition(Action.MANAGE_TRANSMISSION),
}


class TransitionRefused(Refusal):
    pass


def _check(table: dict, labels: dict, what: str, source, target, role: str | None,
           reason: str | None) -> Transition:
    transition = table.get((source, target))
    if transition is None:
        before = labels[source] if source is not None else "novo"
        raise TransitionRefused(f"{what} {before} não pode passar a {labels[target]}.")
    if transition.action is not None:
        if role is None:
            raise TransitionRefused(f"{what}: só um usuário com permissão pode "
                                    f"torná-lo {labels[target]}.")
        require(role, transition.action)
    if transition.needs_reason and not (reason or "").strip():
        raise TransitionRefused("Informe o motivo.", field="reason")
    return transition


def check_seal_transition(source: SealState | None, target: SealState, role: str | None,
                          reason: str | None = None) -> Transition:
    """The transition of a seal record, or a refusal (not allowed, role, missing reason).
    `role` None stands for the system itself, which may only do the system's transitions."""
    return _check(SEAL_TRANSITIONS, SEAL_LABELS, "Selo", source, target, role, reason)


def check_physical_transition(source: PhysicalState | None, target: PhysicalState,
                              role: str | None, reason: str | None = None) -> Transition:
    return _check(PHYSICAL_TRANSITIONS, PHYSICAL_LABELS, "Selo físico", source, target, role,
                  reason)


def seal_sources(target: SealState) -> tuple[SealState, ...]:
    """The existing states a seal record may leave for `target`."""
    return tuple(s for (s, t) in SEAL_TRANSITIONS if t == target and s is not None)


def physical_sources(target: PhysicalState) -> tuple[PhysicalState, ...]:
    return tuple(s for (s, t) in PHYSICAL_TRANSITIONS if t == target and s is not None)
