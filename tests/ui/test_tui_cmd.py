import asyncio
import logging
from pathlib import Path

from balcao_tui.cli import build_parser, main, tui_cmd
from balcao_tui.store.db import database


def test_sixteen_colours_is_detected_from_the_terminal():
    assert tui_cmd.sixteen_colours("auto", {"TERM": "linux"})
    assert not tui_cmd.sixteen_colours("auto", {"TERM": "xterm-256color"})
    assert not tui_cmd.sixteen_colours("auto", {"TERM": "linux", "COLORTERM": "truecolor"})
    assert tui_cmd.sixteen_colours("16", {"TERM": "xterm-256color"})


def test_balcao_without_subcommand_opens_the_tui(office, tmp_path, monkeypatch):
    started = {}

    def fake_run(app):
        started.update(url=app.store.url, data_dir=app.data_dir, ansi=app.ansi,
                       transmits=app.transmitter is not None)

    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    monkeypatch.setenv("TERM", "linux")
    monkeypatch.delenv("COLORTERM", raising=False)
    monkeypatch.setattr("balcao_tui.app.BalcaoApp.run", fake_run)
    root = logging.getLogger()
    monkeypatch.setattr(root, "handlers", list(root.handlers))
    monkeypatch.setattr(root, "level", root.level)
    assert main(["--db", office.url]) == 0
    assert started["url"] == office.url and started["ansi"] is True
    assert started["transmits"] is True  # every terminal runs the loop; the lease elects one
    args = build_parser().parse_args(["--db", office.url, "tui", "--data-dir",
                                      str(tmp_path / "d"), "--colors", "all", "--no-transmit"])
    assert tui_cmd.run(args) == 0
    assert started == {"url": office.url, "data_dir": tmp_path / "d", "ansi": False,
                       "transmits": False}
    assert list(Path(tmp_path / "state").rglob("balcao.log"))


def test_a_database_it_cannot_use_closes_the_counter_with_the_reason(tmp_path, monkeypatch,
                                                                      capsys):
    """The database opens once the login screen is painted; when it cannot be used, the
    counter closes and says why, as every other subcommand does (exit code 2)."""
    def run_headless(app):
        asyncio.run(asyncio.wait_for(app.run_async(headless=True, size=(80, 24)), 30))

    monkeypatch.setattr(database, "obj", None)  # no database left bound by another test
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    monkeypatch.setattr("balcao_tui.app.BalcaoApp.run", run_headless)
    monkeypatch.setattr(logging.getLogger("balcao_tui"), "handlers", [])
    empty = f"sqlite:///{tmp_path / 'vazio.db'}"
    assert main(["--db", empty, "tui", "--no-transmit", "--data-dir", str(tmp_path)]) == 2
    assert "não está inicializado" in capsys.readouterr().err
