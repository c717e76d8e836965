"""What Retificar selo and Vincular selos share: one fix saved at a time, its refusal at its
field, and once saved the form frozen and the transmitter woken for the new record."""
from __future__ import annotations

from typing import Callable

from textual.widgets import Input

from ..store.usecases.fix_rules import FixResult
from ..widgets.store_calls import Failure
from .base import BalcaoScreen


class FixForm(BalcaoScreen):
    def __init__(self) -> None:
        super().__init__()
        self.result: FixResult | None = None
        self._busy = False

    def save(self, job: Callable[[], FixResult], group: str) -> None:
        self._busy = True
        self.say("Gravando…")
        self.call_store(job, self._saved, failed=self._refused, group=group, exclusive=True)

    def _refused(self, failure: Failure) -> None:
        self._busy = False
        self.show_failure(failure)

    def _saved(self, result: FixResult) -> None:
        self._busy = False
        self.result = result
        for field in self.query(Input):
            field.disabled = True
        self.balcao.seals_created()
        self.say(self.saved_message(result), kind="ok")

    def saved_message(self, result: FixResult) -> str:
        raise NotImplementedError
