"""balcao transmit pause|resume|send-now: the dashboard's transmitter keys for an operator
at a shell (a supervisor's or tabelião's login). They change the state every transmitter
reads from the database, so the daemon that holds the lease, wherever it runs, obeys."""
from __future__ import annotations

import argparse

from ..domain.refusal import Refusal

CONTROLS = ("pause", "resume", "send-now")
SAID = {"pause": "Transmissão pausada: nenhum selo vai ao TJ até que alguém a retome.",
        "resume": "Transmissão retomada: o transmissor volta a enviar os pendentes.",
        "send-now": "Envio imediato pedido: o transmissor envia os pendentes já, também "
                    "no modo agendado ou desligado."}


def run_control(args: argparse.Namespace) -> int:
    from ..store.transmitter_state import (pause_transmission, request_send_now,
                                           resume_transmission)
    from .common import open_store, signed_in

    if args.what == "pause" and not args.reason:
        raise Refusal("informe o motivo da pausa com --reason (fica na auditoria).")
    if args.what != "pause" and args.reason:
        raise Refusal("--reason só vale com pause.")
    open_store(args.db)
    actor = signed_in(args.login, args.password_stdin)
    if args.what == "pause":
        pause_transmission(actor, args.reason)
    elif args.what == "resume":
        resume_transmission(actor)
    else:
        request_send_now(actor)
    print(SAID[args.what])
    return 0
