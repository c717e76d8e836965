"""The counter's screens that Home opens, with the permission each one needs."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from textual.binding import Binding
from textual.screen import Screen

from ..domain.permissions import Action


@dataclass(frozen=True)
class Destination:
    name: str
    title: str
    action: Action
    factory: Callable[[], Screen]
    counter: bool = True  # a task of the counter, not of one's own account


def destinations() -> list[Destination]:
    from .authentication import AuthenticationScreen
    from .closing import ClosingScreen
    from .daily_counts import DailyCountsScreen
    from .day_acts import DayActsScreen
    from .drawer import DrawerScreen
    from .own_password import OwnPasswordScreen
    from .recognition import RecognitionScreen
    from .signature_card import SignatureCardScreen
    from .tj_audit import TJAuditScreen

    return [
        Destination("recognition", "Reconhecimento de firma", Action.REGISTER_ACT,
                    RecognitionScreen),
        Destination("authentication", "Autenticação de cópia", Action.REGISTER_ACT,
                    AuthenticationScreen),
        Destination("signature_card", "Ficha de firma (abertura)",
                    Action.MANAGE_SIGNATURE_CARDS, SignatureCardScreen),
        Destination("daily_counts", "Fotocópias e autenticação digital",
                    Action.ADD_DAILY_COUNT, DailyCountsScreen),
        Destination("day_acts", "Meus atos de hoje", Action.REGISTER_ACT, DayActsScreen),
        Destination("own_password", "Trocar a minha senha", Action.CHANGE_OWN_PASSWORD,
                    OwnPasswordScreen, counter=False),
        Destination("drawer", "Fechar o meu caixa", Action.CLOSE_DRAWER, DrawerScreen),
        Destination("closing", "Fechamento do expediente", Action.CLOSE_SHIFT, ClosingScreen),
        Destination("tj_audit", "Auditoria com o TJ", Action.CLOSE_SHIFT, TJAuditScreen),
    ]


# One key per counter service, the same on every screen (ids kept from the first release,
# when only home had them, so that offices' keymap.toml files keep working).
# Not in the footer, which has no room for them at 80 columns: home's menu and F1 list them.
SERVICE_BINDINGS = [
    Binding("f2", "open_service('recognition')", "Firma", id="home.recognition", show=False),
    Binding("f3", "open_service('authentication')", "Autenticação", id="home.authentication",
            show=False),
    Binding("f4", "open_service('signature_card')", "Ficha", id="home.signature_card",
            show=False),
    Binding("f5", "open_service('daily_counts')", "Fotocópias", id="home.daily_counts",
            show=False),
]


def destination(name: str) -> Destination:
    return next(d for d in destinations() if d.name == name)
