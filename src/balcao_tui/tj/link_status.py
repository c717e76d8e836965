"""What the transmitter tells the screens about the link to the TJ."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from ..domain.link_state import LINK_LABELS, LinkState

__all__ = ["LINK_LABELS", "LinkState", "LinkStatus"]


@dataclass(frozen=True)
class LinkStatus:
    state: LinkState
    detail: str = ""  # Portuguese, for the status line and the dashboard
    last_success_at: datetime | None = None
    certificate_expires_at: datetime | None = None
