"""Money as integer centavos and rates as integer basis points (500 = 5,00%). No floats."""

from __future__ import annotations

import re

from .boundary import quoted
from .refusal import Refusal

MAX_CENTS = 10**14 - 1
MAX_RATE_BP = 10_000

_MONEY = re.compile(
    r"^(?P<sign1>-)?\s*(?P<currency>R\$)?\s*(?P<sign2>-)?\s*(?P<number>[0-9.,]+)$",
    re.IGNORECASE,
)
_GROUPED = re.compile(r"^[0-9]{1,3}(?:\.[0-9]{3})+$")
_RATE = re.compile(r"^(?P<units>[0-9]{1,3})(?:[.,](?P<frac>[0-9]{1,2}))?\s*%?$")


MAX_TEXT = 40


class InvalidMoney(Refusal, ValueError):
    """A money amount or a rate that cannot be read."""


def _require_int(value: object, what: str) -> None:
    if isinstance(value, float):
        raise TypeError(f"{what} não pode ser float: use centavos inteiros.")
    if not isinstance(value, int) or isinstance(value, bool):
        raise TypeError(f"{what} deve ser um número inteiro.")


def _require_text(text: object, what: str) -> None:
    if not isinstance(text, str):
        raise InvalidMoney(f"{what}: informe um texto, ex.: \"1.234,56\".")


def parse_money(text: str, *, allow_negative: bool = False) -> int:
    """Centavos from pt-BR text: "R$ 1.234,56", "1234,56", "1234", "0,5" (= 50)."""
    _require_text(text, "Valor")
    stripped = text.strip()
    if not stripped:
        raise InvalidMoney("Informe um valor.")
    if len(stripped) > MAX_TEXT:
        raise InvalidMoney(f"Valor inválido: texto longo demais ({len(stripped)} caracteres) "
                           "— use o formato 1.234,56.")
    match = _MONEY.match(stripped)
    if match is None or (match["sign1"] and match["sign2"]):
        raise InvalidMoney(f'Valor inválido: {quoted(stripped)} — use o formato 1.234,56.')
    negative = bool(match["sign1"] or match["sign2"])
    units_text, comma, frac = match["number"].partition(",")
    if "," in frac or "." in frac or (comma and not frac) or not (units_text or frac):
        raise InvalidMoney(f'Valor inválido: {quoted(stripped)} — use o formato 1.234,56.')
    if len(frac) > 2:
        raise InvalidMoney(f'Valor inválido: {quoted(stripped)} — use no máximo 2 casas decimais.')
    if "." in units_text:
        if not _GROUPED.match(units_text):
            raise InvalidMoney(
                f"Valor inválido: {quoted(stripped)} — ponto de milhar fora de lugar "
                "(os centavos vêm depois da vírgula, ex.: 1.234,56)."
            )
        units_text = units_text.replace(".", "")
    cents = int(units_text or "0") * 100 + int(frac.ljust(2, "0"))
    if cents > MAX_CENTS:
        raise InvalidMoney(f'Valor grande demais: {quoted(stripped)}.')
    if negative and cents and not allow_negative:
        raise InvalidMoney(f'Valor negativo não permitido: {quoted(stripped)}.')
    return -cents if negative else cents


def format_amount(cents: int) -> str:
    """ "1.234,56" (negative: "-1.234,56")."""
    _require_int(cents, "Valor em centavos")
    units, frac = divmod(abs(cents), 100)
    grouped = f"{units:,}".replace(",", ".")
    return f"{'-' if cents < 0 else ''}{grouped},{frac:02d}"


def format_money(cents: int) -> str:
    """ "R$ 1.234,56" (negative: "-R$ 1.234,56")."""
    amount = format_amount(cents)
    if amount.startswith("-"):
        return f"-R$ {amount[1:]}"
    return f"R$ {amount}"


def parse_rate(text: str) -> int:
    """Basis points from "5", "5%", "2,5", "2,50 %" (0% to 100%, at most 2 decimals)."""
    _require_text(text, "Alíquota")
    stripped = text.strip()
    if len(stripped) > MAX_TEXT:
        raise InvalidMoney('Alíquota inválida: use, por exemplo, "5" ou "2,5%".')
    match = _RATE.match(stripped)
    if match is None:
        raise InvalidMoney(
            f'Alíquota inválida: {quoted(stripped)} — use, por exemplo, "5" ou "2,5%" '
            "(no máximo 2 casas decimais)."
        )
    rate_bp = int(match["units"]) * 100 + int((match["frac"] or "").ljust(2, "0"))
    if rate_bp > MAX_RATE_BP:
        raise InvalidMoney(f'Alíquota inválida: {quoted(stripped)} — deve estar entre 0% e 100%.')
    return rate_bp


def format_rate(rate_bp: int) -> str:
    """ "2,50%"."""
    _require_int(rate_bp, "Alíquota em pontos-base")
    units, frac = divmod(abs(rate_bp), 100)
    return f"{'-' if rate_bp < 0 else ''}{units},{frac:02d}%"


def apply_rate(cents: int, rate_bp: int) -> int:
    """`cents` times the rate, rounded half up (half away from zero for negatives)."""
    _require_int(cents, "Valor em centavos")
    _require_int(rate_bp, "Alíquota em pontos-base")
    if rate_bp < 0:
        raise ValueError(f"Alíquota negativa não é permitida: {format_rate(rate_bp)}.")
    quotient, remainder = divmod(abs(cents) * rate_bp, MAX_RATE_BP)
    if remainder * 2 >= MAX_RATE_BP:
        quotient += 1
    return -quotient if cents < 0 else quotient
