"""Usuários: the office's users and the situation of each; from here the administrator
adds and edits users and hands out first-access codes, and a supervisor unlocks them."""
from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from ..domain.permissions import ROLE_LABELS, Action, can
from ..domain.text import cut
from ..store.usecases.first_access import AccessCode, reset_access
from ..store.usecases.user_list import UserRow, list_users, status_label
from ..store.usecases.users import UserInfo, unlock_user
from .base import BACK, BalcaoScreen

LOGIN_WIDTH, NAME_WIDTH, ROLE_WIDTH = 12, 20, 21
HEADER = f"{'Login':<{LOGIN_WIDTH}} {'Nome':<{NAME_WIDTH}} {'Perfil':<{ROLE_WIDTH}} Situação"
MANAGING = {"add", "edit", "reset"}


class UsersScreen(BalcaoScreen):
    TITLE_TEXT = "Usuários"
    HELP_TEXT = (
        "• ↑↓ escolhe o usuário. Enter altera login, nome, e-mail, perfil e situação; F6 "
        "cadastra um novo.\n"
        "• Um novo usuário recebe um código de primeiro acesso, mostrado uma só vez: na tela "
        "de entrada ele digita o login e o código no lugar da senha e cria a própria senha. "
        "O código vale 30 minutos e uma só vez.\n"
        "• F8 gera um novo código (senha esquecida): a senha atual deixa de valer.\n"
        "• F7 desbloqueia quem errou a senha 5 vezes (supervisores também podem).\n"
        "• Ninguém é apagado: quem sai fica inativo, e os atos dele continuam com o nome dele.")
    BINDINGS = [
        BACK,
        Binding("enter", "edit", "Alterar", id="users.edit"),
        Binding("f6", "add", "Novo usuário", id="users.add"),
        Binding("f7", "unlock", "Desbloquear", id="users.unlock"),
        Binding("f8", "reset", "Novo código", id="users.reset"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.rows: list[UserRow] = []
        self._busy = False

    def compose_body(self) -> ComposeResult:
        yield Static(HEADER, id="users-header")
        yield OptionList(id="users")
        yield Static("", id="user-detail")

    def on_mount(self) -> None:
        self.query_one("#users", OptionList).focus()
        self.load()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in MANAGING:
            user = self.balcao.user
            return user is not None and can(user.role, Action.MANAGE_USERS)
        return True

    def load(self, chosen: int | None = None) -> None:
        actor = self.balcao.user.id
        self.call_store(lambda: list_users(actor), lambda rows: self._loaded(rows, chosen),
                        failed=self.show_failure, group="users", exclusive=True)

    def _loaded(self, rows: list[UserRow], chosen: int | None) -> None:
        self.rows = rows
        now = self.balcao.clock()
        listing = self.query_one("#users", OptionList)
        listing.set_options(Option(self._line(row, now), id=str(row.info.id)) for row in rows)
        ids = [row.info.id for row in rows]
        listing.highlighted = ids.index(chosen) if chosen in ids else 0 if rows else None
        self._show_detail()

    @staticmethod
    def _line(row: UserRow, now) -> str:
        user = row.info
        return (f"{cut(user.login, LOGIN_WIDTH):<{LOGIN_WIDTH}} "
                f"{cut(user.name, NAME_WIDTH):<{NAME_WIDTH}} "
                f"{cut(ROLE_LABELS[user.role], ROLE_WIDTH):<{ROLE_WIDTH}} "
                f"{status_label(row, now)}")

    def selected(self) -> UserRow | None:
        index = self.query_one("#users", OptionList).highlighted
        return self.rows[index] if index is not None and index < len(self.rows) else None

    @on(OptionList.OptionHighlighted, "#users")
    def _show_detail(self) -> None:
        row = self.selected()
        text = ""
        if row is not None:
            text = f"{row.info.name} · {row.info.email or 'sem e-mail'}"
            if self.check_action("edit", ()):
                text += " · Enter: alterar"
        self.query_one("#user-detail", Static).update(text)

    @on(OptionList.OptionSelected, "#users")
    def _chosen(self) -> None:
        if self.check_action("edit", ()):
            self.action_edit()

    def action_add(self) -> None:
        self._open_form(None)

    def action_edit(self) -> None:
        row = self.selected()
        if row is not None:
            self._open_form(row.info)

    def _open_form(self, user: UserInfo | None) -> None:
        from .user_form import UserFormScreen

        self.app.push_screen(UserFormScreen(user), self._form_closed)

    def _form_closed(self, outcome: tuple[str, int] | None) -> None:
        if outcome is not None:
            message, user_id = outcome
            self.say(message, kind="ok")
            self.load(user_id)

    def action_unlock(self) -> None:
        row = self.selected()
        if row is None or self._busy:
            return
        if not row.info.locked:
            self.say(f"{row.info.name} não está bloqueado.", kind="error")
            return
        actor, user_id = self.balcao.user.id, row.info.id
        self._busy = True
        self.call_store(lambda: unlock_user(actor, user_id), self._unlocked,
                        failed=self._refused, group="unlock", exclusive=True)

    def _unlocked(self, user: UserInfo) -> None:
        self._busy = False
        self.say(f"{user.name} desbloqueado: já pode entrar com a senha.", kind="ok")
        self.load(user.id)

    def action_reset(self) -> None:
        row = self.selected()
        if row is None or self._busy:
            return
        from .confirm import ConfirmScreen

        question = (f"Gerar um novo código de primeiro acesso para {row.info.name}? "
                    "A senha atual dele deixa de valer.")
        self.app.push_screen(ConfirmScreen(question, default=False),
                             lambda yes: self._reset(row.info.id) if yes else None)

    def _reset(self, user_id: int) -> None:
        actor, now = self.balcao.user.id, self.balcao.clock()
        self._busy = True
        self.call_store(lambda: reset_access(actor, user_id, now), self._code_made,
                        failed=self._refused, group="reset", exclusive=True)

    def _code_made(self, given: AccessCode) -> None:
        from .access_code import AccessCodeScreen

        self._busy = False
        self.load(given.user.id)
        self.app.push_screen(AccessCodeScreen(given))

    def _refused(self, failure) -> None:
        self._busy = False
        self.show_failure(failure)
