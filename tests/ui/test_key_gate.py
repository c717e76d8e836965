"""The key gate never keeps a key forever, whatever the timing of the machine."""
from textual import events

from balcao_tui.screens.authentication import AuthenticationScreen

from .helpers import login


async def test_keys_held_while_the_screen_is_busy_arrive_when_textual_timers_are_late(
        make_app, office, monkeypatch):
    """A one-shot Textual timer started later than its delay never fires (a worker thread
    holding the GIL on a busy machine); the key gate must not wait on one."""
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await login(pilot, office.clerk)
        monkeypatch.setattr("textual.message_pump.Timer._run", _never_fires)
        busy = object()
        app.key_gate.call_started(busy)
        app.post_message(events.Key("f2", None))
        app.post_message(events.Key("f3", None))
        await pilot.pause(0.05)
        app.key_gate.call_ended(busy)
        for _ in range(200):
            await pilot.pause(0.01)
            if app.key_gate.idle:
                break
        assert isinstance(app.screen, AuthenticationScreen)


async def _never_fires(_timer) -> None:
    return None
