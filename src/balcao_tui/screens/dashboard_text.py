"""The dashboard's text: counts by state, the acts-per-hour chart and the cells of a row."""
from __future__ import annotations

from datetime import datetime, timedelta

from rich.text import Text

from ..domain.deadlines import format_local, format_remaining, to_local
from ..domain.link_state import LINK_LABELS
from ..store.dashboard import DashboardRow, StateCounts
from ..store.transmitter_state import TransmitterView

SOON = timedelta(hours=2)
BARS = " ▁▂▃▄▅▆▇█"
STATE_SHORT = {"pending": "na fila", "criticized": "criticado", "failed": "com falha"}
# Two columns of four states; "sending" is the part of "pending" the TJ is answering now.
COUNT_COLUMNS = (
    (("waiting_closing", "Aguard. fech."), ("pending", "Na fila"), ("sending", "Enviando"),
     ("criticized", "Criticados")),
    (("failed", "Com falha"), ("communicated", "Comunicados"), ("corrected", "Retificados"),
     ("excluded", "Excluídos")),
)
LABEL, TODAY, TOTAL = 13, 5, 8


def _number(value: int) -> str:
    return f"{value:,}".replace(",", ".")


def _counts_of(counts: StateCounts, state: str) -> tuple[int, int]:
    if state == "sending":
        return counts.sending_today, counts.sending_overall
    today, overall = counts.today[state], counts.overall[state]
    if state == "pending":  # what is being sent is shown on its own line
        return today - counts.sending_today, overall - counts.sending_overall
    return today, overall


def counts_text(counts: StateCounts) -> str:
    header = f"{'Selos':<{LABEL}}{'hoje':>{TODAY}}{'total':>{TOTAL}}"
    lines = [f"{header}   {header}"]
    for left, right in zip(*COUNT_COLUMNS):
        cells = []
        for state, label in (left, right):
            today, overall = _counts_of(counts, state)
            cells.append(f"{label:<{LABEL}}{_number(today):>{TODAY}}{_number(overall):>{TOTAL}}")
        lines.append("   ".join(cells))
    return "\n".join(lines)


def hours_chart(hours: tuple[int, ...]) -> str:
    """Two lines: a bar per hour (two columns each), and the hours under them."""
    top = max(hours, default=0)
    bars = "".join(BARS[0 if not count else max(1, round(count * 8 / top))] * 2
                   for count in hours)
    axis = "".join(f"{hour}h".ljust(12) for hour in range(0, 24, 6))
    return f"Atos por hora  {bars}  máx. {top}\n{'':15}{axis}"


def time_left(row: DashboardRow, now: datetime) -> Text:
    left = row.deadline_at - now
    style = "bold red" if left < timedelta(0) else "bold yellow" if left < SOON else ""
    return Text(format_remaining(left), style=style)


def row_cells(row: DashboardRow, now: datetime) -> tuple[Text, str, str, str]:
    note = (row.criticisms[0].message if row.criticisms and row.state == "criticized"
            else row.failure if row.state == "failed" else "")
    return time_left(row, now), row.code, STATE_SHORT.get(row.state, row.state), note


def row_detail(row: DashboardRow) -> str:
    """The whole of what the TJ said about the record, under the list."""
    if row.state == "criticized" and row.criticisms:
        return "Crítica do TJ: " + "; ".join(f"{c.code} — {c.message}" for c in row.criticisms)
    if row.state == "failed":
        return f"Falha: {row.failure or 'sem detalhe'}"
    return f"Na fila do transmissor; prazo do TJ {format_local(row.deadline_at)}."


def _hour(at: datetime) -> str:
    return to_local(at).strftime("%H:%M")


def transmitter_text(view: TransmitterView) -> str:
    """At most five short lines: the panel beside the counts is 19 columns wide."""
    state = LINK_LABELS.get(view.link_state, view.link_state)
    lines = ["Transmissão ao TJ",
             f"pausada por {view.paused_by}" if view.paused else state]
    if view.last_success_at is not None:
        lines.append(f"último envio {_hour(view.last_success_at)}")
    if view.send_now_requested_at is not None and not view.paused:
        lines.append(f"envio pedido {_hour(view.send_now_requested_at)}")
    if view.interrupted_batches:
        lines.append(f"{view.interrupted_batches} lote(s) interrompido(s)")
    return "\n".join(lines[:5])
