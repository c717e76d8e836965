"""Time at the office: UTC instants, São Paulo calendar, the 24 h and 72 h deadlines."""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

from .boundary import quoted
from .refusal import Refusal

OFFICE_TZ = ZoneInfo("America/Sao_Paulo")
SEND_DEADLINE = timedelta(hours=24)
CORRECTION_WINDOW = timedelta(hours=72)

_TIME = re.compile(r"^([01]?\d|2[0-3]):([0-5]\d)$", re.ASCII)
_DATE_BR = re.compile(r"^(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4})$|^(\d{2})(\d{2})(\d{4})$", re.ASCII)


class InvalidDate(Refusal, ValueError):
    """A date typed by a person that cannot be read."""


def utcnow() -> datetime:
    return datetime.now(timezone.utc)


def ensure_utc(dt: datetime) -> datetime:
    """Aware UTC datetime; a naive one is taken to be UTC already (as stored)."""
    if not isinstance(dt, datetime):
        raise TypeError(f"Esperava data e hora (datetime); veio {type(dt).__name__}.")
    if dt.tzinfo is None or dt.utcoffset() is None:
        return dt.replace(tzinfo=timezone.utc)
    return dt.astimezone(timezone.utc)


def send_deadline(act_at: datetime) -> datetime:
    return ensure_utc(act_at) + SEND_DEADLINE


def correction_deadline(act_at: datetime) -> datetime:
    return ensure_utc(act_at) + CORRECTION_WINDOW


def is_late(act_at: datetime, sent_at: datetime) -> bool:
    """Sent after the 24 hours (sending exactly at the deadline is on time)."""
    return ensure_utc(sent_at) > send_deadline(act_at)


def within_correction_window(act_at: datetime, now: datetime) -> bool:
    return ensure_utc(now) <= correction_deadline(act_at)


def to_local(dt: datetime) -> datetime:
    return ensure_utc(dt).astimezone(OFFICE_TZ)


def office_day(dt: datetime) -> date:
    """The São Paulo calendar date of an instant."""
    return to_local(dt).date()


def day_bounds(day: date) -> tuple[datetime, datetime]:
    """The UTC instants where a São Paulo calendar day starts and the next one starts."""
    start = datetime.combine(day, datetime.min.time(), OFFICE_TZ)
    end = datetime.combine(day + timedelta(days=1), datetime.min.time(), OFFICE_TZ)
    return start.astimezone(timezone.utc), end.astimezone(timezone.utc)


def format_local(dt: datetime) -> str:
    """ "21/11/2026 14:05" in São Paulo time."""
    return to_local(dt).strftime("%d/%m/%Y %H:%M")


def format_date(d: date) -> str:
    """ "21/11/2026"; a datetime is first taken to its São Paulo date."""
    if isinstance(d, datetime):
        d = office_day(d)
    return f"{d.day:02d}/{d.month:02d}/{d.year:04d}"


def parse_date_br(text: str) -> date:
    """Reads "21/11/2026", "21-11-2026", "1/2/2026" or "21112026"."""
    if not isinstance(text, str):
        raise InvalidDate("Data deve ser informada como texto, ex.: 21/11/2026.")
    stripped = text.strip()
    if len(stripped) > 20:
        raise InvalidDate("Data inválida: use o formato dd/mm/aaaa, ex.: 21/11/2026.")
    match = _DATE_BR.match(stripped)
    if match is None:
        raise InvalidDate(
            f"Data inválida: {quoted(stripped)} — use o formato dd/mm/aaaa, ex.: 21/11/2026."
        )
    day, month, year = (int(part) for part in match.groups() if part is not None)
    try:
        return date(year, month, day)
    except ValueError:
        raise InvalidDate(f"Data inexistente: {quoted(stripped)}.") from None


def parse_local_datetime(text: str) -> datetime:
    """Reads "21/11/2026 14:05", São Paulo time, into a UTC instant."""
    if not isinstance(text, str):
        raise InvalidDate("Data e hora devem ser informadas como texto, ex.: 21/11/2026 14:05.")
    parts = text.split()
    if len(parts) != 2 or _TIME.match(parts[1]) is None:
        raise InvalidDate(f"Data e hora inválidas: {quoted(text.strip())} — use "
                          "dd/mm/aaaa hh:mm, ex.: 21/11/2026 14:05.")
    day = parse_date_br(parts[0])
    hour, minute = (int(part) for part in parts[1].split(":"))
    local = datetime(day.year, day.month, day.day, hour, minute, tzinfo=OFFICE_TZ)
    return local.astimezone(timezone.utc)


def format_remaining(delta: timedelta) -> str:
    """ "3 h 20 min" left, or "vencido há 2 h" when negative (minutes truncated)."""
    if delta < timedelta(0):
        return f"vencido há {_hours_minutes(-delta)}"
    return _hours_minutes(delta)


def _hours_minutes(delta: timedelta) -> str:
    total_minutes = delta // timedelta(minutes=1)
    if total_minutes == 0:
        return "menos de 1 min"
    hours, minutes = divmod(total_minutes, 60)
    if hours and minutes:
        return f"{hours} h {minutes} min"
    return f"{hours} h" if hours else f"{minutes} min"
