"""The states a physical seal and a seal record go through, with their labels on screen."""
from enum import StrEnum


class PhysicalState(StrEnum):
    AVAILABLE = "available"
    USED = "used"
    REVERSED = "reversed"
    SPOILED = "spoiled"
    SENT = "sent"


class SealState(StrEnum):
    WAITING_CLOSING = "waiting_closing"
    PENDING = "pending"
    COMMUNICATED = "communicated"
    CRITICIZED = "criticized"
    FAILED = "failed"
    CORRECTED = "corrected"
    EXCLUDED = "excluded"


PHYSICAL_LABELS = {
    PhysicalState.AVAILABLE: "disponível",
    PhysicalState.USED: "utilizado",
    PhysicalState.REVERSED: "estornado",
    PhysicalState.SPOILED: "inutilizado",
    PhysicalState.SENT: "enviado",
}

SEAL_LABELS = {
    SealState.WAITING_CLOSING: "aguardando fechamento",
    SealState.PENDING: "comunicação pendente",
    SealState.COMMUNICATED: "comunicado",
    SealState.CRITICIZED: "aguardando retificação",
    SealState.FAILED: "falha estrutural",
    SealState.CORRECTED: "retificado",
    SealState.EXCLUDED: "excluído",
}

# Records the transmitter still owes the TJ (waiting_closing ones are released by the closing).
UNSENT = (SealState.WAITING_CLOSING, SealState.PENDING)
