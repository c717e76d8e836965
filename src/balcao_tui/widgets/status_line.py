"""The status line at the bottom of every screen after login."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from rich.text import Text
from textual.widget import Widget

from ..domain.cert_expiry import certificate_warning
from ..domain.deadlines import format_date, format_local, format_remaining, office_day
from ..tj.link_status import LINK_LABELS, LinkState, LinkStatus

if TYPE_CHECKING:  # the query module is loaded after login, with the first status query
    from ..store.queries import PendingSummary
    from ..store.transmitter_state import TransmitterView

CERTIFICATE_STYLES = {30: "yellow", 15: "bold yellow", 7: "bold red", 0: "bold red"}
CLOSING_WARNING = timedelta(hours=4)
SEPARATOR = " │ "


@dataclass(frozen=True)
class StatusInfo:
    login: str = ""
    now: datetime | None = None
    pending: PendingSummary | None = None
    link: LinkStatus | None = None  # None: no report yet
    transmitter: bool = False  # False: no transmitter in this process
    certificate_until: datetime | None = None  # the imported A1's expiry (settings)


def shown_link(own: LinkStatus | None, shared: TransmitterView | None) -> LinkStatus | None:
    """This process's transmitter speaks for itself, unless another process holds the
    lease (standby) or there is none here: then the database's word, the same on every
    terminal (empty detail: no transmitter ever reported)."""
    if own is not None and own.state is not LinkState.STANDBY:
        return own
    if shared is None or not shared.detail:
        return own
    return LinkStatus(LinkState(shared.link_state), shared.detail, shared.last_success_at,
                      own.certificate_expires_at if own else None)


def _link_part(info: StatusInfo) -> tuple[str, str]:
    link = info.link
    if link is None:
        return ("TJ: iniciando", "") if info.transmitter else ("TJ: desligado", "dim")
    style = {LinkState.ONLINE: "green", LinkState.FAILING: "bold red",
             LinkState.STOPPED: "bold yellow"}.get(link.state, "")
    return f"TJ: {LINK_LABELS.get(link.state, link.state)}", style


def _certificate_part(info: StatusInfo) -> tuple[str, str] | None:
    """30, 15 and 7 days before the certificate expires, louder each time. The one the
    transmitter opened wins; without a transmitter, the one imported."""
    expires = (info.link.certificate_expires_at if info.link else None) or info.certificate_until
    warning = certificate_warning(expires, info.now) if info.now else None
    if warning is None:
        return None
    return warning.short, CERTIFICATE_STYLES[warning.level]


def _pending_parts(info: StatusInfo) -> tuple[tuple[str, str], tuple[str, str] | None]:
    pending = info.pending
    if pending is None:
        return ("Selos: …", ""), None
    count = ("Pendentes: " + str(pending.unsent), "bold" if pending.unsent else "")
    if pending.oldest_deadline is None or info.now is None:
        return count, None
    left = pending.oldest_deadline - info.now
    style = "bold red" if left < timedelta(hours=2) else ""
    return count, (f"prazo {format_remaining(left)}", style)


def closing_warning(pending: PendingSummary | None, now: datetime | None) -> str | None:
    """A day still open after it ended, or today's closing near the 24 h deadline."""
    if pending is None or now is None or pending.oldest_open_day is None:
        return None
    if pending.oldest_open_day < office_day(now):
        return f"Dia {format_date(pending.oldest_open_day)[:5]} aberto"
    if pending.closing_deadline is not None and \
            pending.closing_deadline - now < CLOSING_WARNING:
        return f"Fechar o dia: {format_remaining(pending.closing_deadline - now)}"
    return None


def status_parts(info: StatusInfo, width: int) -> list[tuple[str, str]]:
    """The pieces of the line, most important first kept when the width is short."""
    count, deadline = _pending_parts(info)
    parts = [(info.login, "bold"), (format_local(info.now) if info.now else "", ""), count,
             _link_part(info)]
    closing = closing_warning(info.pending, info.now)
    if closing:
        deadline = (closing, "bold red")
    certificate = _certificate_part(info)
    if certificate and _length(parts + [certificate]) > width and info.now:
        parts[1] = (format_local(info.now)[-5:], "")  # the hour alone leaves it room
    optional = [part for part in (certificate, deadline) if part]
    for part in optional:
        candidate = parts[:3] + [part] + parts[3:] if part is deadline else parts + [part]
        if _length(candidate) <= width:
            parts = candidate
    return [part for part in parts if part[0]]


def _length(parts: list[tuple[str, str]]) -> int:
    return sum(len(text) for text, _ in parts) + len(SEPARATOR) * (len(parts) - 1) + 2


class StatusLine(Widget):
    """Follows the App's `status` reactive."""

    DEFAULT_CSS = "StatusLine { height: 1; }"

    def on_mount(self) -> None:
        self.watch(self.app, "status", self._status_changed, init=True)

    def _status_changed(self, _info: StatusInfo) -> None:
        self.refresh()

    def render(self) -> Text:
        info: StatusInfo = getattr(self.app, "status", StatusInfo())
        text = Text(" ")
        for index, (part, style) in enumerate(status_parts(info, self.size.width)):
            if index:
                text.append(SEPARATOR, "dim")
            text.append(part, style)
        return text
