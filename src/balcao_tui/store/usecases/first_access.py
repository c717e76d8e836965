"""First access: the administrator creates a user (or resets one) and gets a code, shown
once and kept only as a hash; at the login screen the user exchanges it, within 30
minutes and only once, for a password of their own."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from ...domain import access_code
from ...domain.boundary import bounded_id
from ...domain.deadlines import utcnow
from ...domain.permissions import Action
from ..actors import acting_user
from ..audit import audit
from ..db import write_transaction
from ..errors import NotFound, Refused
from ..models import User
from ..passwords import hash_password
from .users import (UserInfo, check_new_password, clean_user_fields, code_matches,
                    count_failure, expired_code, insert_user, typed_login, user_info)


@dataclass(frozen=True)
class AccessCode:
    user: UserInfo
    code: str  # as shown, e.g. "K7MP-3XQA": given once, never stored in clear
    expires_at: datetime


def _new_code(now: datetime) -> tuple[str, dict]:
    code = access_code.new_code()
    return code, {"access_code_hash": hash_password(code),
                  "access_code_expires_at": now + access_code.LIFETIME}


def add_user(actor_id: int, *, login: str, name: str, role: str, email: str = "",
             now: datetime | None = None) -> AccessCode:
    """A new user without a password: the code they will exchange for one."""
    now = now or utcnow()
    login, name, email = clean_user_fields(login, name, email, role)
    code, columns = _new_code(now)
    with write_transaction():
        user = insert_user(actor_id, login=login, name=name, email=email, role=role,
                           password_hash="", **columns)
        return AccessCode(user_info(user), access_code.shown(code), columns["access_code_expires_at"])


def reset_access(actor_id: int, user_id: int, now: datetime | None = None) -> AccessCode:
    """A new code for a user who forgot the password (or whose password may be known to
    someone else): the old password stops working, and the lockout it caused ends."""
    now = now or utcnow()
    user_id = bounded_id(user_id, "user", "Usuário")
    code, columns = _new_code(now)
    with write_transaction():
        actor = acting_user(actor_id, Action.MANAGE_USERS)
        user = User.get_or_none(User.id == user_id)
        if user is None:
            raise NotFound("Usuário não encontrado.")
        if user.id == actor.id:
            raise Refused("Para a sua própria senha use Trocar a minha senha.")
        if not user.active:
            raise Refused(f"{user.name} está inativo: reative o usuário antes de gerar um "
                          "código.", field="active")
        User.update(password_hash="", failed_logins=0, locked=False, updated_at=now,
                    **columns).where(User.id == user.id).execute()
        audit(actor_id, "user.reset", "user", user.id,
              {"login": user.login, "desbloqueado": user.locked,
               "valido_ate": columns["access_code_expires_at"]})
        return AccessCode(user_info(User.get_by_id(user.id)), access_code.shown(code),
                          columns["access_code_expires_at"])


USED = ("Código de primeiro acesso inválido ou já usado: entre de novo com ele, ou peça ao "
        "administrador um novo.")


def redeem_code(login: str, code: str, new_password: str,
                now: datetime | None = None) -> UserInfo:
    """The user's own password in exchange for a valid code, which then stops working."""
    now = now or utcnow()
    check_new_password(new_password)
    login = typed_login(login)
    user = User.get_or_none(User.login == login) if login else None
    code_hash = user.access_code_hash if user is not None else ""
    matches = code_matches(code_hash, code) if isinstance(code, str) else False
    password_hash = hash_password(new_password) if matches else ""
    refusal: Refused | None = None
    with write_transaction():
        user = User.get_or_none(User.login == login) if login else None
        if user is None or not user.active or user.locked:
            refusal = Refused(USED, field="password")
        elif not matches:
            refusal = count_failure(user)
        elif user.access_code_hash != code_hash:
            refusal = Refused(USED, field="password")
        else:
            refusal = expired_code(user, now)
            if refusal is None and User.update(
                    password_hash=password_hash, access_code_hash="",
                    access_code_expires_at=None, failed_logins=0, updated_at=now).where(
                    (User.id == user.id) & (User.access_code_hash == code_hash)).execute():
                audit(user.id, "user.first_access", "user", user.id)
            elif refusal is None:  # another terminal used the code a moment ago
                refusal = Refused(USED, field="password")
    if refusal is not None:
        raise refusal
    return user_info(User.get_by_id(user.id))
