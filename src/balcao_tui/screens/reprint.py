"""Reprinting labels from the store: the last service of this clerk, or a chosen act's."""
from __future__ import annotations

from typing import TYPE_CHECKING

from textual.binding import Binding

from ..store.usecases.counter import Registration
from ..store.usecases.day_acts import last_service, service_registration
from ..store.usecases.office import get_office
from .label import registration_label_screen

if TYPE_CHECKING:
    from .base import BalcaoScreen

REPRINT = Binding("f6", "reprint_last", "Reimprimir última", id="counter.reprint")


def show_reprint(screen: BalcaoScreen, act_id: int | None) -> None:
    """Read the service (of `act_id`, else the clerk's last) and show its labels again."""
    user_id = screen.balcao.user.id

    def job() -> tuple[Registration | None, str]:
        registration = (service_registration(user_id, act_id) if act_id is not None
                        else last_service(user_id))
        return registration, get_office().municipality

    def loaded(result: tuple[Registration | None, str]) -> None:
        registration, municipality = result
        if registration is None or not registration.acts:
            screen.say("Você ainda não registrou atos com etiqueta.", kind="error")
            return
        screen.say("")
        screen.app.push_screen(registration_label_screen(registration, municipality,
                                                         reprint=True))

    screen.say("Buscando a etiqueta…")
    screen.call_store(job, loaded, failed=screen.show_failure, group="reprint",
                      exclusive=True)


class ReprintLast:
    """For the counter screens: one key shows the labels of the clerk's last service."""

    def action_reprint_last(self) -> None:
        show_reprint(self, None)  # type: ignore[arg-type]
