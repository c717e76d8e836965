"""What each audit action is called on screen (the trail stores the internal key)."""
from __future__ import annotations

import json

ACTION_LABELS: dict[str, str] = {
    "act.register": "Ato registrado",
    "act_codes.update": "Códigos dos atos alterados",
    "backup.restore": "Cópia de segurança restaurada",
    "backup.resync": "Ressincronização com o TJ concluída",
    "backup.resync_day": "Dia ressincronizado com o TJ",
    "backup.take": "Cópia de segurança feita",
    "card.create": "Ficha de firma aberta",
    "credentials.certificate": "Certificado importado",
    "credentials.encrypt": "Segredos cifrados",
    "credentials.oauth": "Client OAuth alterado",
    "daily.add": "Contagem diária lançada",
    "day.close": "Expediente fechado",
    "drawer.close": "Caixa fechado",
    "drawer.reopen": "Caixa reaberto",
    "fees.import": "Tabela de emolumentos importada",
    "login.code": "Entrada com código de primeiro acesso",
    "login.code_expired": "Código de primeiro acesso vencido",
    "login.fail": "Entrada recusada (senha errada)",
    "login.ok": "Entrada no sistema",
    "login.refused": "Entrada recusada (bloqueado)",
    "office.create": "Serventia cadastrada",
    "seal.correct": "Selo retificado",
    "seal.exclude": "Ato excluído (XA)",
    "seal.link": "Selos vinculados",
    "seal.resend": "Selo reenviado ao TJ",
    "seal.reverse": "Selo estornado",
    "seal.spoil": "Selo inutilizado",
    "settings.update": "Configurações alteradas",
    "stock.assign": "Selos entregues a escrevente",
    "stock.move": "Selos passados a outro escrevente",
    "stock.sheet_add": "Cartela de selos cadastrada",
    "tj_audit.correct": "Retificado pela auditoria com o TJ",
    "tj_audit.recover": "Recuperado do TJ (auditoria com o TJ)",
    "tj_audit.resend": "Reenviado ao TJ (auditoria com o TJ)",
    "transmission.pause": "Transmissão pausada",
    "transmission.resume": "Transmissão retomada",
    "transmission.send_now": "Envio imediato pedido",
    "user.create": "Usuário cadastrado",
    "user.first_access": "Senha criada no primeiro acesso",
    "user.password": "Senha alterada",
    "user.password.fail": "Troca de senha recusada",
    "user.reset": "Novo código de primeiro acesso",
    "user.unlock": "Usuário desbloqueado",
    "user.update": "Usuário alterado",
}


ENTITY_LABELS: dict[str, str] = {
    "act": "ato", "cash_drawer": "caixa", "daily_entry": "contagem", "fee_table": "tabela",
    "office": "serventia", "physical_seal": "selo", "seal_sheet": "cartela",
    "setting": "configuração", "shift_closing": "expediente", "signature_card": "ficha",
    "user": "usuário",
}


def entity_label(entity: str) -> str:
    return ENTITY_LABELS.get(entity, entity)


def action_label(action: str) -> str:
    """The Portuguese name of an action; an action this version does not know (written by
    a newer one) shows as stored."""
    return ACTION_LABELS.get(action, action)


def detail_text(detail: str) -> str:
    """An entry's detail as a person reads it: `chave: valor` pairs instead of JSON."""
    try:
        value = json.loads(detail) if detail else None
    except ValueError:
        return detail
    if not value:
        return "sem detalhes"
    if not isinstance(value, dict):
        return str(value)
    return " · ".join(f"{key.replace('_', ' ')}: {_plain(item)}" for key, item in value.items()
                      if item is not None) or "sem detalhes"


def _plain(item) -> str:
    if isinstance(item, dict):
        return ", ".join(f"{key.replace('_', ' ')} {_plain(inner)}" for key, inner in item.items())
    if isinstance(item, list):
        return ", ".join(_plain(inner) for inner in item)
    return str(item)
