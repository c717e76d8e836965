"""Hostile values for property tests, and the checks every use case must pass with them:
a Refusal with a short, clean Portuguese message and nothing written, or a success whose
stored text is clean and bounded."""
from __future__ import annotations

import re
import unicodedata
from contextlib import contextmanager

from hypothesis import strategies as st

from balcao_tui.domain.boundary import LIMITS
from balcao_tui.domain.refusal import Refusal
from balcao_tui.store.models import (ALL_MODELS, AuditHead, ChangeLog, ChangeLogFloor,
                                    SealStateTally)

MAX_MESSAGE = 400
BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")

HOSTILE_TEXTS = [
    "", "   ", " \t ", "\n", "x" * 300, "x" * 5_000, "x" * 100_000, "\x00", "ab\x00cd",
    "\x1b[31mvermelho\x1b[0m", "\x07", "linha\rnova", "duas\nlinhas", "\udcff", "Jos\udce9",
    "😀😀", "👨‍👩‍👧", "\u202eSOUZA", "abc\u202d", "Jose\u0301 Conceic\u0327a\u0303o",
    "e" + "\u0301" * 60, "\ufdfa " * 40, "\ufeff", "%_\\", "' OR 1=1; --", "\u00a0\u2003",
    "- '.", "ß" * 3, "\u0390", "İ", "\u200b", "١٢٣", "１２３", "ª", "\ue000",
]
HOSTILE_NUMBERS = [
    2**63, -(2**63), 2**63 - 1, 2**31, 2**31 - 1, -1, 0, 10**30, -(10**30), 10**7 - 1,
    True, False, None, 1.0, 2.5, float("nan"), float("inf"), "1", "", b"1", [1], {},
]
HOSTILE_OTHER = [None, b"\xff", [], ["a"], {"a": 1}, 3, 1.5, object()]


def hostile_text() -> st.SearchStrategy:
    return st.one_of(st.sampled_from(HOSTILE_TEXTS), st.text(max_size=40),
                     st.sampled_from(HOSTILE_OTHER))


def hostile_number() -> st.SearchStrategy:
    return st.one_of(st.sampled_from(HOSTILE_NUMBERS), st.integers())


# Kept by the database itself from the other tables' writes (triggers, the audit chain's
# head): a write shows in the tables it was made to, which the snapshot compares.
DERIVED = (ChangeLog, ChangeLogFloor, AuditHead, SealStateTally)


def snapshot() -> dict[str, list]:
    """Every row of every table the use cases write."""
    return {model.__name__: sorted(model.select().tuples(), key=repr) for model in ALL_MODELS
            if model not in DERIVED}


_ENGLISH = re.compile(r"Traceback|Error\b|Exception\b|NoneType|unhashable|object of type|"
                      r"has no attribute|positional argument|not supported|value too long|"
                      r"constraint|invalid input syntax")


def message_problem(message: object) -> str | None:
    """Why `message` is not a short, clean Portuguese message for a person, or None."""
    if not isinstance(message, str) or not message.strip():
        return "empty or not text"
    if len(message) > MAX_MESSAGE:
        return f"{len(message)} characters long"
    bad = next((c for c in message if c in BIDI_CONTROLS or (
        unicodedata.category(c) in {"Cc", "Cs", "Co", "Cn"} and c not in "\n\t")), None)
    if bad is not None:
        return f"holds U+{ord(bad):04X}"
    english = _ENGLISH.search(message)
    if english:
        return f"reads like a Python/driver error ({english.group()!r})"
    return None


def assert_clean_refusal(exc: BaseException) -> None:
    assert isinstance(exc, Refusal), f"{type(exc).__name__}: {exc}"
    problem = message_problem(exc.message)
    assert problem is None, f"refusal message {problem}: {exc.message[:200]!r}"


def assert_clean_stored(row: object, attr: str, field: str | None = None) -> None:
    """Text read back from the database is NFC, has no control characters (but the line
    breaks of a field of many lines), and fits both LIMITS[field] and its column (SQLite
    does not enforce column widths, PostgreSQL does)."""
    value = getattr(row, attr)
    if value is None:
        return
    where = f"{type(row).__name__}.{attr}"
    assert isinstance(value, str), f"{where}: stored {value!r}"
    column = getattr(type(row)._meta.fields[attr], "max_length", None)
    for limit in (LIMITS[field].max_length if field else None, column):
        assert limit is None or len(value) <= limit, \
            f"{where}: {len(value)} > {limit} characters: {value[:80]!r}"
    assert unicodedata.normalize("NFC", value) == value, f"{where}: not NFC: {value!r}"
    lines = "\n" if field and LIMITS[field].multiline else ""
    bad = next((c for c in value if c in BIDI_CONTROLS or (
        unicodedata.category(c) in {"Cc", "Cs", "Co", "Cn"} and c not in lines)), None)
    assert bad is None, f"{where}: stored U+{ord(bad):04X} in {value[:80]!r}"
    if field and LIMITS[field].person_name and value:
        assert any(c.isalpha() for c in value), f"{where}: a name without letters: {value!r}"


@st.composite
def arguments(draw, valid: dict, hostile: dict, most: int = 2) -> dict:
    """Valid arguments with at most `most` of them replaced by hostile values (none at all,
    often: successes must happen too)."""
    args = {name: draw(strategy) for name, strategy in valid.items()}
    for name in draw(st.lists(st.sampled_from(sorted(hostile)), max_size=most, unique=True)):
        args[name] = draw(hostile[name])
    return args


@contextmanager
def refused_or_done(*, may_write: tuple = ()):
    """Around one call: a Refusal must be clean and leave every table (but `may_write`,
    model classes written on purpose even when refusing) as it was. Any other exception
    goes through and fails the test. Yields a list that holds the refusal, if any."""
    skipped = {model.__name__ for model in may_write}
    before = {k: v for k, v in snapshot().items() if k not in skipped}
    outcome: list[Refusal] = []
    try:
        yield outcome
    except Refusal as exc:
        assert_clean_refusal(exc)
        after = {k: v for k, v in snapshot().items() if k not in skipped}
        changed = [name for name in before if before[name] != after[name]]
        assert not changed, f"refused ({exc.message[:80]!r}) but wrote to {changed}"
        outcome.append(exc)
