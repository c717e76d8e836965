"""Users: creation, changes, passwords, login with lockout after 5 failures."""
from __future__ import annotations

import os
import re
from dataclasses import dataclass
from datetime import datetime, timezone

import peewee as pw

from ...domain.boundary import LIMITS, bounded_id, clean_text
from ...domain.permissions import Action, Role
from ...domain.refusal import Refusal
from ..actors import acting_user
from ..audit import audit
from ..db import serialize, write_transaction
from ..errors import NotFound, Refused
from ..models import User
from ..passwords import hash_password, verify_password

MAX_FAILED_LOGINS = 5
MIN_PASSWORD_LENGTH = 8
_LOGIN_RE = re.compile(r"^[a-z][a-z0-9._-]{1,31}$")
_EMAIL_RE = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


@dataclass(frozen=True)
class UserInfo:
    id: int
    login: str
    name: str
    email: str
    role: str
    active: bool
    locked: bool


def _info(user: User) -> UserInfo:
    return UserInfo(user.id, user.login, user.name, user.email, user.role, user.active, user.locked)


class LoginFailed(Refused):
    pass


def _check_fields(login: str, name: str, email: str, role: str) -> None:
    if not isinstance(role, str) or role not in Role._value2member_map_:
        raise Refused("Perfil desconhecido: use escrevente, supervisor, tabeliao ou "
                      "administrador.", field="role")
    if not _LOGIN_RE.match(login):
        raise Refused("Login deve ter de 2 a 32 caracteres: letras minúsculas, dígitos, "
                      "ponto, hífen ou sublinhado, começando por letra.", field="login")
    if not name.strip():
        raise Refused("Informe o nome completo.", field="name")
    if email and not _EMAIL_RE.match(email):
        raise Refused(f"E-mail inválido: {email}.", field="email")


def _check_password(password: str) -> None:
    """Any printable characters, accents and emoji included; never cleaned or changed."""
    if not isinstance(password, str):
        raise Refused("Senha: informe um texto.", field="password")
    if len(password) < MIN_PASSWORD_LENGTH:
        raise Refused(f"A senha deve ter pelo menos {MIN_PASSWORD_LENGTH} caracteres.",
                      field="password")
    if len(password) > LIMITS["password"].max_length:
        raise Refused(f"A senha deve ter no máximo {LIMITS['password'].max_length} caracteres.",
                      field="password")
    clean_text(password, "password")  # refuses control characters and broken bytes


def _unique_login(login: str) -> None:
    serialize(f"login:{login}")
    if User.select().where(User.login == login).exists():
        raise Refused(f"Já existe um usuário com o login {login}.", field="login")


def create_user(actor_id: int | None, *, login: str, name: str, role: str, password: str,
                email: str = "") -> UserInfo:
    """Create a user. Without an actor, only the first administrator (balcao init)."""
    login = clean_text(login, "login", required=True).lower()
    name = clean_text(name, "user_name", required=True)
    email = clean_text(email, "email")
    _check_fields(login, name, email, role)
    _check_password(password)
    password_hash = hash_password(password)
    try:
        with write_transaction():
            if actor_id is None:
                if User.select().exists():
                    raise Refused("Já existem usuários: use um administrador para criar outros.")
                if role != Role.ADMINISTRADOR:
                    raise Refused("O primeiro usuário deve ser administrador.", field="role")
            else:
                acting_user(actor_id, Action.MANAGE_USERS)
            _unique_login(login)
            user = User.create(login=login, name=name, email=email, role=role,
                               password_hash=password_hash)
            audit(actor_id, "user.create", "user", user.id,
                  {"login": login, "name": user.name, "role": role, "email": email})
            return _info(user)
    except pw.IntegrityError:
        raise Refused(f"Já existe um usuário com o login {login}.", field="login") from None


def update_user(actor_id: int, user_id: int, *, name: str | None = None,
                email: str | None = None, role: str | None = None,
                active: bool | None = None) -> UserInfo:
    user_id = bounded_id(user_id, "user", "Usuário")
    if active is not None and not isinstance(active, bool):
        raise Refused("Ativo: informe sim ou não.", field="active")
    name = None if name is None else clean_text(name, "user_name", required=True)
    email = None if email is None else clean_text(email, "email")
    with write_transaction():
        actor = acting_user(actor_id, Action.MANAGE_USERS)
        user = User.get_or_none(User.id == user_id)
        if user is None:
            raise NotFound("Usuário não encontrado.")
        before = _info(user)
        new_name = user.name if name is None else name
        new_email = user.email if email is None else email
        new_role = user.role if role is None else role
        _check_fields(user.login, new_name, new_email, new_role)
        if actor.id == user.id and (active is False or new_role != user.role):
            raise Refused("Você não pode desativar a si mesmo nem mudar o próprio perfil.")
        user.name, user.email, user.role = new_name, new_email, new_role
        if active is not None:
            user.active = active
        user.updated_at = datetime.now(timezone.utc)
        user.save()
        audit(actor_id, "user.update", "user", user.id,
              {"antes": before.__dict__, "depois": _info(user).__dict__})
        return _info(user)


def set_password(actor_id: int, user_id: int, new_password: str) -> None:
    """Change a password: one's own, or anyone's with the right to manage users."""
    user_id = bounded_id(user_id, "user", "Usuário")
    _check_password(new_password)
    password_hash = hash_password(new_password)
    with write_transaction():
        action = None if actor_id == user_id else Action.MANAGE_USERS
        acting_user(actor_id, action)
        updated = User.update(password_hash=password_hash,
                              updated_at=datetime.now(timezone.utc)).where(User.id == user_id).execute()
        if not updated:
            raise NotFound("Usuário não encontrado.")
        audit(actor_id, "user.password", "user", user_id)


def change_own_password(user_id: int, old_password: str, new_password: str) -> None:
    """The logged-in user changes their own password, proving they know the current one.

    A wrong current password is audited (committed) before the refusal, like a failed login.
    """
    if not isinstance(old_password, str) or not old_password:
        raise Refused("Senha atual: informe a senha que você usa hoje.", field="old_password")
    try:
        _check_password(new_password)
    except Refusal as exc:
        raise Refused(f"Nova senha: {exc.message[0].lower()}{exc.message[1:]}",
                      field="new_password") from None
    if new_password == old_password:
        raise Refused("Nova senha: deve ser diferente da senha atual.", field="new_password")
    user = acting_user(user_id, Action.CHANGE_OWN_PASSWORD)
    current_hash = user.password_hash
    ok = (len(old_password) <= LIMITS["password"].max_length
          and verify_password(old_password, current_hash))
    password_hash = hash_password(new_password) if ok else ""
    with write_transaction():
        acting_user(user_id, Action.CHANGE_OWN_PASSWORD)
        if not ok:
            audit(user_id, "user.password.fail", "user", user_id,
                  {"motivo": "senha atual incorreta"})
        else:
            changed = User.update(password_hash=password_hash,
                                  updated_at=datetime.now(timezone.utc)).where(
                (User.id == user_id) & (User.password_hash == current_hash)).execute()
            if changed:
                audit(user_id, "user.password", "user", user_id, {"propria": True})
    if not ok:
        raise Refused("Senha atual incorreta.", field="old_password")
    if not changed:
        raise Refused("A sua senha acabou de ser trocada em outro terminal: confira e tente "
                      "de novo.", field="old_password")


def unlock_user(actor_id: int, user_id: int) -> UserInfo:
    user_id = bounded_id(user_id, "user", "Usuário")
    with write_transaction():
        acting_user(actor_id, Action.UNLOCK_USER)
        user = User.get_or_none(User.id == user_id)
        if user is None:
            raise NotFound("Usuário não encontrado.")
        user.locked, user.failed_logins = False, 0
        user.save()
        audit(actor_id, "user.unlock", "user", user.id, {"login": user.login})
        return _info(user)


WRONG_LOGIN = "Usuário ou senha incorretos."
_unknown: list[str] = []


def _unknown_login_hash() -> str:
    if not _unknown:
        _unknown.append(hash_password(os.urandom(16).hex()))
    return _unknown[0]


def _typed_login(login: object) -> str | None:
    try:
        return clean_text(login, "login").lower()
    except Refusal:
        return None


def authenticate(login: str, password: str) -> UserInfo:
    """Check a password; the 5th wrong one in a row locks the user.

    An unknown login and a wrong password get the same answer, so the login screen tells
    nobody which logins exist; what was typed for an unknown login is never stored (it may
    be a password typed in the wrong field). The failure is committed before the refusal
    is raised, so the count survives.
    """
    login = _typed_login(login)
    if not isinstance(password, str) or len(password) > LIMITS["password"].max_length:
        password = ""
    user = User.get_or_none(User.login == login) if login else None
    # An unknown login costs the same hashing time as a known one.
    ok = verify_password(password, user.password_hash if user else _unknown_login_hash())
    ok = ok and user is not None
    refusal: LoginFailed | None = None
    with write_transaction():
        user = User.get_or_none(User.login == login) if login else None
        if user is None or not user.active:
            audit(None, "login.fail", "user", "desconhecido" if user is None else user.id,
                  {"motivo": "usuário inexistente ou inativo"})
            refusal = LoginFailed(WRONG_LOGIN, field="password")
        elif user.locked:
            # Only who knows the password learns that the login is locked.
            audit(user.id, "login.refused", "user", user.id, {"motivo": "bloqueado"})
            refusal = LoginFailed("Usuário bloqueado após 5 senhas erradas. Peça a um "
                                  "supervisor que o desbloqueie." if ok else WRONG_LOGIN,
                                  field="login" if ok else "password")
        elif not ok:
            user.failed_logins += 1
            user.locked = user.failed_logins >= MAX_FAILED_LOGINS
            user.save()
            audit(user.id, "login.fail", "user", user.id,
                  {"tentativas": user.failed_logins, "bloqueado": user.locked})
            refusal = LoginFailed(WRONG_LOGIN, field="password")
        else:
            if user.failed_logins:
                user.failed_logins = 0
                user.save()
            audit(user.id, "login.ok", "user", user.id)
    if refusal is not None:
        raise refusal
    return _info(user)


def get_user(user_id: int) -> UserInfo:
    user = User.get_or_none(User.id == bounded_id(user_id, "user", "Usuário"))
    if user is None:
        raise NotFound("Usuário não encontrado.")
    return _info(user)


def list_users(include_inactive: bool = True) -> list[UserInfo]:
    query = User.select().order_by(User.name)
    if not include_inactive:
        query = query.where(User.active == True)  # noqa: E712
    return [_info(u) for u in query]
