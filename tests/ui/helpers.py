"""Driving the App as a clerk would: keys, and waiting for the database like a person."""
from __future__ import annotations

import time
import unicodedata

from textual import events
from textual.pilot import Pilot
from textual.widgets import Input
from textual.worker import WorkerFailed

from balcao_tui.store.usecases.office import get_office
from balcao_tui.store.usecases.users import get_user
from balcao_tui.widgets.form_field import FormField
from balcao_tui.widgets.message_line import MessageLine

STALLED_S = 10.0


async def settle(pilot: Pilot) -> None:
    """Wait until the database is open, every store call started by the screens has
    answered and been handled, and every key held by the key gate has been let through."""
    app = pilot.app
    await pilot.pause()
    held, since = len(app.key_gate.held), time.monotonic()
    # On a loaded machine a long burst takes a while: give up only when no held key has
    # been let through for STALLED_S.
    while time.monotonic() - since < STALLED_S:
        running = [w for w in app.workers if w.group not in ("transmitter", "feed") and w.is_running]
        if running:
            try:
                await app.workers.wait_for_complete(running)
            except WorkerFailed:
                pass  # a refusal, which the screen's callback shows
        elif app.key_gate.idle and not app.key_gate.in_flight:
            return
        await pilot.pause(0.005)
        if len(app.key_gate.held) < held:
            held, since = len(app.key_gate.held), time.monotonic()
    raise AssertionError("workers or held keys did not finish")


async def login(pilot: Pilot, user_id: int) -> None:
    """Skip the login screen (tested on its own): the App's session starts as after it."""
    await settle(pilot)
    pilot.app.login_as(get_user(user_id), get_office())
    await settle(pilot)


async def to_home(pilot: Pilot) -> None:
    """From the dashboard, the first screen of supervisors and notaries, to home's menu."""
    from balcao_tui.screens.dashboard import DashboardScreen

    if isinstance(pilot.app.screen, DashboardScreen):
        await pilot.press("escape")
        await settle(pilot)


async def open_screen(pilot: Pilot, key: str) -> None:
    await pilot.press(key)
    await settle(pilot)


async def type_text(pilot: Pilot, text: str) -> None:
    """Type text in one burst, as a fast typist or a barcode scanner does.

    Pilot.press waits for the App to idle after every key (~60 ms); here the key events
    are queued at once, in order, and the wait happens once at the end.
    """
    for char in text:
        pilot.app.post_message(_key_event(char))
    await pilot.pause()


NAMED_KEYS = {"enter", "tab", "escape", "backspace", "up", "down", "left", "right", "home",
              "end", "delete", *(f"f{n}" for n in range(1, 13))}


def _key_event(char: str) -> events.Key:
    key = char if char.isalnum() else (
        "space" if char == " " else unicodedata.name(char).lower().replace(" ", "_"))
    return events.Key(key, char)


async def burst(pilot: Pilot, *keys: str) -> None:
    """Keys in one burst, as a barcode scanner, a paste or a slow SSH link deliver them:
    every event queued at once, in order (a named key such as "enter" or "f9", or a text
    typed character by character); then wait until all they caused is done."""
    for item in keys:
        if item in NAMED_KEYS or item.startswith("ctrl+"):
            pilot.app.post_message(events.Key(item, "\r" if item == "enter" else None))
        else:
            for char in item:
                pilot.app.post_message(_key_event(char))
    await settle(pilot)


async def slowly(pilot: Pilot, *keys: str) -> None:
    """The same keys one at a time, each after the App settled from the one before."""
    for item in keys:
        for key in ([item] if item in NAMED_KEYS or item.startswith("ctrl+") else list(item)):
            await pilot.press(key)
            await settle(pilot)


def field_error(app, field: str) -> str:
    fields = {f.field: f for f in app.screen.query(FormField)}
    return fields[field].error


def message(app) -> str:
    return str(app.screen.query_one("#message", MessageLine).content)


def value(app, input_id: str) -> str:
    return app.screen.query_one(f"#{input_id}", Input).value


def text_of(widget) -> str:
    """The plain text a widget shows (Static content or a render() of ours)."""
    content = getattr(widget, "content", None)
    if content is None:
        content = widget.render()
    return content.plain if hasattr(content, "plain") else str(content)


def fill(app, input_id: str, text: str) -> None:
    """Put text in a field at once, for long texts whose typing is not what a test is about."""
    app.screen.query_one(f"#{input_id}", Input).value = text
