from fractions import Fraction
from math import floor

import pytest
from hypothesis import given
from hypothesis import strategies as st

from balcao_tui.domain.money import (
    InvalidMoney,
    apply_rate,
    format_amount,
    format_money,
    format_rate,
    parse_money,
    parse_rate,
)


@pytest.mark.parametrize(
    "text, cents",
    [
        ("1.234,56", 123456),
        ("R$ 1.234,56", 123456),
        ("1234,56", 123456),
        ("1234", 123400),
        ("0,5", 50),
        ("12,3", 1230),
        (" R$12 ", 1200),
        ("1.234.567,89", 123456789),
        ("0", 0),
        ("0,01", 1),
    ],
)
def test_parse_money(text, cents):
    assert parse_money(text) == cents


@pytest.mark.parametrize(
    "text, fragment",
    [
        ("12,3,4", "Valor inválido"),
        ("1,234", "2 casas decimais"),
        ("1.23,00", "ponto de milhar"),
        ("1234.56", "ponto de milhar"),
        ("12a", "Valor inválido"),
        ("", "Informe um valor"),
        ("   ", "Informe um valor"),
        ("-5,00", "negativo"),
        ("R$", "Valor inválido"),
    ],
)
def test_parse_money_rejects(text, fragment):
    with pytest.raises(InvalidMoney) as info:
        parse_money(text)
    assert fragment in str(info.value)


def test_negative_when_allowed():
    assert parse_money("-R$ 1.234,56", allow_negative=True) == -123456
    assert parse_money("R$ -0,10", allow_negative=True) == -10


def test_formatting():
    assert format_amount(123456) == "1.234,56"
    assert format_amount(-123456) == "-1.234,56"
    assert format_amount(5) == "0,05"
    assert format_money(123456) == "R$ 1.234,56"
    assert format_money(100_000_000) == "R$ 1.000.000,00"


@given(st.integers(-(10**14) + 1, 10**14 - 1))
def test_format_then_parse_is_identity(cents):
    assert parse_money(format_money(cents), allow_negative=True) == cents
    assert parse_money(format_amount(cents), allow_negative=True) == cents


@pytest.mark.parametrize(
    "call",
    [
        lambda: parse_money(12.5),
        lambda: format_money(12.5),
        lambda: format_amount(1.0),
        lambda: apply_rate(100.0, 500),
        lambda: apply_rate(100, 5.0),
        lambda: parse_rate(2.5),
    ],
)
def test_float_is_refused(call):
    with pytest.raises((TypeError, InvalidMoney)):  # a float reached parse_* or format_*
        call()


@pytest.mark.parametrize(
    "text, bp", [("5", 500), ("5%", 500), ("2,5", 250), ("2,50 %", 250), ("0", 0), ("100", 10000)]
)
def test_parse_rate(text, bp):
    assert parse_rate(text) == bp


@pytest.mark.parametrize("text", ["2,505", "abc", "", "101", "-2", "5%%"])
def test_parse_rate_rejects(text):
    with pytest.raises(InvalidMoney):
        parse_rate(text)


def test_format_rate():
    assert format_rate(250) == "2,50%"
    assert format_rate(500) == "5,00%"


def test_apply_rate_rounds_half_up():
    assert apply_rate(1225, 200) == 25  # 24,5 centavos
    assert apply_rate(1224, 200) == 24  # 24,48
    assert apply_rate(1226, 200) == 25  # 24,52
    assert apply_rate(-1225, 200) == -25


@given(st.integers(0, 10**12), st.integers(0, 10_000))
def test_apply_rate_matches_exact_fraction(cents, bp):
    assert apply_rate(cents, bp) == floor(Fraction(cents * bp, 10_000) + Fraction(1, 2))
