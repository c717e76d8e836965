"""Text folding for accent- and case-insensitive search of names; cutting for one-line rows."""

from __future__ import annotations

import unicodedata


def fold(text: str) -> str:
    """ "  José   da CONCEIÇÃO " -> "jose da conceicao"."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    bare = "".join(char for char in decomposed if not unicodedata.combining(char))
    return " ".join(bare.split())


def cut(text: str, width: int) -> str:
    """`text` in at most `width` characters, an ellipsis marking the cut."""
    return text if len(text) <= width else text[:width - 1] + "…"
