"""Physical seal stock: sheets (cartelas) of numbered seals, handed to clerks."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timezone

import peewee as pw

from ...domain.act_kinds import PhysicalSealType
from ...domain.boundary import bounded_id, bounded_int, clean_text
from ...domain.permissions import ROLE_LABELS, Action, can
from ...domain.seal_code import MAX_HYBRID_NUMBER, normalize_series
from ...domain.seal_states import PhysicalState
from ..actors import acting_user
from ..audit import audit
from ..db import serialize, write_transaction
from ..errors import NotFound, Refused
from ..models import PhysicalSeal, SealSheet, User
from ..state_writes import create_physical_seals

MAX_SHEET_SIZE = 10_000


@dataclass(frozen=True)
class SheetInfo:
    id: int
    series: str
    seal_type: str
    first_number: int
    last_number: int
    clerk_login: str | None
    available: int


def sheet_info(sheet: SealSheet) -> SheetInfo:
    available = sheet.seals.where(PhysicalSeal.state == PhysicalState.AVAILABLE).count()
    return SheetInfo(sheet.id, sheet.series, sheet.seal_type, sheet.first_number,
                     sheet.last_number, sheet.clerk.login if sheet.clerk else None, available)


def checked_range(series: object, first_number: object,
                  last_number: object) -> tuple[str, int, int]:
    """A series and a range of seal numbers as a person typed them: normalised, bounded, at
    most one sheet's worth; a refusal naming the field otherwise."""
    try:
        series = normalize_series(clean_text(series, "series", required=True))
    except ValueError as exc:
        raise Refused(str(exc), field="series") from exc
    first_number = bounded_int(first_number, "first_number", "O primeiro número", 0,
                               MAX_HYBRID_NUMBER)
    last_number = bounded_int(last_number, "last_number", "O último número", first_number,
                              MAX_HYBRID_NUMBER)
    if last_number - first_number + 1 > MAX_SHEET_SIZE:
        raise Refused(f"Uma cartela tem no máximo {MAX_SHEET_SIZE} selos.", field="last_number")
    return series, first_number, last_number


def add_seal_sheet(actor_id: int | None, *, series: str, seal_type: str, first_number: int,
                   last_number: int, clerk_id: int | None = None) -> SheetInfo:
    """Register a purchase from the supplier, as unassigned stock unless `clerk_id` says who
    gets it; `actor_id=None` only for set-up commands."""
    series, first_number, last_number = checked_range(series, first_number, last_number)
    if not isinstance(seal_type, str) or seal_type not in PhysicalSealType._value2member_map_:
        raise Refused("Tipo de selo físico desconhecido: use reconhecimento ou autenticacao.",
                      field="seal_type")
    try:
        with write_transaction():
            actor = (acting_user(actor_id, Action.MANAGE_SEAL_STOCK) if actor_id is not None
                     else None)
            serialize(f"series:{series}")
            _refuse_overlap(series, first_number, last_number)
            clerk = clerk_for_sheet(clerk_id) if clerk_id is not None else None
            now = datetime.now(timezone.utc)
            sheet = SealSheet.create(series=series, seal_type=seal_type,
                                     first_number=first_number, last_number=last_number,
                                     clerk=clerk, assigned_at=now if clerk else None)
            create_physical_seals([{"sheet": sheet.id, "series": series, "number": n}
                                   for n in range(first_number, last_number + 1)],
                                  actor.role if actor else None)
            audit(actor_id, "stock.sheet_add", "seal_sheet", sheet.id,
                  {"serie": series, "tipo": seal_type, "de": first_number, "ate": last_number,
                   "escrevente": clerk.login if clerk else None})
            return sheet_info(sheet)
    except pw.IntegrityError:
        # The unique (series, number) index caught a sheet another terminal added meanwhile.
        _refuse_overlap(series, first_number, last_number)
        raise


def _refuse_overlap(series: str, first_number: int, last_number: int) -> None:
    clash = (PhysicalSeal.select().where(
        (PhysicalSeal.series == series)
        & PhysicalSeal.number.between(first_number, last_number))
        .order_by(PhysicalSeal.number).first())
    if clash is not None:
        raise Refused(f"O selo {series} {clash.number:07d} já está cadastrado: as cartelas "
                      "não podem se sobrepor.", field="first_number")


def clerk_for_sheet(clerk_id: int) -> User:
    """The user who is to receive seals: active, and one who does acts at the counter."""
    clerk = User.get_or_none(User.id == bounded_id(clerk_id, "clerk", "Escrevente"))
    if clerk is None or not clerk.active:
        raise NotFound("Escrevente não encontrado ou inativo.", field="clerk")
    if not can(clerk.role, Action.REGISTER_ACT):
        raise Refused(f"{ROLE_LABELS.get(clerk.role, clerk.role)} não pratica atos: entregue "
                      "os selos a um escrevente.", field="clerk")
    return clerk


def list_sheets(clerk_id: int | None = None) -> list[SheetInfo]:
    query = SealSheet.select().order_by(SealSheet.series, SealSheet.first_number)
    if clerk_id is not None:
        query = query.where(SealSheet.clerk == clerk_id)
    return [sheet_info(s) for s in query]


def on_the_sheet(day: date) -> pw.Expression:
    """The seals a clerk's sheet still holds on `day`: the available ones, and those
    reversed that day (launched by mistake, never stuck on paper, usable again that day)."""
    return ((PhysicalSeal.state == PhysicalState.AVAILABLE)
            | ((PhysicalSeal.state == PhysicalState.REVERSED) & (PhysicalSeal.day == day)))


def next_available_seals(clerk_id: int, seal_type: str, count: int,
                         day: date) -> list[tuple[str, int]]:
    """The seals the clerk's sheets would give next on `day`, in the order of the sheets
    (a preview; registering re-checks)."""
    query = (PhysicalSeal.select(PhysicalSeal.series, PhysicalSeal.number)
             .join(SealSheet)
             .where((SealSheet.clerk == clerk_id) & (SealSheet.seal_type == seal_type)
                    & on_the_sheet(day))
             .order_by(SealSheet.assigned_at, PhysicalSeal.series, PhysicalSeal.number)
             .limit(count))
    return [(s.series, s.number) for s in query]
