"""Hostile values at the stock's hand-overs and balance: huge, negative or reversed numbers,
series with control characters or emoji, very long text, wrong types. Each is a clean
Portuguese refusal with nothing written, or a hand-over whose sheets stay consistent."""
from __future__ import annotations

from datetime import date

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from balcao_tui.store.models import PhysicalSeal, SealSheet
from balcao_tui.store.usecases.stock import add_seal_sheet
from balcao_tui.store.usecases.stock_balance import low_stock, stock_balance
from balcao_tui.store.usecases.stock_handover import assign_seals, move_seals
from support.hostile import arguments, hostile_number, hostile_text, refused_or_done

STORE = settings(max_examples=30, deadline=None,
                 suppress_health_check=[HealthCheck.function_scoped_fixture,
                                        HealthCheck.too_slow])


class Person(str):
    """A user of the TestOffice by its attribute name, resolved once the fixture gives ids
    (a plain string would be a hostile value)."""


def actors(*names: str) -> st.SearchStrategy:
    return st.sampled_from([Person(name) for name in names])


def who(office, value):
    return getattr(office, value) if isinstance(value, Person) else value

SERIES = st.sampled_from(["RF0100", "rf100", " RF0100 ", "AU0001", "ZZ0001"])
NUMBERS = st.integers(0, 130)


def _stock(office) -> None:
    if not SealSheet.select().where(SealSheet.series == "RF0100").exists():
        add_seal_sheet(office.admin, series="RF0100", seal_type="reconhecimento",
                       first_number=1, last_number=100)


def _hand_over_args():
    return arguments(
        valid={"actor": actors("admin", "supervisor", "clerk"), "series": SERIES,
               "first": NUMBERS, "span": st.integers(-3, 40),
               "clerk": actors("clerk", "clerk2", "supervisor", "admin")},
        hostile={"actor": hostile_number(), "series": hostile_text(),
                 "first": hostile_number(), "span": hostile_number(),
                 "clerk": hostile_number()})


def _consistent() -> None:
    for sheet in SealSheet.select():
        numbers = [s.number for s in sheet.seals]
        assert numbers, f"sheet {sheet.id} left empty"
        assert (sheet.first_number, sheet.last_number) == (min(numbers), max(numbers))


def _call(function, office, args) -> None:
    first = args["first"]
    last = first + args["span"] if isinstance(first, int) and isinstance(args["span"], int) \
        and not isinstance(args["span"], bool) else args["span"]
    with refused_or_done():
        function(who(office, args["actor"]), series=args["series"], first_number=first,
                 last_number=last, clerk_id=who(office, args["clerk"]))
    _consistent()


@STORE
@given(args=_hand_over_args())
def test_assign_seals(any_office, args):
    _stock(any_office)
    _call(assign_seals, any_office, args)


@STORE
@given(args=_hand_over_args())
def test_move_seals(any_office, args):
    _call(move_seals, any_office, args)
    assert PhysicalSeal.select().count() == 150  # a move never makes or loses a seal


@STORE
@given(actor=st.one_of(actors("admin", "supervisor", "clerk"), hostile_number()),
       day=st.sampled_from([date(2026, 11, 21), "21/11/2026", None, 0, 2**63, [2026]]))
def test_balance_and_low_stock_read_or_refuse(any_office, actor, day):
    for read in (stock_balance, low_stock):
        with refused_or_done():
            read(who(any_office, actor), day)
