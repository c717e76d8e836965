"""The certificate's expiry warning, one sentence, on the login screen and home: 30, 15
and 7 days before (louder each time), and once it has expired."""
from __future__ import annotations

from textual.widgets import Static

from ..domain.cert_expiry import certificate_warning
from .status_line import StatusInfo


class CertificateNotice(Static):
    """Follows the App's `status` (the imported certificate's expiry and the clock)."""

    def on_mount(self) -> None:
        self.watch(self.app, "status", self._status_changed, init=True)

    def _status_changed(self, info: StatusInfo) -> None:
        link_until = info.link.certificate_expires_at if info.link else None
        until = link_until or info.certificate_until
        warning = certificate_warning(until, info.now) if info.now else None
        self.display = warning is not None
        self.set_class(warning is not None and warning.level in (0, 7), "-urgent")
        self.update(warning.text if warning else "")
