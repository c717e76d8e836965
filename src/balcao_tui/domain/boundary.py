"""Values from people at the boundary of every use case: text cleaned and bounded, whole
numbers bounded, each refused with a Portuguese message that names the field.

Text is NFC-normalised; NUL and other control characters, lone surrogates (what a byte
that is not UTF-8 becomes in a command-line argument), private-use and unassigned code
points and the bidirectional overrides that disguise text are refused, never dropped in
silence. One-line fields have their runs of spaces collapsed. Every field has a maximum
length (LIMITS); the database columns are at least that wide.
"""
from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from .refusal import Refusal

_REFUSED_CATEGORIES = {"Cc", "Cs", "Co", "Cn"}
_BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
_NAME_PUNCTUATION = frozenset(" '’-.")


@dataclass(frozen=True)
class TextField:
    """How one field is bounded: its label on screen, its maximum length in characters,
    and whether it is a person's name (letters, accents, spaces, apostrophes, hyphens)."""

    label: str
    max_length: int
    person_name: bool = False
    multiline: bool = False


LIMITS: dict[str, TextField] = {
    # people and their documents
    "name": TextField("Nome", 120, person_name=True),
    "father": TextField("Nome do pai", 120, person_name=True),
    "mother": TextField("Nome da mãe", 120, person_name=True),
    "cpf": TextField("CPF", 20),
    "rg_number": TextField("Número do documento", 20),
    "rg_issuer": TextField("Órgão expedidor", 20),
    "rg_state": TextField("UF do documento", 2),
    "id_type": TextField("Tipo de documento", 20),
    "address": TextField("Endereço", 200),
    "profession": TextField("Profissão", 80),
    "nationality": TextField("Nacionalidade", 40),
    "marital_status": TextField("Estado civil", 30),
    "query": TextField("Busca", 100),
    # users
    "login": TextField("Login", 32),
    "user_name": TextField("Nome", 120, person_name=True),
    "email": TextField("E-mail", 254),
    "password": TextField("Senha", 128),
    # the office
    "cns": TextField("CNS", 20),
    "office_name": TextField("Nome da serventia", 150),
    "municipality": TextField("Município", 80),
    "setting_key": TextField("Chave da configuração", 100),
    "setting": TextField("Valor da configuração", 500),
    "tj_url": TextField("Endereço do TJ", 500),
    "file_path": TextField("Arquivo", 1000),
    "fee_title": TextField("Título da tabela de emolumentos", 150),
    # the TJ link's credentials (the secrets are checked, never changed)
    "cert_path": TextField("Arquivo do certificado", 400),
    "cert_password": TextField("Senha do certificado", 128),
    "client_id": TextField("Client id", 200),
    "client_secret": TextField("Client secret", 256),
    # acts and seals
    "exempt_reason": TextField("Motivo da isenção", 200),
    "reason": TextField("Motivo", 500, multiline=True),
    # a reversal's or spoilage's: one line on the physical seal too (its column holds 255)
    "seal_reason": TextField("Motivo", 255),
    "explanation": TextField("Explicação", 1000, multiline=True),
    "series": TextField("Série do selo", 12),
    "seals": TextField("Selos", 2000),
    "code": TextField("Código do selo", 60),
    # the seal search's filters
    "clerk_login": TextField("Escrevente", 32),
    "act_kind": TextField("Tipo de ato", 40),
    "state": TextField("Situação", 40),
    "physical_series": TextField("Série do selo", 12),
    "act_code": TextField("Código do ato", 2),
    "money": TextField("Valor", 40),
    "date": TextField("Data", 20),
    # the audit trail's filters
    "audit_action": TextField("Ação", 60),
}


def _refuse(field: str, message: str) -> Refusal:
    return Refusal(message, field=field)


def _bad_character(char: str) -> bool:
    if char in "\n\t":
        return False
    return unicodedata.category(char) in _REFUSED_CATEGORIES or char in _BIDI_CONTROLS


QUOTE_LIMIT = 40


def quoted(text: object, limit: int = QUOTE_LIMIT) -> str:
    """What a person typed, quoted for a message: cut to `limit` characters, each one that
    cannot be shown written as its code point (never a raw control character)."""
    text = text if isinstance(text, str) else repr(text)
    shown = "".join(char if char.isprintable() else shown_char(char) for char in text[:limit])
    return f'"{shown}…"' if len(text) > limit else f'"{shown}"'


def shown_char(char: str) -> str:
    """A character as a message may quote it: itself if printable, else its code point."""
    code = ord(char)
    if 0xD800 <= code <= 0xDFFF:
        return "bytes que não são UTF-8"
    return f'"{char}"' if char.isprintable() else f"U+{code:04X}"


def clean_text(value: object, field: str, *, required: bool = False) -> str:
    """`value` cleaned for `field` (a key of LIMITS), or a Refusal naming the field."""
    spec = LIMITS[field]
    if value is None:
        value = ""
    if not isinstance(value, str):
        raise _refuse(field, f"{spec.label}: informe um texto.")
    # A lone surrogate cannot be normalised; refuse it before anything else looks at it.
    bad = next((char for char in value if _bad_character(char)), None)
    if bad is not None:
        raise _refuse(field, f"{spec.label}: caractere não permitido ({shown_char(bad)}).")
    text = unicodedata.normalize("NFC", value)
    if spec.multiline:
        lines = [" ".join(line.split()) for line in text.replace("\t", " ").splitlines()]
        text = "\n".join(lines).strip()
    else:
        if "\n" in text:
            raise _refuse(field, f"{spec.label}: use uma só linha.")
        text = " ".join(text.split())
    if len(text) > spec.max_length:
        raise _refuse(field, f"{spec.label}: no máximo {spec.max_length} caracteres "
                             f"(foram {len(text)}).")
    if required and not text:
        raise _refuse(field, f"Informe o campo {spec.label.lower()}.")
    if spec.person_name and text and not any(c.isalpha() for c in text):
        raise _refuse(field, f"{spec.label}: informe um nome com letras.")
    if spec.person_name:
        odd = next((c for c in text if not (c.isalpha() or unicodedata.category(c)[0] == "M"
                                            or c in _NAME_PUNCTUATION)), None)
        if odd is not None:
            raise _refuse(field, f'{spec.label}: use só letras, espaços, apóstrofo e hífen '
                                 f'(há "{odd}").')
    return text


MAX_ID = 2**31 - 1  # the largest key of an integer primary key, on both databases


def bounded_id(value: object, field: str, label: str) -> int:
    """The id of a row, as a person or another program gave it: a refusal if it cannot be."""
    return bounded_int(value, field, label, 0, MAX_ID)


def bounded_int(value: object, field: str, label: str, low: int, high: int) -> int:
    """A whole number between `low` and `high`, or a Refusal naming the field."""
    if isinstance(value, bool) or not isinstance(value, int):
        raise _refuse(field, f"{label}: informe um número inteiro.")
    if not low <= value <= high:
        raise _refuse(field, f"{label} deve estar entre {low:,} e {high:,}."
                      .replace(",", "."))
    return value


def parse_whole(text: object, field: str, label: str) -> int:
    """A whole number typed by a person (digits only, at most 15); the caller bounds it."""
    digits = text.strip() if isinstance(text, str) else ""
    if not (digits.isascii() and digits.isdigit()):
        raise _refuse(field, f"{label}: informe um número inteiro, só com algarismos.")
    if len(digits) > 15:
        raise _refuse(field, f"{label}: número grande demais.")
    return int(digits)
