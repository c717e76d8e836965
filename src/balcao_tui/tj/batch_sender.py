"""Sending one batch of signed records and committing the TJ's answers.

Every attempt is recorded (store.transmission.start_batch) before the request; the records
stay `pending` until the answers are committed in one transaction, so a crash, a dropped
connection or a cancel at any point leads to a resend of the same bytes.

A batch refused whole for its content (400, 409, 413, 422, or the wire layout) is split in
halves down to single records: the one record the TJ still refuses alone is marked as a
structural failure with the TJ's reason, and every other record goes through. Refusals
that are about the request itself (credentials, CNS, address) are raised to the caller:
they are never blamed on a record.
"""
from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass

from ..store.transmission import Answer, apply_answers, batch_failed, mark_failed, start_batch
from .client import TJClient, TJError, TJRateLimited, TJRejected, TJUnavailable
from .db_thread import db_call
from .wire import RecordResult, WireRecord

SPLITTABLE_STATUSES = frozenset({0, 400, 409, 413, 422})
log = logging.getLogger(__name__)


@dataclass
class BatchOutcome:
    accepted: int = 0
    criticized: int = 0
    failed: int = 0
    unanswered: int = 0

    def add(self, other: "BatchOutcome") -> None:
        self.accepted += other.accepted
        self.criticized += other.criticized
        self.failed += other.failed
        self.unanswered += other.unanswered

    @property
    def resolved(self) -> int:
        return self.accepted + self.criticized + self.failed


def is_record_refusal(exc: TJRejected) -> bool:
    """A whole-batch refusal that some record in it may have caused."""
    return exc.status in SPLITTABLE_STATUSES


def _outcome_name(exc: TJError) -> str:
    if isinstance(exc, TJRateLimited):
        return "rate_limited"
    if isinstance(exc, TJUnavailable):
        return "unavailable"
    return "rejected"


def _answers(results: list[RecordResult], codes: set[str]) -> list[Answer]:
    return [Answer(r.code, r.accepted, r.late, tuple((c.code, c.message) for c in r.criticisms))
            for r in results if r.code in codes]


class BatchSender:
    def __init__(self, client: TJClient, cns: str, holder: str) -> None:
        self._client = client
        self._cns = cns
        self._holder = holder

    async def send(self, records: list[WireRecord]) -> BatchOutcome:
        codes = [rec.code for rec in records]
        batch_id = await db_call(start_batch, codes, self._holder)
        try:
            results = await self._client.send_batch(self._cns, records)
        except TJRejected as exc:
            await db_call(batch_failed, batch_id, "rejected", exc.message)
            if not is_record_refusal(exc):
                raise
            return await self._split(batch_id, records, exc)
        except TJError as exc:
            await db_call(batch_failed, batch_id, _outcome_name(exc), exc.message)
            log.info("batch %d (%d records) not sent: %s", batch_id, len(codes), exc.message)
            raise
        except asyncio.CancelledError:
            # Abandoned mid-request: the records stay pending and go again next time.
            await asyncio.shield(db_call(batch_failed, batch_id, "abandoned",
                                         "Envio interrompido (transmissor encerrado)."))
            raise
        answers = _answers(results, set(codes))
        accepted, criticized = await db_call(apply_answers, batch_id, answers)
        outcome = BatchOutcome(accepted, criticized,
                               unanswered=len(set(codes) - {a.code for a in answers}))
        log.info("batch %d sent by %s: %d records, %d accepted, %d criticized, %d unanswered",
                 batch_id, self._holder, len(codes), accepted, criticized, outcome.unanswered)
        return outcome

    async def _split(self, batch_id: int, records: list[WireRecord],
                     exc: TJRejected) -> BatchOutcome:
        if len(records) == 1:
            code = records[0].code
            await db_call(mark_failed, [code], f"Recusado pelo TJ: {exc.message}")
            log.warning("record %s refused by the TJ (structural failure): %s",
                        code, exc.message)
            return BatchOutcome(failed=1)
        log.info("batch %d (%d records) refused whole (HTTP %s): splitting",
                 batch_id, len(records), exc.status)
        middle = len(records) // 2
        outcome = BatchOutcome()
        for part in (records[:middle], records[middle:]):
            outcome.add(await self.send(part))
        return outcome
