import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from balcao_tui.domain.identifiers import (
    InvalidIdentifier,
    cnpj_check_digits,
    cpf_check_digits,
    document_in_query,
    format_cnpj,
    format_cns,
    format_cpf,
    is_valid_cnpj,
    is_valid_cns,
    is_valid_cpf,
    mask_cnpj,
    mask_cpf,
    normalize_cnpj,
    normalize_cns,
    normalize_cpf,
    normalize_rg,
    only_digits,
)


def mod11(values, weights):
    remainder = sum(v * w for v, w in zip(values, weights)) % 11
    return 0 if remainder < 2 else 11 - remainder


def reference_cpf(base9: str) -> str:
    values = [int(c) for c in base9]
    first = mod11(values, [10, 9, 8, 7, 6, 5, 4, 3, 2])
    second = mod11(values + [first], [11, 10, 9, 8, 7, 6, 5, 4, 3, 2])
    return f"{first}{second}"


def reference_cnpj(base12: str) -> str:
    values = [ord(c) - ord("0") for c in base12]
    first = mod11(values, [5, 4, 3, 2, 9, 8, 7, 6, 5, 4, 3, 2])
    second = mod11(values + [first], [6, 5, 4, 3, 2, 9, 8, 7, 6, 5, 4, 3, 2])
    return f"{first}{second}"


@pytest.mark.parametrize(
    "cpf", ["529.982.247-25", "52998224725", "111.444.777-35", " 111 444 777 35 "]
)
def test_well_known_valid_cpfs(cpf):
    assert is_valid_cpf(cpf)
    assert len(normalize_cpf(cpf)) == 11


def test_reference_agrees_with_published_cpfs():
    assert reference_cpf("529982247") == "25"
    assert reference_cpf("111444777") == "35"


def test_wrong_check_digit():
    with pytest.raises(InvalidIdentifier) as info:
        normalize_cpf("529.982.247-24")
    assert "dígito verificador não confere" in str(info.value)


@pytest.mark.parametrize("digit", "0123456789")
def test_all_equal_cpf_is_rejected(digit):
    with pytest.raises(InvalidIdentifier) as info:
        normalize_cpf(digit * 11)
    assert "todos os dígitos iguais" in str(info.value)


@pytest.mark.parametrize(
    "text, fragment", [("5299822472", "11 dígitos"), ("529.982.247-2X", '"X"')]
)
def test_cpf_shape_errors_are_specific(text, fragment):
    with pytest.raises(InvalidIdentifier) as info:
        normalize_cpf(text)
    assert fragment in str(info.value)


@settings(max_examples=200)
@given(st.text(alphabet="0123456789", min_size=9, max_size=9), st.integers(0, 9))
def test_cpf_check_digits_match_reference(base9, other):
    assume(len(set(base9)) > 1)
    digits = reference_cpf(base9)
    assert cpf_check_digits(base9) == digits
    assert is_valid_cpf(base9 + digits)
    if other != int(digits[1]):
        assert not is_valid_cpf(base9 + digits[0] + str(other))


def test_format_and_mask_cpf():
    assert format_cpf("52998224725") == "529.982.247-25"
    assert mask_cpf("529.982.247-25") == "***.982.247-**"
    assert "529" not in mask_cpf("52998224725")[:4]


@pytest.mark.parametrize("text", ["", "123", None])
def test_mask_cpf_never_leaks_something_odd(text):
    assert set(mask_cpf(text)) <= set("*.-")


def test_official_alphanumeric_cnpj_example():
    assert reference_cnpj("12ABC34501DE") == "35"
    assert cnpj_check_digits("12ABC34501DE") == "35"
    assert is_valid_cnpj("12.ABC.345/01DE-35")
    assert normalize_cnpj("12.abc.345/01de-35") == "12ABC34501DE35"
    assert format_cnpj("12ABC34501DE35") == "12.ABC.345/01DE-35"
    assert mask_cnpj("12.ABC.345/01DE-35") == "**.ABC.345/01DE-**"


def test_numeric_cnpj_still_valid():
    base = "112223330001"
    cnpj = base + reference_cnpj(base)
    assert is_valid_cnpj(cnpj)
    assert format_cnpj(cnpj) == "11.222.333/0001-" + cnpj[-2:]


@pytest.mark.parametrize(
    "text, fragment",
    [
        ("12.ABC.345/01DE-36", "dígito verificador não confere"),
        ("12.ABC.345/01DE-3", "14 caracteres"),
        ("12.ABC.345/01DE-3A", "devem ser números"),
        ("00000000000000", "todos os caracteres iguais"),
        ("12.ABC.345/01DE-3!", '"!"'),
    ],
)
def test_invalid_cnpjs(text, fragment):
    with pytest.raises(InvalidIdentifier) as info:
        normalize_cnpj(text)
    assert fragment in str(info.value)


@settings(max_examples=200)
@given(st.text(alphabet="0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ", min_size=12, max_size=12))
def test_cnpj_check_digits_match_reference(base12):
    assume(len(set(base12)) > 1)
    assert cnpj_check_digits(base12) == reference_cnpj(base12)
    assert is_valid_cnpj(base12 + reference_cnpj(base12))


def test_cns():
    assert normalize_cns("14.557-3") == "145573"
    assert format_cns("145573") == "14.557-3"
    assert is_valid_cns("145573")
    assert not is_valid_cns("14557")
    assert not is_valid_cns("14557A")
    with pytest.raises(InvalidIdentifier) as info:
        normalize_cns("1455")
    assert "6 dígitos" in str(info.value)


def test_only_digits_ignores_non_ascii_digits():
    assert only_digits("1a2-3 ٤") == "123"


@pytest.mark.parametrize("typed,expected", [
    ("529.982.247-25", ("cpf", "52998224725")),
    ("12.345.678-X", ("rg", "12345678X")),
    ("12345678x", ("rg", "12345678X")),
    ("1234567", ("rg", "1234567")),
    ("Maria da Silva", None),
    ("X-9", None),
    ("١٢٣٤٥", None),  # digits of another script are not a document number
])
def test_one_detection_of_a_document_number_in_a_search(typed, expected):
    assert document_in_query(typed) == expected


def test_rg_keeps_its_check_character():
    assert normalize_rg(" 12.345.678-x ") == "12345678X"
    with pytest.raises(InvalidIdentifier, match="no máximo 20"):
        normalize_rg("1" * 21)
