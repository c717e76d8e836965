"""The 25-character TJ-SP seal code: layout, Luhn mod 36 check digit, builders.

Layout (DOMAIN.md): CNS (6 digits), natureza (1), act code (2), act information (13),
year (2 digits), check digit (1). Act information is ours: a 13-digit sequence for
purely digital seals, or the physical seal's series (6) and number (7) for hybrid ones.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .boundary import shown_char
from .refusal import Refusal

ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
CODE_LENGTH = 25
NATUREZAS = "12345"
SERIES_LENGTH = 6
MAX_DIGITAL_SEQUENCE = 10**13 - 1
MAX_HYBRID_NUMBER = 10**7 - 1
FIRST_YEAR = 2000
LAST_YEAR = 2099

_VALUES = {char: value for value, char in enumerate(ALPHABET)}
_SEPARATORS = re.compile(r"[\s.\-]+")


class InvalidSealCode(Refusal, ValueError):
    """A seal code, or a part given to build one, that breaks the layout."""


def luhn36_check_char(payload: str) -> str:
    """Luhn mod 36 check character of `payload` (normally the first 24 characters)."""
    total = 0
    for index, char in enumerate(reversed(payload)):
        value = _VALUES.get(char)
        if value is None:
            position = len(payload) - index
            raise InvalidSealCode(
                f"Caractere inválido {shown_char(char)} na posição {position} do código do "
                "selo (use apenas 0-9 e A-Z)."
            )
        if index % 2 == 0:
            doubled = value * 2
            value = doubled // 36 + doubled % 36
        total += value
    return ALPHABET[(36 - total % 36) % 36]


@dataclass(frozen=True)
class SealCode:
    cns: str
    natureza: str
    act_code: str
    act_info: str
    year: int
    check_digit: str

    def __post_init__(self) -> None:
        _require_cns(self.cns)
        _require_natureza(self.natureza)
        _require_act_code(self.act_code)
        _require_act_info(self.act_info)
        _require_year(self.year)
        if luhn36_check_char(self.payload) != self.check_digit:
            raise InvalidSealCode(
                "Código do selo com dígito verificador inválido: confira se algum "
                "caractere foi digitado errado ou trocado de lugar."
            )

    @property
    def payload(self) -> str:
        """The 24 characters the check digit protects."""
        return f"{self.cns}{self.natureza}{self.act_code}{self.act_info}{self.year % 100:02d}"

    @property
    def code(self) -> str:
        return self.payload + self.check_digit

    def hybrid_parts(self) -> tuple[str, int]:
        """(series, number) of the physical seal carried by a hybrid code."""
        series, number = self.act_info[:SERIES_LENGTH], self.act_info[SERIES_LENGTH:]
        if not _is_ascii_digits(number):
            raise InvalidSealCode(
                f'O código {self.code} não é de selo híbrido: as 7 últimas posições da '
                f'informação do ato ("{number}") deveriam ser o número do selo físico.'
            )
        return series, int(number)

    def __str__(self) -> str:
        return self.code


def parse_seal_code(text: str) -> SealCode:
    """Read a code as a person types or scans it: case, spaces, dots and hyphens are forgiven."""
    code = _normalize_typed(text)
    if len(code) != CODE_LENGTH:
        raise InvalidSealCode(
            f"O código do selo deve ter {CODE_LENGTH} caracteres; "
            f"foram informados {len(code)}."
        )
    _require_alphabet(code)
    year_text = code[22:24]
    if not _is_ascii_digits(year_text):
        raise InvalidSealCode(
            f'Ano do código do selo (posições 23-24) deve ter 2 dígitos; veio "{year_text}".'
        )
    return SealCode(
        cns=code[0:6],
        natureza=code[6],
        act_code=code[7:9],
        act_info=code[9:22],
        year=FIRST_YEAR + int(year_text),
        check_digit=code[24],
    )


def parse_code_prefix(text: str) -> str:
    """A whole code or its beginning, as a search takes it: normalized like a typed code,
    only 0-9/A-Z, and a complete code must carry the right check digit."""
    code = _normalize_typed(text)
    if len(code) > CODE_LENGTH:
        raise InvalidSealCode(f"O código do selo tem {CODE_LENGTH} caracteres; "
                              f"foram informados {len(code)}.")
    if len(code) == CODE_LENGTH:
        return parse_seal_code(code).code
    _require_alphabet(code)
    return code


def is_valid_seal_code(text: str) -> bool:
    try:
        parse_seal_code(text)
    except (InvalidSealCode, TypeError, AttributeError):
        return False
    return True


def build_digital_seal_code(
    cns: str, natureza: str, act_code: str, sequence: int, year: int
) -> str:
    """Code of a purely digital seal: act information is the sequence, 13 digits."""
    _require_int(sequence, "sequencial do selo")
    if not 0 <= sequence <= MAX_DIGITAL_SEQUENCE:
        raise InvalidSealCode(
            f"Sequencial do selo fora do intervalo: {sequence} "
            f"(deve estar entre 0 e {MAX_DIGITAL_SEQUENCE})."
        )
    return _build(cns, natureza, act_code, f"{sequence:013d}", year)


def build_hybrid_seal_code(
    cns: str, natureza: str, act_code: str, series: str, number: int, year: int
) -> str:
    """Code of a hybrid seal: act information is the physical seal's series and number."""
    _require_int(number, "número do selo físico")
    if not 0 <= number <= MAX_HYBRID_NUMBER:
        raise InvalidSealCode(
            f"Número do selo físico fora do intervalo: {number} "
            f"(deve estar entre 0 e {MAX_HYBRID_NUMBER})."
        )
    return _build(cns, natureza, act_code, f"{normalize_series(series)}{number:07d}", year)


def normalize_series(series: str) -> str:
    """Series of a physical seal: 1 to 6 characters of 0-9/A-Z, left-padded with zeros."""
    if not isinstance(series, str):
        raise InvalidSealCode("Série do selo físico deve ser um texto.")
    cleaned = _upper_ascii(series.strip())
    if not 1 <= len(cleaned) <= SERIES_LENGTH:
        raise InvalidSealCode(
            f"Série do selo físico deve ter de 1 a {SERIES_LENGTH} caracteres; "
            f"vieram {len(cleaned)}."
        )
    for char in cleaned:
        if char not in _VALUES:
            raise InvalidSealCode(
                f"Série do selo físico com caractere inválido {shown_char(char)} (use apenas "
                "0-9 e A-Z)."
            )
    return cleaned.rjust(SERIES_LENGTH, "0")


def _build(cns: str, natureza: str, act_code: str, act_info: str, year: int) -> str:
    _require_year(year)
    act_code = _upper_ascii(act_code) if isinstance(act_code, str) else act_code
    _require_cns(cns)
    _require_natureza(natureza)
    _require_act_code(act_code)
    payload = f"{cns}{natureza}{act_code}{act_info}{year % 100:02d}"
    return payload + luhn36_check_char(payload)


def _require_alphabet(code: str) -> None:
    for position, char in enumerate(code, start=1):
        if char not in _VALUES:
            raise InvalidSealCode(
                f"Caractere inválido {shown_char(char)} na posição {position} do código do "
                "selo (use apenas 0-9 e A-Z)."
            )


def _normalize_typed(text: str) -> str:
    if not isinstance(text, str):
        raise InvalidSealCode("O código do selo deve ser um texto.")
    return _upper_ascii(_SEPARATORS.sub("", text))


def _upper_ascii(text: str) -> str:
    return "".join(char.upper() if char.isascii() else char for char in text)


def _is_ascii_digits(text: str) -> bool:
    return text.isascii() and text.isdigit()


def _require_int(value: object, what: str) -> None:
    if not isinstance(value, int) or isinstance(value, bool):
        raise InvalidSealCode(f"{what.capitalize()} deve ser um número inteiro.")


def _require_cns(cns: object) -> None:
    if not (isinstance(cns, str) and len(cns) == 6 and _is_ascii_digits(cns)):
        raise InvalidSealCode(f'CNS da serventia deve ter 6 dígitos; veio "{cns}".')


def _require_natureza(natureza: object) -> None:
    if not (isinstance(natureza, str) and len(natureza) == 1 and natureza in NATUREZAS):
        raise InvalidSealCode(
            f'Natureza da serventia deve ser um dígito de 1 a 5; veio "{natureza}".'
        )


def _require_act_code(act_code: object) -> None:
    if not (
        isinstance(act_code, str)
        and len(act_code) == 2
        and all(char in _VALUES for char in act_code)
    ):
        raise InvalidSealCode(
            f'Código do ato deve ter 2 caracteres de 0-9 ou A-Z; veio "{act_code}".'
        )


def _require_act_info(act_info: object) -> None:
    if not (
        isinstance(act_info, str)
        and len(act_info) == 13
        and all(char in _VALUES for char in act_info)
    ):
        raise InvalidSealCode(
            f'Informação do ato deve ter 13 caracteres de 0-9 ou A-Z; veio "{act_info}".'
        )


def _require_year(year: object) -> None:
    _require_int(year, "ano do ato")
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise InvalidSealCode(
            f"Ano do ato deve ser informado com 4 dígitos, entre {FIRST_YEAR} e "
            f"{LAST_YEAR}; veio {year}."
        )
