"""How the customer of the service at the counter pays, shown before the clerk confirms."""
from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual.widgets import Static

from ..domain.payment import PAYMENT_LABELS, Payment
from ..domain.text import cut

LABEL_WIDTH = 14  # as the fields' labels
REASON_WIDTH = 38


@dataclass(frozen=True)
class PaymentChoice:
    payment: Payment = Payment.CASH
    exempt_reason: str | None = None  # the legal reason of an exempt (isento) service

    def as_kwargs(self) -> dict:
        """The arguments of the use cases that register a service."""
        return {"payment": self.payment.value, "exempt_reason": self.exempt_reason}


class PaymentLine(Static):
    def show(self, choice: PaymentChoice, key: str) -> None:
        text = Text("Pagamento".ljust(LABEL_WIDTH), "bold")
        text.append(f" {PAYMENT_LABELS[choice.payment]} ",
                    "bold" if choice.payment is Payment.CASH else "bold reverse")
        if choice.exempt_reason:
            text.append(f" {cut(choice.exempt_reason, REASON_WIDTH)}")
        text.append(f"  ({key} muda)", "dim")
        self.update(text)
