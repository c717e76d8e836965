"""Refusals raised by the use cases (all are domain.refusal.Refusal)."""
from ..domain.refusal import Refusal


class NotFound(Refusal):
    pass


class Refused(Refusal):
    pass
