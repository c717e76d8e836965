"""The act codes of the seals, one per act kind: the shipped (provisional) table with the
office's own changes, kept in the settings table so every terminal makes the same codes.

A new seal takes the code in force when it is made; a correction keeps the code of the
record it replaces (store/digital_seals.py), as the TJ requires.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Mapping

from ...domain.act_kinds import ActKind, act_code_problem, all_act_kinds
from ...domain.boundary import clean_text, quoted
from ...domain.permissions import Action
from ...domain.refusal import Refusal
from ..actors import acting_user
from ..audit import audit
from ..db import write_transaction
from ..errors import Refused
from ..models import Setting
from .office import write_settings

PREFIX = "act_code."


@dataclass(frozen=True)
class ActCodeRow:
    key: str
    label: str
    code: str
    shipped: str  # the provisional default of the shipped table


def _changed_codes() -> dict[str, str]:
    return {row.key.removeprefix(PREFIX): row.value
            for row in Setting.select().where(Setting.key.startswith(PREFIX))}


def act_code_table() -> tuple[ActCodeRow, ...]:
    changed = _changed_codes()
    return tuple(ActCodeRow(kind.key, kind.label, changed.get(kind.key, kind.act_code),
                            kind.act_code) for kind in all_act_kinds())


def office_act_code(kind: ActKind) -> str:
    """The code a new seal of `kind` takes."""
    row = Setting.get_or_none(Setting.key == PREFIX + kind.key)
    return row.value if row else kind.act_code


def kind_key_of_code(code: str) -> str | None:
    """The act kind that makes seals with `code` now, or None."""
    return next((row.key for row in act_code_table() if row.code == code), None)


def save_act_codes(actor_id: int, typed: Mapping[str, str]) -> tuple[ActCodeRow, ...]:
    """Change the codes of the kinds in `typed` (kind key -> code). Nothing is written if
    one is refused; each change is audited, before and after."""
    if not isinstance(typed, Mapping):
        raise Refused("Informe os códigos por tipo de ato.", field="act_code")
    labels = {kind.key: kind.short_label for kind in all_act_kinds()}
    unknown = [key for key in typed if key not in labels]
    if unknown:
        raise Refused(f"Tipo de ato desconhecido: {quoted(unknown[0])}.", field="act_code")
    read = {key: _read_code(key, typed[key]) for key in labels if key in typed}
    with write_transaction():
        acting_user(actor_id, Action.MANAGE_OFFICE)
        before = {row.key: row.code for row in act_code_table()}
        changed = {key: code for key, code in read.items() if before[key] != code}
        after = {**before, **changed}
        for key, code in changed.items():  # the code changed is the one to blame
            holder = next((other for other, used in after.items()
                           if used == code and other != key), None)
            if holder is not None:
                raise Refused(f"O código {code} já é o de {labels[holder]}.",
                              field=PREFIX + key)
        write_settings({PREFIX + key: code for key, code in changed.items()})
        if changed:
            audit(actor_id, "act_codes.update", "setting", "act_code",
                  {key: {"antes": before[key], "depois": code} for key, code in changed.items()})
        return act_code_table()


def _read_code(key: str, text: object) -> str:
    try:
        code = clean_text(text, "act_code", required=True).upper()
    except Refusal as exc:
        raise Refused(exc.message, field=PREFIX + key) from None
    problem = act_code_problem(code)
    if problem:
        raise Refused(problem[0].upper() + problem[1:], field=PREFIX + key)
    return code
