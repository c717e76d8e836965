"""Typing speed never changes the result: every counter flow, typed in one burst (a barcode
scanner, a paste, a slow SSH link), ends with exactly the same database and the same
screen as the same keys typed one by one."""
from __future__ import annotations

import pytest
from textual.widgets import Input

from balcao_tui.app import BalcaoApp
from balcao_tui.screens.label import LabelScreen
from balcao_tui.store.models import (Act, AuditEntry, CashDrawer, DailyEntry, PhysicalSeal,
                                     SealLoad, SealRecord, ShiftClosing, SignatureCard)
from balcao_tui.store.usecases.signature_cards import create_signature_card
from balcao_tui.widgets.form_field import FormField
from support.office import PASSWORD, close_store, make_office

from .conftest import CARDS, FROZEN
from .helpers import burst, login, message, settle, slowly

CARD_FIELDS = [
    "Joana Nova Pereira", "enter",            # search: no card, the name is carried over
    "enter", "390.533.447-05", "enter",        # name, CPF
    "01/02/1990", "enter", "José Pereira", "enter", "Ana Pereira", "enter",
    "enter", "12.345.678-X", "enter", "enter", "enter",  # RG, its number (check letter X)
    "enter", "enter", "Rua das Flores, 12", "enter", "enter", "enter", "enter",
    "enter",                                   # the card's seal: Enter takes "Sim"
]

FLOWS = {
    "login": (None, ["clara", "enter", PASSWORD, "enter"]),
    "recognition by CPF": ("clara", ["f2", "52998224725", "enter", "enter", "1", "enter",
                                     "enter", "enter"]),
    "recognition by name": ("clara", ["f2", "mariana", "enter", "enter", "2", "3", "enter",
                                      "enter", "enter"]),
    "recognition by RG, seal scanned": ("clara", ["f2", "123456789", "enter", "enter", "3",
                                                  "enter", "RF00010000007", "enter"]),
    "authentication": ("clara", ["f3", "3", "enter", "enter", "enter", "f3"]),
    "authentication, two services": ("clara", ["f3", "2", "enter", "enter", "enter", "4",
                                               "enter", "enter", "enter"]),
    "signature card": ("clara", ["f4", *CARD_FIELDS]),
    "own password": ("clara", ["f7", PASSWORD, "enter", "frase nova longa", "enter",
                               "frase nova longa", "enter"]),
    "reprint from my acts of today": ("clara", ["f3", "2", "enter", "enter", "enter",
                                                "escape", "f6", "down", "enter"]),
    "one-key reprint of the last label": ("clara", ["f3", "1", "enter", "enter", "enter",
                                                    "f6"]),
    "reversal from my acts of today": ("clara", ["f3", "3", "enter", "enter", "enter",
                                                 "escape", "f6", "down", "f7", "enter",
                                                 "Lançado a mais", "enter", "s", "f7"]),
    "daily counts": ("clara", ["f5", "12", "enter", "tab", "3", "enter", "tab", "-2",
                               "enter"]),
    "day closing": ("sueli", ["f3", "2", "enter", "enter", "enter", "escape", "f9",
                              "1", "enter", "9,99", "enter", "enter", "enter",  # no words yet
                              "Um selo colado fora", "enter", "Caixa conferido à parte",
                              "enter", "s"]),
    "authentication paid by PIX": ("clara", ["f3", "2", "f7", "2", "enter", "enter", "enter",
                                             "1", "enter", "enter"]),
    "authentication, exempt": ("clara", ["f3", "1", "f7", "5", "enter", "Lei 1.060/50",
                                         "enter", "enter", "enter", "enter"]),
    "daily counts paid by card": ("clara", ["f5", "f7", "4", "12", "enter", "tab", "2",
                                            "enter"]),
    "drawer closed with a difference": ("clara", [
        "f3", "2", "f7", "2", "enter", "enter", "enter", "escape", "f8",
        "1,00", "enter", "5,oo", "enter", "backspace", "backspace", "00", "enter", "enter",
        "enter", "f9", "Contei errado.", "enter"]),
}
USERS = {"clara": "clerk", "sueli": "supervisor"}


def database_rows() -> dict:
    return {
        "acts": list(Act.select(Act.kind, Act.signature_card, Act.clerk, Act.total, Act.iss,
                                Act.payment, Act.exempt_reason).order_by(Act.id).tuples()),
        "records": list(SealRecord.select(SealRecord.code, SealRecord.state,
                                          SealRecord.record_kind, SealRecord.total,
                                          SealRecord.physical_series, SealRecord.physical_number)
                        .order_by(SealRecord.id).tuples()),
        "seals": list(PhysicalSeal.select(PhysicalSeal.series, PhysicalSeal.number,
                                          PhysicalSeal.state, PhysicalSeal.act)
                      .where(PhysicalSeal.act.is_null(False)).order_by(PhysicalSeal.id).tuples()),
        "cards": list(SignatureCard.select(SignatureCard.name, SignatureCard.cpf,
                                           SignatureCard.rg_number, SignatureCard.birth_date,
                                           SignatureCard.father, SignatureCard.mother,
                                           SignatureCard.address)
                      .order_by(SignatureCard.id).tuples()),
        "daily": list(DailyEntry.select(DailyEntry.kind, DailyEntry.quantity,
                                        DailyEntry.payment, DailyEntry.total)
                      .order_by(DailyEntry.id).tuples()),
        "closings": list(ShiftClosing.select(ShiftClosing.day, ShiftClosing.paper_count,
                                             ShiftClosing.cash_counted, ShiftClosing.explanation,
                                             ShiftClosing.open_drawers_reason).tuples()),
        "loads": list(SealLoad.select(SealLoad.number, SealLoad.record_count).tuples()),
        "drawers": [{k: v for k, v in row.items() if k not in ("id", "closed_at")}
                    for row in CashDrawer.select().order_by(CashDrawer.id).dicts()],
        "audit": list(AuditEntry.select(AuditEntry.action, AuditEntry.entity_id,
                                        AuditEntry.detail).order_by(AuditEntry.id).tuples()),
    }


def screen_state(app: BalcaoApp) -> dict:
    screen = app.screen
    return {
        "screen": type(screen).__name__,
        "focused": app.focused.id if app.focused else None,
        "inputs": {i.id: i.value for i in screen.query(Input)},
        "errors": {f.field: f.error for f in screen.query(FormField)},
        "message": message(app) if screen.query("#message") else None,
        "labels": screen.labels if isinstance(screen, LabelScreen) else None,
    }


async def run_flow(url: str, data_dir, user: str | None, keys: list[str], typing) -> dict:
    office = make_office(url)
    for data in CARDS.values():
        create_signature_card(office.clerk, data, now=FROZEN)
    app = BalcaoApp(url, data_dir=data_dir, clock=lambda: FROZEN)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        if user is not None:
            await login(pilot, getattr(office, USERS[user]))
        await typing(pilot, *keys)
        await settle(pilot)
        shown = screen_state(app)
    rows = database_rows()
    close_store()
    return {"screen": shown, "database": rows}


@pytest.mark.parametrize("flow", FLOWS)
async def test_a_burst_ends_exactly_as_keys_typed_one_by_one(flow, tmp_path):
    user, keys = FLOWS[flow]
    keyed = await run_flow(f"sqlite:///{tmp_path / 'keyed.db'}", tmp_path / "a", user, keys,
                           slowly)
    at_once = await run_flow(f"sqlite:///{tmp_path / 'burst.db'}", tmp_path / "b", user, keys,
                             burst)
    differing = {(part, key): (at_once[part][key], keyed[part][key])
                 for part in keyed for key in keyed[part]
                 if at_once[part][key] != keyed[part][key]}
    assert not differing, "\n".join(f"{part}.{key}: burst {got!r:.400} / keyed {want!r:.400}"
                                     for (part, key), (got, want) in differing.items())
    assert keyed["database"]["audit"]  # the flow did something worth comparing
