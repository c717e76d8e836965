"""How the transmission stands, for `balcao transmit status` and monitoring: the shared
transmitter state, the records by state, the oldest deadline, and a verdict (0 all well,
1 warning, 2 critical) with its reasons in Portuguese."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

import peewee as pw

from ..domain.deadlines import format_remaining, utcnow
from ..domain.link_state import LINK_LABELS, LinkState
from ..domain.seal_states import SealState
from .models import SealRecord
from .queries import pending_summary
from .transmitter_state import TransmitterView, read_transmitter_view

NEARLY_LATE = timedelta(hours=2)
OK, WARNING, CRITICAL = 0, 1, 2


@dataclass(frozen=True)
class TransmissionHealth:
    view: TransmitterView
    counts: dict[str, int]  # records by state (SealState values)
    oldest_deadline: datetime | None  # of the records not yet sent
    level: int  # OK, WARNING or CRITICAL
    reasons: tuple[str, ...]


def _verdict(view: TransmitterView, counts: dict[str, int], oldest: datetime | None,
             now: datetime) -> tuple[int, tuple[str, ...]]:
    critical, warning = [], []
    if oldest is not None and oldest < now:
        critical.append(f"selos com prazo vencido ({format_remaining(oldest - now)})")
    if counts.get(SealState.PENDING, 0) and not view.holder and not view.paused:
        critical.append("há selos pendentes e nenhum transmissor com a vez de enviar")
    if oldest is not None and now <= oldest < now + NEARLY_LATE:
        warning.append(f"prazo perto do fim ({format_remaining(oldest - now)})")
    if view.paused:
        warning.append("transmissão pausada")
    waiting = counts.get(SealState.PENDING, 0)
    if view.link_state == LinkState.FAILING or (view.link_state == LinkState.STOPPED
                                                and waiting):
        warning.append(f"transmissor {LINK_LABELS[LinkState(view.link_state)]}")
    if view.interrupted_batches:
        warning.append(f"{view.interrupted_batches} lote(s) interrompido(s)")
    for state, label in ((SealState.CRITICIZED, "criticado(s)"),
                         (SealState.FAILED, "com falha estrutural")):
        if counts.get(state, 0):
            warning.append(f"{counts[state]} selo(s) {label}")
    level = CRITICAL if critical else WARNING if warning else OK
    return level, tuple(critical + warning)


def transmission_health(now: datetime | None = None) -> TransmissionHealth:
    now = now or utcnow()
    view = read_transmitter_view(now)
    counts = dict(SealRecord.select(SealRecord.state, pw.fn.COUNT(SealRecord.id))
                  .group_by(SealRecord.state).tuples())
    oldest = pending_summary().oldest_deadline
    level, reasons = _verdict(view, counts, oldest, now)
    return TransmissionHealth(view, counts, oldest, level, reasons)
