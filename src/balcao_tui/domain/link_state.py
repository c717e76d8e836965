"""The states of the link to the TJ, as the transmitter reports them and every terminal
shows them (the shared state lives in the database: store/transmitter_state.py)."""
from __future__ import annotations

from enum import StrEnum


class LinkState(StrEnum):
    ONLINE = "online"      # sending at once, last exchange went well
    OFFLINE = "offline"    # holding records: offline mode, or waiting for the schedule
    FAILING = "failing"    # the TJ does not answer, or answers with errors; retrying
    STANDBY = "standby"    # another process holds the lease and sends for everyone
    STOPPED = "stopped"    # not sending: no configuration, expired certificate, ...
    PAUSED = "paused"      # a supervisor paused the transmission


LINK_LABELS = {
    LinkState.ONLINE: "online",
    LinkState.OFFLINE: "offline",
    LinkState.FAILING: "falhando",
    LinkState.STANDBY: "outro terminal envia",
    LinkState.STOPPED: "parado",
    LinkState.PAUSED: "pausado",
}
