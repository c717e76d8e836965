"""How the fix screens (correction, exclusion, link) show the record they act on."""
from __future__ import annotations

from ..domain.deadlines import format_local
from ..domain.money import format_money
from ..store.usecases.fix_view import SealFixView


def record_lines(view: SealFixView) -> str:
    """The record as the fix screens and dialogs show it, in three lines of 80 columns."""
    exempt = f" · gratuito: {view.exempt_reason}" if view.exempt_reason else ""
    physical = f" · físico {view.physical_seal}" if view.hybrid else ""
    return (f"Selo {view.code} · {view.record_kind_label} · {view.state_label}{physical}\n"
            f"{view.act_kind_label} · {format_local(view.act_at)} · {format_money(view.total)}"
            f" (ISS {format_money(view.iss)}){exempt}\n"
            f"Prazo de 72 h para retificar ou excluir: até {format_local(view.window_ends)}")


def criticism_text(view: SealFixView) -> str:
    return "\n".join(f"Crítica do TJ: [{c.code}] {c.message}" for c in view.criticisms)
