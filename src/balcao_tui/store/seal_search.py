"""Seal search: records filtered by code, dates, clerk, act kind, state and physical seal,
a page at a time, newest act first.

Pages are read by a keyset on (act_at, id), walked in an index of its own for each filter
(schema_search_indexes.py): never OFFSET, never a COUNT of the table. A code shorter than
its act information only filters the walk; from there on it is looked up in the code index.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

import peewee as pw

from ..domain.act_kinds import get_act_kind
from ..domain.boundary import bounded_id, bounded_int, clean_text
from ..domain.criticism import Criticism
from ..domain.deadlines import day_bounds
from ..domain.permissions import Action
from ..domain.refusal import Refusal
from ..domain.seal_code import MAX_HYBRID_NUMBER, normalize_series, parse_code_prefix
from ..domain.seal_spec import format_seal
from ..domain.seal_states import SEAL_LABELS, SealState
from .actors import acting_user
from .errors import Refused
from .models import SealRecord, User
from .queries import criticisms_of

MAX_LIMIT = 500
# From the end of the act information on, few codes share a prefix: the code index wins.
INDEXED_PREFIX = 22


@dataclass(frozen=True)
class SealFilter:
    code: str = ""  # a full code or its beginning
    date_from: date | None = None  # the office's days, both included
    date_to: date | None = None
    clerk_login: str = ""
    act_kind: str = ""  # a key of domain.act_kinds
    state: str = ""  # a value of SealState
    physical_number: int | None = None
    physical_series: str = ""


@dataclass(frozen=True)
class SealRow:
    id: int
    code: str
    state: str
    state_label: str
    act_kind_label: str
    act_at: datetime
    clerk_login: str
    total: int
    physical_seal: str | None  # "RF0001 0000123" for a hybrid seal
    deadline_at: datetime
    criticism: str  # the TJ's first criticism, "" when none


@dataclass(frozen=True)
class SealPage:
    rows: tuple[SealRow, ...]
    next_after: object | None  # give it back as `after` for the next page; None: last page


def search_seals(actor_id: int, filter: SealFilter, after=None, limit: int = 20) -> SealPage:
    acting_user(actor_id, Action.SEARCH_SEALS)
    limit = bounded_int(limit, "limit", "O tamanho da página", 1, MAX_LIMIT)
    query = (SealRecord.select(SealRecord, User.login)
             .join(User, pw.JOIN.LEFT_OUTER, on=SealRecord.created_by == User.id, attr="clerk"))
    conditions = [*_conditions(filter), *_after(after)]
    if conditions:
        query = query.where(*conditions)
    query = (query.order_by(SealRecord.act_at.desc(), SealRecord.id.desc()).limit(limit + 1))
    records = list(query)
    more = len(records) > limit
    records = records[:limit]
    last = records[-1] if records and more else None
    return SealPage(tuple(_row(record) for record in records),
                    (last.act_at, last.id) if last is not None else None)


def iter_seals(actor_id: int, filter: SealFilter, chunk: int = MAX_LIMIT):
    """Every record the filter finds, newest first, read a page at a time."""
    after = None
    while True:
        page = search_seals(actor_id, filter, after, chunk)
        yield from page.rows
        if page.next_after is None:
            return
        after = page.next_after


def _conditions(f: SealFilter) -> list[pw.Expression]:
    if not isinstance(f, SealFilter):
        raise Refused("Filtro de busca inválido.")
    found = _code_conditions(f.code)
    found += _date_conditions(f.date_from, f.date_to)
    login = clean_text(f.clerk_login, "clerk_login")
    if login:
        user = User.get_or_none(User.login == login)
        if user is None:
            raise Refused(f'Escrevente "{login}" não encontrado.', field="clerk_login")
        found.append(SealRecord.created_by == user.id)
    kind = clean_text(f.act_kind, "act_kind")
    if kind:
        try:
            found.append(SealRecord.act_kind == get_act_kind(kind).key)
        except Refusal as exc:
            raise Refused(exc.message, field="act_kind") from None
    state = clean_text(f.state, "state")
    if state:
        if state not in set(SealState):
            raise Refused(f'Situação desconhecida: "{state}".', field="state")
        found.append(SealRecord.state == state)
    if f.physical_number is not None:
        number = bounded_int(f.physical_number, "physical_number", "O número do selo físico",
                             0, MAX_HYBRID_NUMBER)
        found.append(SealRecord.physical_number == number)
    series = clean_text(f.physical_series, "physical_series")
    if series:
        found.append(SealRecord.physical_series == _series(series))
    return found


def _code_conditions(text: object) -> list[pw.Expression]:
    typed = clean_text(text, "code")
    if not typed:
        return []
    try:
        prefix = parse_code_prefix(typed)
    except Refusal as exc:
        raise Refused(exc.message, field="code") from None
    if len(prefix) >= INDEXED_PREFIX:
        return [SealRecord.code.between(prefix, prefix.ljust(25, "Z"))]
    return [pw.fn.SUBSTR(SealRecord.code, 1, len(prefix)) == prefix]


def _date_conditions(first: object, last: object) -> list[pw.Expression]:
    found = []
    for value, field, label in ((first, "date_from", "Data inicial"),
                                (last, "date_to", "Data final")):
        if value is not None and (not isinstance(value, date) or isinstance(value, datetime)):
            raise Refused(f"{label}: informe uma data.", field=field)
    if first is not None and last is not None and first > last:
        raise Refused("A data final é anterior à inicial.", field="date_to")
    if first is not None:
        found.append(SealRecord.act_at >= day_bounds(first)[0])
    if last is not None:
        found.append(SealRecord.act_at < day_bounds(last)[1])
    return found


def _series(text: str) -> str:
    try:
        return normalize_series(text)
    except Refusal as exc:
        raise Refused(exc.message, field="physical_series") from None


def _after(after: object) -> list[pw.Expression]:
    """The keyset: records strictly after the last one of the page before."""
    if after is None:
        return []
    if not (isinstance(after, tuple) and len(after) == 2 and isinstance(after[0], datetime)):
        raise Refused("Página inválida.")
    record_id = bounded_id(after[1], "after", "A página")
    at = SealRecord.act_at.db_value(after[0])
    return [pw.Tuple(SealRecord.act_at, SealRecord.id) < pw.Tuple(at, record_id)]


def kind_label(key: str) -> str:
    try:
        return get_act_kind(key).short_label
    except Refusal:
        return key


def criticism_summary(criticisms: tuple[Criticism, ...]) -> str:
    if not criticisms:
        return ""
    first = criticisms[0]
    more = f" (+{len(criticisms) - 1})" if len(criticisms) > 1 else ""
    return f"[{first.code}] {first.message}{more}"


def _row(record: SealRecord) -> SealRow:
    physical = (format_seal((record.physical_series, record.physical_number))
                if record.physical_series else None)
    login = record.clerk.login if record.created_by_id else ""
    return SealRow(
        id=record.id, code=record.code, state=record.state,
        state_label=SEAL_LABELS.get(SealState(record.state), record.state),
        act_kind_label=kind_label(record.act_kind), act_at=record.act_at, clerk_login=login,
        total=record.total, physical_seal=physical, deadline_at=record.deadline_at,
        criticism=criticism_summary(criticisms_of(record)))
