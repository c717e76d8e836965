"""balcao transmit [--once]: the headless transmitter (daemon) that sends seals to the TJ;
balcao transmit status: how the transmission stands (for monitoring, by its exit code);
balcao transmit pause|resume|send-now: the dashboard's transmitter keys."""
from __future__ import annotations

import argparse

NAME = "transmit"
HELP = "transmissor sem tela: assina e envia ao TJ os selos pendentes"

DEFAULT_ONCE_TIMEOUT = 600.0
DEFAULT_GRACE = 10.0


def _positive(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"número inválido: {text!r}") from None
    if value <= 0:
        raise argparse.ArgumentTypeError("deve ser maior que zero")
    return value


def configure(parser: argparse.ArgumentParser) -> None:
    from .transmit_status import EXIT_CODES

    from .common import add_login_arguments
    from .transmit_control import CONTROLS

    parser.add_argument("what", nargs="?", choices=["status", *CONTROLS],
                        metavar="{status,pause,resume,send-now}",
                        help="em vez de transmitir: status mostra a situação da transmissão "
                             "(quem tem a vez, o estado da conexão, a última tentativa, os "
                             f"selos por situação e o prazo mais antigo; {EXIT_CODES}); "
                             "pause, resume e send-now pausam, retomam ou pedem o envio "
                             "imediato ao transmissor que estiver rodando (supervisor ou "
                             "tabelião)")
    parser.add_argument("--reason", metavar="MOTIVO",
                        help="com pause: por que (fica na auditoria)")
    add_login_arguments(parser)
    parser.add_argument("--format", choices=["text", "json"], default="text",
                        help="com status: texto (padrão) ou JSON")
    parser.add_argument("--once", action="store_true",
                        help="envia tudo o que estiver pendente (em qualquer modo) e sai; "
                             "código de saída 0 se nada ficou pendente")
    parser.add_argument("--timeout", type=_positive, default=DEFAULT_ONCE_TIMEOUT,
                        metavar="SEG", help="com --once, tempo máximo de tentativas "
                                            "(padrão: %(default)g s)")
    parser.add_argument("--log-file", metavar="ARQUIVO", default=None,
                        help="arquivo de log (padrão: transmissor.log na pasta de logs "
                             "do usuário)")
    parser.add_argument("--lease-seconds", type=_positive, default=None, metavar="SEG",
                        help="validade da vez de transmitir sem renovação (padrão: 15 s)")
    parser.add_argument("--poll-seconds", type=_positive, default=None, metavar="SEG",
                        help="intervalo de consulta ao banco por selos novos (padrão: 5 s)")
    parser.add_argument("--backoff-seconds", type=_positive, default=None, metavar="SEG",
                        help="primeira espera após falha do TJ, dobrada a cada falha "
                             "(padrão: 1 s; máximo 5 min)")
    parser.add_argument("--grace-seconds", type=_positive, default=DEFAULT_GRACE,
                        metavar="SEG", help="ao receber SIGTERM, quanto esperar o lote em "
                                            "andamento antes de abandoná-lo "
                                            "(padrão: %(default)g s)")


def _tuning(args: argparse.Namespace):
    from ..tj.transmitter_config import TransmitterTuning

    given = {"lease_ttl": args.lease_seconds, "poll_interval": args.poll_seconds,
             "backoff_base": args.backoff_seconds}
    return TransmitterTuning(**{k: v for k, v in given.items() if v is not None})


def run(args: argparse.Namespace) -> int:
    import asyncio
    import logging

    from ..store.db import close_database
    from ..tj.transmitter import Transmitter
    from .common import fail, open_store
    from .log_files import default_log_file, setup_logging

    if args.what == "status":
        from .transmit_status import run_status

        return run_status(args.db, args.format)
    if args.what is not None:
        from .transmit_control import run_control

        return run_control(args)
    log_file = args.log_file or default_log_file()
    try:
        setup_logging(log_file)
    except OSError as exc:
        return fail(f"não foi possível abrir o arquivo de log {log_file}: {exc}")
    open_store(args.db)
    close_database()  # the transmitter opens its own connections in worker threads
    transmitter = Transmitter(tuning=_tuning(args))
    transmitter.on_status = _say_standby()
    log = logging.getLogger("balcao_tui.cli.transmit")
    log.info("transmitter %s starting (%s)", transmitter.holder,
             "once" if args.once else "daemon")
    summary = asyncio.run(_serve(transmitter, args.once, args.timeout, args.grace_seconds))
    if summary is None:  # a signal cut the batch in flight short: it stays pending, safely
        log.info("transmitter %s abandoned the batch in flight and stopped", transmitter.holder)
        print("Transmissão interrompida; os selos não confirmados seguem pendentes.")
        return 1 if args.once else 0
    line = summary.line()
    log.info("transmitter %s stopped. %s", transmitter.holder, line)
    print(line, flush=True)
    if args.once:
        return 0 if summary.pending == 0 else 1
    return 0


def _say_standby():
    """On the terminal, not only in the log: waiting for another process's lease."""
    import sys

    from ..tj.link_status import LinkState

    said = {"detail": ""}

    def on_status(status) -> None:
        if status.state is LinkState.STANDBY and status.detail != said["detail"]:
            print(f"Aguardando a vez de transmitir. {status.detail} Para que ele envie "
                  "já, também no modo agendado: balcao transmit send-now.", file=sys.stderr,
                  flush=True)
        said["detail"] = status.detail if status.state is LinkState.STANDBY else ""
    return on_status


async def _serve(transmitter, once: bool, timeout: float, grace: float):
    """Run until done (--once) or a signal: the 1st stops cleanly (waiting up to `grace`
    for the batch in flight), the 2nd abandons the batch (its records stay pending)."""
    import asyncio
    import logging
    import signal

    loop = asyncio.get_running_loop()
    task = asyncio.create_task(transmitter.run(once=once, timeout=timeout if once else None))
    seen = 0

    def on_signal(signum: int) -> None:
        nonlocal seen
        seen += 1
        logging.getLogger("balcao_tui.cli.transmit").info(
            "signal %s received", signal.Signals(signum).name)
        if seen == 1:
            transmitter.stop()
            loop.call_later(grace, task.cancel)
        else:
            task.cancel()

    for signum in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(signum, on_signal, signum)
    try:
        return await task
    except asyncio.CancelledError:
        return None
    finally:
        for signum in (signal.SIGTERM, signal.SIGINT):
            loop.remove_signal_handler(signum)
