"""Users: creation, changes, passwords, login with lockout after 5 failures."""
from __future__ import annotations

import os
import re
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timezone

import peewee as pw

from ...domain import access_code
from ...domain.boundary import LIMITS, bounded_id, clean_text
from ...domain.deadlines import utcnow
from ...domain.permissions import Action, Role
from ...domain.refusal import Refusal
from ..actors import acting_user
from ..audit import audit
from ..db import database, serialize, write_transaction
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


def user_info(user: User) -> UserInfo:
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


def check_password(password: str) -> None:
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


def check_new_password(password: str) -> None:
    try:
        check_password(password)
    except Refusal as exc:
        raise Refused(f"Nova senha: {exc.message[0].lower()}{exc.message[1:]}",
                      field="new_password") from None


@contextmanager
def _login_free(login: str):
    """Inside a write transaction: the block that writes `login`, refused if another user
    holds it (the unique index decides when two terminals try at once)."""
    taken = Refused(f"Já existe um usuário com o login {login}.", field="login")
    serialize(f"login:{login}")
    if User.select().where(User.login == login).exists():
        raise taken
    try:
        with database.obj.atomic():
            yield
    except pw.IntegrityError:
        raise taken from None


def create_user(actor_id: int | None, *, login: str, name: str, role: str, password: str,
                email: str = "") -> UserInfo:
    """Create a user with a password. Without an actor, only the first administrator
    (balcao init); the others get a first-access code instead (first_access.add_user)."""
    login, name, email = clean_user_fields(login, name, email, role)
    check_password(password)
    password_hash = hash_password(password)
    with write_transaction():
        if actor_id is None:
            if User.select().exists():
                raise Refused("Já existem usuários: use um administrador para criar outros.")
            if role != Role.ADMINISTRADOR:
                raise Refused("O primeiro usuário deve ser administrador.", field="role")
        user = insert_user(actor_id, login=login, name=name, email=email, role=role,
                           password_hash=password_hash)
        return user_info(user)


def clean_user_fields(login: str, name: str, email: str, role: str) -> tuple[str, str, str]:
    login = clean_text(login, "login", required=True).lower()
    name = clean_text(name, "user_name", required=True)
    email = clean_text(email, "email")
    _check_fields(login, name, email, role)
    return login, name, email


def insert_user(actor_id: int | None, **columns) -> User:
    """Inside a write transaction: the new user, audited; a taken login refused."""
    if actor_id is not None:
        acting_user(actor_id, Action.MANAGE_USERS)
    with _login_free(columns["login"]):
        user = User.create(**columns)
    audit(actor_id, "user.create", "user", user.id,
          {key: columns[key] for key in ("login", "name", "role", "email")})
    return user


def update_user(actor_id: int, user_id: int, *, login: str | None = None,
                name: str | None = None, email: str | None = None, role: str | None = None,
                active: bool | None = None) -> UserInfo:
    """Change a user; `active=False` is how a user leaves: nobody is deleted, so their acts,
    seals and audit entries keep naming them."""
    user_id = bounded_id(user_id, "user", "Usuário")
    if active is not None and not isinstance(active, bool):
        raise Refused("Ativo: informe sim ou não.", field="active")
    login = None if login is None else clean_text(login, "login", required=True).lower()
    name = None if name is None else clean_text(name, "user_name", required=True)
    email = None if email is None else clean_text(email, "email")
    with write_transaction():
        actor = acting_user(actor_id, Action.MANAGE_USERS)
        user = User.get_or_none(User.id == user_id)
        if user is None:
            raise NotFound("Usuário não encontrado.")
        before = user_info(user)
        new_login = user.login if login is None else login
        new_name = user.name if name is None else name
        new_email = user.email if email is None else email
        new_role = user.role if role is None else role
        _check_fields(new_login, new_name, new_email, new_role)
        if actor.id == user.id and (active is False or new_role != user.role):
            raise Refused("Você não pode desativar a si mesmo nem mudar o próprio perfil.")
        user.login, user.name, user.email, user.role = new_login, new_name, new_email, new_role
        if active is not None:
            user.active = active
        user.updated_at = datetime.now(timezone.utc)
        if new_login != before.login:
            with _login_free(new_login):
                user.save()
        else:
            user.save()
        audit(actor_id, "user.update", "user", user.id,
              {"antes": before.__dict__, "depois": user_info(user).__dict__})
        return user_info(user)


def set_password(actor_id: int, user_id: int, new_password: str) -> None:
    """Change a password: one's own, or anyone's with the right to manage users."""
    user_id = bounded_id(user_id, "user", "Usuário")
    check_password(new_password)
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
    check_new_password(new_password)
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
        return user_info(user)


WRONG_LOGIN = "Usuário ou senha incorretos."
_unknown: list[str] = []


def _unknown_login_hash() -> str:
    if not _unknown:
        _unknown.append(hash_password(os.urandom(16).hex()))
    return _unknown[0]


def typed_login(login: object) -> str | None:
    try:
        return clean_text(login, "login").lower()
    except Refusal:
        return None


class AccessCodeAccepted(Refused):
    """What was typed as the password is the user's first-access code, still valid: the
    login screen now asks for a password of the user's own (first_access.redeem_code)."""


def code_matches(code_hash: str, text: str) -> bool:
    code = access_code.typed(text)
    return bool(code_hash) and code is not None and verify_password(code, code_hash)


def count_failure(user: User) -> LoginFailed:
    """Inside a write transaction: one more wrong password or code; the 5th locks."""
    user.failed_logins += 1
    user.locked = user.failed_logins >= MAX_FAILED_LOGINS
    user.save()
    audit(user.id, "login.fail", "user", user.id,
          {"tentativas": user.failed_logins, "bloqueado": user.locked})
    return LoginFailed(WRONG_LOGIN, field="password")


def expired_code(user: User, now: datetime) -> Refused | None:
    if now < user.access_code_expires_at:
        return None
    audit(user.id, "login.code_expired", "user", user.id)
    return Refused("Código de primeiro acesso vencido: ele vale 30 minutos. Peça ao "
                   "administrador um novo.", field="password")


def authenticate(login: str, password: str, now: datetime | None = None) -> UserInfo:
    """Check a password; the 5th wrong one in a row locks the user. A first-access code
    typed as the password is answered with AccessCodeAccepted (or refused once expired).

    An unknown login and a wrong password get the same answer, so the login screen tells
    nobody which logins exist; what was typed for an unknown login is never stored (it may
    be a password typed in the wrong field). The failure is committed before the refusal
    is raised, so the count survives.
    """
    now = now or utcnow()
    login = typed_login(login)
    if not isinstance(password, str) or len(password) > LIMITS["password"].max_length:
        password = ""
    user = User.get_or_none(User.login == login) if login else None
    # An unknown login costs the same hashing time as a known one.
    ok = verify_password(password, user.password_hash if user else _unknown_login_hash())
    ok = ok and user is not None
    code_hash = user.access_code_hash if user is not None and not ok else ""
    code_ok = code_matches(code_hash, password)
    refusal: Refused | None = None
    with write_transaction():
        user = User.get_or_none(User.login == login) if login else None
        if user is None or not user.active:
            audit(None, "login.fail", "user", "desconhecido" if user is None else user.id,
                  {"motivo": "usuário inexistente ou inativo"})
            refusal = LoginFailed(WRONG_LOGIN, field="password")
        elif user.locked:
            # Only who knows the password (or the code) learns that the login is locked.
            audit(user.id, "login.refused", "user", user.id, {"motivo": "bloqueado"})
            known = ok or code_ok
            refusal = LoginFailed("Usuário bloqueado após 5 senhas erradas. Peça a um "
                                  "supervisor que o desbloqueie." if known else WRONG_LOGIN,
                                  field="login" if known else "password")
        elif code_ok and user.access_code_hash == code_hash:
            refusal = expired_code(user, now)
            if refusal is None:
                audit(user.id, "login.code", "user", user.id)
                refusal = AccessCodeAccepted("Este é o seu código de primeiro acesso: crie a "
                                             "sua senha na tela de entrada do balcão.",
                                             field="password")
        elif not ok:
            refusal = count_failure(user)
        else:
            if user.failed_logins:
                user.failed_logins = 0
                user.save()
            audit(user.id, "login.ok", "user", user.id)
    if refusal is not None:
        raise refusal
    return user_info(user)


def get_user(user_id: int) -> UserInfo:
    user = User.get_or_none(User.id == bounded_id(user_id, "user", "Usuário"))
    if user is None:
        raise NotFound("Usuário não encontrado.")
    return user_info(user)
