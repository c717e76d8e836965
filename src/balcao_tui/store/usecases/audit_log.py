"""The audit trail as the audit screen and `balcao audit list` show it: newest first, by
day, user and action, one page at a time (keyset on the id, never the whole trail)."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

import peewee as pw

from ...domain.audit_actions import action_label
from ...domain.boundary import bounded_id, bounded_int, clean_text
from ...domain.deadlines import day_bounds
from ...domain.permissions import Action
from ..actors import acting_user
from ..db import connected
from ..models import AuditEntry, User

MAX_PAGE = 500


@dataclass(frozen=True)
class AuditFilter:
    day: date | None = None
    login: str = ""  # the user's login; "" for everyone
    action: str = ""  # the internal key; "" for every action


@dataclass(frozen=True)
class AuditRow:
    id: int
    at: datetime
    user_login: str  # "" for the system
    user_name: str
    action: str
    action_label: str
    entity: str
    entity_id: str
    detail: str
    reason: str


@dataclass(frozen=True)
class AuditPage:
    rows: tuple[AuditRow, ...]
    older: int | None  # pass as `before` for the next page; None at the oldest entry


def audit_page(actor_id: int, wanted: AuditFilter = AuditFilter(), *,
               before: int | None = None, limit: int = 50) -> AuditPage:
    limit = bounded_int(limit, "limit", "Quantidade", 1, MAX_PAGE)
    login = clean_text(wanted.login, "login")
    action = clean_text(wanted.action, "audit_action")
    with connected():
        acting_user(actor_id, Action.VIEW_AUDIT)
        query = (AuditEntry.select(AuditEntry, User.login, User.name)
                 .join(User, pw.JOIN.LEFT_OUTER, on=(AuditEntry.user == User.id))
                 .order_by(AuditEntry.id.desc()).limit(limit + 1))
        if before is not None:
            query = query.where(AuditEntry.id < bounded_id(before, "before", "Entrada"))
        if wanted.day is not None:
            start, end = day_bounds(wanted.day)
            query = query.where((AuditEntry.at >= start) & (AuditEntry.at < end))
        if login:
            query = query.where(User.login == login)
        if action:
            query = query.where(AuditEntry.action == action)
        entries = list(query.objects())
    rows = tuple(AuditRow(e.id, e.at, e.login or "", e.name or "", e.action,
                          action_label(e.action), e.entity, e.entity_id, e.detail, e.reason)
                 for e in entries[:limit])
    return AuditPage(rows, rows[-1].id if len(entries) > limit else None)


def audit_actions(actor_id: int) -> tuple[tuple[str, str], ...]:
    """The actions the trail holds, as (key, label), by label: the screen's filter."""
    with connected():
        acting_user(actor_id, Action.VIEW_AUDIT)
        keys = [row[0] for row in AuditEntry.select(AuditEntry.action).distinct().tuples()]
    return tuple(sorted(((key, action_label(key)) for key in keys), key=lambda p: p[1]))
