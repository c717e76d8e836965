"""What the simulated TJ holds, in one SQLite file that survives restarts.

One connection guarded by a lock; handlers call these methods from a worker thread.
A whole batch is judged and stored in one IMMEDIATE transaction before it is answered.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import secrets
import sqlite3
import threading
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any, Iterator

from balcao_tui.domain.deadlines import office_day
from balcao_tui.tj.simulator.ledger import SqliteLedger
from balcao_tui.tj.simulator.rules import Judgement, judge
from balcao_tui.tj.simulator.schema import connect
from balcao_tui.tj.wire import (
    RecordResult,
    content_hash,
    format_timestamp,
    record_to_json,
)


class OfficeRegistrationError(ValueError):
    """An office that cannot be registered (message in pt-BR)."""


@dataclass(frozen=True)
class TokenCheck:
    status: str  # "valido" | "expirado" | "desconhecido"
    cns: str | None = None


class SimulatorState:
    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self._lock = threading.Lock()
        self._db = connect(self.path)

    def close(self) -> None:
        with self._lock:
            self._db.close()

    # -- offices and tokens -------------------------------------------------------------

    def register_office(
        self, cns: str, certificate_pem: str, client_id: str, client_secret: str, now: datetime
    ) -> None:
        with self._transaction():
            other = self._db.execute(
                "SELECT cns FROM offices WHERE client_id = ? AND cns <> ?", (client_id, cns)
            ).fetchone()
            if other is not None:
                raise OfficeRegistrationError(
                    f"O client_id {client_id} já pertence à serventia {other['cns']}."
                )
            self._db.execute(
                "INSERT INTO offices (cns, certificate_pem, client_id, secret_hash, registered_at)"
                " VALUES (?, ?, ?, ?, ?) ON CONFLICT (cns) DO UPDATE SET"
                " certificate_pem = excluded.certificate_pem, client_id = excluded.client_id,"
                " secret_hash = excluded.secret_hash, registered_at = excluded.registered_at",
                (cns, certificate_pem, client_id, _secret_hash(client_secret), _ts(now)),
            )

    def issue_token(
        self, client_id: str, client_secret: str, ttl_seconds: int, now: float
    ) -> str | None:
        with self._transaction():
            office = self._db.execute(
                "SELECT cns, secret_hash FROM offices WHERE client_id = ?", (client_id,)
            ).fetchone()
            if office is None or not hmac.compare_digest(
                office["secret_hash"], _secret_hash(client_secret)
            ):
                return None
            token = secrets.token_urlsafe(32)
            self._db.execute(
                "INSERT INTO tokens (token, cns, expires_at) VALUES (?, ?, ?)",
                (token, office["cns"], now + ttl_seconds),
            )
            return token

    def check_token(self, token: str, now: float) -> TokenCheck:
        with self._lock:
            row = self._db.execute(
                "SELECT cns, expires_at FROM tokens WHERE token = ?", (token,)
            ).fetchone()
        if row is None:
            return TokenCheck("desconhecido")
        if now >= row["expires_at"]:
            return TokenCheck("expirado", row["cns"])
        return TokenCheck("valido", row["cns"])

    # -- batches ------------------------------------------------------------------------

    def receive_batch(
        self, cns: str, raw_records: list[Any], now: datetime
    ) -> tuple[int, list[RecordResult]]:
        with self._transaction():
            batch_id = self._db.execute(
                "INSERT INTO batches (cns, received_at, record_count) VALUES (?, ?, ?)",
                (cns, _ts(now), len(raw_records)),
            ).lastrowid
            ledger = SqliteLedger(self._db)
            results = []
            for raw in raw_records:
                judgement = judge(raw, cns, now, ledger)
                if judgement.store:
                    self._store(judgement, batch_id, now)
                elif not judgement.result.accepted:
                    self._store_criticized(judgement, raw, batch_id)
                results.append(judgement.result)
            return batch_id, results

    def _store(self, judgement: Judgement, batch_id: int, now: datetime) -> None:
        rec = judgement.record
        assert rec is not None and judgement.origin_act_at is not None
        physical = judgement.physical_seal
        self._db.execute(
            "INSERT INTO records (code, cns, kind, act_code, act_at, act_day, origin_act_at,"
            " received_at, late, content_hash, body, batch_id, physical_series,"
            " physical_number, replaces) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                rec.code,
                rec.cns,
                rec.kind,
                rec.act_code,
                _ts(rec.act_at),
                office_day(rec.act_at).isoformat(),
                _ts(judgement.origin_act_at),
                _ts(now),
                int(judgement.result.late),
                content_hash(rec),
                json.dumps(record_to_json(rec), ensure_ascii=False),
                batch_id,
                physical[0] if physical else None,
                physical[1] if physical else None,
                rec.replaces,
            ),
        )
        if physical is not None:
            self._db.execute(
                "INSERT OR IGNORE INTO physical_seals (series, number, code) VALUES (?, ?, ?)",
                (physical[0], physical[1], rec.code),
            )
        if rec.replaces is not None:
            self._db.execute(
                "UPDATE records SET replaced_by = ? WHERE code = ?", (rec.code, rec.replaces)
            )
        if rec.excludes is not None:
            self._db.execute(
                "UPDATE records SET excluded_by = ? WHERE code = ?", (rec.code, rec.excludes)
            )
        self._db.executemany(
            "INSERT OR IGNORE INTO links (parent, child) VALUES (?, ?)",
            [(rec.code, child) for child in rec.children],
        )

    def _store_criticized(self, judgement: Judgement, raw: Any, batch_id: int) -> None:
        criticisms = [
            {"codigo": c.code, "mensagem": c.message} for c in judgement.result.criticisms
        ]
        self._db.execute(
            "INSERT INTO criticized (batch_id, code, body, criticisms) VALUES (?, ?, ?, ?)",
            (
                batch_id,
                judgement.result.code,
                json.dumps(raw, ensure_ascii=False, default=str),
                json.dumps(criticisms, ensure_ascii=False),
            ),
        )

    # -- consultation -------------------------------------------------------------------

    def seal(self, code: str) -> dict[str, Any] | None:
        with self._lock:
            row = self._db.execute("SELECT * FROM records WHERE code = ?", (code,)).fetchone()
            if row is None:
                return None
            answer = _seal_json(row)
            answer["retificacoes"] = list(self._corrections_after(code))
            answer["selo_vigente"] = (answer["retificacoes"] or [code])[-1]
            answer["vinculados_a"] = [
                link["parent"]
                for link in self._db.execute(
                    "SELECT parent FROM links WHERE child = ? ORDER BY parent", (code,)
                )
            ]
            return answer

    def seals_of_day(self, cns: str, day: date) -> list[dict[str, Any]]:
        with self._lock:
            rows = self._db.execute(
                "SELECT * FROM records WHERE cns = ? AND act_day = ? ORDER BY act_at, code",
                (cns, day.isoformat()),
            ).fetchall()
        return [_seal_json(row) for row in rows]

    def statistics(self) -> dict[str, int]:
        with self._lock:
            count = lambda sql: self._db.execute(sql).fetchone()[0]  # noqa: E731
            return {
                "registros_mantidos": count("SELECT COUNT(*) FROM records"),
                "registros_criticados": count("SELECT COUNT(*) FROM criticized"),
                "lotes_recebidos": count("SELECT COUNT(*) FROM batches"),
                "serventias": count("SELECT COUNT(*) FROM offices"),
                "tokens_emitidos": count("SELECT COUNT(*) FROM tokens"),
            }

    def _corrections_after(self, code: str) -> Iterator[str]:
        seen = {code}
        row = self._db.execute("SELECT replaced_by FROM records WHERE code = ?", (code,)).fetchone()
        while row is not None and row["replaced_by"] and row["replaced_by"] not in seen:
            code = row["replaced_by"]
            seen.add(code)
            yield code
            row = self._db.execute(
                "SELECT replaced_by FROM records WHERE code = ?", (code,)
            ).fetchone()

    def _transaction(self) -> "_Transaction":
        return _Transaction(self._db, self._lock)


class _Transaction:
    def __init__(self, db: sqlite3.Connection, lock: threading.Lock) -> None:
        self._db = db
        self._lock = lock

    def __enter__(self) -> None:
        self._lock.acquire()
        try:
            self._db.execute("BEGIN IMMEDIATE")
        except BaseException:
            self._lock.release()
            raise

    def __exit__(self, exc_type, exc, tb) -> None:
        try:
            self._db.execute("COMMIT" if exc_type is None else "ROLLBACK")
        finally:
            self._lock.release()


def _seal_json(row: sqlite3.Row) -> dict[str, Any]:
    if row["excluded_by"]:
        situation = "excluido"
    elif row["replaced_by"]:
        situation = "retificado"
    else:
        situation = "ativo"
    return {
        "codigo": row["code"],
        "situacao": situation,
        "atrasado": bool(row["late"]),
        "recebido_em": row["received_at"],
        "lote": row["batch_id"],
        "hash_conteudo": row["content_hash"],
        "substitui": row["replaces"],
        "retificado_por": row["replaced_by"],
        "excluido_por": row["excluded_by"],
        "registro": json.loads(row["body"]),
    }


def _ts(at: datetime) -> str:
    return format_timestamp(at)


def _secret_hash(secret: str) -> str:
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()

