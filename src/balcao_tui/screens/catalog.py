"""The action registry: every screen the user can open, one entry each.

Home's menu, home's keys, the keys that work on every counter screen (F2-F5), the command
palette, F1 help and the keymap's binding ids are all built from `DESTINATIONS`. A new
screen is one entry. Screens are imported only when opened, so that the login screen is
drawn without them.
"""
from __future__ import annotations

from dataclasses import dataclass
from importlib import import_module

from textual.binding import Binding
from textual.screen import Screen

from ..domain.permissions import Action, Role


@dataclass(frozen=True)
class Destination:
    name: str  # the id: its key binding is "home.<name>", as keymap.toml names it
    title: str
    action: Action  # the permission it needs
    screen: str  # "module:Class" under balcao_tui.screens
    key: str | None = None  # reached with ↑↓ and Enter on home when None
    everywhere: bool = False  # the key works on every counter screen, not only on home
    help: str = ""  # one line, for the command palette
    counter: bool = True  # a task of the counter, not of one's own account
    admin: bool = False  # under "Administração" on a counter role's home

    def screen_class(self) -> type[Screen]:
        module, name = self.screen.split(":")
        return getattr(import_module(f"{__package__}.{module}"), name)

    def shows(self, screen: Screen) -> bool:
        return type(screen).__name__ == self.screen.split(":")[1]

    def binding(self) -> Binding:
        action = f"open_service('{self.name}')"
        return Binding(self.key or "", action if self.everywhere else f"app.{action}",
                       self.title, id=f"home.{self.name}", show=False)


DESTINATIONS = (
    Destination("recognition", "Reconhecimento de firma", Action.REGISTER_ACT,
                "recognition:RecognitionScreen", "f2", everywhere=True,
                help="por semelhança ou autenticidade, com a ficha do signatário"),
    Destination("authentication", "Autenticação de cópia", Action.REGISTER_ACT,
                "authentication:AuthenticationScreen", "f3", everywhere=True,
                help="um selo por página ou face"),
    Destination("signature_card", "Ficha de firma (abertura)", Action.MANAGE_SIGNATURE_CARDS,
                "signature_card:SignatureCardScreen", "f4", everywhere=True,
                help="abrir a ficha de um novo signatário"),
    Destination("daily_counts", "Fotocópias e autenticação digital", Action.ADD_DAILY_COUNT,
                "daily_counts:DailyCountsScreen", "f5", everywhere=True,
                help="as quantidades do dia, seladas no fechamento"),
    Destination("day_acts", "Meus atos de hoje", Action.REGISTER_ACT,
                "day_acts:DayActsScreen", "f6",
                help="reimprimir, estornar ou inutilizar selos do dia"),
    Destination("own_password", "Trocar a minha senha", Action.CHANGE_OWN_PASSWORD,
                "own_password:OwnPasswordScreen", "f7", counter=False),
    Destination("drawer", "Fechar o meu caixa", Action.CLOSE_DRAWER,
                "drawer:DrawerScreen", "f8",
                help="o contado por forma de pagamento ao lado do esperado"),
    Destination("closing", "Fechamento do expediente", Action.CLOSE_SHIFT,
                "closing:ClosingScreen", "f9",
                help="conferir e fechar o dia: cargas de selos e selos diários ao TJ"),
    Destination("tj_audit", "Auditoria com o TJ", Action.CLOSE_SHIFT,
                "tj_audit:TJAuditScreen",
                help="os selos de um dia comparados com os que o TJ recebeu"),
    Destination("stock", "Estoque de selos físicos", Action.MANAGE_SEAL_STOCK,
                "stock:StockScreen", counter=False, admin=True,
                help="compras, entrega e troca de cartelas; saldo por série e escrevente"),
    Destination("users", "Usuários", Action.UNLOCK_USER, "users:UsersScreen",
                help="cadastrar, alterar, desbloquear; código de primeiro acesso",
                counter=False, admin=True),
    Destination("office_settings", "Configurações da serventia", Action.MANAGE_OFFICE,
                "office_settings:OfficeSettingsScreen", counter=False, admin=True,
                help="CNS, ISS, selo na ficha, confirmações e o modo de envio ao TJ"),
    Destination("fee_tables", "Tabela de emolumentos", Action.MANAGE_OFFICE,
                "fee_tables:FeeTablesScreen", counter=False, admin=True,
                help="importar a tabela do ano e ver os valores de um dia"),
    Destination("act_codes", "Códigos dos atos", Action.MANAGE_OFFICE,
                "act_codes:ActCodesScreen", counter=False, admin=True,
                help="o código de cada tipo de ato no selo digital"),
    Destination("credentials", "Credenciais do TJ", Action.MANAGE_OFFICE,
                "credentials:CredentialsScreen", counter=False, admin=True,
                help="certificado A1 e client OAuth; segredos guardados cifrados"),
    Destination("audit_log", "Trilha de auditoria", Action.VIEW_AUDIT,
                "audit_log:AuditLogScreen", counter=False, admin=True,
                help="quem fez o quê e quando; a cadeia de hashes conferida"),
    Destination("seals", "Consultar selos", Action.SEARCH_SEALS,
                "seal_search:SealSearchScreen", counter=False,
                help="por código, data, escrevente, tipo, situação ou selo físico"),
    Destination("dashboard", "Painel de selos", Action.VIEW_DASHBOARD,
                "dashboard:DashboardScreen", counter=False,
                help="selos na fila, criticados e com falha por prazo; transmissor; atos por hora"),
)


# The roles whose first screen after login is the dashboard (Esc leads to the menu).
DASHBOARD_HOME = frozenset({Role.SUPERVISOR, Role.TABELIAO})


def first_screen(role: str) -> Destination | None:
    """The screen opened over home right after login, if the role has one."""
    return destination("dashboard") if role in DASHBOARD_HOME else None


def keyed(*, everywhere: bool) -> list[Binding]:
    """The keys of the App (everywhere) or of home (the others)."""
    return [d.binding() for d in DESTINATIONS if d.key and d.everywhere == everywhere]


def destination(name: str) -> Destination:
    return next(d for d in DESTINATIONS if d.name == name)
