"""balcao transmit status: the shared transmitter state, for a person or for monitoring."""
from __future__ import annotations

import json
from datetime import datetime

from ..domain.deadlines import format_local, format_remaining, to_local, utcnow
from ..domain.link_state import LINK_LABELS, LinkState
from ..domain.seal_states import SEAL_LABELS, SealState

EXIT_CODES = ("código de saída: 0 tudo em ordem; 1 atenção (transmissor falhando, parado com "
              "selos pendentes ou pausado, prazo a menos de 2 h, lotes interrompidos, selos criticados); "
              "2 crítico (selos com prazo vencido, ou selos pendentes sem nenhum processo "
              "com a vez de transmitir)")
OUTCOMES = {"answered": "respondida pelo TJ", "unavailable": "TJ indisponível",
            "rate_limited": "limite de requisições do TJ", "rejected": "recusada pelo TJ",
            "failed": "sem resposta", "abandoned": "interrompida"}
LEVELS = ("em ordem", "ATENÇÃO", "CRÍTICO")


def _when(moment: datetime | None) -> str:
    return format_local(moment) if moment else "nunca"


def _text(health) -> str:
    view = health.view
    label = LINK_LABELS.get(LinkState(view.link_state), view.link_state)
    lines = [f"Transmissor: {label}" + (f" — {view.detail}" if view.detail else "")]
    if view.holder:
        lines.append(f"Vez de transmitir: {view.holder}, desde {_when(view.holder_since)}, "
                     f"válida até {to_local(view.lease_expires_at).strftime('%H:%M:%S')}")
    else:
        lines.append("Vez de transmitir: nenhum processo")
    attempt = "nunca"
    if view.last_attempt_at:
        outcome = OUTCOMES.get(view.last_attempt_outcome, view.last_attempt_outcome)
        attempt = f"{_when(view.last_attempt_at)}, {outcome}"
        if view.last_attempt_outcome != "answered" and view.last_error:
            attempt += f": {view.last_error}"
    lines += [f"Última tentativa: {attempt}",
              f"Último envio aceito: {_when(view.last_success_at)}"]
    if view.interrupted_batches:
        lines.append(f"Lotes interrompidos (processo encerrado no meio do envio): "
                     f"{view.interrupted_batches}")
    counts = ", ".join(f"{SEAL_LABELS.get(SealState(state), state)} {count}"
                       for state, count in sorted(health.counts.items()))
    lines.append(f"Selos por situação: {counts or 'nenhum'}")
    if health.oldest_deadline:
        left = format_remaining(health.oldest_deadline - utcnow())
        lines.append(f"Prazo mais antigo: {_when(health.oldest_deadline)} ({left})")
    verdict = LEVELS[health.level]
    lines.append(f"Situação: {verdict}" + (f" — {'; '.join(health.reasons)}"
                                           if health.reasons else ""))
    return "\n".join(lines)


def _json(health) -> str:
    view = health.view
    moment = lambda value: value.isoformat() if value else None  # noqa: E731
    return json.dumps({
        "link_state": view.link_state, "detail": view.detail, "holder": view.holder,
        "holder_since": moment(view.holder_since),
        "lease_expires_at": moment(view.lease_expires_at),
        "last_attempt_at": moment(view.last_attempt_at),
        "last_attempt_outcome": view.last_attempt_outcome, "last_error": view.last_error,
        "last_success_at": moment(view.last_success_at), "paused": view.paused,
        "paused_by": view.paused_by, "interrupted_batches": view.interrupted_batches,
        "counts": health.counts, "oldest_deadline": moment(health.oldest_deadline),
        "level": health.level, "reasons": list(health.reasons),
    }, ensure_ascii=False, indent=2)


def run_status(url: str | None, output: str) -> int:
    from ..store.transmission_health import transmission_health
    from .common import open_store

    open_store(url)
    health = transmission_health()
    print(_json(health) if output == "json" else _text(health))
    return health.level
