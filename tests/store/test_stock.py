"""The physical seal stock on SQLite and PostgreSQL: purchases never overlap, sub-ranges go to
clerks, the unused part of a clerk's seals moves to another while the used ones stay, and
the balance per series and holder follows every use, reversal and spoilage."""
from __future__ import annotations

import json
from datetime import date, datetime, timezone

import pytest

from balcao_tui.domain.permissions import PermissionDenied
from balcao_tui.domain.refusal import Refusal
from balcao_tui.store.models import AuditEntry, PhysicalSeal, SealSheet
from balcao_tui.store.usecases.counter import register_counter_acts
from balcao_tui.store.usecases.office import set_settings
from balcao_tui.store.usecases.reversal import reverse_seals
from balcao_tui.store.usecases.spoilage import spoil_seals
from balcao_tui.store.usecases.stock import add_seal_sheet, next_available_seals
from balcao_tui.store.usecases.stock_balance import low_stock, low_stock_text, stock_balance
from balcao_tui.store.usecases.stock_handover import assign_seals, move_seals
from support.hostile import snapshot

NOON = datetime(2026, 11, 21, 15, 0, tzinfo=timezone.utc)  # 12:00 in São Paulo
DAY = date(2026, 11, 21)


def refused(call, *args, match: str, field: str | None = "first_number", **kwargs) -> Refusal:
    """The call refuses with `match` and writes nothing at all."""
    before = snapshot()
    with pytest.raises(Refusal, match=match) as info:
        call(*args, **kwargs)
    assert info.value.field == field
    assert snapshot() == before
    return info.value


def buy(office, first=1, last=100, series="RF0100", seal_type="reconhecimento"):
    return add_seal_sheet(office.supervisor, series=series, seal_type=seal_type,
                          first_number=first, last_number=last)


def holder(number: int, series: str = "RF0100") -> str | None:
    sheet = PhysicalSeal.get(series=series, number=number).sheet
    return sheet.clerk.login if sheet.clerk else None


def balance(office, series: str = "RF0100") -> dict:
    return {line.clerk_login: (line.available, line.used, line.spoiled, line.stale, line.ranges)
            for line in stock_balance(office.supervisor, DAY) if line.series == series}


def test_a_purchase_is_unassigned_stock_and_an_overlap_is_refused(any_office):
    sheet = buy(any_office, 1, 100, series=" rf0100 ")
    assert (sheet.series, sheet.clerk_login, sheet.available) == ("RF0100", None, 100)
    assert balance(any_office) == {None: (100, 0, 0, 0, ((1, 100),))}
    refused(buy, any_office, 100, 120, match="O selo RF0100 0000100 já está cadastrado")
    refused(buy, any_office, 50, 60, match="RF0100 0000050 já está cadastrado")
    buy(any_office, 101, 120)  # right after it: fine
    entry = AuditEntry.select().where(AuditEntry.action == "stock.sheet_add").order_by(
        AuditEntry.id.desc()).first()
    assert json.loads(entry.detail) == {"serie": "RF0100", "tipo": "reconhecimento", "de": 101,
                                        "ate": 120, "escrevente": None}


def test_assign_hands_a_sub_range_of_the_stock_to_a_clerk(any_office):
    buy(any_office, 1, 100)
    handed = assign_seals(any_office.supervisor, series="RF0100", first_number=21,
                          last_number=40, clerk_id=any_office.clerk2)
    assert (handed.moved, handed.kept, handed.from_name) == (20, 0, None)
    assert (handed.sheet.first_number, handed.sheet.last_number, handed.sheet.clerk_login) == (
        21, 40, "bruno")
    assert balance(any_office) == {None: (80, 0, 0, 0, ((1, 20), (41, 100))),
                                   "bruno": (20, 0, 0, 0, ((21, 40),))}
    assert [holder(n) for n in (20, 21, 40, 41)] == [None, "bruno", "bruno", None]
    entry = AuditEntry.get(AuditEntry.action == "stock.assign")
    assert entry.user_id == any_office.supervisor
    assert json.loads(entry.detail) == {"serie": "RF0100", "de": 21, "ate": 40, "selos": 20,
                                        "ficaram": 0, "de_escrevente": None, "para": "bruno"}
    # The whole rest of the purchase, both pieces, in two hand-overs; the emptied sheet goes.
    assign_seals(any_office.admin, series="RF0100", first_number=1, last_number=20,
                 clerk_id=any_office.clerk)
    assign_seals(any_office.admin, series="RF0100", first_number=41, last_number=100,
                 clerk_id=any_office.clerk)
    assert SealSheet.select().where((SealSheet.series == "RF0100")
                                    & SealSheet.clerk.is_null()).count() == 0
    assert balance(any_office) == {"bruno": (20, 0, 0, 0, ((21, 40),)),
                                   "clara": (80, 0, 0, 0, ((1, 20), (41, 100)))}


def test_assign_refuses_what_is_not_free_stock(any_office):
    buy(any_office, 1, 100)
    buy(any_office, 101, 110, seal_type="autenticacao")
    assign_seals(any_office.supervisor, series="RF0100", first_number=1, last_number=10,
                 clerk_id=any_office.clerk2)
    args = dict(series="RF0100", clerk_id=any_office.clerk)
    refused(assign_seals, any_office.supervisor, first_number=5, last_number=20, **args,
            match=r"O selo RF0100 0000005 já está com Bruno Escrevente: use Mover")
    refused(assign_seals, any_office.supervisor, first_number=95, last_number=130, **args,
            match=r"RF0100 0000111 não está cadastrado no estoque: registre a compra antes")
    refused(assign_seals, any_office.supervisor, first_number=95, last_number=105, **args,
            match="A faixa mistura selos de autenticação e reconhecimento de firma",
            field="last_number")
    refused(assign_seals, any_office.supervisor, series="RF0100", first_number=20,
            last_number=30, clerk_id=any_office.admin,
            match="Administrador não pratica atos", field="clerk")
    refused(assign_seals, any_office.supervisor, series="RF0100", first_number=20,
            last_number=30, clerk_id=999_999, match="Escrevente não encontrado", field="clerk")
    with pytest.raises(PermissionDenied):
        assign_seals(any_office.clerk, first_number=20, last_number=30, **args)
    with pytest.raises(PermissionDenied):
        move_seals(any_office.clerk, first_number=1, last_number=10, **args)
    with pytest.raises(PermissionDenied):
        stock_balance(any_office.clerk, DAY)


def test_moving_keeps_the_used_seals_with_their_clerk(any_office):
    """Clara used three of her AU0001 seals; the rest goes to Bruno, and the counter then
    offers those seals to Bruno and no longer to Clara."""
    used = register_counter_acts(any_office.clerk, "autenticacao", 3, now=NOON)
    assert next_available_seals(any_office.clerk2, "autenticacao", 2, DAY) == []
    moved = move_seals(any_office.supervisor, series="AU0001", first_number=1, last_number=50,
                       clerk_id=any_office.clerk2)
    assert (moved.moved, moved.kept, moved.from_name) == (47, 3, "Clara Escrevente")
    assert [holder(n, "AU0001") for n in (1, 3, 4, 50)] == ["clara", "clara", "bruno", "bruno"]
    assert next_available_seals(any_office.clerk2, "autenticacao", 2, DAY) == [
        ("AU0001", 4), ("AU0001", 5)]
    assert next_available_seals(any_office.clerk, "autenticacao", 2, DAY) == []
    assert balance(any_office, "AU0001") == {"clara": (0, 3, 0, 0, ()),
                                             "bruno": (47, 0, 0, 0, ((4, 50),))}
    # Clara's sheet keeps exactly her used seals; her acts still point at them.
    clara_sheet = SealSheet.get((SealSheet.series == "AU0001")
                                & (SealSheet.clerk == any_office.clerk))
    assert (clara_sheet.first_number, clara_sheet.last_number) == (1, 3)
    assert {s.act_id for s in clara_sheet.seals} == {a.act_id for a in used.acts}
    with pytest.raises(Refusal, match="AU0001 0000004 é de outra cartela"):
        register_counter_acts(any_office.clerk, "autenticacao", 1, seals=[("AU0001", 4)],
                              now=NOON)
    with pytest.raises(Refusal, match="cartela de selos de autenticação acabou"):
        register_counter_acts(any_office.clerk, "autenticacao", 1, now=NOON)
    taken = register_counter_acts(any_office.clerk2, "autenticacao", 1, now=NOON)
    assert (taken.acts[0].series, taken.acts[0].number) == ("AU0001", 4)
    entry = AuditEntry.get(AuditEntry.action == "stock.move")
    assert json.loads(entry.detail) == {"serie": "AU0001", "de": 4, "ate": 50, "selos": 47,
                                        "ficaram": 3, "de_escrevente": "clara",
                                        "para": "bruno"}


def test_move_refuses_stock_mixed_holders_the_same_clerk_and_nothing_unused(any_office):
    buy(any_office, 1, 10)
    args = dict(series="AU0001", clerk_id=any_office.clerk2)
    refused(move_seals, any_office.supervisor, series="RF0100", first_number=1, last_number=5,
            clerk_id=any_office.clerk2, match="RF0100 0000001 está no estoque.*use Entregar")
    refused(move_seals, any_office.supervisor, series="AU0001", first_number=1, last_number=5,
            clerk_id=any_office.clerk, match="Esses selos já estão com Clara Escrevente",
            field="clerk")
    register_counter_acts(any_office.clerk, "autenticacao", 2, now=NOON)
    refused(move_seals, any_office.supervisor, first_number=1, last_number=2, **args,
            match="Nenhum selo da faixa está sem uso")
    move_seals(any_office.supervisor, first_number=10, last_number=20, **args)
    refused(move_seals, any_office.supervisor, series="AU0001", first_number=5,
            last_number=15, clerk_id=any_office.supervisor,
            match=r"mais de um escrevente \(Bruno Escrevente e Clara Escrevente\)")


def test_the_balance_follows_uses_reversals_spoilages_and_moves(any_office):
    register_counter_acts(any_office.clerk, "autenticacao", 5, now=NOON)
    reverse_seals(any_office.clerk, [("AU0001", 5)], "Lançado a mais.", now=NOON)
    spoil_seals(any_office.supervisor, [("AU0001", 4), ("AU0001", 10)], "Rasgou.", now=NOON)
    # Reversed today: back on the sheet; 4 spoiled (its act cancelled) and 10 spoiled unused.
    assert balance(any_office, "AU0001") == {
        "clara": (45, 3, 2, 0, ((6, 9), (11, 50)))}
    # The next day the reversed seal can only be spoiled: neither available nor used.
    later = stock_balance(any_office.supervisor, date(2026, 11, 22))
    assert [(l.available, l.stale, l.total) for l in later if l.series == "AU0001"] == [
        (44, 1, 50)]
    moved = move_seals(any_office.supervisor, series="AU0001", first_number=1, last_number=50,
                       clerk_id=any_office.clerk2)
    assert (moved.moved, moved.kept) == (45, 5)  # the reversed one goes with the paper
    assert balance(any_office, "AU0001") == {
        "clara": (0, 3, 2, 0, ()), "bruno": (45, 0, 0, 0, ((6, 9), (11, 50)))}
    # Bruno is offered the reversed seal that day, then the rest in order.
    assert next_available_seals(any_office.clerk2, "autenticacao", 2, DAY) == [
        ("AU0001", 5), ("AU0001", 6)]


def test_low_stock_warns_the_clerk_below_the_offices_threshold(any_office):
    assert low_stock(any_office.clerk, DAY) == ()  # 50 of each, threshold 20
    assert low_stock(any_office.supervisor, DAY) == ()  # never given a sheet
    register_counter_acts(any_office.clerk, "autenticacao", 31, now=NOON)
    [warning] = low_stock(any_office.clerk, DAY)
    assert (warning.seal_type, warning.left, warning.threshold) == ("autenticacao", 19, 20)
    assert low_stock_text((warning,)) == ("Restam 19 selos de autenticação: peça uma nova "
                                          "cartela ao supervisor.")
    set_settings(any_office.admin, {"stock.low_seals": "60"})
    both = low_stock(any_office.clerk, DAY)
    assert [w.seal_type for w in both] == ["reconhecimento", "autenticacao"]
    assert low_stock_text(both) == ("Poucos selos — reconhecimento: 50, autenticação: 19. "
                                    "Peça novas cartelas ao supervisor.")
    set_settings(any_office.admin, {"stock.low_seals": "5"})
    move_seals(any_office.supervisor, series="AU0001", first_number=1, last_number=50,
               clerk_id=any_office.clerk2)
    [gone] = low_stock(any_office.clerk, DAY)
    assert low_stock_text((gone,)) == ("Acabaram os selos de autenticação: peça uma nova "
                                       "cartela ao supervisor.")
    assert low_stock_text(()) == ""
    with pytest.raises(PermissionDenied):
        low_stock(any_office.admin, DAY)
