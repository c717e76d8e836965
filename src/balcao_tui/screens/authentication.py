"""Copy authentication (autenticação de cópia): one act and one seal per page or face."""
from __future__ import annotations

from textual.app import ComposeResult
from textual.widgets import Input, Static

from ..domain.act_kinds import AUTENTICACAO, ActKind, PhysicalSealType, get_act_kind
from .counter_act import SEALS_HELP, CounterActScreen


class AuthenticationScreen(CounterActScreen):
    TITLE_TEXT = "Autenticação de cópia"
    SEAL_TYPE = PhysicalSealType.AUTENTICACAO.value
    COUNT_LABEL = "Páginas"
    UNIT = "página"
    UNITS = "páginas"
    CONFIRM_ABOVE_SETTING = "counter.confirm_pages"
    CONFIRM_ABOVE_DEFAULT = 10
    HELP_TEXT = ("• Páginas: quantas páginas ou faces serão autenticadas; cada uma é um ato "
                 "com o seu selo.\n" + SEALS_HELP)

    def compose_body(self) -> ComposeResult:
        yield Static("Cada página ou face autenticada é um ato com o seu selo.", id="intro")
        yield from self.compose_count_and_seals()

    def first_focus(self) -> None:
        self.query_one("#count", Input).focus()

    def kind(self) -> ActKind | None:
        return get_act_kind(AUTENTICACAO)
