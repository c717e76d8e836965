#!/usr/bin/env python3
"""What the tamper-evident chain costs: N audit entries written through `audit` (lock the
head, hash, insert, move the head) against the same N entries inserted without the chain,
each in its own write transaction, on the same database; then one `verify_chain` over
them. Prints the rates and the ratio.

usage: python bench/audit_chain.py [N] [--pg URL]
"""
from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

from balcao_tui.domain.audit_hash import GENESIS, entry_hash  # noqa: E402
from balcao_tui.domain.deadlines import utcnow  # noqa: E402
from balcao_tui.store.audit import audit  # noqa: E402
from balcao_tui.store.audit_chain import verify_chain  # noqa: E402
from balcao_tui.store.db import close_database, write_transaction  # noqa: E402
from balcao_tui.store.models import AuditEntry  # noqa: E402
from support.office import make_office  # noqa: E402

DETAIL = {"tipo": "autenticacao", "quantidade": 1, "selos": ["1234567890ABCDEFGHIJK"]}


def chained(actor: int, n: int) -> float:
    start = time.perf_counter()
    for i in range(n):
        with write_transaction():
            audit(actor, "act.register", "act", i, DETAIL)
    return time.perf_counter() - start


def unchained(actor: int, n: int) -> float:
    """The insert `audit` made before the chain (the position is set apart, unused)."""
    detail = json.dumps(DETAIL, ensure_ascii=False, sort_keys=True)
    start = time.perf_counter()
    for i in range(n):
        with write_transaction():
            AuditEntry.create(at=utcnow(), user=actor, action="act.register", entity="act",
                              entity_id=str(i), detail=detail, reason="", seq=-1 - i,
                              prev_hash="", hash="")
    return time.perf_counter() - start


def hashing_alone(n: int) -> float:
    detail = json.dumps(DETAIL, ensure_ascii=False, sort_keys=True)
    now, digest = utcnow(), GENESIS
    start = time.perf_counter()
    for i in range(n):
        digest = entry_hash(seq=i + 1, at=now, user_id=1, action="act.register", entity="act",
                            entity_id=str(i), detail=detail, reason="", prev_hash=digest)
    return time.perf_counter() - start


def measure(url: str, n: int) -> None:
    office = make_office(url)
    chained(office.admin, 50)  # warm the connections and caches for both
    plain = unchained(office.admin, n)
    AuditEntry.delete().where(AuditEntry.seq < 0).execute()
    chain = chained(office.admin, n)
    start = time.perf_counter()
    report = verify_chain()
    verify = time.perf_counter() - start
    assert report.ok, report.summary()
    print(f"{url.split(':')[0]}: {n} entries without the chain {plain * 1000 / n:.2f} ms each, "
          f"chained {chain * 1000 / n:.2f} ms each ({chain / plain:.2f}x); "
          f"verify_chain over {report.checked:,} entries {verify * 1000:.0f} ms")
    close_database()


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("n", nargs="?", type=int, default=1000)
    parser.add_argument("--pg", metavar="URL", help="an empty PostgreSQL database")
    args = parser.parse_args()
    print(f"hashing alone: {hashing_alone(args.n) * 1e6 / args.n:.1f} µs an entry")
    with tempfile.TemporaryDirectory() as tmp:
        measure(f"sqlite:///{tmp}/bench.db", args.n)
    if args.pg:
        measure(args.pg, args.n)
    return 0


if __name__ == "__main__":
    sys.exit(main())
