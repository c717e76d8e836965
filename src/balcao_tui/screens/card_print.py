"""Showing the printed signature card, read from the store, with its print key."""
from __future__ import annotations

from typing import TYPE_CHECKING

from ..card_print import card_sheet_text
from ..store.usecases.card_sheet import CardSheet, card_sheet
from ..tj.consultation import signed_consultation_url
from .label import LabelScreen

if TYPE_CHECKING:
    from .base import BalcaoScreen


def show_card_sheet(screen: BalcaoScreen, card_id: int) -> None:
    user_id = screen.balcao.user.id

    def job() -> tuple[CardSheet, str]:
        sheet = card_sheet(user_id, card_id)
        url = (signed_consultation_url(sheet.seal_code, sheet.seal_total, sheet.seal_iss)
               if sheet.seal_code else None)
        return sheet, card_sheet_text(sheet, url)

    def loaded(result: tuple[CardSheet, str]) -> None:
        sheet, text = result
        seal = f" · selo {sheet.seal_code}" if sheet.seal_code else " · sem selo"
        screen.app.push_screen(LabelScreen([text], document=text, wide=True,
                                           summary=f"Ficha de firma nº {sheet.card_id}{seal}",
                                           file_name=f"ficha-{sheet.card_id}"))

    screen.call_store(job, loaded, failed=screen.show_failure, group="card-sheet",
                      exclusive=True)
