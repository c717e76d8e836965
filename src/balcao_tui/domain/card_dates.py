"""The dates on a signature card, checked the same way by the screen (before asking any
question) and by the use case: each refusal says what is wrong and names its field."""
from __future__ import annotations

from datetime import date

from .deadlines import format_date
from .refusal import Refusal

EARLIEST = date(1900, 1, 1)


def check_card_dates(birth: date | None, issued: date | None, deposited: date | None,
                     today: date) -> None:
    if birth is not None:
        if birth > today:
            raise Refusal(f"Data de nascimento no futuro ({format_date(birth)}).",
                          field="birth_date")
        if birth < EARLIEST:
            raise Refusal("Data de nascimento antes de 1900: confira o ano.", field="birth_date")
    if issued is not None:
        if issued > today:
            raise Refusal(f"Data de expedição do documento no futuro ({format_date(issued)}).",
                          field="id_issued_on")
        if birth is not None and issued < birth:
            raise Refusal("A data de expedição do documento é anterior ao nascimento.",
                          field="id_issued_on")
    if deposited is not None and deposited > today:
        raise Refusal(f"Data de depósito no futuro ({format_date(deposited)}): a ficha é "
                      "depositada hoje ou antes.", field="deposited_on")
