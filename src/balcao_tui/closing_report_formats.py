"""The closing report in pt-BR: text (80 columns, for the screen and the printer), CSV and
JSON (for the office's spreadsheets and systems). Money in JSON is integer centavos."""
from __future__ import annotations

import csv
import io
import json
from dataclasses import asdict
from datetime import date, datetime

from .domain.deadlines import format_date, format_local
from .domain.fees import COLUMN_LABELS, COLUMN_NAMES
from .domain.money import format_amount, format_money
from .store.usecases.closing_report import ClosingReport, SheetLine

WIDTH = 66  # fits the report dialog at 80 columns, and paper


def format_ranges(ranges: tuple[tuple[int, int], ...]) -> str:
    return ", ".join(f"{a}" if a == b else f"{a}–{b}" for a, b in ranges)


def _row(label: str, *values: str, widths: tuple[int, ...] = (6, 14, 12)) -> str:
    """The label and its figures on one line; a label too long for it goes on a line of
    its own, the figures on the next (a report is read whole, not cut)."""
    label_width = WIDTH - sum(widths) - len(widths)
    figures = "".join(f" {v:>{w}}" for v, w in zip(values, widths))
    if len(label) > label_width:
        return f"{label}\n{'':<{label_width}}{figures}".rstrip()
    return f"{label:<{label_width}}{figures}".rstrip()


def _section(title: str) -> list[str]:
    return ["", title.upper(), "─" * WIDTH]


def status_line(report: ClosingReport) -> str:
    if report.closing is not None:
        return (f"Fechado por {report.closing.closed_by} em "
                f"{format_local(report.closing.closed_at)}.")
    return (f"Aberto: {report.waiting_records} selo(s) híbrido(s) aguardando o fechamento.")


def _sheet_lines(sheet: SheetLine) -> list[str]:
    lines = [f"{sheet.series} ({sheet.seal_type}, {sheet.clerk or 'sem escrevente'}): "
             f"{sheet.used} utilizado(s): {format_ranges(sheet.ranges)}"]
    if sheet.gaps:
        lines.append(f"    FALHAS (disponíveis antes do último usado): {format_ranges(sheet.gaps)}")
    return lines


def as_text(report: ClosingReport) -> str:
    return "\n".join([f"FECHAMENTO DO EXPEDIENTE — {format_date(report.day)}",
                      f"{report.office_name} · CNS {report.office_cns}", status_line(report),
                      "", sections_text(report)])


def sections_text(report: ClosingReport) -> str:
    """The report's figures, section by section, without its heading (the closing screen
    shows them under its own)."""
    lines = _section("Atos por tipo")[1:]
    lines.append(_row("Tipo", "Qtd", "Valor", "ISS"))
    for kind in report.kinds:
        lines.append(_row(kind.label, str(kind.count), format_money(kind.total),
                          format_money(kind.iss)))
    for daily in report.daily:
        iss_note = format_money(daily.fees.iss)
        lines.append(_row(f"{daily.label} (selo diário)", str(daily.quantity),
                          format_money(daily.fees.total), iss_note))
    lines.append(_row("Total cobrado no dia", "", format_money(report.cash_expected),
                      format_money(report.iss_charged)))
    if report.iss != report.iss_charged:
        lines.append(f"  ISS pago pela serventia, fora do total cobrado (fotocópias): "
                     f"{format_money(report.iss - report.iss_charged)}")
    lines += _section("Valores por coluna (atos)")
    for name, label in COLUMN_LABELS:
        total = sum(getattr(kind.columns, name) for kind in report.kinds)
        lines.append(_row(label, "", format_money(total), ""))
    lines += _section("Selos diários")
    if not report.daily:
        lines.append("Nenhuma fotocópia nem autenticação digital no dia.")
    for daily in report.daily:
        seal = daily.seal_code or "será gerado no fechamento"
        lines.append(f"{daily.label}: {daily.quantity} · {format_money(daily.fees.total)} · "
                     f"selo {seal}")
    lines += _section("Por escrevente")
    for clerk in report.clerks:
        lines.append(_row(clerk.name, str(clerk.count), format_money(clerk.total), ""))
    lines += _section("Por forma de pagamento")
    for payment in report.payments:
        lines.append(_row(payment.label, str(payment.count), format_money(payment.total), ""))
    lines += _section("Selos físicos por série")
    if not report.sheets:
        lines.append("Nenhum selo físico utilizado no dia.")
    for sheet in report.sheets:
        lines += _sheet_lines(sheet)
    lines += _section("Estornos e inutilizações")
    if not report.returns:
        lines.append("Nenhum.")
    for item in report.returns:
        lines.append(f"{item.series} {item.number:07d} {item.state_label}: {item.reason}")
    lines += _section("Caixas")
    for drawer in report.drawers:
        counted = format_money(drawer.counted) if drawer.counted is not None else "—"
        lines.append(_row(f"{drawer.clerk_name} ({'fechado' if drawer.closed else 'ABERTO'})",
                          "", format_money(drawer.expected), counted,
                          widths=(1, 14, 14)))
    lines += _section("Cargas enviadas ao TJ")
    if not report.loads:
        lines.append("Nenhuma carga (as cargas são geradas no fechamento).")
    for load in report.loads:
        states = ", ".join(f"{count} {label}" for label, count in load.states)
        lines.append(f"Carga {load.number}: {load.record_count} selo(s) · {states}")
    lines += _section("Conferência")
    closing = report.closing
    paper = str(closing.paper_count) if closing else "—"
    cash = format_money(closing.cash_counted) if closing else "—"
    lines.append(_row("", "", "Sistema", "Contado", widths=(1, 14, 14)))
    lines.append(_row("Selos físicos consumidos", "", str(report.paper_expected), paper,
                      widths=(1, 14, 14)))
    lines.append(_row("Total recebido (todas as formas)", "",
                      format_money(report.cash_expected), cash, widths=(1, 14, 14)))
    if closing and closing.explanation:
        lines.append(f"Explicação das divergências: {closing.explanation}")
    if closing and closing.open_drawers_reason:
        lines.append(f"Fechado com caixas abertos: {closing.open_drawers_reason}")
    return "\n".join(lines) + "\n"


def as_csv(report: ClosingReport) -> str:
    """One row per figure: seção;item;quantidade;valor;detalhe (valor as 1234,56)."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\n")
    writer.writerow(["secao", "item", "quantidade", "valor", "detalhe"])
    for kind in report.kinds:
        writer.writerow(["ato", kind.label, kind.count, format_amount(kind.total), ""])
        for name in COLUMN_NAMES:
            writer.writerow(["coluna", f"{kind.label} · {name}", "",
                             format_amount(getattr(kind.columns, name)), ""])
        writer.writerow(["iss", kind.label, "", format_amount(kind.iss), ""])
    for daily in report.daily:
        writer.writerow(["selo_diario", daily.label, daily.quantity,
                         format_amount(daily.fees.total),
                         f"ISS {format_amount(daily.fees.iss)}; selo {daily.seal_code or ''}"])
    for clerk in report.clerks:
        writer.writerow(["escrevente", clerk.name, clerk.count, format_amount(clerk.total), ""])
    for payment in report.payments:
        writer.writerow(["pagamento", payment.label, payment.count, format_amount(payment.total),
                         ""])
    for sheet in report.sheets:
        writer.writerow(["serie", sheet.series, sheet.used, "",
                         f"usados {format_ranges(sheet.ranges)}; falhas {format_ranges(sheet.gaps)}"])
    for item in report.returns:
        writer.writerow([item.state, f"{item.series} {item.number:07d}", 1, "", item.reason])
    for drawer in report.drawers:
        writer.writerow(["caixa", drawer.clerk_name, "", format_amount(drawer.expected),
                         "fechado" if drawer.closed else "aberto"])
    for load in report.loads:
        writer.writerow(["carga", load.number, load.record_count, "",
                         ", ".join(f"{c} {label}" for label, c in load.states)])
    writer.writerow(["total", "cobrado no dia", report.acts, format_amount(report.cash_expected),
                     f"ISS {format_amount(report.iss)}"])
    if report.closing:
        writer.writerow(["fechamento", report.closing.closed_by, report.closing.paper_count,
                         format_amount(report.closing.cash_counted),
                         report.closing.explanation])
    return out.getvalue()


def _plain(value):
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    raise TypeError(type(value).__name__)


def as_json(report: ClosingReport) -> str:
    data = asdict(report)
    data.update(atos=report.acts, total_cobrado=report.cash_expected, iss=report.iss,
                caixas_abertos=list(report.open_drawers))
    return json.dumps(data, ensure_ascii=False, indent=2, default=_plain) + "\n"


FORMATS = {"text": as_text, "csv": as_csv, "json": as_json}
