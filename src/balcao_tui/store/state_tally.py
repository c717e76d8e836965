"""How many seal records each state holds, without counting the records.

The database's triggers (store/schema_state_tally.py) add a row to seal_state_tally for
every record gained or lost by a state; the totals are the sums by state, exact whether or
not anybody folded lately (only slower with more rows). `fold_tally`, run by the
transmitter with the change feed's pruning, replaces the rows by one per state. On
PostgreSQL rows can commit out of order, so it sums exactly the rows its DELETE took, in
the same statement: a row committed meanwhile stays for the next fold.
"""
from __future__ import annotations

import peewee as pw

from .db import database, is_sqlite, write_transaction
from .models import SealStateTally

_PG_FOLD = """WITH gone AS (DELETE FROM "seal_state_tally" RETURNING "state", "delta"),
 sums AS (INSERT INTO "seal_state_tally" ("state", "delta")
          SELECT "state", SUM("delta") FROM gone GROUP BY "state" HAVING SUM("delta") <> 0)
SELECT COUNT(*) FROM gone"""


def state_totals() -> dict[str, int]:
    """Records per state, for the states that hold any."""
    sums = (SealStateTally.select(SealStateTally.state, pw.fn.SUM(SealStateTally.delta))
            .group_by(SealStateTally.state).tuples())
    return {state: int(total) for state, total in sums if total}


def fold_tally() -> int:
    """Fold the tally into one row per state; returns how many rows it took in."""
    with write_transaction():
        if not is_sqlite():
            return database.obj.execute_sql(_PG_FOLD).fetchone()[0]
        through = SealStateTally.select(pw.fn.MAX(SealStateTally.id)).scalar()
        if through is None:
            return 0
        taken = SealStateTally.id <= through
        sums = list(SealStateTally.select(SealStateTally.state, pw.fn.SUM(SealStateTally.delta))
                    .where(taken).group_by(SealStateTally.state).tuples())
        folded = SealStateTally.delete().where(taken).execute()
        rows = [{"state": state, "delta": total} for state, total in sums if total]
        if rows:
            SealStateTally.insert_many(rows).execute()
    return folded
