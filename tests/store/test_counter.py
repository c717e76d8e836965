import json
from datetime import datetime, timezone

import pytest

from balcao_tui.domain.permissions import PermissionDenied
from balcao_tui.domain.seal_code import parse_seal_code
from balcao_tui.store.db import database, is_sqlite
from balcao_tui.store.errors import Refused
from balcao_tui.store.models import Act, AuditEntry, PhysicalSeal, SealRecord, ShiftClosing
from balcao_tui.domain.seal_states import PhysicalState, SealState
from balcao_tui.store.usecases.counter import register_counter_acts
from balcao_tui.store.usecases.signature_cards import CardData, create_signature_card
from balcao_tui.store.usecases.stock import next_available_seals
from support.office import close_store, make_office

NOON = datetime(2026, 11, 21, 15, 0, tzinfo=timezone.utc)  # 12:00 in São Paulo


@pytest.fixture
def card(office):
    return create_signature_card(office.clerk, CardData(name="Maria da Silva",
                                                        cpf="529.982.247-25")).card_id


def _counts():
    return Act.select().count(), SealRecord.select().count(), AuditEntry.select().count()


def test_recognition_takes_next_seals_of_the_clerks_sheet(office, card):
    result = register_counter_acts(office.clerk, "firma_sem_valor", 2,
                                   signature_card_id=card, now=NOON)
    assert [(a.series, a.number) for a in result.acts] == [("RF0001", 1), ("RF0001", 2)]
    for act in result.acts:
        parsed = parse_seal_code(act.seal_code)
        assert parsed.cns == "145573" and parsed.act_code == "RS"
        assert parsed.hybrid_parts() == (act.series, act.number)
        record = SealRecord.get(SealRecord.code == act.seal_code)
        assert record.state == SealState.WAITING_CLOSING
        assert record.deadline_at == datetime(2026, 11, 22, 15, 0, tzinfo=timezone.utc)
        seal = PhysicalSeal.get(series=act.series, number=act.number)
        assert seal.state == PhysicalState.USED and seal.act_id == act.act_id
    assert result.total == 2 * result.unit_fees.total > 0
    assert result.unit_fees.iss > 0
    audit = AuditEntry.get(AuditEntry.action == "act.register")
    assert audit.user_id == office.clerk and result.acts[0].seal_code in audit.detail


def test_authentication_uses_the_authentication_sheet(office):
    result = register_counter_acts(office.clerk, "autenticacao", 3, now=NOON)
    assert {a.series for a in result.acts} == {"AU0001"}
    assert all(parse_seal_code(a.seal_code).act_code == "AU" for a in result.acts)


def test_typed_seal_is_used_instead_of_the_next(office, card):
    result = register_counter_acts(office.clerk, "firma_com_valor", 1, signature_card_id=card,
                                   seals=[("rf0001", 7)], now=NOON)
    assert (result.acts[0].series, result.acts[0].number) == ("RF0001", 7)


@pytest.mark.parametrize("seal,message", [
    (("RF0002", 1), "outra cartela"),
    (("AU0001", 1), "não serve"),
    (("RF0001", 999), "não está cadastrado"),
])
def test_refused_seals_save_nothing(office, card, seal, message):
    before = _counts()
    with pytest.raises(Refused, match=message) as info:
        register_counter_acts(office.clerk, "firma_sem_valor", 2, signature_card_id=card,
                              seals=[("RF0001", 3), seal], now=NOON)
    assert info.value.field == "seals"
    assert _counts() == before
    assert PhysicalSeal.get(series="RF0001", number=3).state == PhysicalState.AVAILABLE


def test_used_spoiled_and_sent_seals_are_refused(office, card):
    register_counter_acts(office.clerk, "firma_sem_valor", 1, signature_card_id=card,
                          seals=[("RF0001", 5)], now=NOON)
    PhysicalSeal.update(state=PhysicalState.SPOILED).where(PhysicalSeal.number == 6).execute()
    PhysicalSeal.update(state=PhysicalState.SENT).where(PhysicalSeal.number == 8).execute()
    for number, message in [(5, "já foi utilizado em 21/11/2026"), (6, "inutilizado"),
                            (8, "enviado ao TJ")]:
        with pytest.raises(Refused, match=message):
            register_counter_acts(office.clerk, "firma_sem_valor", 1, signature_card_id=card,
                                  seals=[("RF0001", number)], now=NOON)


def test_reversed_seal_reusable_same_day_only(office, card):
    PhysicalSeal.update(state=PhysicalState.REVERSED, day=NOON.date()).where(
        (PhysicalSeal.series == "RF0001") & (PhysicalSeal.number == 9)).execute()
    PhysicalSeal.update(state=PhysicalState.REVERSED, day=datetime(2026, 11, 20).date()).where(
        (PhysicalSeal.series == "RF0001") & (PhysicalSeal.number == 10)).execute()
    register_counter_acts(office.clerk, "firma_sem_valor", 1, signature_card_id=card,
                          seals=[("RF0001", 9)], now=NOON)
    with pytest.raises(Refused, match="só podem ser inutilizados"):
        register_counter_acts(office.clerk, "firma_sem_valor", 1, signature_card_id=card,
                              seals=[("RF0001", 10)], now=NOON)


def test_a_seal_reversed_today_is_the_next_of_its_sheet(office):
    register_counter_acts(office.clerk, "autenticacao", 3, now=NOON)
    for number, day in ((2, NOON.date()), (1, datetime(2026, 11, 20).date())):
        PhysicalSeal.update(state=PhysicalState.REVERSED, day=day).where(
            (PhysicalSeal.series == "AU0001") & (PhysicalSeal.number == number)).execute()
        SealRecord.update(state=SealState.CANCELLED).where(
            SealRecord.physical_number == number).execute()
    assert next_available_seals(office.clerk, "autenticacao", 2, NOON.date()) == [
        ("AU0001", 2), ("AU0001", 4)]
    result = register_counter_acts(office.clerk, "autenticacao", 2, now=NOON)
    assert [a.number for a in result.acts] == [2, 4]


def test_closed_day_refuses_new_acts(office, card):
    ShiftClosing.create(day=NOON.date(), closed_by=office.supervisor)
    before = _counts()
    with pytest.raises(Refused, match="21/11/2026 já foi fechado"):
        register_counter_acts(office.clerk, "autenticacao", 1, now=NOON)
    assert _counts() == before


def test_local_day_not_utc_day_decides_the_closing(office):
    ShiftClosing.create(day=datetime(2026, 11, 21).date(), closed_by=office.supervisor)
    late_evening = datetime(2026, 11, 22, 1, 30, tzinfo=timezone.utc)  # 22:30 on the 21st
    with pytest.raises(Refused, match="fechado"):
        register_counter_acts(office.clerk, "autenticacao", 1, now=late_evening)


def test_roles_not_allowed_are_refused_inside_the_use_case(office):
    with pytest.raises(PermissionDenied, match="Administrador"):
        register_counter_acts(office.admin, "autenticacao", 1, now=NOON)


def test_recognition_needs_a_signature_card(office):
    with pytest.raises(Refused) as info:
        register_counter_acts(office.clerk, "firma_sem_valor", 1, now=NOON)
    assert info.value.field == "card"


def test_empty_sheet_says_so(office):
    register_counter_acts(office.clerk, "autenticacao", 50, now=NOON)
    with pytest.raises(Refused, match="acabou"):
        register_counter_acts(office.clerk, "autenticacao", 1, now=NOON)


def test_exempt_act_has_zero_values_and_reason(office):
    result = register_counter_acts(office.clerk, "autenticacao", 1, now=NOON, payment="isento",
                                   exempt_reason="Justiça gratuita (art. 98 CPC)")
    record = SealRecord.get(SealRecord.code == result.acts[0].seal_code)
    assert record.total == 0 and record.iss == 0
    assert record.exempt_reason.startswith("Justiça gratuita")


def test_two_hundred_pages_in_one_service_with_seven_digit_ids(db_url):
    office = make_office(db_url, sheet_size=200)
    if not is_sqlite():  # ids of an office with years of acts
        for table in ("act", "seal_record", "audit_entry"):
            database.obj.execute_sql(f"ALTER SEQUENCE {table}_id_seq RESTART WITH 1234567")
    result = register_counter_acts(office.clerk, "autenticacao", 200, now=NOON)
    ids = [a.act_id for a in result.acts]
    assert len(set(ids)) == 200 and (is_sqlite() or min(ids) >= 1_234_567)
    entry = AuditEntry.get(AuditEntry.action == "act.register")
    assert json.loads(entry.detail)["atos"] == ids  # one entry, every act
    assert SealRecord.select().where(SealRecord.act.in_(ids)).count() == 200
    close_store()
