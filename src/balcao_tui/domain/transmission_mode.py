"""How the office sends its seals to the TJ: the mode and the hour of the scheduled mode.

Online sends at once, offline holds everything until someone sends it, scheduled sends
once a day at the hour the office chose (São Paulo local time, HH:MM).
"""
from __future__ import annotations

import re

from .boundary import quoted

MODE_ONLINE = "online"
MODE_OFFLINE = "offline"
MODE_SCHEDULED = "agendado"
MODES = (MODE_ONLINE, MODE_OFFLINE, MODE_SCHEDULED)

_HHMM = re.compile(r"^([01]?\d|2[0-3]):([0-5]\d)$")


class ScheduleError(ValueError):
    """A schedule that cannot be read (message in pt-BR)."""


def parse_schedule(text: str) -> tuple[int, int]:
    match = _HHMM.match(text.strip())
    if match is None:
        raise ScheduleError(f"Horário de envio inválido: {quoted(text)} (use HH:MM, ex.: 21:00).")
    return int(match.group(1)), int(match.group(2))
