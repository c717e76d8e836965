"""The office's settings that a person edits (`balcao config`, the Configurações screen):
each with its label, its default and how the typed text is read into the text stored.

The credentials of the TJ link (client id and secret, certificate and its password) are
not here: they have their own import, which keeps the secrets encrypted.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Callable

from .act_kinds import MAX_ACTS_PER_SERVICE
from .boundary import LIMITS, clean_text, quoted
from .identifiers import normalize_cns
from .money import format_rate, parse_rate
from .refusal import Refusal
from .transmission_mode import MODE_ONLINE, MODES, parse_schedule

ISS_MIN_BP, ISS_MAX_BP = 200, 500  # the municipal ISS is between 2% and 5%
MAX_LOW_SEALS = 10_000
YES, NO = "sim", "não"
_YES_NO = {"sim": YES, "s": YES, "não": NO, "nao": NO, "n": NO}
_URL = re.compile(r"^https?://[^\s/?#]+[^\s]*$")


@dataclass(frozen=True)
class SettingSpec:
    key: str
    label: str
    note: str
    read: Callable[[str], str]  # the typed text as stored; a Refusal or ValueError if bad
    default: str = ""

    @property
    def office_column(self) -> bool:
        """Kept on the office's row (its identity), not in the settings table."""
        return self.key.startswith("office.")


def _typed(text: str) -> str:
    typed = clean_text(text, "setting")
    if not typed:
        raise Refusal("Preencha este campo.")
    return typed


def _cns(text: str) -> str:
    return normalize_cns(clean_text(text, "cns", required=True))


def _iss(text: str) -> str:
    rate = parse_rate(_typed(text))
    if not ISS_MIN_BP <= rate <= ISS_MAX_BP:
        raise Refusal(f"A alíquota do ISS deve estar entre {format_rate(ISS_MIN_BP)} e "
                      f"{format_rate(ISS_MAX_BP)}.")
    return format_rate(rate)


def _yes_no(text: str) -> str:
    typed = _typed(text).lower()
    if typed not in _YES_NO:
        raise Refusal(f"Responda sim ou não (veio {quoted(typed)}).")
    return _YES_NO[typed]


def _threshold(text: str) -> str:
    typed = _typed(text)
    if not (typed.isascii() and typed.isdigit() and len(typed) <= 3
            and 1 <= int(typed) <= MAX_ACTS_PER_SERVICE):
        raise Refusal(f"Informe um número inteiro de 1 a {MAX_ACTS_PER_SERVICE} "
                      f"(veio {quoted(typed)}).")
    return str(int(typed))


def _low_seals(text: str) -> str:
    typed = _typed(text)
    if not (typed.isascii() and typed.isdigit() and len(typed) <= 5
            and int(typed) <= MAX_LOW_SEALS):
        raise Refusal(f"Informe um número inteiro de 0 a {MAX_LOW_SEALS} "
                      f"(veio {quoted(typed)}).")
    return str(int(typed))


def _url(text: str) -> str:
    typed = clean_text(text, "tj_url")
    if typed and not _URL.match(typed):  # empty: not configured yet, nothing is sent
        raise Refusal("O endereço do TJ deve começar com https:// e não ter espaços "
                      f"(veio {quoted(typed)}).")
    return typed


def _mode(text: str) -> str:
    typed = _typed(text).lower()
    if typed not in MODES:
        raise Refusal(f"Modo inválido: {quoted(typed)} (use {', '.join(MODES)}).")
    return typed


def _hour(text: str) -> str:
    hour, minute = parse_schedule(_typed(text))
    return f"{hour:02d}:{minute:02d}"


def _free_text(text: str) -> str:
    return clean_text(text, "setting")


SETTINGS: tuple[SettingSpec, ...] = (
    SettingSpec("office.cns", "CNS", "CNS da serventia, 6 dígitos (só antes do primeiro selo)",
                _cns),
    SettingSpec("office.name", "Nome", "nome da serventia",
                lambda text: clean_text(text, "office_name", required=True)),
    SettingSpec("office.municipality", "Município", "município da serventia",
                lambda text: clean_text(text, "municipality", required=True)),
    SettingSpec("office.iss_rate", "Alíquota do ISS", "alíquota do ISS, de 2% a 5% (ex.: 2,5%)",
                _iss),
    SettingSpec("office.signature_card_seal", "Selo na ficha",
                "selo digital na abertura de firma: sim ou não", _yes_no, NO),
    SettingSpec("counter.confirm_pages", "Confirmar páginas acima de",
                "autenticação com mais páginas que isto pede confirmação", _threshold, "10"),
    SettingSpec("counter.confirm_signatures", "Confirmar firmas acima de",
                "firma com mais assinaturas que isto pede confirmação", _threshold, "5"),
    SettingSpec("stock.low_seals", "Poucos selos",
                "o início do escrevente avisa quando restam menos selos que isto",
                _low_seals, "20"),
    SettingSpec("tj.url", "Endereço do TJ", "endereço da API do TJ (obrigatório para transmitir)",
                _url),
    SettingSpec("tj.mode", "Modo de envio", "online, offline ou agendado", _mode, MODE_ONLINE),
    SettingSpec("tj.schedule", "Horário do envio", "horário do envio agendado, HH:MM",
                _hour, "21:00"),
    SettingSpec("print.command", "Comando de impressão",
                "comando que recebe a etiqueta na entrada padrão (ex.: lp -d balcao)",
                _free_text),
    SettingSpec("print.dir", "Pasta das etiquetas",
                "pasta onde as etiquetas são gravadas quando não há comando", _free_text),
)
SPECS = {spec.key: spec for spec in SETTINGS}


def read_setting(key: str, text: object) -> str:
    """What is stored for `text` typed in setting `key`, or a Refusal naming that key."""
    spec = SPECS.get(key) if isinstance(key, str) else None
    if spec is None:
        raise Refusal(f"Configuração desconhecida: {quoted(key)}.", field="setting_key")
    if not isinstance(text, str):
        raise Refusal(f"{spec.label}: informe um texto.", field=key)
    try:
        return spec.read(text)
    except Refusal as exc:
        generic = LIMITS["setting"].label  # clean_text's label for every plain setting
        message = exc.message.replace(generic, spec.label, 1)
        raise Refusal(message, field=key) from None
    except ValueError as exc:
        raise Refusal(str(exc), field=key) from None
