"""The office's settings as one form: read them all, change any of them at once.

Every value is read by domain/office_settings.py before the write lock is taken, so one
bad field refuses the whole change. The transmitter reads the `tj.*` settings on every
cycle, so a new mode, endpoint or hour takes effect without a restart.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Mapping

from ...domain.money import format_rate, parse_rate
from ...domain.office_settings import NO, SETTINGS, SPECS, YES, read_setting
from ...domain.permissions import Action
from ..actors import acting_user
from ..audit import audit
from ..db import write_transaction
from ..errors import NotFound, Refused
from ..models import Office, SealRecord, Setting
from .office import write_settings


@dataclass(frozen=True)
class OfficeSettings:
    """Every setting's text, in the order of domain/office_settings.SETTINGS."""

    values: tuple[tuple[str, str], ...]

    def __getitem__(self, key: str) -> str:
        return dict(self.values)[key]


def _office() -> Office:
    office = Office.select().first()
    if office is None:
        raise NotFound("A serventia não foi cadastrada. Execute: balcao init")
    return office


def _current(office: Office) -> dict[str, str]:
    stored = {row.key: row.value for row in Setting.select().where(
        Setting.key.in_([spec.key for spec in SETTINGS if not spec.office_column]))}
    values = {spec.key: stored.get(spec.key) or spec.default for spec in SETTINGS}
    values.update({
        "office.cns": office.cns, "office.name": office.name,
        "office.municipality": office.municipality,
        "office.iss_rate": format_rate(office.iss_rate_bp),
        "office.signature_card_seal": YES if office.signature_card_seal else NO,
    })
    return values


def read_office_settings() -> OfficeSettings:
    values = _current(_office())
    return OfficeSettings(tuple((spec.key, values[spec.key]) for spec in SETTINGS))


def save_office_settings(actor_id: int, typed: Mapping[str, str]) -> OfficeSettings:
    """Change the settings in `typed` (key -> text as typed); the others stay. Nothing is
    written if any value is refused; the audit entry holds each change, before and after."""
    if not isinstance(typed, Mapping):
        raise Refused("Informe as configurações como chave e valor.", field="setting_key")
    order = {key: place for place, key in enumerate(SPECS)}
    # In the form's order (an unknown key first), so the refusal names the first bad field.
    read = {key: read_setting(key, typed[key])
            for key in sorted(typed, key=lambda key: order.get(key, -1))}
    with write_transaction():
        acting_user(actor_id, Action.MANAGE_OFFICE)
        office = _office()
        before = _current(office)
        changed = {key: value for key, value in read.items() if before[key] != value}
        if "office.cns" in changed and SealRecord.select().exists():
            raise Refused("O CNS não pode mudar depois do primeiro selo: ele faz parte do "
                          "código de cada selo já feito.", field="office.cns")
        _write(office, changed)
        if changed:
            audit(actor_id, "settings.update", "office", office.id,
                  {key: {"antes": before[key], "depois": value}
                   for key, value in changed.items()})
        after = _current(office)
    return OfficeSettings(tuple((spec.key, after[spec.key]) for spec in SETTINGS))


def _write(office: Office, changed: dict[str, str]) -> None:
    columns = {"office.cns": "cns", "office.name": "name",
               "office.municipality": "municipality"}
    for key, value in changed.items():
        if key in columns:
            setattr(office, columns[key], value)
        elif key == "office.iss_rate":
            office.iss_rate_bp = parse_rate(value)
        elif key == "office.signature_card_seal":
            office.signature_card_seal = value == YES
    write_settings({key: value for key, value in changed.items()
                    if not SPECS[key].office_column})
    if any(SPECS[key].office_column for key in changed):
        office.save()
