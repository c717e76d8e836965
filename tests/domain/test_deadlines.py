from datetime import date, datetime, timedelta, timezone

import pytest

from balcao_tui.domain.deadlines import (
    CORRECTION_WINDOW,
    OFFICE_TZ,
    SEND_DEADLINE,
    InvalidDate,
    correction_deadline,
    ensure_utc,
    format_date,
    format_local,
    format_remaining,
    is_late,
    office_day,
    parse_date_br,
    parse_local_datetime,
    send_deadline,
    to_local,
    utcnow,
    within_correction_window,
)

UTC = timezone.utc


def test_constants():
    assert SEND_DEADLINE == timedelta(hours=24)
    assert CORRECTION_WINDOW == timedelta(hours=72)
    assert str(OFFICE_TZ) == "America/Sao_Paulo"


def test_utcnow_is_aware_utc():
    now = utcnow()
    assert now.utcoffset() == timedelta(0)


def test_naive_is_taken_as_utc():
    naive = datetime(2026, 11, 21, 17, 5)
    assert ensure_utc(naive) == datetime(2026, 11, 21, 17, 5, tzinfo=UTC)
    local = datetime(2026, 11, 21, 14, 5, tzinfo=OFFICE_TZ)
    assert ensure_utc(local) == datetime(2026, 11, 21, 17, 5, tzinfo=UTC)


@pytest.mark.parametrize("month", [1, 2, 7, 11, 12])
def test_sao_paulo_is_utc_minus_3_all_year(month):
    assert to_local(datetime(2026, month, 15, 12, tzinfo=UTC)).utcoffset() == timedelta(hours=-3)


def test_office_day_boundary():
    assert office_day(datetime(2026, 11, 21, 2, 30, tzinfo=UTC)) == date(2026, 11, 20)
    assert office_day(datetime(2026, 11, 21, 2, 59, tzinfo=UTC)) == date(2026, 11, 20)
    assert office_day(datetime(2026, 11, 21, 3, 0, tzinfo=UTC)) == date(2026, 11, 21)
    assert office_day(datetime(2026, 1, 1, 2, 0, tzinfo=UTC)) == date(2025, 12, 31)


def test_formatting():
    assert format_local(datetime(2026, 11, 21, 17, 5, tzinfo=UTC)) == "21/11/2026 14:05"
    assert format_date(date(2026, 1, 2)) == "02/01/2026"
    assert format_date(datetime(2026, 11, 21, 2, 30, tzinfo=UTC)) == "20/11/2026"


def test_send_deadline_and_lateness():
    act_at = datetime(2026, 11, 21, 17, 5, tzinfo=UTC)
    assert send_deadline(act_at) == datetime(2026, 11, 22, 17, 5, tzinfo=UTC)
    assert not is_late(act_at, act_at + timedelta(hours=24))
    assert is_late(act_at, act_at + timedelta(hours=24, seconds=1))
    local_sent = datetime(2026, 11, 22, 14, 6, tzinfo=OFFICE_TZ)  # 17:06 UTC
    assert is_late(act_at, local_sent)


def test_correction_window():
    act_at = datetime(2026, 11, 21, 17, 5, tzinfo=UTC)
    assert correction_deadline(act_at) == act_at + timedelta(days=3)
    assert within_correction_window(act_at, act_at + timedelta(hours=72))
    assert not within_correction_window(act_at, act_at + timedelta(hours=72, minutes=1))


@pytest.mark.parametrize(
    "text, expected",
    [("21/11/2026", date(2026, 11, 21)), ("21112026", date(2026, 11, 21)),
     (" 1/2/2026 ", date(2026, 2, 1)), ("21-11-2026", date(2026, 11, 21))],
)
def test_parse_date_br(text, expected):
    assert parse_date_br(text) == expected


@pytest.mark.parametrize(
    "text, fragment",
    [("31/02/2026", "inexistente"), ("21/11/26", "dd/mm/aaaa"), ("ontem", "dd/mm/aaaa"),
     ("", "dd/mm/aaaa"), ("2026-11-21", "dd/mm/aaaa")],
)
def test_parse_date_br_rejects(text, fragment):
    with pytest.raises(InvalidDate) as info:
        parse_date_br(text)
    assert fragment in str(info.value)


@pytest.mark.parametrize(
    "delta, text",
    [
        (timedelta(hours=3, minutes=20), "3 h 20 min"),
        (timedelta(hours=3, minutes=20, seconds=59), "3 h 20 min"),
        (timedelta(hours=2), "2 h"),
        (timedelta(minutes=45), "45 min"),
        (timedelta(seconds=30), "menos de 1 min"),
        (timedelta(hours=-2), "vencido há 2 h"),
        (timedelta(hours=-1, minutes=-5), "vencido há 1 h 5 min"),
    ],
)
def test_format_remaining(delta, text):
    assert format_remaining(delta) == text


@pytest.mark.parametrize("text, expected", [
    ("21/11/2026 14:05", datetime(2026, 11, 21, 17, 5, tzinfo=timezone.utc)),
    (" 1/2/2026  0:00 ", datetime(2026, 2, 1, 3, 0, tzinfo=timezone.utc)),
])
def test_parse_local_datetime(text, expected):
    assert parse_local_datetime(text) == expected


@pytest.mark.parametrize("text", ["21/11/2026", "21/11/2026 24:00", "21/11/2026 14:5",
                                  "31/02/2026 10:00", "14:05 21/11/2026", "", None, "\x00 1:00"])
def test_parse_local_datetime_rejects(text):
    with pytest.raises(InvalidDate):
        parse_local_datetime(text)
