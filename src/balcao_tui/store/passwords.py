"""Slow salted password hashes (scrypt), self-describing so parameters can grow."""
from __future__ import annotations

import base64
import hashlib
import hmac
import os

_N, _R, _P = 2**14, 8, 1


def _bytes(password: str) -> bytes:
    # A lone surrogate (a broken byte typed somewhere) must fail verification, not crash it.
    return password.encode("utf-8", "surrogatepass")


def hash_password(password: str) -> str:
    salt = os.urandom(16)
    digest = hashlib.scrypt(_bytes(password), salt=salt, n=_N, r=_R, p=_P, dklen=32)
    return "scrypt${}${}${}${}${}".format(
        _N, _R, _P, base64.b64encode(salt).decode(), base64.b64encode(digest).decode()
    )


def verify_password(password: str, stored: str) -> bool:
    try:
        scheme, n, r, p, salt_b64, digest_b64 = stored.split("$")
    except ValueError:
        return False
    if scheme != "scrypt":
        return False
    expected = base64.b64decode(digest_b64)
    digest = hashlib.scrypt(
        _bytes(password), salt=base64.b64decode(salt_b64), n=int(n), r=int(r), p=int(p),
        dklen=len(expected),
    )
    return hmac.compare_digest(digest, expected)
