"""Who is acting: every use case loads its actor here and checks the permission matrix."""
from __future__ import annotations

from ..domain.boundary import MAX_ID
from ..domain.permissions import Action, require
from .errors import Refused
from .models import User


def acting_user(actor_id: int, action: Action | None = None) -> User:
    known = (isinstance(actor_id, int) and not isinstance(actor_id, bool)
             and 0 < actor_id <= MAX_ID)
    user = User.get_or_none(User.id == actor_id) if known else None
    if user is None or not user.active:
        raise Refused("Usuário inexistente ou inativo.")
    if user.locked:
        raise Refused("Usuário bloqueado: peça a um supervisor que o desbloqueie.")
    if action is not None:
        require(user.role, action)
    return user
