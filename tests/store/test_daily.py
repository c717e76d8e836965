from datetime import datetime, timezone

import pytest

from balcao_tui.domain.permissions import PermissionDenied
from balcao_tui.store.errors import Refused
from balcao_tui.store.models import DailyEntry, ShiftClosing
from balcao_tui.store.usecases.daily import add_daily_count, daily_totals

NOON = datetime(2026, 11, 21, 15, 0, tzinfo=timezone.utc)


def test_photocopies_add_up_through_the_day_with_iss_apart(office):
    add_daily_count(office.clerk, "fotocopia", 10, now=NOON)
    totals = add_daily_count(office.clerk2, "fotocopia", 15, now=NOON)
    assert totals.quantity == 25
    unit = daily_totals("fotocopia", NOON.date())
    assert unit.fees.columns.total == totals.fees.columns.total
    assert totals.fees.total == totals.fees.columns.total  # ISS is not in the total
    assert totals.fees.iss > 0


def test_digital_authentication_includes_iss(office):
    totals = add_daily_count(office.clerk, "autenticacao_digital", 4, now=NOON)
    assert totals.fees.total == totals.fees.columns.total + totals.fees.iss


def test_negative_entry_corrects_but_never_below_zero(office):
    add_daily_count(office.clerk, "fotocopia", 3, now=NOON)
    assert add_daily_count(office.clerk, "fotocopia", -2, now=NOON).quantity == 1
    with pytest.raises(Refused, match="negativo"):
        add_daily_count(office.clerk, "fotocopia", -2, now=NOON)
    assert DailyEntry.select().count() == 2


def test_refusals_kind_role_and_closed_day(office):
    with pytest.raises(Refused):
        add_daily_count(office.clerk, "autenticacao", 1, now=NOON)
    with pytest.raises(PermissionDenied):
        add_daily_count(office.admin, "fotocopia", 1, now=NOON)
    ShiftClosing.create(day=NOON.date(), closed_by=office.supervisor)
    with pytest.raises(Refused, match="fechado"):
        add_daily_count(office.clerk, "fotocopia", 1, now=NOON)
    assert DailyEntry.select().count() == 0
