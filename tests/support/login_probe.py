"""`balcao tui` run headless, reporting which heavy modules were loaded when the login
screen mounted, when it was first painted and once the transmitter started (one JSON line).

usage: python -m support.login_probe DB_URL DATA_DIR
"""
from __future__ import annotations

import asyncio
import json
import sys
import time

from balcao_tui.app import BalcaoApp
from balcao_tui.cli import main
from balcao_tui.screens.login import LoginScreen

HEAVY = ("peewee", "httpx", "cryptography", "psycopg", "aiohttp",
         "balcao_tui.tj.transmitter")
STARTED_WITHIN_S = 30.0
seen: dict[str, object] = {}


def loaded() -> list[str]:
    return [name for name in HEAVY if name in sys.modules]


def record_at_login(mount):
    def on_mount(screen: LoginScreen) -> None:
        seen.setdefault("at_mount", loaded())
        screen.call_after_refresh(lambda: seen.setdefault("once_painted", loaded()))
        mount(screen)
    return on_mount


def run_headless(app: BalcaoApp) -> None:
    async def until_transmitter_started() -> None:
        async with app.run_test(size=(80, 24)) as pilot:
            deadline = time.monotonic() + STARTED_WITHIN_S
            while not getattr(app.transmitter, "started", False):
                if time.monotonic() > deadline:
                    break
                await pilot.pause(0.05)
            seen["transmitter_started"] = getattr(app.transmitter, "started", False)
            seen["transmitter_workers"] = [w.group for w in app.workers].count("transmitter")
            seen["after_start"] = loaded()

    asyncio.run(until_transmitter_started())


if __name__ == "__main__":
    url, data_dir = sys.argv[1:3]
    LoginScreen.on_mount = record_at_login(LoginScreen.on_mount)
    BalcaoApp.run = run_headless
    code = main(["--db", url, "tui", "--data-dir", data_dir])
    print(json.dumps({"exit": code, **seen}))
