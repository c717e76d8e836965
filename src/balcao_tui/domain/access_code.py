"""First-access codes: what the administrator hands a new user, read aloud or on paper.

Eight characters from an alphabet without look-alikes (no 0/O, 1/I/L), shown in two groups
(`K7MP-3XQA`); what the user types back is read without case, spaces or hyphens. About 40
bits: with the lockout after 5 wrong tries and 30 minutes of life, nobody guesses one.
"""
from __future__ import annotations

import secrets
from datetime import timedelta

ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
LENGTH = 8
LIFETIME = timedelta(minutes=30)


def new_code() -> str:
    return "".join(secrets.choice(ALPHABET) for _ in range(LENGTH))


def shown(code: str) -> str:
    half = LENGTH // 2
    return f"{code[:half]}-{code[half:]}"


def typed(text: str) -> str | None:
    """The code in what a person typed, or None if it cannot be one (then it is a password)."""
    code = text.replace("-", "").replace(" ", "").upper()
    if len(code) != LENGTH or any(char not in ALPHABET for char in code):
        return None
    return code
