"""Painel de selos: counts by state, the records that still need the TJ by time left to
their 24 h deadline, the transmitter and the day's acts per hour. The home of supervisors
and notaries; Esc leads to the menu of every other action.

Opened with one read; afterwards only the records that changed are read again, by key
(`records_changed`), and the counts move by their old and new states.
"""
from __future__ import annotations

from datetime import date
from typing import Callable, Sequence

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.widgets import DataTable, Input, Static

from ..domain.boundary import LIMITS
from ..domain.deadlines import office_day
from ..domain.permissions import Action, can
from ..store.dashboard import (LIST_LIMIT, DashboardData, DashboardRow, Move, StateCounts,
                               acts_per_hour, deadline_order, moved_counts, moves_of,
                               open_dashboard, records_by_id, sending_counts)
from ..store.transmitter_state import (TransmitterView, pause_transmission,
                                       read_transmitter_view, request_send_now,
                                       resume_transmission)
from ..store.usecases.resend import RESENDABLE, Requeued, resend_record
from ..widgets.form_field import FormField
from ..widgets.store_calls import Failure
from .base import BalcaoScreen
from .catalog import keyed
from .dashboard_text import (counts_text, hours_chart, row_cells, row_detail, time_left,
                             transmitter_text)

COLUMNS = (("Prazo", "left", 14), ("Selo", "code", 25), ("Situação", "state", 9),
           ("Crítica do TJ / falha", "note", 21))
TICK_S = 30.0


class DashboardScreen(BalcaoScreen):
    TITLE_TEXT = "Painel de selos"
    HELP_TEXT = (
        "• Os selos por situação, hoje e no total; a lista traz os selos na fila, "
        "criticados pelo TJ ou com falha, do prazo mais curto ao mais longo (24 h a contar "
        "do ato). Em amarelo, menos de 2 h; em vermelho, vencidos.\n"
        "• ↑↓ escolhem um selo: a crítica do TJ aparece inteira embaixo da lista; Enter "
        "mostra o selo com o seu histórico.\n"
        "• R reenvia ao TJ o selo criticado ou com falha escolhido, depois de corrigida a "
        "causa (pede o motivo).\n"
        "• P pausa a transmissão ao TJ (pede o motivo) ou a retoma; E pede ao transmissor "
        "que envie agora, também no modo offline ou agendado.\n"
        "• Esc leva ao menu com todas as ações; as teclas do início (F2 a F10) valem aqui "
        "também.")
    BINDINGS = [
        Binding("escape", "back", "Menu", id="back"),
        Binding("r", "resend", "Reenviar", id="dashboard.resend"),
        Binding("p", "pause", "Pausar/retomar", id="dashboard.pause"),
        Binding("e", "send_now", "Enviar agora", id="dashboard.send_now"),
        # Home's keys work here too: the dashboard stands in front of home.
        *keyed(everywhere=False),
        Binding("f10", "logout", "Sair", id="dashboard.logout", show=False),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.counts: StateCounts | None = None
        self.rows: dict[int, DashboardRow] = {}
        self.complete = True  # every listed record is in `rows`
        self.transmitter: TransmitterView | None = None
        self.asking: str | None = None  # "resend" or "pause" while the reason is asked
        self._busy = False

    def compose_body(self) -> ComposeResult:
        with Horizontal(id="dash-top"):
            yield Static("", id="dash-counts")
            yield Static("", id="dash-transmitter")
        yield Static("", id="dash-hours")
        yield DataTable(id="dash-list", cursor_type="row", zebra_stripes=False)
        yield Static("", id="dash-detail")
        yield FormField("Motivo", Input(id="dash-reason", max_length=LIMITS["reason"].max_length,
                                        placeholder="o motivo, que fica na auditoria"),
                        field="reason")

    def on_mount(self) -> None:
        table = self.query_one("#dash-list", DataTable)
        for label, key, width in COLUMNS:
            table.add_column(label, key=key, width=width)
        self._reason_field().display = False
        table.focus()
        self.set_interval(TICK_S, self._tick)
        self.load()

    # -- reading

    def today(self) -> date:
        return office_day(self.balcao.clock())

    def load(self) -> None:
        today = self.today()
        self.call_store(lambda: (open_dashboard(today), read_transmitter_view()), self._loaded,
                        failed=self.show_failure, group="dashboard", exclusive=True)

    def _loaded(self, loaded: tuple[DashboardData, TransmitterView]) -> None:
        data, view = loaded
        self._show_transmitter(view)
        self.counts = data.counts
        self.complete = data.listing.complete
        self.rows = {row.id: row for row in data.listing.rows}
        table = self.query_one("#dash-list", DataTable)
        table.clear()
        for row in data.listing.rows:
            table.add_row(*row_cells(row, self.balcao.clock()), key=str(row.id))
        self._show_hours(data.acts_per_hour)
        self._show_counts()
        self._show_detail()
        if not self.complete:
            self.say(f"A lista mostra os {LIST_LIMIT} selos de prazo mais curto.")

    def records_changed(self, moves: Sequence[Move], also: Sequence[int] = ()) -> None:
        """Read again only the records of `moves` (and of `also`), update their rows and
        move the counts by `moves`."""
        ids = [move.record_id for move in moves] + list(also)
        if not ids:
            return
        today = self.today()
        self.call_store(lambda: (records_by_id(ids), sending_counts(today)),
                        lambda found: self._changed(moves, *found, today),
                        failed=self.show_failure, group="dashboard-changes")

    def on_store_changed(self, message) -> None:
        """The App's StoreChanged (the change feed): the changed rows only, by key; all
        again when the feed lost track (`full`)."""
        if message.full:
            self.load()
            return
        self.records_changed(moves_of(message.changes))
        entities = {change.entity for change in message.changes}
        if "transmitter" in entities:
            self.call_store(read_transmitter_view, self._show_transmitter,
                            failed=self.show_failure, group="dashboard-transmitter",
                            exclusive=True)
        if "act" in entities:
            today = self.today()
            self.call_store(lambda: acts_per_hour(today), self._show_hours,
                            failed=self.show_failure, group="dashboard-hours", exclusive=True)

    def _changed(self, moves: Sequence[Move], rows: tuple[DashboardRow, ...],
                 sending: tuple[int, int], today: date) -> None:
        if self.counts is not None:
            self.counts = moved_counts(self.counts, moves, {r.id: r.day for r in rows}, today,
                                       sending)
            self._show_counts()
        table = self.query_one("#dash-list", DataTable)
        cutoff = max(map(deadline_order, self.rows.values()), default=None)
        added = False
        for row in rows:
            shown = row.id in self.rows
            if not row.listed or not (self.complete or shown
                                      or (cutoff and deadline_order(row) <= cutoff)):
                if shown:
                    del self.rows[row.id]
                    table.remove_row(str(row.id))
                continue
            self.rows[row.id] = row
            cells = row_cells(row, self.balcao.clock())
            if shown:
                for (_, key, _), value in zip(COLUMNS, cells):
                    table.update_cell(str(row.id), key, value)
            else:
                table.add_row(*cells, key=str(row.id))
                added = True
        if added:
            order = {r.code: deadline_order(r) for r in self.rows.values()}
            table.sort("code", key=order.__getitem__)
        if not self.rows and not self.complete:
            self.load()  # the window emptied: read the next nearest deadlines
        self._show_detail()

    # -- showing

    def _show_counts(self) -> None:
        if self.counts is not None:
            self.query_one("#dash-counts", Static).update(counts_text(self.counts))

    def _show_hours(self, hours: tuple[int, ...]) -> None:
        self.query_one("#dash-hours", Static).update(hours_chart(hours))

    def _show_transmitter(self, view: TransmitterView) -> None:
        self.transmitter = view
        self.query_one("#dash-transmitter", Static).update(transmitter_text(view))

    def _tick(self) -> None:
        """Time left goes down without a store call."""
        table, now = self.query_one("#dash-list", DataTable), self.balcao.clock()
        for row in self.rows.values():
            table.update_cell(str(row.id), "left", time_left(row, now))

    def selected(self) -> DashboardRow | None:
        table = self.query_one("#dash-list", DataTable)
        if not table.row_count:
            return None
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        return self.rows.get(int(key)) if key else None

    @on(DataTable.RowHighlighted, "#dash-list")
    def _show_detail(self) -> None:
        row = self.selected()
        self.query_one("#dash-detail", Static).update(
            row_detail(row) if row else "Nenhum selo na fila, criticado ou com falha.")

    @on(DataTable.RowSelected, "#dash-list")
    def _open_detail(self) -> None:
        from .seal_detail import SealDetailScreen

        row = self.selected()
        if row is not None:
            self.app.push_screen(SealDetailScreen(row.id))

    # -- resend

    def _reason_field(self) -> FormField:
        return self.query_one(FormField)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("resend", "pause", "send_now"):
            user = self.balcao.user
            return user is not None and can(user.role, Action.MANAGE_TRANSMISSION)
        return True

    def action_resend(self) -> None:
        row = self.selected()
        if row is None or row.state not in RESENDABLE:
            self.say("Escolha com ↑↓ um selo criticado ou com falha para reenviar.",
                     kind="error")
            return
        self._ask_reason("resend", f"Reenviar o selo {row.code}: escreva o motivo e tecle Enter.")

    def _ask_reason(self, purpose: str, prompt: str) -> None:
        self.asking = purpose
        self._reason_field().display = True
        self.query_one("#dash-reason", Input).focus()
        self.say(prompt)

    # -- the transmitter

    def action_pause(self) -> None:
        if self._busy or self.transmitter is None:
            return
        if not self.transmitter.paused:
            self._ask_reason("pause", "Pausar a transmissão ao TJ: escreva o motivo e tecle "
                                      "Enter.")
            return
        actor = self.balcao.user.id
        self._control(lambda: resume_transmission(actor), "Transmissão retomada.")

    def action_send_now(self) -> None:
        if self._busy:
            return
        actor = self.balcao.user.id
        self._control(lambda: request_send_now(actor), "Envio pedido ao transmissor.")

    def _control(self, job: Callable[[], TransmitterView], said: str) -> None:
        """Pause, resume or send now: one at a time; `said` once the store took it."""
        self._busy = True
        self.call_store(job, lambda view: self._transmitter_done(view, said),
                        failed=self._refused, group="transmission", exclusive=True)

    def _transmitter_done(self, view: TransmitterView, said: str) -> None:
        self._busy = False
        self._close_reason()
        self._show_transmitter(view)
        self.say(said, kind="ok")
        if self.balcao.transmitter is not None:
            self.balcao.transmitter.wake()

    def action_logout(self) -> None:
        self.balcao.logout()

    def has_typed_data(self) -> bool:
        return bool(self.query_one("#dash-reason", Input).value.strip())

    def action_back(self) -> None:
        if self._reason_field().display:
            self._close_reason()
            self.say("")
            return
        super().action_back()

    def _close_reason(self) -> None:
        self.asking = None
        self.query_one("#dash-reason", Input).value = ""
        self._reason_field().set_error(None)
        self._reason_field().display = False
        self.query_one("#dash-list", DataTable).focus()

    @on(Input.Submitted, "#dash-reason")
    def _reason_given(self) -> None:
        if self._busy:
            return
        actor, now = self.balcao.user.id, self.balcao.clock()
        reason = self.query_one("#dash-reason", Input).value
        if self.asking == "pause":
            self._control(lambda: pause_transmission(actor, reason), "Transmissão pausada.")
            return
        row = self.selected()
        if row is None:
            return
        self._busy = True
        self.call_store(lambda: resend_record(actor, row.id, reason, now=now),
                        lambda done: self._resent(done, row), failed=self._refused,
                        group="resend", exclusive=True)

    def _resent(self, done: Requeued, row: DashboardRow) -> None:
        self._busy = False
        self._close_reason()
        self.say(f"Selo {done.code} de volta à fila do transmissor.", kind="ok")
        # Its row at once; the counts when the change feed brings the move, so once.
        self.records_changed([], also=[row.id])
        self.balcao.seals_created()  # the status line counts it, the transmitter sends it

    def _refused(self, failure: Failure) -> None:
        self._busy = False
        self.show_failure(failure)
