"""The async transmitter: signs the pending seal records and sends them to the TJ.

One long-lived loop (`await Transmitter().run()`) on one HTTP client. Each cycle reads the
`tj.*` settings, checks the certificate, takes the "transmitter" lease (one sender across
every process) and sends the pending records, oldest deadline first, in batches of at most
500. It sleeps until `wake()` (a use case just committed records) or the poll interval
(other processes commit records too); after a failure it waits with exponential backoff,
or as long as the TJ's Retry-After says.

The link state, the last attempt and the lease holder are written to the database
(store/transmitter_reports.py), so every terminal shows the same; while waiting it reads
the pause and the send-now request there every `control_poll` seconds.

Exactly once: a record stays `pending` until the TJ's answer for it is committed, and its
bytes are the same on every resend; the TJ holds each code once and answers a resend of
the same content as accepted. See docs/transmissor.md.
"""
from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass
from datetime import datetime
from typing import Callable, Mapping

import httpx

from ..domain.deadlines import to_local, utcnow
from ..domain.transmission_mode import MODE_OFFLINE, MODE_SCHEDULED
from ..store.change_feed import prune_changes
from ..store.state_tally import fold_tally
from ..store.transmission import mark_failed, office_cns, pending_count, pending_records
from ..store.transmitter_reports import Control, read_control, report_link_state
from ..store.transmitter_state import live_holder
from ..store.usecases.office import get_settings
from .backoff import Backoff, retry_after_delay
from .batch_sender import BatchOutcome, BatchSender
from .cert_source import CertificateSource, certificate_problem
from .client import TJClient, TJRateLimited, TJRejected, TJUnavailable
from .db_thread import db_call
from .lease_keeper import LeaseKeeper
from .link_status import LinkState, LinkStatus
from .record_signer import sign_batch
from .schedule import is_due
from .signing import CertificateError, OfficeCertificate
from .transmitter_config import TransmitterConfig, TransmitterTuning, config_from_settings

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class _Snapshot:
    config: TransmitterConfig
    cns: str | None
    pending: int
    control: Control


@dataclass(frozen=True)
class _Pause:
    seconds: float
    wakeable: bool = True   # False while backing off: wake() must not hammer a failing TJ
    idle: bool = False      # nothing left pending
    blocked: bool = False   # cannot send until someone changes something


@dataclass(frozen=True)
class TransmitSummary:
    accepted: int
    criticized: int
    failed: int
    pending: int
    detail: str

    def line(self) -> str:
        return (f"Transmissão: {self.accepted} comunicado(s), {self.criticized} criticado(s), "
                f"{self.failed} com falha estrutural; {self.pending} pendente(s)."
                + (f" {self.detail}" if self.detail and self.pending else ""))


def _read_snapshot(env: Mapping[str, str] | None) -> _Snapshot:
    return _Snapshot(config_from_settings(get_settings("tj."), env), office_cns(),
                     pending_count(), read_control())


def _standby_detail(now: datetime) -> str:
    holder, until = live_holder(now)
    if not holder:
        return "Outro terminal está enviando os selos ao TJ."
    return (f"Outro processo ({holder}) está enviando os selos ao TJ; a vez dele vale até "
            f"{to_local(until).strftime('%H:%M:%S')}.")


def _pause_detail(control: Control) -> str:
    """The same words as store.transmitter_state.pause_transmission."""
    return f"Transmissão pausada por {control.paused_by}: {control.reason}"


def _control_key(control: Control) -> tuple:
    return control.paused, control.send_now_requested_at


class Transmitter:
    def __init__(self, *, tuning: TransmitterTuning | None = None,
                 env: Mapping[str, str] | None = None,
                 transport: httpx.AsyncBaseTransport | None = None,
                 holder: str | None = None) -> None:
        self.tuning = tuning or TransmitterTuning()
        self.on_status: Callable[[LinkStatus], None] | None = None
        self.status = LinkStatus(LinkState.STOPPED, "Transmissor não iniciado.")
        self.totals = BatchOutcome()
        self._env = env
        self._transport = transport
        self._lease = LeaseKeeper(self.tuning.lease_ttl, holder, on_lost=self.wake)
        self._certs = CertificateSource()
        self._backoff = Backoff(self.tuning.backoff_base, self.tuning.backoff_max)
        self._client: TJClient | None = None
        self._client_key: tuple | None = None
        self._loop: asyncio.AbstractEventLoop | None = None
        self._wake_event: asyncio.Event | None = None
        self._stop_event: asyncio.Event | None = None
        self._stopping = False
        self._last_success_at: datetime | None = None
        self._cert_expires_at: datetime | None = None
        self._published: tuple | None = None  # the link state last written to the database
        self._control: tuple | None = None  # (paused, send-now request) last seen
        self._send_now_seen: datetime | None = None
        self._send_now = False  # a request being served: it outlasts a failed attempt
        self._pruned_at = float("-inf")

    @property
    def holder(self) -> str:
        return self._lease.holder

    # -- what the App and the daemon call ------------------------------------------------

    def wake(self) -> None:
        """Send now (new records were committed). Safe from any thread."""
        self._set_threadsafe(self._wake_event)

    def stop(self) -> None:
        """Finish the batch in flight, release the lease and return from run()."""
        self._stopping = True
        self._set_threadsafe(self._wake_event)
        self._set_threadsafe(self._stop_event)

    async def run(self, *, once: bool = False, timeout: float | None = None) -> TransmitSummary:
        """Send until stop() (or cancel). `once`: send everything pending, whatever the
        mode, and return when nothing is left, when sending is blocked, or at `timeout`."""
        self._loop = asyncio.get_running_loop()
        self._wake_event, self._stop_event = asyncio.Event(), asyncio.Event()
        if self._stopping:
            self._stop_event.set()
        deadline = None if timeout is None else self._loop.time() + timeout
        try:
            while not self._stopping:
                self._wake_event.clear()
                pause = await self._safe_cycle(force=once)
                if once and (pause.idle or pause.blocked):
                    break
                seconds = pause.seconds
                if deadline is not None:
                    seconds = min(seconds, deadline - self._loop.time())
                    if seconds <= 0:
                        break
                await self._pause(seconds, pause.wakeable)
        finally:
            detail = self.status.detail  # why it stopped, before "encerrado"
            await self._shutdown()
        try:
            pending = await db_call(pending_count)
        except Exception:
            log.exception("could not count pending records")
            pending = -1
        return TransmitSummary(self.totals.accepted, self.totals.criticized,
                               self.totals.failed, pending, detail)

    # -- one cycle -----------------------------------------------------------------------

    async def _safe_cycle(self, force: bool) -> _Pause:
        try:
            pause = await self._cycle(force)
        except asyncio.CancelledError:
            raise
        except Exception:
            log.exception("transmitter cycle failed")
            delay = self._backoff.next_delay()
            self._set_status(LinkState.FAILING, "Erro interno do transmissor (veja o log); "
                                                f"nova tentativa em {delay:.0f} s.")
            pause = _Pause(delay, wakeable=False)
        await self._publish()
        await self._prune()
        return pause

    async def _publish(self) -> None:
        """Write the link state to the database when it changed (never "standby": the
        holder's word is the one every terminal shows)."""
        status = self.status
        key = (status.state, status.detail, status.last_success_at)
        if status.state is LinkState.STANDBY or key == self._published:
            return
        try:
            await db_call(report_link_state, self.holder, status.state, status.detail,
                          status.last_success_at)
            self._published = key
        except Exception:
            log.exception("could not write the link state")

    async def _prune(self) -> None:
        now = asyncio.get_running_loop().time()
        if now - self._pruned_at < self.tuning.prune_every:
            return
        self._pruned_at = now
        try:
            await db_call(prune_changes)
            await db_call(fold_tally)
        except Exception:
            log.exception("could not prune the change log or fold the state tally")

    async def _cycle(self, force: bool) -> _Pause:
        snap = await db_call(_read_snapshot, self._env)
        config = snap.config
        first_look = self._control is None
        self._control = _control_key(snap.control)
        if snap.control.paused:
            self._send_now = False
            return await self._hold(LinkState.PAUSED, _pause_detail(snap.control),
                                    blocked=force)
        requested = snap.control.send_now_requested_at
        if requested != self._send_now_seen:
            self._send_now = self._send_now or not first_look  # made before we started: not ours
            self._send_now_seen = requested
        force = force or self._send_now
        if force and snap.pending == 0:
            self._send_now = False
            self._set_status(LinkState.ONLINE, "Nenhum selo pendente.")
            return _Pause(self.tuning.poll_interval, idle=True)
        if config.problem:
            return await self._hold(LinkState.STOPPED, config.problem, blocked=True)
        if snap.cns is None:
            return await self._hold(LinkState.STOPPED, "A serventia não foi cadastrada.",
                                    blocked=True)
        if config.mode == MODE_OFFLINE and not force:
            return await self._hold(
                LinkState.OFFLINE, f"Modo offline: {snap.pending} selo(s) aguardando envio.")
        try:
            cert = await self._certs.get(config.cert_path, config.cert_password)
        except CertificateError as exc:
            return await self._hold(LinkState.STOPPED, str(exc), blocked=True)
        self._cert_expires_at = cert.not_valid_after
        problem = certificate_problem(cert, utcnow())
        if problem:
            return await self._hold(LinkState.STOPPED, problem, blocked=True)
        if not self._lease.held and not await self._lease.acquire():
            self._set_status(LinkState.STANDBY, await db_call(_standby_detail, utcnow()))
            return _Pause(min(self.tuning.poll_interval, self.tuning.lease_ttl / 2))
        scheduled = config.mode == MODE_SCHEDULED and not force
        try:
            await self._send_pending(config, snap.cns, cert, scheduled)
        except TJRateLimited as exc:
            delay = retry_after_delay(exc.retry_after, self.tuning.backoff_base)
            self._set_status(LinkState.FAILING, f"{exc.message} Nova tentativa em {delay:.0f} s.")
            return _Pause(delay, wakeable=False)
        except TJUnavailable as exc:
            delay = self._backoff.next_delay()
            self._set_status(LinkState.FAILING, f"{exc.message} Nova tentativa em {delay:.0f} s.")
            return _Pause(delay, wakeable=False)
        except TJRejected as exc:
            delay = self._backoff.next_delay()
            log.warning("the TJ refused the request (HTTP %s): %s", exc.status, exc.message)
            self._set_status(LinkState.STOPPED, f"O TJ recusou o acesso: {exc.message} "
                                                "Confira o endereço, o client id e o secret.")
            return _Pause(delay, wakeable=False, blocked=True)
        self._backoff.reset()
        self._send_now = False
        remaining = await db_call(pending_count)
        if scheduled:
            self._set_status(LinkState.OFFLINE, f"Envio agendado para {config.schedule_text}: "
                                                f"{remaining} selo(s) aguardando.")
        elif remaining == 0:
            self._set_status(LinkState.ONLINE, "Todos os selos foram enviados.")
        return _Pause(self.tuning.poll_interval, idle=remaining == 0)

    async def _hold(self, state: LinkState, detail: str, blocked: bool = False) -> _Pause:
        """Not sending: let another process take the lease."""
        await self._lease.release()
        self._set_status(state, detail)
        return _Pause(self.tuning.poll_interval, blocked=blocked)

    async def _send_pending(self, config: TransmitterConfig, cns: str,
                            cert: OfficeCertificate, scheduled: bool) -> None:
        sender = BatchSender(await self._client_for(config), cns, self.holder)
        size = self.tuning.batch_size
        while not self._stopping and self._lease.held:
            if (await db_call(read_control)).paused:
                return
            records = await db_call(pending_records, size)
            due = records
            if scheduled:
                now = utcnow()
                due = [r for r in records if is_due(r.act_at, r.deadline_at, now,
                                                    config.schedule, self.tuning.urgent_horizon)]
            if not due:
                return
            self._set_status(LinkState.ONLINE, f"Enviando {len(due)} selo(s) ao TJ.")
            signed = await asyncio.to_thread(sign_batch, due, cns, cert)
            for code, reason in signed.unsendable:
                await db_call(mark_failed, [code], reason)
                log.warning("record %s cannot be sent (structural failure): %s", code, reason)
                self.totals.failed += 1
            if signed.records:
                outcome = await sender.send(signed.records)
                self.totals.add(outcome)
                self._last_success_at = utcnow()
                self._backoff.reset()
                await self._publish()
                if outcome.unanswered:
                    raise TJUnavailable(
                        f"O TJ não respondeu sobre {outcome.unanswered} registro(s) do lote.")
            if len(due) < len(records):
                return

    async def _client_for(self, config: TransmitterConfig) -> TJClient:
        if self._client is None or self._client_key != config.client_key:
            if self._client is not None:
                await self._client.aclose()
            self._client = TJClient(config.url, config.client_id, config.client_secret,
                                    timeout=self.tuning.http_timeout, transport=self._transport)
            self._client_key = config.client_key
        return self._client

    # -- waiting, status, shutdown -------------------------------------------------------

    async def _pause(self, seconds: float, wakeable: bool) -> None:
        """Until `seconds` pass, wake() (if `wakeable`), stop(), or a pause, resume or
        send-now request in the database (any terminal's, even while backing off)."""
        event = self._wake_event if wakeable else self._stop_event
        assert event is not None and self._loop is not None
        end = self._loop.time() + max(0.0, seconds)
        while (left := end - self._loop.time()) > 0:
            try:
                await asyncio.wait_for(event.wait(), min(left, self.tuning.control_poll))
                return
            except TimeoutError:
                pass
            if await self._control_changed():
                return

    async def _control_changed(self) -> bool:
        try:
            control = await db_call(read_control)
        except Exception:
            log.exception("could not read the transmission controls")
            return False
        return _control_key(control) != self._control

    def _set_status(self, state: LinkState, detail: str) -> None:
        status = LinkStatus(state, detail, self._last_success_at, self._cert_expires_at)
        if status == self.status:
            return
        if (state, detail) != (self.status.state, self.status.detail):
            log.info("status %s: %s", state.value, detail)
        self.status = status
        if self.on_status is not None:
            try:
                self.on_status(status)
            except Exception:
                log.exception("on_status callback failed")

    def _set_threadsafe(self, event: asyncio.Event | None) -> None:
        loop = self._loop
        if event is None or loop is None or loop.is_closed():
            return
        try:
            running = asyncio.get_running_loop()
        except RuntimeError:
            running = None
        if running is loop:
            event.set()
        else:
            loop.call_soon_threadsafe(event.set)

    async def _shutdown(self) -> None:
        await self._lease.release()
        if self._client is not None:
            client, self._client = self._client, None
            await client.aclose()
        if self.status.state not in (LinkState.STOPPED, LinkState.PAUSED):
            self._set_status(LinkState.STOPPED, "Transmissor encerrado.")
            await self._publish()
