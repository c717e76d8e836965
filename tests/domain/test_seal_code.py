import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from balcao_tui.domain.seal_code import (
    ALPHABET,
    InvalidSealCode,
    build_digital_seal_code,
    build_hybrid_seal_code,
    is_valid_seal_code,
    luhn36_check_char,
    normalize_series,
    parse_seal_code,
)

PUBLISHED = "9999991CE0000000000030184"
SYMBOLS = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"


def reference_check_char(payload: str) -> str:
    """Luhn mod N as usually written: factor 2 on the rightmost, alternating leftwards."""
    factor, total = 2, 0
    for char in reversed(payload):
        addend = factor * SYMBOLS.index(char)
        total += addend // 36 + addend % 36
        factor = 1 if factor == 2 else 2
    return SYMBOLS[(36 - total % 36) % 36]


symbols = st.sampled_from(SYMBOLS)


@st.composite
def valid_codes(draw) -> str:
    cns = "".join(draw(st.lists(st.sampled_from("0123456789"), min_size=6, max_size=6)))
    natureza = draw(st.sampled_from("12345"))
    act_code = "".join(draw(st.lists(symbols, min_size=2, max_size=2)))
    act_info = "".join(draw(st.lists(symbols, min_size=13, max_size=13)))
    year = "".join(draw(st.lists(st.sampled_from("0123456789"), min_size=2, max_size=2)))
    payload = cns + natureza + act_code + act_info + year
    return payload + reference_check_char(payload)


def test_alphabet_is_digits_then_letters():
    assert ALPHABET == SYMBOLS


def test_published_example_check_digit():
    assert luhn36_check_char(PUBLISHED[:24]) == "4"
    assert reference_check_char(PUBLISHED[:24]) == "4"


def test_published_example_parses_into_fields():
    seal = parse_seal_code(PUBLISHED)
    assert seal.cns == "999999"
    assert seal.natureza == "1"
    assert seal.act_code == "CE"
    assert seal.act_info == "0000000000030"
    assert seal.year == 2018
    assert seal.check_digit == "4"
    assert seal.code == PUBLISHED


@settings(max_examples=200)
@given(st.text(alphabet=SYMBOLS, min_size=1, max_size=30))
def test_check_char_matches_reference(payload):
    assert luhn36_check_char(payload) == reference_check_char(payload)


@settings(max_examples=15, deadline=None)
@given(valid_codes())
def test_every_single_character_change_is_rejected(code):
    assert parse_seal_code(code).code == code
    for position in range(len(code)):
        for char in SYMBOLS:
            if char == code[position]:
                continue
            changed = code[:position] + char + code[position + 1 :]
            with pytest.raises(InvalidSealCode):
                parse_seal_code(changed)


@settings(max_examples=100, deadline=None)
@given(valid_codes())
def test_swapping_two_different_neighbours_is_rejected(code):
    for position in range(len(code) - 1):
        pair = code[position : position + 2]
        # Luhn mod 36 cannot see 0<->Z (like 09<->90 in mod 10); see the test below.
        if pair[0] == pair[1] or set(pair) == {"0", "Z"}:
            continue
        swapped = code[:position] + pair[::-1] + code[position + 2 :]
        assert not is_valid_seal_code(swapped), (code, position)


def test_luhn_mod_36_cannot_see_a_swap_of_0_and_z():
    payload = "1455731" + "0Z" + "0000000000001" + "26"
    code = payload + reference_check_char(payload)
    swapped = code[:7] + "Z0" + code[9:]
    assert parse_seal_code(swapped).act_code == "Z0"


def test_typing_is_forgiven():
    typed = "  999999-1ce.0000000000030 18 4\n"
    assert parse_seal_code(typed).code == PUBLISHED
    assert is_valid_seal_code(PUBLISHED.lower())


def test_wrong_length_says_how_many():
    with pytest.raises(InvalidSealCode) as info:
        parse_seal_code(PUBLISHED[:-1])
    assert "25" in str(info.value) and "24" in str(info.value)


def test_invalid_character_names_it_and_its_position():
    with pytest.raises(InvalidSealCode) as info:
        parse_seal_code(PUBLISHED[:9] + "Ç" + PUBLISHED[10:])
    assert '"Ç"' in str(info.value) and "posição 10" in str(info.value)


def test_wrong_check_digit_is_named():
    with pytest.raises(InvalidSealCode) as info:
        parse_seal_code(PUBLISHED[:-1] + "5")
    assert "dígito verificador inválido" in str(info.value)


def test_cns_must_be_digits_even_with_a_matching_check_digit():
    payload = "99999A1CE000000000003018"
    with pytest.raises(InvalidSealCode) as info:
        parse_seal_code(payload + reference_check_char(payload))
    assert "CNS" in str(info.value)


@pytest.mark.parametrize("natureza", ["0", "6", "A"])
def test_natureza_must_be_1_to_5(natureza):
    payload = "999999" + natureza + "CE000000000003018"
    with pytest.raises(InvalidSealCode) as info:
        parse_seal_code(payload + reference_check_char(payload))
    assert "Natureza" in str(info.value)


@pytest.mark.parametrize("bad", ["", None, 12345, "9999991CE000000000003018" + "Ω"])
def test_is_valid_is_false_for_anything_broken(bad):
    assert is_valid_seal_code(bad) is False


@settings(max_examples=100)
@given(
    cns=st.text(alphabet="0123456789", min_size=6, max_size=6),
    natureza=st.sampled_from("12345"),
    act_code=st.text(alphabet=SYMBOLS, min_size=2, max_size=2),
    sequence=st.integers(0, 10**13 - 1),
    year=st.integers(2000, 2099),
)
def test_digital_builder_round_trips(cns, natureza, act_code, sequence, year):
    code = build_digital_seal_code(cns, natureza, act_code, sequence, year)
    seal = parse_seal_code(code)
    assert (seal.cns, seal.natureza, seal.act_code, seal.year) == (cns, natureza, act_code, year)
    assert int(seal.act_info) == sequence
    assert code[-1] == reference_check_char(code[:-1])


@settings(max_examples=100)
@given(
    series=st.text(alphabet=SYMBOLS, min_size=1, max_size=6),
    number=st.integers(0, 9_999_999),
    year=st.integers(2000, 2099),
)
def test_hybrid_builder_round_trips(series, number, year):
    code = build_hybrid_seal_code("145573", "1", "RS", series, number, year)
    seal = parse_seal_code(code)
    assert seal.hybrid_parts() == ("0" * (6 - len(series)) + series, number)
    assert seal.year == year and seal.act_code == "RS"


def test_builder_takes_the_full_year():
    code = build_digital_seal_code("145573", "1", "FC", 7, 2026)
    assert code[22:24] == "26"
    assert code[9:22] == "0000000000007"


@pytest.mark.parametrize(
    "kwargs, fragment",
    [
        ({"sequence": -1}, "Sequencial"),
        ({"sequence": 10**13}, "Sequencial"),
        ({"act_code": "R"}, "Código do ato"),
        ({"act_code": "R$"}, "Código do ato"),
        ({"year": 26}, "Ano"),
        ({"cns": "14557"}, "CNS"),
        ({"natureza": "6"}, "Natureza"),
    ],
)
def test_digital_builder_rejects_bad_parts(kwargs, fragment):
    args = {"cns": "145573", "natureza": "1", "act_code": "FC", "sequence": 1, "year": 2026}
    args.update(kwargs)
    with pytest.raises(InvalidSealCode) as info:
        build_digital_seal_code(**args)
    assert fragment in str(info.value)


@pytest.mark.parametrize(
    "series, number", [("", 1), ("1234567", 1), ("AB-1", 1), ("A", 10_000_000), ("A", -1)]
)
def test_hybrid_builder_rejects_bad_series_or_number(series, number):
    with pytest.raises(InvalidSealCode):
        build_hybrid_seal_code("145573", "1", "RS", series, number, 2026)


def test_normalize_series_pads_and_upper_cases():
    assert normalize_series(" ab12 ") == "00AB12"
    assert normalize_series("123456") == "123456"


def test_hybrid_parts_refuses_a_digital_sequence_with_letters():
    payload = "1455731AD" + "ABCDEFGHIJKLM" + "26"
    seal = parse_seal_code(payload + reference_check_char(payload))
    with pytest.raises(InvalidSealCode):
        seal.hybrid_parts()
