"""Keys one at a time, so that typing speed never changes the result.

A terminal delivers a burst (a barcode scanner, a paste, a slow SSH link) as many keys at
once, and Textual routes each key to the widget focused at that moment: before the key
before it has had its effect (a field submitted, the focus moved, a card looked up). The
gate lets one key through and holds the next ones until the screen is quiet: no message
waiting in the App or in any widget of the screen, every widget mounted, and no store
call in flight. Then it
lets the next one through, in order. Typed one by one, keys find the screen quiet and pass
at once.
"""
from __future__ import annotations

import asyncio
from collections import deque
from typing import TYPE_CHECKING, Awaitable, Callable

from textual import events

if TYPE_CHECKING:
    from textual.app import App

QUIET_POLL_S = 0.002


class KeyGate:
    def __init__(self, app: App, dispatch: Callable[[events.Key], Awaitable[None]]) -> None:
        self.app = app
        self.dispatch = dispatch
        self.held: deque[events.Key] = deque()
        self.in_flight: set[object] = set()
        self._passing = False

    @property
    def idle(self) -> bool:
        return not self._passing and not self.held

    def admit(self, event: events.Key) -> bool:
        """True when `event` may be dispatched now; otherwise it is held for later."""
        if self._passing or self.held:
            self.held.append(event)
            return False
        self._passing = True
        self.app.call_later(self._next)
        return True

    def call_started(self, token: object) -> None:
        """A store call a screen made: the keys after it wait for its answer."""
        self.in_flight.add(token)

    def call_ended(self, token: object) -> None:
        self.in_flight.discard(token)

    def _quiet(self) -> bool:
        if self.in_flight or self.app.message_queue_size or self.app._next_callbacks:
            return False
        # A screen just pushed is still composing (its queue may be empty while it awaits
        # its children): wait until every node is mounted.
        return all(node.is_mounted and not node.message_queue_size and not node._next_callbacks
                   for node in self.app.screen.walk_children(with_self=True))

    async def _next(self) -> None:
        if not self._quiet():
            # The check runs again in the App's turn, after what the App is handling now
            # (call_next) and what is queued behind it (call_later): a handler may still
            # post a message the check must see. Not by App.set_timer, which did the same
            # hops: a one-shot Textual timer that starts later than its delay (a worker
            # thread holding the GIL) is skipped, and the held keys would wait forever.
            asyncio.get_running_loop().call_later(
                QUIET_POLL_S, self.app.call_next, lambda: self.app.call_later(self._next))
            return
        if not self.held:
            self._passing = False
            return
        event = self.held.popleft()
        self.app.call_later(self._next)
        await self.dispatch(event)
