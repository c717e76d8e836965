"""Roles and the one permission matrix of the product.

Every use case asks `require(role, Action.X)`; screens ask `can` only to hide what the
role cannot do.
"""
from __future__ import annotations

from enum import StrEnum

from .refusal import Refusal


class Role(StrEnum):
    ESCREVENTE = "escrevente"
    SUPERVISOR = "supervisor"
    TABELIAO = "tabeliao"
    ADMINISTRADOR = "administrador"


ROLE_LABELS = {
    Role.ESCREVENTE: "Escrevente",
    Role.SUPERVISOR: "Supervisor",
    Role.TABELIAO: "Tabelião / substituto",
    Role.ADMINISTRADOR: "Administrador",
}


class Action(StrEnum):
    REGISTER_ACT = "register_act"
    MANAGE_SIGNATURE_CARDS = "manage_signature_cards"
    ADD_DAILY_COUNT = "add_daily_count"
    VIEW_DASHBOARD = "view_dashboard"
    SEARCH_SEALS = "search_seals"
    REVERSE_SEAL = "reverse_seal"
    SPOIL_SEAL = "spoil_seal"
    CLOSE_DRAWER = "close_drawer"
    REOPEN_DRAWER = "reopen_drawer"
    CLOSE_SHIFT = "close_shift"
    CORRECT_SEAL = "correct_seal"
    EXCLUDE_SEAL = "exclude_seal"
    LINK_SEALS = "link_seals"
    MANAGE_SEAL_STOCK = "manage_seal_stock"
    UNLOCK_USER = "unlock_user"
    MANAGE_USERS = "manage_users"
    MANAGE_OFFICE = "manage_office"
    MANAGE_TRANSMISSION = "manage_transmission"
    VIEW_AUDIT = "view_audit"
    CHANGE_OWN_PASSWORD = "change_own_password"


ACTION_LABELS = {
    Action.REGISTER_ACT: "registrar atos no balcão",
    Action.MANAGE_SIGNATURE_CARDS: "abrir e alterar fichas de firma",
    Action.ADD_DAILY_COUNT: "lançar fotocópias e autenticações digitais",
    Action.VIEW_DASHBOARD: "ver o painel de selos pendentes",
    Action.SEARCH_SEALS: "consultar selos",
    Action.REVERSE_SEAL: "estornar selos",
    Action.SPOIL_SEAL: "inutilizar selos",
    Action.CLOSE_DRAWER: "fechar o próprio caixa",
    Action.REOPEN_DRAWER: "reabrir o caixa de um escrevente",
    Action.CLOSE_SHIFT: "fechar o expediente",
    Action.CORRECT_SEAL: "retificar selos",
    Action.EXCLUDE_SEAL: "excluir atos (XA)",
    Action.LINK_SEALS: "vincular selos",
    Action.MANAGE_SEAL_STOCK: "cadastrar e distribuir cartelas de selos",
    Action.UNLOCK_USER: "desbloquear usuários",
    Action.MANAGE_USERS: "cadastrar e alterar usuários",
    Action.MANAGE_OFFICE: "alterar os dados da serventia e a tabela de emolumentos",
    Action.MANAGE_TRANSMISSION: "controlar a transmissão ao TJ",
    Action.VIEW_AUDIT: "ver a trilha de auditoria",
    Action.CHANGE_OWN_PASSWORD: "trocar a própria senha",
}

_COUNTER = {
    Action.REGISTER_ACT, Action.MANAGE_SIGNATURE_CARDS, Action.ADD_DAILY_COUNT,
    Action.VIEW_DASHBOARD, Action.SEARCH_SEALS, Action.REVERSE_SEAL,
    Action.CHANGE_OWN_PASSWORD, Action.CLOSE_DRAWER,
}
_SUPERVISION = _COUNTER | {
    Action.SPOIL_SEAL, Action.CLOSE_SHIFT, Action.REOPEN_DRAWER, Action.MANAGE_SEAL_STOCK,
    Action.UNLOCK_USER,
    Action.VIEW_AUDIT, Action.MANAGE_TRANSMISSION,
}
_NOTARY = _SUPERVISION | {Action.CORRECT_SEAL, Action.EXCLUDE_SEAL, Action.LINK_SEALS}

PERMISSIONS: dict[Role, frozenset[Action]] = {
    Role.ESCREVENTE: frozenset(_COUNTER),
    Role.SUPERVISOR: frozenset(_SUPERVISION),
    Role.TABELIAO: frozenset(_NOTARY | {Action.MANAGE_OFFICE, Action.MANAGE_USERS}),
    # The administrator runs the system but does no notarial acts.
    Role.ADMINISTRADOR: frozenset({
        Action.VIEW_DASHBOARD, Action.SEARCH_SEALS, Action.MANAGE_SEAL_STOCK,
        Action.UNLOCK_USER, Action.MANAGE_USERS, Action.MANAGE_OFFICE,
        Action.MANAGE_TRANSMISSION, Action.VIEW_AUDIT, Action.CHANGE_OWN_PASSWORD,
    }),
}


class PermissionDenied(Refusal):
    def __init__(self, role: str, action: Action):
        label = ROLE_LABELS.get(role, role)
        super().__init__(f"O perfil {label} não tem permissão para {ACTION_LABELS[action]}.")
        self.action = action


def can(role: str, action: Action) -> bool:
    try:
        return action in PERMISSIONS[Role(role)]
    except ValueError:
        return False


def require(role: str, action: Action) -> None:
    if not can(role, action):
        raise PermissionDenied(role, action)
