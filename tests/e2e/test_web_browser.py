"""`balcao web` in a real browser: Debian's Chromium, headless, driven by Playwright, opens
the page, types the login and the password with the keyboard and reads the home screen
from the terminal's own rows (xterm.js), not from a picture of it."""
from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from e2e.ssh_office import free_port
from support.office import PASSWORD, close_store, make_office

CHROMIUM = "/usr/bin/chromium"
MISSING = None if Path(CHROMIUM).exists() else f"{CHROMIUM} is missing (apt-get install chromium)"
pytestmark = [pytest.mark.slow,
              pytest.mark.skipif(MISSING is not None and os.environ.get("CI") != "true",
                                 reason=f"browser scenario: {MISSING}")]

CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]

# textual-serve keeps its xterm.js Terminal inside its bundle; the object that owns it sets
# `fitAddon` right after creating it, and this setter hands the terminal to the page.
GRAB_TERMINAL = """
Object.defineProperty(Object.prototype, "fitAddon", {
  configurable: true,
  set(value) {
    Object.defineProperty(this, "fitAddon", {value, writable: true, configurable: true});
    if (this.terminal) window.balcaoTerminal = this.terminal;
  },
});
window.balcaoScreen = () => {
  const term = window.balcaoTerminal;
  if (!term) return "";
  const buffer = term.buffer.active, rows = [];
  for (let y = 0; y < term.rows; y++) {
    const line = buffer.getLine(buffer.viewportY + y);
    rows.push(line ? line.translateToString(true) : "");
  }
  return rows.join("\\n");
};
"""


@pytest.fixture
def web_server(sqlite_url, tmp_path):
    if MISSING:
        pytest.fail(f"the browser scenario must run in CI, but: {MISSING}")
    make_office(sqlite_url)
    close_store()
    port = free_port()
    log = (tmp_path / "web.log").open("wb")
    server = subprocess.Popen([sys.executable, "-m", "balcao_tui.cli", "--db", sqlite_url,
                               "web", "--port", str(port), "--no-transmit"],
                              stdout=log, stderr=subprocess.STDOUT,
                              env={**os.environ, "BALCAO_LOG_DIR": str(tmp_path / "log")})
    try:
        wait_for_page(f"http://127.0.0.1:{port}/", server, tmp_path / "web.log")
        yield f"http://127.0.0.1:{port}/"
    finally:
        server.terminate()
        server.wait(timeout=20)


def wait_for_page(url: str, server: subprocess.Popen, log: Path, timeout: float = 60) -> None:
    import urllib.request

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise AssertionError(f"balcao web exited: {log.read_text()}")
        try:
            with urllib.request.urlopen(url, timeout=5) as page:
                if page.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    raise AssertionError(f"balcao web did not answer at {url}: {log.read_text()}")


def screen_showing(page, text: str, timeout_ms: int = 60_000) -> str:
    page.wait_for_function("text => window.balcaoScreen().includes(text)", arg=text,
                           timeout=timeout_ms)
    return page.evaluate("window.balcaoScreen()")


def test_the_browser_logs_in_and_sees_the_home_screen(web_server):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": 1100, "height": 700})
            page.add_init_script(GRAB_TERMINAL)
            page.goto(web_server, wait_until="domcontentloaded")
            screen_showing(page, "Senha")
            screen_showing(page, "1º Tabelião de Notas de Teste")  # the database is open
            page.click("#terminal")
            page.keyboard.type("clara")
            page.keyboard.press("Enter")
            page.keyboard.type(PASSWORD)
            page.keyboard.press("Enter")
            home = screen_showing(page, "Olá, ")
            assert "Clara" in home and "F2" in home, home
            assert PASSWORD not in home
        finally:
            browser.close()
