"""The physical seal numbers as the clerk types or scans them, and as they are prefilled.

One field holds all the seals of a service. Accepted, items separated by ";" or ",":

- "RF0001 0000123"   series, space, number (leading zeros optional);
- "RF00010000123"    series and number glued, 13 characters, as a scanner may send them;
- "123"              the number alone: same series as the prefilled seal;
- "RF0001 1-3", "1-3", "1 a 3"   a range of consecutive numbers.

A single seal for a service of N acts means that seal and the N-1 that follow it, so a
scanner (digits + Enter) on the first seal of a sheet is enough. No range is expanded
before it is known to fit the service, so time and memory stay bounded by the service.

A list of seals of unknown length (seals to spoil, say) is read by `parse_seal_list`: the
same items, a number alone taking the series of the item before it, up to a limit.
"""
from __future__ import annotations

import re
from typing import NamedTuple

from .act_kinds import MAX_ACTS_PER_SERVICE
from .boundary import LIMITS, bounded_int, clean_text
from .refusal import Refusal
from .seal_code import MAX_HYBRID_NUMBER as MAX_NUMBER
from .seal_code import InvalidSealCode, normalize_series

_GLUED = re.compile(r"^(?P<series>[A-Z0-9]{6})(?P<number>\d{7})$", re.ASCII)
_ITEM = re.compile(
    r"^(?:(?P<series>[A-Z0-9]{1,6})\s+)?(?P<first>\d{1,7})"
    r"(?:\s*(?:-|A|ATÉ|ATE)\s*(?P<last>\d{1,7}))?$", re.ASCII)
_SEPARATORS = re.compile(r"[;,]")

Seal = tuple[str, int]


class InvalidSeals(Refusal, ValueError):
    """What the clerk typed in the seal field cannot be read (message in Portuguese)."""

    def __init__(self, message: str):
        super().__init__(message, field="seals")


def parse_seals(text: str, count: int, default_series: str | None) -> list[Seal]:
    """The `count` seals named by `text` (see the module docstring)."""
    count = bounded_int(count, "count", "A quantidade", 1, MAX_ACTS_PER_SERVICE)
    seals: list[Seal] = []
    for item in _items(text):
        series = item.series_or(default_series)
        room = count - len(seals)
        if item.size > max(room, 1):
            raise InvalidSeals(f'O intervalo "{item.text}" tem {item.size} selos; faltam só '
                               f"{max(room, 0)} para este serviço.")
        seals.extend(item.seals(series))
        if len(seals) > count:
            raise InvalidSeals(f"Informe {count} selo(s); foram informados mais.")
    if len(seals) == 1 and count > 1:
        series, number = seals[0]
        if number + count - 1 > MAX_NUMBER:
            raise InvalidSeals("A numeração dos selos passa de 9999999.")
        seals = [(series, number + offset) for offset in range(count)]
    if len(seals) != count:
        raise InvalidSeals(f"Informe {count} selo(s); foram informados {len(seals)}.")
    return _distinct(seals)


def parse_seal_list(text: str, limit: int) -> list[Seal]:
    """Every seal named by `text`, at most `limit`; a number alone takes the series of the
    item before it ("RF0001 1-5; 9" is six seals of RF0001)."""
    seals: list[Seal] = []
    series = None
    for item in _items(text):
        series = item.series_or(series)
        if len(seals) + item.size > limit:
            raise InvalidSeals(f"No máximo {limit} selos de uma vez.")
        seals.extend(item.seals(series))
    return _distinct(seals)


def parse_one_seal(text: str) -> tuple[str, int]:
    """One physical seal as a search takes it: (series, number), the series "" when only
    the number was typed."""
    items = _items(text)
    if len(items) != 1 or items[0].size != 1:
        raise InvalidSeals("Informe um só selo físico, ex.: RF0001 0000123 ou 123.")
    return items[0].series or "", items[0].first


class _Item(NamedTuple):
    """One item as typed: a seal or a range, its series if it was typed."""

    text: str
    series: str | None
    first: int
    last: int

    @property
    def size(self) -> int:
        return self.last - self.first + 1

    def series_or(self, default: str | None) -> str:
        if self.series:
            return self.series
        if not default:
            raise InvalidSeals(f'Informe a série do selo "{self.text}", ex.: RF0001 '
                               f"{self.text}.")
        return _series(default)

    def seals(self, series: str) -> list[Seal]:
        return [(series, number) for number in range(self.first, self.last + 1)]


def _items(text: str) -> list[_Item]:
    """Each item typed, none of them expanded yet."""
    if not isinstance(text, str):
        raise InvalidSeals("Informe o número do selo, ex.: RF0001 0000123.")
    if len(text) > LIMITS["seals"].max_length:
        raise InvalidSeals(f"Selos: no máximo {LIMITS['seals'].max_length} caracteres.")
    text = clean_text(text, "seals")
    items = [_parse_item(" ".join(item.split()))
             for item in _SEPARATORS.split(text.upper()) if item.strip()]
    if not items:
        raise InvalidSeals("Informe o número do selo, ex.: RF0001 0000123.")
    return items


def _distinct(seals: list[Seal]) -> list[Seal]:
    if len(set(seals)) != len(seals):
        raise InvalidSeals("O mesmo selo foi informado mais de uma vez.")
    return seals


def _series(series: object) -> str:
    try:
        return normalize_series(series)
    except InvalidSealCode as exc:
        raise InvalidSeals(str(exc)) from exc


def _parse_item(item: str) -> _Item:
    glued = _GLUED.match(item)
    if glued:
        return _Item(item, glued["series"], int(glued["number"]), int(glued["number"]))
    match = _ITEM.match(item)
    if match is None:
        raise InvalidSeals(f'Selo "{item}" não reconhecido: use série e número, '
                           "ex.: RF0001 0000123, ou só o número.")
    series = _series(match["series"]) if match["series"] else None
    first = int(match["first"])
    last = int(match["last"]) if match["last"] else first
    if last < first:
        raise InvalidSeals(f'Intervalo "{item}" invertido: o primeiro número vem antes.')
    return _Item(item, series, first, last)


def format_seal(seal: Seal) -> str:
    return f"{seal[0]} {seal[1]:07d}"


def format_seals(seals: list[Seal]) -> str:
    """ "RF0001 0000001-0000003; RF0002 0000010": consecutive numbers become ranges."""
    runs: list[list[Seal]] = []
    for seal in seals:
        last = runs[-1][-1] if runs else None
        if last is not None and last[0] == seal[0] and last[1] + 1 == seal[1]:
            runs[-1].append(seal)
        else:
            runs.append([seal])
    return "; ".join(
        format_seal(run[0]) + (f"-{run[-1][1]:07d}" if len(run) > 1 else "") for run in runs)
