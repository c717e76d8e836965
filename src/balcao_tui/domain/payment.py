"""How a service at the counter was paid, and what each cash drawer holds at the end of the day."""
from __future__ import annotations

from enum import StrEnum

from .refusal import Refusal


class Payment(StrEnum):
    CASH = "dinheiro"
    PIX = "pix"
    DEBIT = "debito"
    CREDIT = "credito"
    EXEMPT = "isento"


PAYMENT_LABELS = {
    Payment.CASH: "Dinheiro",
    Payment.PIX: "PIX",
    Payment.DEBIT: "Cartão de débito",
    Payment.CREDIT: "Cartão de crédito",
    Payment.EXEMPT: "Isento",
}

# What a drawer is counted in at closing time (an exempt service brings no money).
COUNTED_METHODS = (Payment.CASH, Payment.PIX, Payment.DEBIT, Payment.CREDIT)


class InvalidPayment(Refusal):
    pass


def checked_payment(value: object, exempt_reason: str | None) -> Payment:
    """The payment of a service; an exempt one needs its legal reason, a paid one has none."""
    try:
        payment = Payment(value)
    except ValueError:
        raise InvalidPayment("Forma de pagamento inválida.", field="payment") from None
    if payment is Payment.EXEMPT and not exempt_reason:
        raise InvalidPayment("Informe o fundamento legal da isenção.", field="exempt_reason")
    if payment is not Payment.EXEMPT and exempt_reason:
        raise InvalidPayment("Um ato isento é registrado com a forma de pagamento Isento.",
                             field="payment")
    return payment
