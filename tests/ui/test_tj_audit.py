"""Auditoria com o TJ on screen, against the real simulator over HTTP: the findings listed,
each answered by its key after a confirmation, a TJ that is down said plainly, and the
screen as it reads at 80x24."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

import pytest
from textual.widgets import OptionList

from balcao_tui.domain.seal_states import RecordKind, SealState
from balcao_tui.domain.tj_audit import Finding
from balcao_tui.screens.confirm import ConfirmScreen
from balcao_tui.screens.closing import ClosingScreen
from balcao_tui.screens.tj_audit import TJAuditScreen
from balcao_tui.store.models import SealRecord, SequenceCounter
from balcao_tui.tj.simulator.context import FAULTS
from balcao_tui.tj.simulator.faults import Faults
from balcao_tui.tj.wire import WireRecord
from support.fee_values import fee_values
from support.seal_records import CNS, digital_row, hybrid_row, insert_rows
from support.tj_state import plant_at_tj, raise_value_at_tj
from transmit.conftest import cert_files, configure_tj, sim  # noqa: F401  (fixtures)

from .conftest import FROZEN
from .helpers import login, message, settle, text_of

AT = FROZEN - timedelta(hours=1)
SIZE = (80, 24)


@dataclass(frozen=True)
class Day:
    not_sent: str
    unknown: str
    missing: str
    divergent: str


def _wire(code: str, act_code: str, physical=None, values=None) -> WireRecord:
    return WireRecord(kind="ato", cns=CNS, code=code, act_code=act_code, act_at=AT,
                      values=values or fee_values(), physical_seal=physical)


@pytest.fixture
def day(office, sim, cert_files):  # noqa: F811
    """Three recognitions communicated here: the TJ holds the 1st, lost the 2nd and shows
    the 3rd with another value; a signature card's seal still in the queue; and a seal
    only the TJ holds."""
    configure_tj(sim.url, cert_files.p12)
    codes = insert_rows([hybrid_row("RF0001", n, AT, state=SealState.COMMUNICATED)
                         for n in (1, 2, 3)] + [digital_row(1, AT)])
    for number in (1, 3):
        plant_at_tj(sim.state_path, _wire(codes[number - 1], "RS", ("RF0001", number)))
    raise_value_at_tj(sim.state_path, codes[2], 500)
    unknown = digital_row(9, AT)["code"]
    plant_at_tj(sim.state_path, _wire(unknown, "AF", values=fee_values(2000)))
    return Day(not_sent=codes[3], unknown=unknown, missing=codes[1], divergent=codes[2])


async def open_audit(pilot, user_id: int) -> TJAuditScreen:
    await login(pilot, user_id)
    await pilot.press("f9", "f4")
    await settle(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, TJAuditScreen)
    return screen


async def highlight(pilot, code: str) -> None:
    screen = pilot.app.screen
    for _ in range(len(screen.audit.shown)):
        if screen.selected().code == code:
            return
        await pilot.press("down")
    assert screen.selected().code == code


def listed(screen) -> list[str]:
    listing = screen.query_one("#audit-lines", OptionList)
    return [str(listing.get_option_at_index(i).prompt) for i in range(listing.option_count)]


def shown_keys(screen) -> set[str]:
    return {name for name in ("resend", "correct", "recover")
            if screen.check_action("remedy", (name,))}


async def test_the_supervisor_sees_the_findings_and_resends_and_recovers(make_app, office,
                                                                         day):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_audit(pilot, office.supervisor)
        assert [line.code for line in screen.audit.shown] == [
            day.not_sent, day.unknown, day.missing, day.divergent]
        assert listed(screen) == [
            f"…{day.not_sent[6:]} não enviado  comunicação pendente aqui",
            f"…{day.unknown[6:]} só no TJ     Abertura firma R$ 33,42",
            f"…{day.missing[6:]} falta no TJ  comunicado aqui",
            f"…{day.divergent[6:]} divergência  Tabelião, total"]
        assert all(len(line) <= 76 for line in listed(screen))
        assert message(app).startswith("3 achado(s) em 21/11/2026")
        assert text_of(screen.query_one("#audit-summary")) == (
            "Resumo: conformidade 1 · não encontrado no TJ 1 · divergência 1 · presente no "
            "TJ e desconhecido aqui 1 · ainda não enviado 1")
        assert shown_keys(screen) == set()  # a seal in the queue needs no one

        await highlight(pilot, day.unknown)
        assert shown_keys(screen) == {"recover"}
        assert "(F9)" in text_of(screen.query_one("#audit-detail"))
        await pilot.press("f9")
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("s")
        await settle(pilot)
        assert SealRecord.get(SealRecord.code == day.unknown).state == SealState.COMMUNICATED
        assert SequenceCounter.get(SequenceCounter.act_code == "AF").last_value == 9
        assert message(app) == f"Selo {day.unknown} recuperado do TJ (sequencial após 9)."
        assert day.unknown not in [line.code for line in screen.audit.shown]

        await highlight(pilot, day.missing)
        await pilot.press("f7")
        await pilot.press("n")  # asked first: no means nothing happens
        await settle(pilot)
        assert SealRecord.get(SealRecord.code == day.missing).state == SealState.COMMUNICATED
        await pilot.press("f7", "s")
        await settle(pilot)
        assert SealRecord.get(SealRecord.code == day.missing).state == SealState.PENDING
        assert message(app) == f"Selo {day.missing} de volta à fila do transmissor."
        missing = next(line for line in screen.audit.shown if line.code == day.missing)
        assert missing.finding is Finding.NOT_SENT_YET

        await highlight(pilot, day.divergent)
        assert shown_keys(screen) == set()  # correcting is for the notary
        await pilot.press("f8")
        await settle(pilot)
        assert app.screen is screen


async def test_the_notary_corrects_a_divergence(make_app, office, day):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_audit(pilot, office.notary)
        await highlight(pilot, day.divergent)
        assert shown_keys(screen) == {"correct"}
        await pilot.press("f8", "s")
        await settle(pilot)
        old = SealRecord.get(SealRecord.code == day.divergent)
        [new] = old.replaced_by
        assert (new.record_kind, new.state, new.total) == (RecordKind.CORRECTION,
                                                           SealState.PENDING, old.total)
        assert message(app) == f"Retificação {new.code} criada; o transmissor a envia ao TJ."


async def test_a_tj_that_is_down_is_said_plainly_and_a_bad_day_beside_its_field(
        make_app, office, day, sim):  # noqa: F811
    sim.stop()
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_audit(pilot, office.supervisor)
        assert message(app) == "Não foi possível consultar o TJ: Falha de conexão com o TJ."
        assert listed(screen) == [] and screen.audit is None
        day_input = screen.query_one("#audit-day")
        day_input.value = ""
        day_input.focus()
        await pilot.press(*"31/02/2026", "enter")
        await settle(pilot)
        assert screen.query_one("#audit-day-field").error == 'Data inexistente: "31/02/2026".'


async def test_the_screen_can_be_left_while_a_slow_tj_answers(
        make_app, office, day, sim):  # noqa: F811
    sim.app[FAULTS].configure(Faults(latency_ms=1500))
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await login(pilot, office.supervisor)
        await pilot.press("f9", "f4")
        await pilot.pause(0.2)
        assert isinstance(app.screen, TJAuditScreen) and message(app) == "Consultando o TJ…"
        await pilot.press("escape")
        await pilot.pause(0.2)
        assert isinstance(app.screen, ClosingScreen) and app.key_gate.idle


def test_snapshot_with_findings(snap_compare, make_app, office, day):
    async def run_before(pilot):
        await open_audit(pilot, office.supervisor)
        await highlight(pilot, day.divergent)
        await settle(pilot)
    assert snap_compare(make_app(), terminal_size=SIZE, run_before=run_before)
