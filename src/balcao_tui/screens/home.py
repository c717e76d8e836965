"""Home: what the user's role can do, one key each, and the seals the TJ still awaits."""
from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from ..domain.deadlines import format_local, format_remaining, office_day
from ..domain.permissions import ROLE_LABELS, Action, can
from ..widgets.certificate_notice import CertificateNotice
from ..widgets.keys import binding_by_id, key_display
from ..widgets.status_line import StatusInfo, closing_warning
from .administration import AdministrationScreen
from .base import BalcaoScreen
from .catalog import DESTINATIONS, Destination, first_screen, keyed

LOGOUT_ID = "home.logout"
ADMINISTRATION = "administration"


class HomeScreen(BalcaoScreen):
    TITLE_TEXT = "Balcão — início"
    HELP_TEXT = (
        "• Cada ação do balcão tem uma tecla de função; ↑↓ e Enter também escolhem.\n"
        "• Só aparecem as ações que o seu perfil permite.\n"
        "• F2 a F5 abrem os serviços também de dentro das outras telas do balcão; Esc volta "
        "ao início (se algo foi digitado, o balcão pergunta antes de descartar).\n"
        "• ^P abre a lista de todos os comandos; ^Q sai do programa (com confirmação).\n"
        "• Supervisor e tabelião: Esc volta ao painel de selos, a primeira tela deles.\n"
        "• A linha de baixo mostra o usuário, a data, os selos ainda não enviados ao "
        "TJ com o prazo do mais antigo, e o estado da conexão com o TJ.")
    BINDINGS = [
        # In the menu, not in the footer: the footer has no room left at 80 columns.
        *keyed(everywhere=False),
        Binding("f10", "logout", "Sair", id=LOGOUT_ID),
        # Back to the dashboard, for the roles that land on it (it is not in their menu).
        Binding("escape", "first_screen", "Painel", id="home.first_screen"),
    ]

    def compose_body(self) -> ComposeResult:
        yield Static("", id="greeting")
        yield Static("", id="low-stock", markup=False)
        yield OptionList(id="menu")
        yield CertificateNotice(id="home-certificate")
        yield Static("", id="pending")

    def on_mount(self) -> None:
        user = self.balcao.user
        role = ROLE_LABELS.get(user.role, user.role) if user else ""
        self.query_one("#greeting", Static).update(
            f"Olá, {user.name} ({role})." if user else "")
        self._build_menu()
        self.watch(self.app, "status", self._status_changed, init=True)
        self.query_one("#low-stock", Static).display = False
        if user is not None and can(user.role, Action.REGISTER_ACT):
            self._check_stock(user.id)

    def _check_stock(self, user_id: int) -> None:
        from ..store.usecases.stock_balance import low_stock, low_stock_text

        day = office_day(self.balcao.clock())
        self.call_store(lambda: low_stock_text(low_stock(user_id, day)), self._stock_checked,
                        group="low-stock", exclusive=True)

    def _stock_checked(self, text: str) -> None:
        warning = self.query_one("#low-stock", Static)
        warning.update(text)
        warning.display = bool(text)

    def _build_menu(self) -> None:
        allowed = self.allowed()
        at_counter = any(place.counter for place in allowed)
        options = []
        first = first_screen(self.balcao.user.role) if self.balcao.user else None
        for place in allowed:
            if (at_counter and place.admin) or place == first:
                continue
            key = key_display(self.app, place.binding()) if place.key else ""
            options.append(Option(f"{key:<4} {place.title}", id=place.name))
        if at_counter and self.administration():
            options.append(Option(f"{'':<4} Administração…", id=ADMINISTRATION))
        if not at_counter:
            self.say("O seu perfil não pratica atos no balcão: escolha uma tarefa de "
                     "administração com ↑↓ e Enter.")
        key = key_display(self.app, binding_by_id(HomeScreen, LOGOUT_ID))
        options.append(Option(f"{key:<4} Sair / trocar usuário", id="logout"))
        menu = self.query_one("#menu", OptionList)
        menu.set_options(options)
        menu.highlighted = 0
        menu.focus()

    def allowed(self) -> list[Destination]:
        user = self.balcao.user
        return [d for d in DESTINATIONS if user is not None and can(user.role, d.action)]

    def administration(self) -> list[Destination]:
        return [place for place in self.allowed() if place.admin]

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "first_screen":
            user = self.balcao.user
            return user is not None and first_screen(user.role) is not None
        return action != "back"

    def action_first_screen(self) -> None:
        self.balcao.open_destination(first_screen(self.balcao.user.role).name)

    def action_logout(self) -> None:
        self.balcao.logout()

    @on(OptionList.OptionSelected, "#menu")
    def _menu_chosen(self, event: OptionList.OptionSelected) -> None:
        if event.option_id == "logout":
            self.action_logout()
        elif event.option_id == ADMINISTRATION:
            self.app.push_screen(AdministrationScreen(self.administration()))
        elif event.option_id:
            self.balcao.open_destination(event.option_id)

    def _status_changed(self, info: StatusInfo) -> None:
        pending = info.pending
        if pending is None:
            return
        lines = ["Selos do TJ",
                 f"  Pendentes: {pending.unsent} (aguardando fechamento: "
                 f"{pending.waiting_closing} · na fila de envio: {pending.pending})",
                 f"  Com críticas do TJ: {pending.criticized} · Com falha: {pending.failed}"]
        if pending.oldest_deadline is not None and info.now is not None:
            left = format_remaining(pending.oldest_deadline - info.now)
            lines.append(f"  Prazo mais antigo: {format_local(pending.oldest_deadline)} ({left})")
        closing = closing_warning(pending, info.now)
        if closing:
            lines.append(f"  {closing}: só o fechamento do expediente libera os selos "
                         "híbridos ao TJ.")
        self.query_one("#pending", Static).update("\n".join(lines))
