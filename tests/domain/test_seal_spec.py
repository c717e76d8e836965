import re

import pytest

from balcao_tui.domain.seal_spec import InvalidSeals, format_seals, parse_seal_list, parse_seals


@pytest.mark.parametrize("typed", ["RF0001 0000123", "rf0001 123", "RF00010000123", "123",
                                   "0000123", " RF0001   0000123 "])
def test_one_seal_in_every_accepted_form(typed):
    assert parse_seals(typed, 1, "RF0001") == [("RF0001", 123)]


def test_number_alone_takes_the_prefilled_series():
    assert parse_seals("7", 1, "AU0001") == [("AU0001", 7)]


def test_one_seal_for_several_acts_means_it_and_the_following():
    assert parse_seals("RF0002 10", 3, "RF0001") == [("RF0002", 10), ("RF0002", 11),
                                                     ("RF0002", 12)]


def test_ranges_and_lists():
    assert parse_seals("1-2; RF0002 5", 3, "RF0001") == [("RF0001", 1), ("RF0001", 2),
                                                         ("RF0002", 5)]
    assert parse_seals("1 a 3", 3, "RF0001") == parse_seals("1,2,3", 3, "RF0001")


@pytest.mark.parametrize("typed,count,message", [
    ("", 1, "Informe o número"),
    ("1;2", 3, "Informe 3 selo(s); foram informados 2"),
    ("1;1", 2, "mais de uma vez"),
    ("5-3", 3, "invertido"),
    ("RF0001 x12", 1, "não reconhecido"),
    ("12", 1, "Informe a série"),
])
def test_what_cannot_be_read_is_explained(typed, count, message):
    with pytest.raises(InvalidSeals, match=re.escape(message)):
        parse_seals(typed, count, "RF0001" if message != "Informe a série" else None)


def test_prefill_shows_runs_of_consecutive_seals():
    seals = [("RF0001", 1), ("RF0001", 2), ("RF0001", 3), ("RF0001", 7), ("RF0002", 8)]
    assert format_seals(seals) == "RF0001 0000001-0000003; RF0001 0000007; RF0002 0000008"
    assert parse_seals(format_seals(seals), 5, None) == seals


def test_a_list_of_unknown_length_takes_each_series_from_the_item_before():
    assert parse_seal_list("RF0001 1-3; 9, AU0001 0000004; 5", 10) == [
        ("RF0001", 1), ("RF0001", 2), ("RF0001", 3), ("RF0001", 9), ("AU0001", 4),
        ("AU0001", 5)]
    assert parse_seal_list("RF00010000123", 1) == [("RF0001", 123)]
    seals = [("RF0001", 1), ("RF0001", 2), ("RF0002", 8)]
    assert parse_seal_list(format_seals(seals), 3) == seals


@pytest.mark.parametrize("typed,message", [
    ("", "Informe o número"),
    ("12", 'Informe a série do selo "12"'),
    ("RF0001 1-3; 2", "mais de uma vez"),
    ("RF0001 1-9999999", "No máximo 5 selos de uma vez"),
    ("RF0001 1-3; RF0002 1-3", "No máximo 5 selos de uma vez"),
    ("RF0001 9-3", "invertido"),
])
def test_a_list_that_cannot_be_read_is_explained_before_anything_is_expanded(typed, message):
    with pytest.raises(InvalidSeals, match=re.escape(message)):
        parse_seal_list(typed, 5)
