"""A user's form: login, name, e-mail, role and, for an existing user, active or not.
A new user is saved without a password: the code shown next is theirs to exchange."""
from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.widgets import Input, Label, OptionList
from textual.widgets.option_list import Option

from ..domain.boundary import LIMITS
from ..domain.permissions import ROLE_LABELS, Role
from ..store.usecases.first_access import AccessCode, add_user
from ..store.usecases.users import UserInfo, update_user
from ..widgets.form_field import FocusRow, FormField
from ..widgets.store_calls import Failure
from .base import BACK, CONFIRM, BalcaoScreen

ACTIVE, INACTIVE = "ativo", "inativo"
CHOICES = {**ROLE_LABELS, ACTIVE: "Ativo",
           INACTIVE: "Inativo: não entra mais; os atos ficam"}
FIELDS = ("login", "name", "email")


class UserFormScreen(BalcaoScreen):
    HELP_TEXT = (
        "• Enter passa ao campo seguinte; ↑↓ escolhe o perfil e a situação; F9 salva.\n"
        "• Login: letras minúsculas, dígitos, ponto, hífen ou sublinhado, começando por letra.\n"
        "• Um usuário inativo não entra mais, mas os atos dele continuam com o nome dele.\n"
        "• Um novo usuário recebe um código de primeiro acesso, mostrado uma só vez.")
    BINDINGS = [BACK, CONFIRM]

    def __init__(self, user: UserInfo | None) -> None:
        super().__init__()
        self.user = user
        self.TITLE_TEXT = f"Usuário {user.login}" if user else "Novo usuário"
        self._busy = False

    def compose_body(self) -> ComposeResult:
        user = self.user
        yield FormField("Login", Input(user.login if user else "", id="login",
                                       max_length=LIMITS["login"].max_length), field="login")
        yield FormField("Nome", Input(user.name if user else "", id="name",
                                      max_length=LIMITS["user_name"].max_length),
                        field="name")
        yield FormField("E-mail", Input(user.email if user else "", id="email",
                                        max_length=LIMITS["email"].max_length,
                                        placeholder="opcional"), field="email")
        with FocusRow(classes="choice-row"):
            yield Label("Perfil", classes="field-label")
            yield OptionList(*(Option(CHOICES[role], id=role) for role in ROLE_LABELS),
                             id="role", classes="choice")
        if user is not None:
            with FocusRow(classes="choice-row"):
                yield Label("Situação", classes="field-label")
                yield OptionList(*(Option(CHOICES[key], id=key) for key in (ACTIVE, INACTIVE)),
                                 id="active", classes="choice")

    def on_mount(self) -> None:
        roles = list(ROLE_LABELS)
        self.query_one("#role", OptionList).highlighted = roles.index(
            Role(self.user.role) if self.user else Role.ESCREVENTE)
        if self.user is not None:
            self.query_one("#active", OptionList).highlighted = 0 if self.user.active else 1
        self.query_one("#login", Input).focus()

    @on(Input.Submitted)
    @on(OptionList.OptionSelected)
    def _next(self) -> None:
        self.focus_next()

    @on(OptionList.OptionHighlighted, ".choice")
    def _mark_choice(self, event: OptionList.OptionHighlighted) -> None:
        """The choice marked in the text too: a highlight alone is lost without colour."""
        listing = event.option_list
        for index in range(listing.option_count):
            mark = "(•)" if index == event.option_index else "( )"
            label = CHOICES[listing.get_option_at_index(index).id or ""]
            listing.replace_option_prompt_at_index(index, f"{mark} {label}")

    def has_typed_data(self) -> bool:
        typed = [self.query_one(f"#{field}", Input).value for field in FIELDS]
        before = [getattr(self.user, field) for field in FIELDS] if self.user else [""] * 3
        return typed != before

    def _chosen(self, list_id: str) -> str:
        listing = self.query_one(f"#{list_id}", OptionList)
        return listing.get_option_at_index(listing.highlighted or 0).id or ""

    def action_confirm(self) -> None:
        if self._busy:
            return
        self.clear_errors()
        login, name, email = (self.query_one(f"#{field}", Input).value for field in FIELDS)
        role, actor, now = self._chosen("role"), self.balcao.user.id, self.balcao.clock()
        self._busy = True
        if self.user is None:
            self.say("Cadastrando…")
            self.call_store(lambda: add_user(actor, login=login, name=name, role=role,
                                             email=email, now=now),
                            self._added, failed=self._refused, group="user", exclusive=True)
            return
        user_id, active = self.user.id, self._chosen("active") == ACTIVE
        self.call_store(lambda: update_user(actor, user_id, login=login, name=name,
                                            email=email, role=role, active=active),
                        self._updated, failed=self._refused, group="user", exclusive=True)

    def _added(self, given: AccessCode) -> None:
        from .access_code import AccessCodeScreen

        self.dismiss((f"{given.user.name} cadastrado.", given.user.id))
        self.app.push_screen(AccessCodeScreen(given))

    def _updated(self, user: UserInfo) -> None:
        self.dismiss((f"{user.name} alterado.", user.id))

    def _refused(self, failure: Failure) -> None:
        self._busy = False
        self.show_failure(failure)
