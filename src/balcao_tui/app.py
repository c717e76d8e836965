"""The Textual App of the counter: session, status line, transmitter, keymap, help."""
from __future__ import annotations

import logging
import threading
from dataclasses import replace
from datetime import datetime
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Iterable

from platformdirs import user_data_dir
from rich.text import Text
from textual import events
from textual.actions import parse as parse_action
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.command import CommandPalette
from textual.reactive import reactive
from textual.screen import ModalScreen, Screen
from textual.worker import Worker, WorkerState

from . import __file__ as package_file
from .domain.deadlines import utcnow
from .domain.permissions import can
from .key_gate import KeyGate
from .keymap import find_keymap_file, load_keymap
from .screens.catalog import first_screen, keyed
from .screens.palette import BalcaoCommands
from .store_changes import StoreChanged, watch_feed
from .tj.link_status import LinkState, LinkStatus
from .widgets.keys import binding_by_id, key_display, key_name
from .widgets.status_line import StatusInfo, shown_link
from .widgets.store_calls import Failure, LazyStore, StoreCalls

if TYPE_CHECKING:
    from .store.change_feed import ChangeBatch
    from .store.queries import PendingSummary
    from .store.transmitter_state import TransmitterView
    from .store.usecases.office import OfficeInfo
    from .store.usecases.users import UserInfo

log = logging.getLogger("balcao_tui.ui")

STATUS_INTERVAL_S = 5.0  # the clock on the status line
SAFETY_POLL_S = 60.0  # the change feed brings the rest; this only covers a lost wake-up
STYLE_FILES = ("base.tcss", "forms.tcss", "dialogs.tcss", "users.tcss", "admin.tcss",
               "seals.tcss", "dashboard.tcss")


def styles_dir() -> Path:
    """The styles shipped in the wheel, else the repository's (editable install)."""
    shipped = Path(package_file).parent / "styles"
    return shipped if shipped.is_dir() else Path(package_file).parents[2] / "styles"


def _opened() -> tuple[OfficeInfo, datetime | None]:
    """The office and its certificate's expiry (the login screen warns of it)."""
    # Imported in the worker thread that runs it, after the login screen is painted.
    from .store.usecases.credentials import certificate_until
    from .store.usecases.office import get_office

    return get_office(), certificate_until()


def _status_snapshot() -> tuple[PendingSummary, datetime | None, TransmitterView]:
    from .store.queries import pending_summary
    from .store.transmitter_state import read_transmitter_view
    from .store.usecases.credentials import certificate_until

    return pending_summary(), certificate_until(), read_transmitter_view()


class BalcaoApp(StoreCalls, App[None]):
    TITLE = "Balcão"
    COMMANDS = {BalcaoCommands}
    CSS_PATH = [styles_dir() / name for name in STYLE_FILES]
    BINDINGS = [
        Binding("f1", "help", "Ajuda", id="app.help"),
        Binding("ctrl+p", "command_palette", "Comandos", priority=True,
                id="app.palette"),
        Binding("ctrl+q", "quit", "Sair do programa", show=False, priority=True,
                id="app.quit"),
        # Priority: handled before the next key is routed, so "login<Tab>senha" arriving
        # in one burst over a slow SSH link still lands in two fields.
        Binding("tab", "app.focus_next", "Próximo campo", show=False, priority=True,
                id="app.focus_next"),
        Binding("shift+tab", "app.focus_previous", "Campo anterior", show=False,
                priority=True, id="app.focus_previous", key_display="Shift+Tab"),
        *keyed(everywhere=True),
    ]

    status: reactive[StatusInfo] = reactive(StatusInfo, always_update=True)
    office: reactive[OfficeInfo | None] = reactive(None)

    def __init__(self, db_url: str, *, transmitter: Any = None, data_dir: Path | None = None,
                 clock: Callable[[], datetime] = utcnow, ansi: bool = False,
                 login_hint: str | None = None) -> None:
        super().__init__()
        self.store = LazyStore(db_url)
        self.store_problem: str | None = None  # why the database could not be opened
        self.transmitter = transmitter
        self.data_dir = Path(data_dir) if data_dir else Path(
            user_data_dir("balcao-tui", appauthor=False))
        self.clock = clock
        self.ansi = ansi
        self.login_hint = login_hint  # e.g. the demo's users and passwords
        self.user: UserInfo | None = None
        self.link: LinkStatus | None = None  # this process's transmitter's own word
        self.shared_link: TransmitterView | None = None  # the database's (every terminal's)
        self.keymap_overrides: dict[str, str] = {}
        self._transmitter_worker: Worker | None = None
        self._loop_thread = threading.get_ident()
        self.key_gate = KeyGate(self, self._dispatch_key)

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, events.Key) and not event.is_forwarded:
            if self.key_gate.admit(event):
                await self._dispatch_key(event)
            return
        await super().on_event(event)

    async def _dispatch_key(self, event: events.Key) -> None:
        typed = getattr(self.screen, "key_typed", None)
        if typed is not None and event.is_printable:
            typed()
        await super().on_event(event)

    # -- start

    async def on_mount(self) -> None:
        from .screens.login import LoginScreen

        self._loop_thread = threading.get_ident()
        self.theme = "ansi-dark" if self.ansi else "textual-dark"
        self.load_keymap()
        self.set_interval(STATUS_INTERVAL_S, self._tick)
        self.set_interval(SAFETY_POLL_S, self.refresh_status)
        self.key_gate.call_started(self.store)  # keys typed meanwhile wait for the database
        await self.push_screen(LoginScreen())
        # Once the login screen is painted: Peewee, the connection and the schema check.
        self.call_after_refresh(self._open_store)

    def _open_store(self) -> None:
        self.call_store(_opened, self._store_opened, failed=self._store_unavailable,
                        group="open")

    def _store_opened(self, opened: tuple[OfficeInfo, datetime | None]) -> None:
        self.key_gate.call_ended(self.store)
        self.office, until = opened
        self.status = replace(self.status, now=self.clock(), certificate_until=until)
        self.run_worker(partial(watch_feed, self._feed_batch), thread=True,
                        group="feed", exit_on_error=False, description="change feed")
        if self.transmitter is not None:
            self._start_transmitter()  # it brings httpx and cryptography

    def _store_unavailable(self, failure: Failure) -> None:
        """The database cannot be used, or holds no office: the counter closes and `balcao`
        says why."""
        self.key_gate.call_ended(self.store)
        self.store_problem = failure.message
        self.exit(return_code=2)

    def _feed_batch(self, batch: ChangeBatch) -> None:
        """From the feed's thread: hand the batch to the event loop."""
        self.call_from_thread(self._store_changed, batch)

    def _store_changed(self, batch: ChangeBatch) -> None:
        if self.user is None:
            return
        self.screen.post_message(StoreChanged(batch.changes, batch.gap))
        if batch.gap or any(c.entity in ("seal_record", "transmitter") for c in batch.changes):
            self.refresh_status()

    def load_keymap(self) -> None:
        path = find_keymap_file(self.data_dir)
        if path is None:
            return  # no overrides; known_binding_ids() would import every screen for nothing
        loaded = load_keymap(path, self.known_binding_ids())
        for problem in loaded.problems:
            log.warning("keymap: %s", problem)
            self.notify(problem, title="Teclas", severity="warning", timeout=10)
        self.keymap_overrides = loaded.keymap
        self.set_keymap(loaded.keymap)

    def known_binding_ids(self) -> set[str]:
        from .screens.access_code import AccessCodeScreen
        from .screens.catalog import DESTINATIONS
        from .screens.confirm import ConfirmScreen
        from .screens.drawers_of_day import DrawersOfDayScreen
        from .screens.help import HelpScreen
        from .screens.home import HomeScreen
        from .screens.label import LabelScreen
        from .screens.login import LoginScreen
        from .screens.payment import PaymentScreen
        from .screens.seal_return import SealReturnScreen
        from .widgets.kind_chooser import KindChooser

        classes = [type(self), LoginScreen, HomeScreen, LabelScreen, ConfirmScreen, HelpScreen,
                   SealReturnScreen, KindChooser, PaymentScreen, DrawersOfDayScreen,
                   AccessCodeScreen, *(d.screen_class() for d in DESTINATIONS)]
        return {binding.id for cls in classes for base in cls.__mro__
                for binding in base.__dict__.get("BINDINGS", [])
                if isinstance(binding, Binding) and binding.id}

    # -- session

    def login_as(self, user: UserInfo, office: OfficeInfo) -> None:
        from .screens.home import HomeScreen

        self.user = user
        self.office = office
        self.status = StatusInfo(login=user.login, now=self.clock(),
                                 link=shown_link(self.link, self.shared_link),
                                 transmitter=self.transmitter is not None,
                                 certificate_until=self.status.certificate_until)
        self.switch_screen(HomeScreen())
        first = first_screen(user.role)
        if first is not None:
            self.push_screen(first.screen_class()())
        self.refresh_status()

    def logout(self) -> None:
        from .screens.login import LoginScreen

        self.user = None
        while len(self.screen_stack) > 2:
            self.pop_screen()
        self.switch_screen(LoginScreen())

    def open_destination(self, name: str) -> None:
        from .screens.catalog import destination

        place = destination(name)
        if self.user is None or not can(self.user.role, place.action):
            self.notify("O seu perfil não permite esta ação.", severity="error")
            return
        # Above home stays the role's first screen (the dashboard), so Esc goes back to it.
        first = first_screen(self.user.role)
        stack = self.screen_stack
        keep = 3 if first and first is not place and len(stack) > 2 and first.shows(stack[2]) else 2
        while len(self.screen_stack) > keep:
            self.pop_screen()
        self.push_screen(place.screen_class()())

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "open_service":
            from .screens.catalog import destination

            # Not from the login screen nor over a question or a label still open.
            return (self.user is not None and not isinstance(self.screen, ModalScreen)
                    and can(self.user.role, destination(str(parameters[0])).action))
        return True

    def action_open_service(self, name: str) -> None:
        """F2-F5 from any counter screen; typed data is discarded only if the clerk says so."""
        leave = getattr(self.screen, "leave_then", None)
        if leave is None:
            self.open_destination(name)
        else:
            leave(lambda: self.open_destination(name))

    async def action_quit(self) -> None:
        from .screens.confirm import ConfirmScreen

        if isinstance(self.screen, ConfirmScreen):
            return
        self.push_screen(ConfirmScreen("Sair do balcão?", default=False),
                         lambda yes: self.exit() if yes else None)

    def seals_created(self) -> None:
        """After any use case that created seal records."""
        self.refresh_status()
        if self.transmitter is not None:
            self.transmitter.wake()

    # -- status line

    def _tick(self) -> None:
        self.status = replace(self.status, now=self.clock())

    def refresh_status(self) -> None:
        self._tick()
        if self.user is not None:
            self.call_store(_status_snapshot, self._pending_loaded,
                            failed=lambda _failure: None, group="status", exclusive=True)

    def _pending_loaded(self, snapshot: tuple[PendingSummary, datetime | None,
                                              TransmitterView]) -> None:
        pending, until, self.shared_link = snapshot
        self.status = replace(self.status, pending=pending, now=self.clock(),
                              certificate_until=until,
                              link=shown_link(self.link, self.shared_link))

    # -- transmitter

    def _start_transmitter(self) -> None:
        self.transmitter.on_status = self._link_status
        self._transmitter_worker = self.run_worker(
            self.transmitter.run(), name="transmissor", group="transmitter",
            exit_on_error=False)

    def _link_status(self, status: LinkStatus) -> None:
        if threading.get_ident() != self._loop_thread:
            self.call_from_thread(self._link_status, status)
            return
        self.link = status
        self.status = replace(self.status, link=shown_link(status, self.shared_link))

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.worker is self._transmitter_worker and event.state == WorkerState.ERROR:
            error = event.worker.error
            log.error("transmitter stopped", exc_info=(type(error), error, error.__traceback__))
            self._link_status(LinkStatus(LinkState.FAILING, "o transmissor parou; veja o log"))
            return
        super().on_worker_state_changed(event)

    # -- help, palette, errors

    def get_key_display(self, binding: Binding) -> str:
        if binding.key_display:
            return binding.key_display
        return key_name(binding.key.split(",")[0].strip()) or super().get_key_display(binding)

    def action_help(self) -> None:
        from .screens.help import HelpScreen

        if isinstance(self.screen, HelpScreen):
            self.screen.dismiss(None)
            return
        self.push_screen(HelpScreen.for_screen(self.screen, self._app_bindings()))

    def _app_bindings(self) -> list[Binding]:
        """The App's keys that work now (the services only for a role that may use them)."""
        return [b for b in self.BINDINGS if isinstance(b, Binding)
                and self.check_action(*parse_action(b.action)[1:]) is not False]

    def action_command_palette(self) -> None:
        if not CommandPalette.is_open(self):
            self.push_screen(CommandPalette(placeholder="Buscar comando…",
                                            id="--command-palette"))

    def action_help_quit(self) -> None:
        quit_key = key_display(self, binding_by_id(type(self), "app.quit"))
        self.notify(f"Para sair do programa use {quit_key}.")

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        from .screens.catalog import DESTINATIONS

        collect = getattr(screen, "help_bindings", None)
        opened_here = set()
        for binding, node in collect() if collect else []:
            _, name, params = parse_action(binding.action)
            if node.check_action(name, params) is False:
                continue
            if name == "open_service":
                opened_here.add(params[0])
            yield SystemCommand(f"{binding.description} ({key_display(self, binding)})",
                                "nesta tela", partial(self.run_action, binding.action, node))
        if self.user is not None:
            for place in DESTINATIONS:
                if (can(self.user.role, place.action) and not place.shows(screen)
                        and place.name not in opened_here):
                    yield SystemCommand(f"Abrir: {place.title}", place.help or "ir para a tela",
                                        partial(self.open_destination, place.name))
            yield SystemCommand("Trocar usuário", "volta à tela de entrada", self.logout)
        help_key = key_display(self, binding_by_id(type(self), "app.help"))
        yield SystemCommand(f"Ajuda ({help_key})", "as teclas desta tela", self.action_help)
        yield SystemCommand("Sair do programa", "fecha o balcão", self.action_quit)

    def _fatal_error(self) -> None:
        # Textual's hook for an unhandled exception: log it, and show no raw traceback.
        log.exception("unexpected error in the interface")
        self.bell()
        self.panic(Text("O balcão encontrou um erro inesperado e foi fechado. Os detalhes "
                        "estão no registro (log). Abra-o de novo com: balcao", "bold red"))
