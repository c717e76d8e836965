"""Payments at the counter and each clerk's cash drawer, on SQLite and PostgreSQL."""
from __future__ import annotations

import json
import threading
from collections import Counter
from datetime import datetime, timedelta, timezone

import pytest

from balcao_tui.domain.act_kinds import ABERTURA_FIRMA, get_act_kind
from balcao_tui.domain.fees import act_fees
from balcao_tui.domain.payment import COUNTED_METHODS, Payment
from balcao_tui.domain.permissions import PermissionDenied
from balcao_tui.domain.refusal import Refusal
from balcao_tui.store.errors import Refused
from balcao_tui.store.models import Act, AuditEntry, CashDrawer, DailyEntry, ShiftClosing
from balcao_tui.store.usecases import drawers
from balcao_tui.store.usecases.counter import register_counter_acts
from balcao_tui.store.usecases.daily import add_daily_count
from balcao_tui.store.usecases.day_acts import my_day_acts
from balcao_tui.store.usecases.drawers import (close_drawer, drawer_summary, drawers_of_day,
                                               reopen_drawer)
from balcao_tui.store.usecases.fee_tables import current_fee_table
from balcao_tui.store.usecases.signature_cards import CardData, create_signature_card
from support.office import close_store, make_office

NOON = datetime(2026, 11, 21, 15, 0, tzinfo=timezone.utc)  # 12:00 in São Paulo
DAY = NOON.date()
ISS_RATE_BP = 500  # the test office's
EXEMPT = "Lei 1.060/50, art. 3º"
CLOSED_MESSAGE = "Seu caixa de 21/11/2026 está fechado: peça ao supervisor para reabri-lo."
ZERO = {method: 0 for method in COUNTED_METHODS}


def charged(kind: str, quantity: int = 1) -> int:
    """What the fee table says `quantity` acts of `kind` cost on DAY, figured here."""
    return act_fees(current_fee_table(), get_act_kind(kind), DAY, ISS_RATE_BP,
                    quantity=quantity).total


def paid(payment: str) -> dict:
    return {"payment": payment, "exempt_reason": EXEMPT if payment == "isento" else None}


def a_day_of_services(office) -> Counter:
    """Services by every method, for the clerk and for another clerk; returns what the
    clerk's drawer must hold per method, summed here from each service's own figures."""
    expected: Counter = Counter()
    card = create_signature_card(office.clerk, CardData(name="Maria da Silva",
                                                        cpf="529.982.247-25"),
                                 generate_seal=True, payment="pix", now=NOON)
    assert card.seal_code
    expected["pix"] += charged(ABERTURA_FIRMA)
    for minute, (kind, count, payment) in enumerate([
            ("autenticacao", 3, "dinheiro"), ("autenticacao", 1, "pix"),
            ("firma_com_valor", 2, "debito"), ("firma_sem_valor", 1, "credito"),
            ("firma_autenticidade", 1, "dinheiro"), ("autenticacao", 2, "isento"),
            ("firma_com_valor", 5, "credito")]):
        result = register_counter_acts(office.clerk, kind, count, now=NOON + timedelta(
            minutes=minute), signature_card_id=card.card_id, **paid(payment))
        assert result.total == (0 if payment == "isento" else count * charged(kind))
        expected[payment] += result.total
    for kind, quantity, payment in [("fotocopia", 35, "dinheiro"), ("fotocopia", 3, "pix"),
                                    ("autenticacao_digital", 4, "credito"),
                                    ("fotocopia", -2, "dinheiro"), ("fotocopia", 7, "isento")]:
        add_daily_count(office.clerk, kind, quantity, now=NOON, **paid(payment))
        if payment != "isento":
            expected[payment] += charged(kind, abs(quantity)) * (1 if quantity > 0 else -1)
    register_counter_acts(office.clerk2, "firma_com_valor", 4, signature_card_id=card.card_id,
                          now=NOON, payment="dinheiro")
    add_daily_count(office.clerk2, "fotocopia", 10, now=NOON, payment="pix")
    return expected


def expected_of(summary) -> dict:
    return {method.payment: method.expected for method in summary.methods}


def test_every_method_sums_to_the_centavo_and_cancelled_acts_are_left_out(any_office):
    expected = a_day_of_services(any_office)
    summary = drawer_summary(any_office.clerk, DAY)
    assert expected_of(summary) == {method: expected[method] for method in COUNTED_METHODS}
    assert summary.exempt_count == 2 + 7
    assert not summary.closed and summary.counted_total is None

    cancelled = Act.select().where((Act.clerk == any_office.clerk)
                                   & (Act.payment == "debito")).first()
    Act.update(cancelled_at=NOON).where(Act.id == cancelled.id).execute()
    after = expected_of(drawer_summary(any_office.clerk, DAY))
    assert after["debito"] == expected["debito"] - cancelled.total
    assert after["dinheiro"] == expected["dinheiro"]

    clerk2 = expected_of(drawer_summary(any_office.clerk2, DAY))
    assert clerk2 == {**ZERO, "dinheiro": 4 * charged("firma_com_valor"),
                      "pix": charged("fotocopia", 10)}


def test_the_payment_is_stored_on_every_act_and_entry_of_the_service(any_office):
    result = register_counter_acts(any_office.clerk, "autenticacao", 3, now=NOON, payment="pix")
    assert result.payment == Payment.PIX
    assert {a.payment for a in Act.select().where(
        Act.id.in_([a.act_id for a in result.acts]))} == {"pix"}
    add_daily_count(any_office.clerk, "fotocopia", 5, now=NOON, payment="debito")
    add_daily_count(any_office.clerk, "fotocopia", -5, now=NOON, payment="debito")
    entries = list(DailyEntry.select().order_by(DailyEntry.id))
    assert [(e.payment, e.total) for e in entries] == [
        ("debito", charged("fotocopia", 5)), ("debito", -charged("fotocopia", 5))]
    audit = json.loads(AuditEntry.select().where(AuditEntry.action == "act.register")
                       .get().detail)
    assert audit["pagamento"] == "pix"


@pytest.mark.parametrize("payment,reason,field", [
    ("isento", None, "exempt_reason"), ("isento", "   ", "exempt_reason"),
    ("dinheiro", EXEMPT, "payment"), ("cheque", None, "payment")])
def test_isento_if_and_only_if_there_is_a_legal_reason(any_office, payment, reason, field):
    for call in (lambda: register_counter_acts(any_office.clerk, "autenticacao", 1, now=NOON,
                                               payment=payment, exempt_reason=reason),
                 lambda: add_daily_count(any_office.clerk, "fotocopia", 1, now=NOON,
                                         payment=payment, exempt_reason=reason)):
        with pytest.raises(Refusal) as info:
            call()
        assert info.value.field == field
    assert Act.select().count() == DailyEntry.select().count() == 0


def test_my_acts_of_today_total_each_method(any_office):
    register_counter_acts(any_office.clerk, "autenticacao", 2, now=NOON, payment="pix")
    register_counter_acts(any_office.clerk, "autenticacao", 1, now=NOON, **paid("isento"))
    register_counter_acts(any_office.clerk, "autenticacao", 3, now=NOON)
    day = my_day_acts(any_office.clerk, DAY)
    assert [(t.payment, t.count, t.total) for t in day.by_payment] == [
        (Payment.CASH, 3, 3 * charged("autenticacao")),
        (Payment.PIX, 2, 2 * charged("autenticacao")), (Payment.EXEMPT, 1, 0)]
    assert sum(t.total for t in day.by_payment) == day.total
    assert [a.payment for a in day.acts] == ["dinheiro"] * 3 + ["isento"] + ["pix"] * 2


def test_a_difference_must_be_explained_before_the_drawer_closes(any_office):
    expected = a_day_of_services(any_office)
    counted = {**{m: expected[m] for m in COUNTED_METHODS}, "dinheiro": expected["dinheiro"] - 150}
    with pytest.raises(Refused) as info:
        close_drawer(any_office.clerk, DAY, counted, "  ", now=NOON)
    assert info.value.field == "explanation"
    assert CashDrawer.select().count() == 0

    summary = close_drawer(any_office.clerk, DAY, counted, "Troco dado a mais a um cliente.",
                           now=NOON)
    assert summary.closed and summary.closed_at == NOON
    assert [(m.payment, m.difference) for m in summary.methods] == [
        ("dinheiro", -150), ("pix", 0), ("debito", 0), ("credito", 0)]
    assert summary.difference == -150
    assert summary == drawer_summary(any_office.clerk, DAY)
    row = CashDrawer.get()
    assert (row.clerk_id, row.day, row.state) == (any_office.clerk, DAY, "closed")
    assert row.counted_dinheiro == expected["dinheiro"] - 150
    assert row.expected_credito == expected["credito"]
    entry = AuditEntry.get(AuditEntry.action == "drawer.close")
    detail = json.loads(entry.detail)
    assert detail["diferenca"]["dinheiro"] == -150
    assert detail["esperado"]["pix"] == expected["pix"]
    assert entry.reason == "Troco dado a mais a um cliente."


def test_no_difference_needs_no_explanation_and_closing_twice_is_refused(any_office):
    expected = a_day_of_services(any_office)
    counted = {m: expected[m] for m in COUNTED_METHODS}
    assert close_drawer(any_office.clerk, DAY, counted, now=NOON).difference == 0
    with pytest.raises(Refused, match="já está fechado"):
        close_drawer(any_office.clerk, DAY, counted, now=NOON)
    assert CashDrawer.select().count() == 1


def test_a_closed_drawer_takes_no_new_service_until_a_supervisor_reopens_it(any_office):
    card = create_signature_card(any_office.clerk, CardData(name="Maria da Silva",
                                                            cpf="529.982.247-25"), now=NOON)
    close_drawer(any_office.clerk, DAY, ZERO, now=NOON)
    services = [
        lambda: register_counter_acts(any_office.clerk, "autenticacao", 1, now=NOON),
        lambda: register_counter_acts(any_office.clerk, "firma_sem_valor", 1, now=NOON,
                                      signature_card_id=card.card_id),
        lambda: add_daily_count(any_office.clerk, "fotocopia", 2, now=NOON),
        lambda: create_signature_card(any_office.clerk, CardData(
            name="José da Silva", cpf="111.444.777-35"), generate_seal=True, now=NOON)]
    for service in services:
        with pytest.raises(Refused) as info:
            service()
        assert info.value.message == CLOSED_MESSAGE
    assert Act.select().count() == DailyEntry.select().count() == 0
    register_counter_acts(any_office.clerk2, "firma_sem_valor", 1, now=NOON,
                          signature_card_id=card.card_id)  # another clerk's drawer is open

    with pytest.raises(PermissionDenied):
        reopen_drawer(any_office.clerk, any_office.clerk, DAY, "Quero lançar mais um.")
    with pytest.raises(Refusal) as info:
        reopen_drawer(any_office.supervisor, any_office.clerk, DAY, " \n ")
    assert info.value.field == "reason"
    reopened = reopen_drawer(any_office.supervisor, any_office.clerk, DAY,
                             "Cliente voltou para autenticar mais cópias.", now=NOON)
    assert not reopened.closed and reopened.reopened_by == "Sueli Supervisora"
    assert reopened.counted_total == 0  # as counted at the closing
    for service in services:
        service()
    assert Act.select().where(Act.clerk == any_office.clerk).count() == 3
    entry = AuditEntry.get(AuditEntry.action == "drawer.reopen")
    assert entry.user_id == any_office.supervisor and entry.reason.startswith("Cliente voltou")

    with pytest.raises(Refused, match="não está fechado"):
        reopen_drawer(any_office.supervisor, any_office.clerk, DAY, "De novo.")
    counted = expected_of(drawer_summary(any_office.clerk, DAY))
    assert close_drawer(any_office.clerk, DAY, counted, now=NOON).closed
    assert CashDrawer.select().count() == 1  # the same drawer, closed again


def test_a_drawer_of_a_closed_day_is_not_reopened(any_office):
    close_drawer(any_office.clerk, DAY, ZERO, now=NOON)
    ShiftClosing.create(day=DAY, closed_by=any_office.supervisor)
    with pytest.raises(Refused, match="expediente de 21/11/2026 já foi fechado"):
        reopen_drawer(any_office.supervisor, any_office.clerk, DAY, "Recontar.")


def test_the_days_drawers(any_office):
    expected = a_day_of_services(any_office)
    close_drawer(any_office.clerk2, DAY, {"dinheiro": 1_000_00}, "Sobrou dinheiro.", now=NOON)
    rows = {row.clerk_name: row for row in drawers_of_day(DAY)}
    assert list(rows) == ["Bruno Escrevente", "Clara Escrevente"]
    clara, bruno = rows["Clara Escrevente"], rows["Bruno Escrevente"]
    assert (clara.closed, clara.expected, clara.counted) == (False, sum(expected.values()), None)
    bruno_expected = 4 * charged("firma_com_valor") + charged("fotocopia", 10)
    assert (bruno.closed, bruno.expected, bruno.counted, bruno.difference) == (
        True, bruno_expected, 1_000_00, 1_000_00 - bruno_expected)
    assert bruno.explanation == "Sobrou dinheiro."
    assert drawers_of_day(DAY + timedelta(days=1)) == []


@pytest.mark.parametrize("counted,field", [
    ({"dinheiro": -1}, "counted_dinheiro"), ({"pix": 10**9}, "counted_pix"),
    ({"debito": 1.5}, "counted_debito"), ({"credito": True}, "counted_credito"),
    ({"isento": 0}, "counted"), ({"cheque": 10}, "counted"), ([("dinheiro", 1)], "counted")])
def test_counted_values_are_bounded(any_office, counted, field):
    with pytest.raises(Refused) as info:
        close_drawer(any_office.clerk, DAY, counted, "x", now=NOON)
    assert info.value.field == field
    assert CashDrawer.select().count() == 0


def test_no_drawer_of_a_day_to_come(any_office):
    with pytest.raises(Refused) as info:
        close_drawer(any_office.clerk, DAY + timedelta(days=1), ZERO, now=NOON)
    assert info.value.field == "day"


def test_two_terminals_inserting_at_once_end_with_one_drawer_and_one_refusal(pg_url,
                                                                             monkeypatch):
    """The unique index, should the drawer's lock ever be missed: both terminals find no
    drawer and insert; the loser gets the refusal a single terminal would."""
    office = make_office(pg_url)
    both_looked = threading.Barrier(2, timeout=30)
    waited = threading.local()
    expected = drawers._expected

    def expected_then_wait(clerk_id, day):
        figures = expected(clerk_id, day)
        if not getattr(waited, "done", False):  # the closing's look, not its summary's
            waited.done = True
            both_looked.wait()
        return figures

    monkeypatch.setattr(drawers, "lock_drawer", lambda clerk_id, day: None)
    monkeypatch.setattr(drawers, "_expected", expected_then_wait)
    outcomes: list[object] = []

    def terminal() -> None:
        try:
            outcomes.append(close_drawer(office.clerk, DAY, ZERO, now=NOON))
        except Refusal as refusal:
            outcomes.append(refusal.message)

    threads = [threading.Thread(target=terminal) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    messages = [o for o in outcomes if isinstance(o, str)]
    assert messages == ["Seu caixa de 21/11/2026 já está fechado."]
    assert CashDrawer.select().count() == 1
    close_store()
