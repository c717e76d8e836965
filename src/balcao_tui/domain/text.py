"""Text folding for accent- and case-insensitive search of names."""

from __future__ import annotations

import unicodedata


def fold(text: str) -> str:
    """ "  José   da CONCEIÇÃO " -> "jose da conceicao"."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    bare = "".join(char for char in decomposed if not unicodedata.combining(char))
    return " ".join(bare.split())
