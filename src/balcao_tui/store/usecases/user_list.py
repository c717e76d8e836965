"""The users of the office as the administration screens and `balcao users list` show
them: for who manages users, and for a supervisor who unlocks them."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from ...domain.deadlines import format_local, office_day
from ...domain.permissions import Action, can, require
from ...domain.text import fold
from ..actors import acting_user
from ..models import User
from .users import UserInfo, user_info


@dataclass(frozen=True)
class UserRow:
    info: UserInfo
    code_until: datetime | None  # a first-access code waits until then


def list_users(actor_id: int) -> list[UserRow]:
    """Active users first, each group by name as a person sorts it ("Érica" before "Tânia")."""
    actor = acting_user(actor_id)
    if not can(actor.role, Action.UNLOCK_USER):
        require(actor.role, Action.MANAGE_USERS)
    users = sorted(User.select(), key=lambda user: (not user.active, fold(user.name), user.login))
    return [UserRow(user_info(user), user.access_code_expires_at if user.access_code_hash
                    else None) for user in users]


def status_label(row: UserRow, now: datetime) -> str:
    if not row.info.active:
        return "inativo"
    if row.info.locked:
        return "bloqueado"
    if row.code_until is None:
        return "ativo"
    if now >= row.code_until:
        return "código vencido"
    until = format_local(row.code_until)  # "21/11/2026 14:35"
    same_day = office_day(now) == office_day(row.code_until)
    return f"código até {until[-5:] if same_day else until[:5] + until[-6:]}"
