"""CPF, CNPJ (numeric and the 2026 alphanumeric) and CNS: check, normalise, show, mask."""

from __future__ import annotations

from .boundary import shown_char
from .refusal import Refusal

_DIGITS = "0123456789"
_UPPER = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
_PUNCTUATION = frozenset("./- \t")

_CPF_WEIGHTS_1 = range(10, 1, -1)
_CPF_WEIGHTS_2 = range(11, 1, -1)
_CNPJ_WEIGHTS_1 = (5, 4, 3, 2, 9, 8, 7, 6, 5, 4, 3, 2)
_CNPJ_WEIGHTS_2 = (6, 5, 4, 3, 2, 9, 8, 7, 6, 5, 4, 3, 2)

MASKED_CPF = "***.***.***-**"
MASKED_CNPJ = "**.***.***/****-**"


class InvalidIdentifier(Refusal, ValueError):
    """A CPF, CNPJ or CNS that cannot be accepted."""


def only_digits(text: str) -> str:
    return "".join(char for char in text if char in _DIGITS)


def _mod11_digit(values: list[int], weights) -> str:
    remainder = sum(value * weight for value, weight in zip(values, weights)) % 11
    return "0" if remainder < 2 else str(11 - remainder)


def _strip_punctuation(text: str, what: str, allowed: str) -> str:
    if not isinstance(text, str):
        raise InvalidIdentifier(f"{what} deve ser informado como texto.")
    if len(text) > 40:
        raise InvalidIdentifier(f"{what}: texto longo demais ({len(text)} caracteres).")
    kept = []
    for char in text.strip():
        if char in _PUNCTUATION:
            continue
        if not char.isascii() or char.upper() not in allowed:
            raise InvalidIdentifier(f"{what} com caractere inválido {shown_char(char)}.")
        kept.append(char.upper())
    return "".join(kept)


# CPF


def cpf_check_digits(base9: str) -> str:
    if len(base9) != 9 or not all(char in _DIGITS for char in base9):
        raise InvalidIdentifier("Base do CPF deve ter 9 dígitos.")
    values = [int(char) for char in base9]
    first = _mod11_digit(values, _CPF_WEIGHTS_1)
    second = _mod11_digit(values + [int(first)], _CPF_WEIGHTS_2)
    return first + second


def normalize_cpf(text: str) -> str:
    """The 11 digits of a valid CPF typed with or without punctuation."""
    digits = _strip_punctuation(text, "CPF", _DIGITS)
    if len(digits) != 11:
        raise InvalidIdentifier(f"CPF deve ter 11 dígitos; foram informados {len(digits)}.")
    if len(set(digits)) == 1:
        raise InvalidIdentifier("CPF com todos os dígitos iguais não é válido.")
    if cpf_check_digits(digits[:9]) != digits[9:]:
        raise InvalidIdentifier("CPF inválido: dígito verificador não confere.")
    return digits


def is_valid_cpf(text: str) -> bool:
    try:
        normalize_cpf(text)
    except InvalidIdentifier:
        return False
    return True


def format_cpf(text: str) -> str:
    d = normalize_cpf(text)
    return f"{d[0:3]}.{d[3:6]}.{d[6:9]}-{d[9:11]}"


def mask_cpf(text: str) -> str:
    """LGPD mask keeping digits 4 to 9; anything that is not 11 digits is masked whole."""
    d = only_digits(text) if isinstance(text, str) else ""
    if len(d) != 11:
        return MASKED_CPF
    return f"***.{d[3:6]}.{d[6:9]}-**"


# CNPJ


def cnpj_check_digits(base12: str) -> str:
    allowed = _DIGITS + _UPPER
    if len(base12) != 12 or not all(char in allowed for char in base12):
        raise InvalidIdentifier("Base do CNPJ deve ter 12 caracteres (0-9 ou A-Z).")
    values = [ord(char) - 48 for char in base12]
    first = _mod11_digit(values, _CNPJ_WEIGHTS_1)
    second = _mod11_digit(values + [int(first)], _CNPJ_WEIGHTS_2)
    return first + second


def normalize_cnpj(text: str) -> str:
    """The 14 characters (upper case) of a valid CNPJ, numeric or alphanumeric."""
    chars = _strip_punctuation(text, "CNPJ", _DIGITS + _UPPER)
    if len(chars) != 14:
        raise InvalidIdentifier(
            f"CNPJ deve ter 14 caracteres; foram informados {len(chars)}."
        )
    if not all(char in _DIGITS for char in chars[12:]):
        raise InvalidIdentifier(
            "CNPJ inválido: os dois últimos caracteres (dígitos verificadores) "
            "devem ser números."
        )
    if len(set(chars)) == 1:
        raise InvalidIdentifier("CNPJ com todos os caracteres iguais não é válido.")
    if cnpj_check_digits(chars[:12]) != chars[12:]:
        raise InvalidIdentifier("CNPJ inválido: dígito verificador não confere.")
    return chars


def is_valid_cnpj(text: str) -> bool:
    try:
        normalize_cnpj(text)
    except InvalidIdentifier:
        return False
    return True


def format_cnpj(text: str) -> str:
    c = normalize_cnpj(text)
    return f"{c[0:2]}.{c[2:5]}.{c[5:8]}/{c[8:12]}-{c[12:14]}"


def mask_cnpj(text: str) -> str:
    """Hides the first 2 and the last 2 characters; anything not 14 long is masked whole."""
    if not isinstance(text, str):
        return MASKED_CNPJ
    c = "".join(char for char in text.upper() if char in _DIGITS + _UPPER)
    if len(c) != 14:
        return MASKED_CNPJ
    return f"**.{c[2:5]}.{c[5:8]}/{c[8:12]}-**"


# CNS (Código Nacional da Serventia): 6 digits, no public check digit


def normalize_cns(text: str) -> str:
    digits = _strip_punctuation(text, "CNS", _DIGITS)
    if len(digits) != 6:
        raise InvalidIdentifier(f"CNS deve ter 6 dígitos; foram informados {len(digits)}.")
    return digits


def is_valid_cns(text: str) -> bool:
    try:
        normalize_cns(text)
    except InvalidIdentifier:
        return False
    return True


def format_cns(text: str) -> str:
    d = normalize_cns(text)
    return f"{d[0:2]}.{d[2:5]}-{d[5]}"


# RG (state ID): kept as typed but for punctuation, with its check character (often X)

UFS = ("AC AL AM AP BA CE DF ES GO MA MG MS MT PA PB PE PI PR RJ RN RO RR RS SC SE SP TO"
       ).split()

RG_MAX_LENGTH = 20


def normalize_rg(text: str) -> str:
    """ "12.345.678-x" -> "12345678X": digits and letters kept, punctuation dropped."""
    chars = _strip_punctuation(text, "Número do documento", _DIGITS + _UPPER)
    if len(chars) > RG_MAX_LENGTH:
        raise InvalidIdentifier(
            f"Número do documento: no máximo {RG_MAX_LENGTH} caracteres (foram {len(chars)}).")
    return chars


def document_in_query(text: str) -> tuple[str, str] | None:
    """What a search box holds when it is a document number: ("cpf", 11 digits) or
    ("rg", the normalised RG: digits, perhaps ending in one check letter); None for a name."""
    chars = "".join(char for char in text.strip().upper() if char not in _PUNCTUATION)
    body, last = chars[:-1], chars[-1:]
    if chars.isascii() and chars.isdigit():
        return ("cpf", chars) if len(chars) == 11 else ("rg", chars)
    if len(body) >= 5 and body.isascii() and body.isdigit() and last.isascii() and last.isalpha():
        return ("rg", chars)
    return None
