"""Seal search on SQLite and PostgreSQL: keyset pages that neither skip nor repeat a record
(also among acts of the same instant), each filter, and hostile filters refused cleanly."""
from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, timedelta, timezone

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from balcao_tui.domain.refusal import Refusal
from balcao_tui.domain.seal_states import SealState
from balcao_tui.store.models import SealRecord
from balcao_tui.store.seal_search import SealFilter, iter_seals, search_seals
from support.hostile import arguments, hostile_number, hostile_text, refused_or_done
from support.seal_records import digital_row, hybrid_row, insert_rows

# 20/11/2026 10:00 in São Paulo.
AT = datetime(2026, 11, 20, 13, 0, tzinfo=timezone.utc)


@pytest.fixture
def seals(any_office):
    """30 records of one instant, 5 of the day before, hybrid ones of two clerks, a
    criticized one."""
    office = any_office
    rows = [digital_row(100 + i, AT) for i in range(30)]
    rows += [digital_row(200 + i, AT - timedelta(days=1), state=SealState.COMMUNICATED)
             for i in range(5)]
    rows.append(digital_row(300, AT + timedelta(hours=1), state=SealState.CRITICIZED,
                            criticisms='[{"codigo": "E12", "mensagem": "Valor divergente"}]'))
    insert_rows(rows)
    # insert_many takes its columns from the first row: the clerks' records go on their own.
    rows = [hybrid_row("RF0001", n, AT + timedelta(minutes=n), created_by=office.clerk)
            for n in (1, 2, 3)]
    rows += [hybrid_row("RF0002", 2, AT + timedelta(minutes=9), created_by=office.clerk2,
                        act_kind="firma_com_valor", act_code="RV")]
    insert_rows(rows)
    return office


def _all_pages(actor: int, seal_filter: SealFilter, limit: int) -> list:
    rows, after = [], None
    while True:
        page = search_seals(actor, seal_filter, after, limit)
        assert len(page.rows) <= limit
        rows.extend(page.rows)
        if page.next_after is None:
            return rows
        after = page.next_after


def test_pages_walk_every_record_once_newest_first_even_in_one_instant(seals):
    rows = _all_pages(seals.clerk, SealFilter(), 7)
    expected = list(SealRecord.select(SealRecord.id)
                    .order_by(SealRecord.act_at.desc(), SealRecord.id.desc()).tuples())
    assert [(r.id,) for r in rows] == expected
    assert len(rows) == len({r.id for r in rows}) == 40


def test_a_page_that_ends_the_list_says_so(seals):
    page = search_seals(seals.clerk, SealFilter(), limit=40)
    assert len(page.rows) == 40 and page.next_after is None
    page = search_seals(seals.clerk, SealFilter(), limit=39)
    assert page.next_after is not None
    assert search_seals(seals.clerk, SealFilter(), page.next_after, 39).next_after is None


def test_a_row_says_what_the_screens_show(seals):
    top = search_seals(seals.clerk, SealFilter(), limit=1).rows[0]
    assert top.state_label == "aguardando retificação"
    assert top.criticism == "[E12] Valor divergente"
    hybrid = search_seals(seals.clerk, SealFilter(clerk_login="bruno")).rows[0]
    assert hybrid.physical_seal == "RF0002 0000002"
    assert hybrid.clerk_login == "bruno"
    assert hybrid.act_kind_label and hybrid.act_kind_label != "firma_com_valor"


def _codes(actor, seal_filter) -> set[str]:
    return {row.code for row in iter_seals(actor, seal_filter, chunk=4)}


def test_each_filter_finds_exactly_its_records(seals):
    actor = seals.supervisor
    by = {r.code: r for r in SealRecord.select()}

    def where(test) -> set[str]:
        return {code for code, r in by.items() if test(r)}

    any_code = next(iter(by))
    assert _codes(actor, SealFilter(code=any_code.lower())) == {any_code}
    assert _codes(actor, SealFilter(code=any_code[:22])) == where(
        lambda r: r.code.startswith(any_code[:22]))
    assert _codes(actor, SealFilter(code="145573 1RS")) == where(
        lambda r: r.code.startswith("1455731RS"))
    day = date(2026, 11, 19)
    assert _codes(actor, SealFilter(date_from=day, date_to=day)) == where(
        lambda r: r.day == day)
    assert _codes(actor, SealFilter(date_from=date(2026, 11, 20))) == where(
        lambda r: r.day >= date(2026, 11, 20))
    assert _codes(actor, SealFilter(clerk_login="clara")) == where(
        lambda r: r.created_by_id == seals.clerk)
    assert _codes(actor, SealFilter(act_kind="firma_com_valor")) == where(
        lambda r: r.act_kind == "firma_com_valor")
    assert _codes(actor, SealFilter(state="communicated")) == where(
        lambda r: r.state == "communicated")
    assert _codes(actor, SealFilter(physical_number=2)) == where(
        lambda r: r.physical_number == 2)
    assert _codes(actor, SealFilter(physical_number=2, physical_series="rf0001")) == where(
        lambda r: r.physical_number == 2 and r.physical_series == "RF0001")
    assert len(_codes(actor, SealFilter(physical_number=2, clerk_login="bruno"))) == 1
    assert _codes(actor, SealFilter(code="9" * 20)) == set()


@pytest.mark.parametrize("seal_filter, field", [
    (SealFilter(code="1455731RS00000000000012610"), "code"),  # 26 characters
    (SealFilter(code="145573 1CE 0000000000003 18 5"), "code"),  # wrong check digit
    (SealFilter(code="14557Ç"), "code"),
    (SealFilter(clerk_login="ninguem"), "clerk_login"),
    (SealFilter(act_kind="casamento"), "act_kind"),
    (SealFilter(state="perdido"), "state"),
    (SealFilter(physical_number=10**7), "physical_number"),
    (SealFilter(physical_series="RF00001"), "physical_series"),
    (SealFilter(date_from=date(2026, 11, 21), date_to=date(2026, 11, 20)), "date_to"),
    (SealFilter(date_from="20/11/2026"), "date_from"),
])
def test_a_filter_that_cannot_be_read_is_refused_at_its_field(seals, seal_filter, field):
    with pytest.raises(Refusal) as refused:
        search_seals(seals.clerk, seal_filter)
    assert refused.value.field == field


@pytest.mark.parametrize("actor, after, limit", [
    (None, ("ontem", 3), 20), (None, (AT, 2**40), 20), (None, None, 10**6),
    (999_999, None, 20),
])
def test_only_known_users_real_cursors_and_bounded_pages(seals, actor, after, limit):
    with pytest.raises(Refusal):
        search_seals(actor or seals.clerk, SealFilter(), after, limit)


FILTER_FIELDS = {
    "code": st.sampled_from(["", "1455731", "1455731RS RF0001"]),
    "clerk_login": st.sampled_from(["", "clara"]),
    "act_kind": st.sampled_from(["", "firma_sem_valor"]),
    "state": st.sampled_from(["", "pending"]),
    "physical_series": st.sampled_from(["", "RF0001"]),
    "physical_number": st.sampled_from([None, 2]),
    "date_from": st.sampled_from([None, date(2026, 11, 20)]),
    "date_to": st.sampled_from([None, date(2026, 11, 21)]),
}
HOSTILE = {name: hostile_text() for name in FILTER_FIELDS}
HOSTILE.update(physical_number=hostile_number(), date_from=hostile_text(),
               date_to=hostile_number())


@settings(max_examples=40, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(values=arguments(FILTER_FIELDS, HOSTILE, most=3))
def test_hostile_filters_are_refused_cleanly_at_their_field(seals, values):
    with refused_or_done() as refused:
        page = search_seals(seals.clerk, replace(SealFilter(), **values), limit=5)
        assert len(page.rows) <= 5
    if refused:
        assert refused[0].field in FILTER_FIELDS, refused[0].message
