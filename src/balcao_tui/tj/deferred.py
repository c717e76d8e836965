"""The transmitter for the counter's screens, built (with httpx and cryptography) only
when it starts running, so that importing and creating it costs the login screen nothing."""
from __future__ import annotations

from typing import TYPE_CHECKING, Any, Callable

if TYPE_CHECKING:
    from .link_status import LinkStatus
    from .transmitter import Transmitter


class DeferredTransmitter:
    """What the App uses of a Transmitter: on_status, run(), wake() and stop()."""

    def __init__(self, **options: Any) -> None:
        self.on_status: Callable[[LinkStatus], None] | None = None
        self._options = options
        self._transmitter: Transmitter | None = None
        self._stopping = False

    @property
    def started(self) -> bool:
        return self._transmitter is not None

    async def run(self) -> Any:
        from .transmitter import Transmitter

        self._transmitter = Transmitter(**self._options)
        self._transmitter.on_status = self.on_status
        if self._stopping:
            self._transmitter.stop()
        return await self._transmitter.run()

    def wake(self) -> None:
        # Before run() there is nothing to wake: its first cycle sends everything pending.
        if self._transmitter is not None:
            self._transmitter.wake()

    def stop(self) -> None:
        self._stopping = True
        if self._transmitter is not None:
            self._transmitter.stop()
