"""Reversal and spoilage of physical seals, on SQLite and PostgreSQL: what they cancel, what
goes back to the sheet, who may do them, and what they refuse with nothing written."""
from __future__ import annotations

import json
from datetime import date, datetime, timedelta, timezone

import pytest

from balcao_tui.domain.permissions import PermissionDenied
from balcao_tui.domain.refusal import Refusal
from balcao_tui.domain.seal_states import PhysicalState, SealState
from balcao_tui.store.models import Act, AuditEntry, PhysicalSeal, SealRecord, ShiftClosing
from balcao_tui.store.state_writes import move_seal_records
from balcao_tui.store.usecases.counter import register_counter_acts
from balcao_tui.store.usecases.day_acts import last_service, my_day_acts, service_registration
from balcao_tui.store.usecases.drawers import close_drawer, reopen_drawer
from balcao_tui.store.usecases.reversal import reverse_seals
from balcao_tui.store.usecases.seal_returns import MAX_SEALS
from balcao_tui.store.usecases.signature_cards import CardData, create_signature_card
from balcao_tui.store.usecases.spoilage import spoil_seals
from balcao_tui.store.usecases.stock import next_available_seals
from support.hostile import snapshot

NOON = datetime(2026, 11, 21, 15, 0, tzinfo=timezone.utc)  # 12:00 in São Paulo
DAY = date(2026, 11, 21)
NEXT_DAY = NOON + timedelta(days=1)
REASON = "Lançado a mais: o documento tinha só uma página."


def seal(number: int, series: str = "AU0001") -> PhysicalSeal:
    return PhysicalSeal.get(series=series, number=number)


def record_of(act_id: int) -> SealRecord:
    return SealRecord.get(SealRecord.act == act_id)


def _card(office) -> int:
    return create_signature_card(office.clerk, CardData(name="Maria da Silva",
                                                        cpf="529.982.247-25"), now=NOON).card_id


def pages(office, count: int, clerk=None, now=NOON):
    return register_counter_acts(clerk or office.clerk, "autenticacao", count, now=now)


def refused(call, *args, match: str, field: str | None = "seals", **kwargs) -> Refusal:
    """The call refuses with `match` and writes nothing at all."""
    before = snapshot()
    with pytest.raises(Refusal, match=match) as info:
        call(*args, **kwargs)
    assert info.value.field == field
    assert snapshot() == before
    return info.value


# Reversal


def test_reversal_cancels_the_act_and_its_record_and_puts_the_seal_back(any_office):
    service = pages(any_office, 3)
    kept, undone = service.acts[0], service.acts[2]
    result = reverse_seals(any_office.clerk, [("au0001", 3)], f"  {REASON}  ", now=NOON)
    assert [(s.label, s.act_id, s.code) for s in result.seals] == [
        ("AU0001 0000003", undone.act_id, undone.seal_code)]
    assert result.reason == REASON and result.at == NOON
    assert Act.get_by_id(undone.act_id).cancelled_at == NOON
    assert record_of(undone.act_id).state == SealState.CANCELLED
    back = seal(3)
    assert (back.state, back.day, back.reason, back.changed_at) == (
        PhysicalState.REVERSED, DAY, REASON, NOON)
    assert Act.get_by_id(kept.act_id).cancelled_at is None
    assert record_of(kept.act_id).state == SealState.WAITING_CLOSING
    entry = AuditEntry.get(AuditEntry.action == "seal.reverse")
    assert (entry.user_id, entry.reason) == (any_office.clerk, REASON)
    assert json.loads(entry.detail) == {"selos": ["AU0001 0000003"], "atos": [undone.act_id],
                                        "registros": [undone.seal_code]}


def test_a_reversed_seal_is_the_next_one_the_sheet_gives_that_day(any_office):
    first = pages(any_office, 3)
    reverse_seals(any_office.clerk, [("AU0001", 2)], REASON, now=NOON)
    assert next_available_seals(any_office.clerk, "autenticacao", 2, DAY) == [
        ("AU0001", 2), ("AU0001", 4)]
    again = pages(any_office, 2)
    assert [(a.series, a.number) for a in again.acts] == [("AU0001", 2), ("AU0001", 4)]
    # The same code twice: the cancelled record keeps it, the new one is the live one.
    assert again.acts[0].seal_code == first.acts[1].seal_code
    states = sorted(r.state for r in SealRecord.select().where(
        SealRecord.code == first.acts[1].seal_code))
    assert states == [SealState.CANCELLED, SealState.WAITING_CLOSING]
    reused = seal(2)
    assert (reused.state, reused.act_id, reused.reason) == (
        PhysicalState.USED, again.acts[0].act_id, "")


def test_a_reversed_seal_typed_again_the_same_day_is_registered(any_office):
    first = pages(any_office, 2)
    reverse_seals(any_office.clerk, [("AU0001", 1)], REASON, now=NOON)
    again = register_counter_acts(any_office.clerk, "autenticacao", 1, seals=[("AU0001", 1)],
                                  now=NOON + timedelta(hours=2))
    assert again.acts[0].seal_code == first.acts[0].seal_code
    assert record_of(again.acts[0].act_id).state == SealState.WAITING_CLOSING


def test_a_reversed_seal_cannot_be_used_on_a_later_day(any_office):
    pages(any_office, 2)
    reverse_seals(any_office.clerk, [("AU0001", 1)], REASON, now=NOON)
    assert next_available_seals(any_office.clerk, "autenticacao", 1, NEXT_DAY.date()) == [
        ("AU0001", 3)]
    refused(register_counter_acts, any_office.clerk, "autenticacao", 1,
            seals=[("AU0001", 1)], now=NEXT_DAY, match="só podem ser inutilizados")
    assert pages(any_office, 1, now=NEXT_DAY).acts[0].number == 3


def test_reversal_refused_on_a_later_day(any_office):
    pages(any_office, 1)
    refused(reverse_seals, any_office.clerk, [("AU0001", 1)], REASON, now=NEXT_DAY,
            match=r"AU0001 0000001 foi utilizado em 21/11/2026: só os selos de hoje")


def test_reversal_refused_once_the_day_is_closed(any_office):
    pages(any_office, 1)
    ShiftClosing.create(day=DAY, closed_by=any_office.supervisor)
    refused(reverse_seals, any_office.supervisor, [("AU0001", 1)], REASON, now=NOON,
            match="21/11/2026 já foi fechado: os selos dele não podem mais ser estornados",
            field=None)


@pytest.mark.parametrize("state", [SealState.PENDING, SealState.COMMUNICATED])
def test_reversal_refused_once_the_record_was_queued_or_sent(any_office, state):
    service = pages(any_office, 2)
    move_seal_records(SealRecord.id == record_of(service.acts[1].act_id).id,
                      SealState.WAITING_CLOSING, SealState.PENDING, "supervisor")
    if state == SealState.COMMUNICATED:
        move_seal_records(SealRecord.state == SealState.PENDING, SealState.PENDING,
                          SealState.COMMUNICATED, None)
    refused(reverse_seals, any_office.clerk, [("AU0001", 1), ("AU0001", 2)], REASON,
            now=NOON, match="AU0001 0000002 já foi enviado ao TJ: só pode ser retificado")


def test_reversal_and_spoilage_wait_for_a_closed_drawer_to_be_reopened(any_office):
    pages(any_office, 2)
    close_drawer(any_office.clerk, DAY, {}, "Conferido à parte.", now=NOON)
    closed = r"O caixa de Clara Escrevente de 21/11/2026 está fechado: "
    tail = r" antes de cancelar o ato do selo AU0001 0000002"
    refused(reverse_seals, any_office.clerk, [("AU0001", 2)], REASON, now=NOON,
            match=closed + "peça ao supervisor para reabri-lo" + tail)
    refused(spoil_seals, any_office.supervisor, [("AU0001", 2)], REASON, now=NOON,
            match=closed + "reabra-o em Caixas do dia" + tail)
    spoil_seals(any_office.supervisor, [("AU0001", 9)], REASON, now=NOON)  # no act, no drawer
    reopen_drawer(any_office.supervisor, any_office.clerk, DAY, "Estorno a fazer.", now=NOON)
    assert reverse_seals(any_office.clerk, [("AU0001", 2)], REASON, now=NOON).seals


@pytest.mark.parametrize("number,message", [
    (7, "AU0001 0000007 não foi utilizado: não há o que estornar"),
    (999, "AU0001 0000999 não está cadastrado no estoque"),
])
def test_reversal_of_what_was_never_launched_is_refused(any_office, number, message):
    pages(any_office, 1)
    refused(reverse_seals, any_office.clerk, [("AU0001", 1), ("AU0001", number)], REASON,
            now=NOON, match=message)


def test_a_seal_is_reversed_once(any_office):
    pages(any_office, 1)
    reverse_seals(any_office.clerk, [("AU0001", 1)], REASON, now=NOON)
    refused(reverse_seals, any_office.clerk, [("AU0001", 1)], REASON, now=NOON,
            match="AU0001 0000001 já foi estornado")


def test_an_escrevente_reverses_only_own_seals_a_supervisor_anyones(any_office):
    theirs = register_counter_acts(any_office.clerk2, "firma_sem_valor", 1, now=NOON,
                                   signature_card_id=_card(any_office))
    refused(reverse_seals, any_office.clerk, [("RF0002", 1)], REASON, now=NOON,
            match="RF0002 0000001 foi lançado por outro escrevente")
    result = reverse_seals(any_office.supervisor, [("RF0002", 1)], REASON, now=NOON)
    assert result.seals[0].act_id == theirs.acts[0].act_id
    assert AuditEntry.get(AuditEntry.action == "seal.reverse").user_id == any_office.supervisor


def test_roles_without_reversal_are_refused(any_office):
    pages(any_office, 1)
    before = snapshot()
    with pytest.raises(PermissionDenied, match="Administrador"):
        reverse_seals(any_office.admin, [("AU0001", 1)], REASON, now=NOON)
    assert snapshot() == before


@pytest.mark.parametrize("reason", ["", "   ", None, " \t "])
def test_a_reason_is_required(any_office, reason):
    pages(any_office, 1)
    refused(reverse_seals, any_office.clerk, [("AU0001", 1)], reason, now=NOON,
            match="Informe o campo motivo", field="seal_reason")
    refused(spoil_seals, any_office.supervisor, [("AU0001", 1)], reason, now=NOON,
            match="Informe o campo motivo", field="seal_reason")


@pytest.mark.parametrize("seals,message", [
    ([], "Informe ao menos um selo"),
    ([("AU0001", 1), ("au0001", 1)], "mais de uma vez"),
    ([("AU0001", n) for n in range(MAX_SEALS + 1)], f"No máximo {MAX_SEALS} selos"),
    ("AU0001 1", "série e número"),
])
def test_the_list_of_seals_is_bounded_and_checked(any_office, seals, message):
    pages(any_office, 1)
    refused(reverse_seals, any_office.clerk, seals, REASON, now=NOON, match=message)
    refused(spoil_seals, any_office.supervisor, seals, REASON, now=NOON, match=message)


# Spoilage


def test_spoilage_of_unused_seals_available_or_reversed_on_any_day(any_office):
    pages(any_office, 1)
    reverse_seals(any_office.clerk, [("AU0001", 1)], REASON, now=NOON)
    later = NOON + timedelta(days=3)
    result = spoil_seals(any_office.supervisor, [("AU0001", 1), ("AU0001", 9)],
                         "Rasgado ao destacar da cartela.", now=later)
    assert [(s.label, s.act_id, s.code) for s in result.seals] == [
        ("AU0001 0000001", None, None), ("AU0001 0000009", None, None)]
    for number in (1, 9):
        spoiled = seal(number)
        assert (spoiled.state, spoiled.reason, spoiled.changed_at) == (
            PhysicalState.SPOILED, "Rasgado ao destacar da cartela.", later)
    entry = AuditEntry.get(AuditEntry.action == "seal.spoil")
    assert (entry.user_id, entry.reason) == (any_office.supervisor,
                                             "Rasgado ao destacar da cartela.")
    assert json.loads(entry.detail)["selos"] == ["AU0001 0000001", "AU0001 0000009"]


def test_spoilage_of_a_used_seal_still_waiting_cancels_its_act(any_office):
    service = pages(any_office, 2)
    damaged = service.acts[1]
    result = spoil_seals(any_office.notary, [("AU0001", 2)], "Borrado na colagem.", now=NOON)
    assert (result.seals[0].act_id, result.seals[0].code) == (damaged.act_id, damaged.seal_code)
    assert seal(2).state == PhysicalState.SPOILED
    assert record_of(damaged.act_id).state == SealState.CANCELLED
    assert Act.get_by_id(damaged.act_id).cancelled_at == NOON
    assert record_of(service.acts[0].act_id).state == SealState.WAITING_CLOSING
    refused(register_counter_acts, any_office.clerk, "autenticacao", 1,
            seals=[("AU0001", 2)], now=NOON, match="inutilizado")


@pytest.mark.parametrize("state", [SealState.PENDING, SealState.COMMUNICATED])
def test_spoilage_refused_once_the_record_was_queued_or_sent(any_office, state):
    service = pages(any_office, 1)
    move_seal_records(SealRecord.id == record_of(service.acts[0].act_id).id,
                      SealState.WAITING_CLOSING, SealState.PENDING, "supervisor")
    if state == SealState.COMMUNICATED:
        move_seal_records(SealRecord.state == SealState.PENDING, SealState.PENDING,
                          SealState.COMMUNICATED, None)
    refused(spoil_seals, any_office.supervisor, [("AU0001", 5), ("AU0001", 1)], REASON,
            now=NOON, match="AU0001 0000001 já foi enviado ao TJ: o ato só pode ser "
                            "retificado ou excluído")


def test_spoilage_refused_for_a_seal_sent_or_already_spoiled(any_office):
    PhysicalSeal.update(state=PhysicalState.SENT).where(PhysicalSeal.number == 4).execute()
    spoil_seals(any_office.supervisor, [("AU0001", 5)], REASON, now=NOON)
    refused(spoil_seals, any_office.supervisor, [("AU0001", 4)], REASON, now=NOON,
            match="AU0001 0000004 já foi enviado ao TJ")
    refused(spoil_seals, any_office.supervisor, [("AU0001", 5)], REASON, now=NOON,
            match="AU0001 0000005 já foi inutilizado")


def test_spoilage_is_for_supervisors_and_above(any_office):
    before = snapshot()
    for actor in (any_office.clerk, any_office.admin):
        with pytest.raises(PermissionDenied, match="inutilizar selos"):
            spoil_seals(actor, [("AU0001", 1)], REASON, now=NOON)
    assert snapshot() == before


def test_a_long_reason_fits_the_seal_and_the_audit(any_office):
    pages(any_office, 1)
    reason = "Motivo longo, com acentuação: " + "x" * 225
    reverse_seals(any_office.clerk, [("AU0001", 1)], reason, now=NOON)
    assert seal(1).reason == reason
    refused(spoil_seals, any_office.supervisor, [("AU0001", 1)], "duas\nlinhas", now=NOON,
            match="use uma só linha", field="seal_reason")
    refused(spoil_seals, any_office.supervisor, [("AU0001", 1)], "y" * 256, now=NOON,
            match="no máximo 255 caracteres", field="seal_reason")


# Meus atos de hoje after a reversal and a spoilage


def test_my_day_shows_cancelled_acts_out_of_the_totals_and_never_reprints_them(any_office):
    first = pages(any_office, 3)
    reverse_seals(any_office.clerk, [("AU0001", 3)], REASON, now=NOON)
    spoil_seals(any_office.supervisor, [("AU0001", 1)], "Borrado.", now=NOON)
    day = my_day_acts(any_office.clerk, DAY)
    assert (day.count, day.total, day.cancelled) == (1, first.unit_fees.total, 2)
    assert [(a.physical_seal, a.cancelled) for a in day.acts] == [
        (("AU0001", 3), "estornado"), (("AU0001", 2), None), (("AU0001", 1), "inutilizado")]
    with pytest.raises(Refusal, match="não há etiqueta para reimprimir"):
        service_registration(any_office.clerk, first.acts[0].act_id)
    reprint = service_registration(any_office.clerk, first.acts[1].act_id)
    assert [a.act_id for a in reprint.acts] == [first.acts[1].act_id]
    assert [a.act_id for a in last_service(any_office.clerk).acts] == [first.acts[1].act_id]


def test_a_seal_reversed_then_spoiled_leaves_its_act_reversed(any_office):
    pages(any_office, 1)
    reverse_seals(any_office.clerk, [("AU0001", 1)], REASON, now=NOON)
    spoil_seals(any_office.supervisor, [("AU0001", 1)], "Rasgou depois.",
                now=NOON + timedelta(minutes=5))
    assert my_day_acts(any_office.clerk, DAY).acts[0].cancelled == "estornado"
