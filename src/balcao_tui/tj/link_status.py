"""What the transmitter tells the screens about the link to the TJ."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum


class LinkState(StrEnum):
    ONLINE = "online"      # sending at once, last exchange went well
    OFFLINE = "offline"    # holding records: offline mode, or waiting for the schedule
    FAILING = "failing"    # the TJ does not answer, or answers with errors; retrying
    STANDBY = "standby"    # another process holds the lease and sends for everyone
    STOPPED = "stopped"    # not sending: no configuration, expired certificate, ...


LINK_LABELS = {
    LinkState.ONLINE: "online",
    LinkState.OFFLINE: "offline",
    LinkState.FAILING: "falhando",
    LinkState.STANDBY: "outro terminal envia",
    LinkState.STOPPED: "parado",
}


@dataclass(frozen=True)
class LinkStatus:
    state: LinkState
    detail: str = ""  # Portuguese, for the status line and the dashboard
    last_success_at: datetime | None = None
    certificate_expires_at: datetime | None = None
