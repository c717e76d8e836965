"""The office (serventia) and its settings."""
from __future__ import annotations

from dataclasses import dataclass

from ...domain.boundary import bounded_int, clean_text
from ...domain.identifiers import normalize_cns
from ...domain.permissions import Action
from ..actors import acting_user
from ..audit import audit
from ..db import write_transaction
from ..errors import NotFound, Refused
from ..models import Office, Setting
from ..resync_flag import RESYNC_KEY


@dataclass(frozen=True)
class OfficeInfo:
    cns: str
    name: str
    municipality: str
    natureza: str
    iss_rate_bp: int
    signature_card_seal: bool


def _info(office: Office) -> OfficeInfo:
    return OfficeInfo(office.cns, office.name, office.municipality, office.natureza,
                      office.iss_rate_bp, office.signature_card_seal)


def _validated(name: str, municipality: str, iss_rate_bp: int) -> tuple[str, str, int]:
    name = clean_text(name, "office_name", required=True)
    municipality = clean_text(municipality, "municipality", required=True)
    bounded_int(iss_rate_bp, "iss_rate", "A alíquota do ISS", 0, 10_000)
    if not 200 <= iss_rate_bp <= 500:
        raise Refused("A alíquota do ISS deve estar entre 2% e 5%.", field="iss_rate")
    return name, municipality, iss_rate_bp


def setup_office(cns: str, name: str, municipality: str, iss_rate_bp: int,
                 signature_card_seal: bool = False) -> OfficeInfo:
    """Create the office, once (balcao init). Re-running with the same CNS changes nothing."""
    try:
        cns = normalize_cns(clean_text(cns, "cns", required=True))
    except ValueError as exc:
        raise Refused(str(exc), field="cns") from exc
    name, municipality, iss_rate_bp = _validated(name, municipality, iss_rate_bp)
    with write_transaction():
        existing = Office.select().first()
        if existing is not None:
            if existing.cns != cns:
                raise Refused(
                    f"Este banco já pertence à serventia CNS {existing.cns}.", field="cns")
            return _info(existing)
        office = Office.create(cns=cns, name=name, municipality=municipality,
                               iss_rate_bp=iss_rate_bp, signature_card_seal=signature_card_seal)
        audit(None, "office.create", "office", office.id, {"cns": cns, "name": office.name})
        return _info(office)


def get_office() -> OfficeInfo:
    office = Office.select().first()
    if office is None:
        raise NotFound("A serventia não foi cadastrada. Execute: balcao init")
    return _info(office)


def get_setting(key: str, default: str | None = None) -> str | None:
    row = Setting.get_or_none(Setting.key == key)
    return row.value if row else default


def threshold_setting(key: str, default: int) -> int:
    """A whole-number setting such as counter.confirm_pages; the default if unset or bad."""
    value = get_setting(key) if key else None
    return int(value) if value is not None and value.isdigit() else default


def get_settings(prefix: str = "") -> dict[str, str]:
    query = Setting.select()
    if prefix:
        query = query.where(Setting.key.startswith(prefix))
    return {row.key: row.value for row in query}


SECRET_SETTINGS = {"tj.client_secret", "tj.cert_password"}
# Written only by store.usecases.credentials, which checks the certificate and encrypts.
CREDENTIAL_SETTINGS = SECRET_SETTINGS | {
    "tj.client_id", "tj.cert_path", "tj.cert_subject", "tj.cert_document",
    "tj.cert_not_before", "tj.cert_not_after"}


def set_settings(actor_id: int | None, values: dict[str, str]) -> None:
    """Change settings; `actor_id=None` only from the command line's set-up commands."""
    if not isinstance(values, dict):
        raise Refused("Informe as configurações como chave e valor.", field="setting")
    values = {clean_text(key, "setting_key", required=True): clean_text(value, "setting")
              for key, value in values.items()}
    credentials = sorted(CREDENTIAL_SETTINGS & values.keys())
    if credentials:
        raise Refused(f"{', '.join(credentials)}: o certificado e o client do TJ se informam "
                      "na tela Credenciais ou com balcao credentials.", field="setting_key")
    kept = sorted(key for key in values
                  if key in (RESYNC_KEY, "backup.last_at", "backup.last_path"))
    if kept:
        raise Refused(f"{', '.join(kept)}: só balcao backup e balcao restore alteram "
                      "estas configurações.", field="setting_key")
    with write_transaction():
        if actor_id is not None:
            acting_user(actor_id, Action.MANAGE_OFFICE)
        write_settings(values)
        audit(actor_id, "settings.update", "setting", ",".join(sorted(values)), values)


def write_settings(values: dict[str, str]) -> None:
    """Insert or replace settings, inside the caller's write transaction."""
    for key, value in values.items():
        Setting.insert(key=key, value=value).on_conflict(
            conflict_target=[Setting.key], update={Setting.value: value}).execute()
