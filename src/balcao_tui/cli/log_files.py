"""The log files of the counter and the transmitter: our own loggers only, never request
bodies.

Third-party loggers (httpx, httpcore) stay at WARNING: they would log every request URL.
Nothing the transmitter logs carries personal data or secrets: seal codes, counts, the
TJ's messages and the lease holder (host:pid).
"""
from __future__ import annotations

import logging
import logging.handlers
from pathlib import Path

FORMAT = "%(asctime)s %(levelname)s %(name)s [%(process)d] %(message)s"


LOG_DIR_ENV = "BALCAO_LOG_DIR"


def log_dir() -> Path:
    """The variable BALCAO_LOG_DIR (one folder for the office's clerks), else the user's."""
    import os

    from platformdirs import user_log_dir

    return Path(os.environ.get(LOG_DIR_ENV) or user_log_dir("balcao-tui", appauthor=False))


def default_log_file(name: str = "transmissor.log") -> str:
    return str(log_dir() / name)


def setup_logging(path: str, level: int = logging.INFO) -> None:
    file = Path(path).expanduser()
    file.parent.mkdir(parents=True, exist_ok=True)
    # WatchedFileHandler reopens the file after logrotate moves it.
    handler = logging.handlers.WatchedFileHandler(file, encoding="utf-8")
    handler.setFormatter(logging.Formatter(FORMAT))
    ours = logging.getLogger("balcao_tui")
    ours.setLevel(level)
    ours.addHandler(handler)
    for noisy in ("httpx", "httpcore"):
        logging.getLogger(noisy).setLevel(logging.WARNING)
