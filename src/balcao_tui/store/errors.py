"""Refusals raised by the use cases (all are domain.refusal.Refusal)."""
from ..domain.refusal import Refusal

UseCaseError = Refusal


class NotFound(Refusal):
    pass


class Refused(Refusal):
    pass
