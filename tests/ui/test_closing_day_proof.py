"""A whole day at the counter, through the screens, closes to the centavo.

Two clerks register acts of every kind the counter has and are paid by every method; one
seal is reversed and one spoiled; each clerk closes their drawer, which then refuses a new
service; the supervisor closes the day. Then the report (store and `balcao closing
report --format json`), the drawers, the loads and the daily seals are checked against
sums computed here from the fee table, the real transmitter sends the day to the real TJ
simulator over HTTP, and the TJ holds each live code once and never a reversed or spoiled
seal. A new act on the closed day is refused on screen. On SQLite and PostgreSQL; one
clerk's part typed in one burst and key by key, ending in the same database state."""
from __future__ import annotations

import json
import sqlite3
import subprocess
from dataclasses import asdict

import pytest

from balcao_tui.domain.fees import COLUMN_NAMES
from balcao_tui.domain.money import format_amount
from balcao_tui.domain.payment import COUNTED_METHODS
from balcao_tui.domain.seal_states import PhysicalState, SealState
from balcao_tui.screens.closing import ClosingReportScreen
from balcao_tui.screens.daily_counts import DailyBlock
from balcao_tui.screens.drawer import DrawerScreen
from balcao_tui.screens.home import HomeScreen
from balcao_tui.store.models import (Act, CashDrawer, DailyEntry, PhysicalSeal, SealLoad,
                                     SealRecord, User)
from balcao_tui.store.usecases.closing_report import closing_report
from balcao_tui.store.usecases.fee_tables import current_fee_table
from balcao_tui.store.usecases.office import get_office
from balcao_tui.widgets.form_field import FormField
from support.day_ledger import Ledger, PlannedAct, PlannedEntry, report_figures
from support.office import PASSWORD, close_store, make_office
from transmit.conftest import (CLI, cert_files, configure_tj, count_in_state,  # noqa: F401
                               held_codes, sim, start_transmitter, wait_for)

from .conftest import FROZEN
from .helpers import burst, login, message, slowly

DAY = FROZEN.date()
CLARA, BRUNO = "Clara Escrevente", "Bruno Escrevente"
REASON = "Lei 1.060/50, art. 3º"
DRAWER_CLOSED = "Seu caixa de 21/11/2026 está fechado: peça ao supervisor para reabri-lo."
DAY_CLOSED = "O expediente de 21/11/2026 já foi fechado: não aceita novos atos."

# The day, in the order the acts are registered below.
ACTS = [
    PlannedAct(CLARA, "firma_sem_valor", "dinheiro", ("RF0001", 1)),
    PlannedAct(CLARA, "firma_sem_valor", "dinheiro", ("RF0001", 2), cancelled=True),  # spoiled
    PlannedAct(CLARA, "firma_com_valor", "pix", ("RF0001", 3)),
    *[PlannedAct(CLARA, "autenticacao", "debito", ("AU0001", n)) for n in (1, 2, 3)],
    PlannedAct(CLARA, "autenticacao", "isento", ("AU0001", 4), exempt_reason=REASON),
    PlannedAct(CLARA, "abertura_firma", "pix", None),
    PlannedAct(BRUNO, "firma_autenticidade", "credito", ("RF0002", 1)),
    PlannedAct(BRUNO, "firma_autenticidade", "credito", ("RF0002", 2)),
    PlannedAct(BRUNO, "firma_sem_valor", "debito", ("RF0002", 3), cancelled=True),  # reversed
    PlannedAct(BRUNO, "abertura_firma", "dinheiro", None),
]
ENTRIES = [
    PlannedEntry(CLARA, "fotocopia", 12, "credito"),
    PlannedEntry(CLARA, "autenticacao_digital", 3, "dinheiro"),
    PlannedEntry(BRUNO, "fotocopia", 20, "pix"),
    PlannedEntry(BRUNO, "autenticacao_digital", 2, "debito"),
]
SPOILED, REVERSED = ("RF0001", 2), ("RF0002", 3)

# One list of keys per service, from home back to home, each typed in one burst.
CLARA_KEYS = [
    # Maria's card by CPF; 2 signatures without value, in cash; 1 with value, by PIX.
    ["f2", "52998224725", "enter", "enter", "1", "2", "enter", "enter", "enter", "escape"],
    ["f2", "52998224725", "enter", "enter", "2", "f7", "2", "enter", "enter", "enter", "escape"],
    # 3 pages by debit card; 1 page exempt, with its legal reason.
    ["f3", "3", "f7", "3", "enter", "enter", "enter", "escape"],
    ["f3", "f7", "5", REASON, "enter", "enter", "enter", "enter", "escape"],
    # 12 photocopies by credit card; 3 digital authentications in cash.
    ["f5", "f7", "4", "12", "enter", "tab", "3", "enter", "escape"],
    # A new signature card with its seal, by PIX.
    ["f4", "f7", "2", "Joana Nova Pereira", "enter", "enter", "390.533.447-05", "f9", "s",
     "enter", "escape"],
]
BRUNO_KEYS = [
    # José's card by name; 2 signatures by authenticity, credit card. Mariana's: 1 without
    # value, debit card, then reversed from Meus atos de hoje (the seal was not stuck).
    ["f2", "SOUZA", "enter", "enter", "3", "2", "f7", "4", "enter", "enter", "enter", "escape"],
    ["f2", "SOUZA", "enter", "down", "enter", "1", "f7", "3", "enter", "enter", "enter", "escape"],
    ["f6", "f7", "Lançado por engano", "enter", "s", "escape"],
    # 20 photocopies by PIX; 2 digital authentications by debit card.
    ["f5", "f7", "2", "20", "enter", "tab", "f7", "3", "2", "enter", "escape"],
    # A new signature card with its seal, in cash.
    ["f4", "Pedro Alves Lima", "enter", "enter", "123.456.789-09", "f9", "s", "enter",
     "escape"],
]
TYPING = {"burst": burst, "slowly": slowly}


@pytest.fixture
def office(db_url):
    """The test office on SQLite and on PostgreSQL (the UI's usual one is SQLite only)."""
    test_office = make_office(db_url)
    yield test_office
    close_store()


def ledger() -> Ledger:
    table, rate = current_fee_table(), get_office().iss_rate_bp
    kinds = {act.kind for act in ACTS} | {entry.kind for entry in ENTRIES}
    units = {kind: {name: getattr(table.lookup(kind, DAY), name) for name in COLUMN_NAMES}
             for kind in kinds}
    return Ledger(units, rate, ACTS, ENTRIES)


def on_screen(app) -> str:
    """Where a service that did not end at home stopped, and what the screen said."""
    said = app.screen.query("#message")
    return f"{type(app.screen).__name__}: {message(app) if said else ''}"


def counts() -> tuple[int, int]:
    return Act.select().count(), DailyEntry.select().count()


def values(row) -> dict[str, int]:
    return {name: getattr(row, name) for name in (*COLUMN_NAMES, "iss", "total")}


async def session(make_app, user_id: int, steps) -> None:
    """`steps(app, pilot)` from home, as `user_id`, in a terminal of its own."""
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await login(pilot, user_id)
        await steps(app, pilot)


async def close_own_drawer(app, pilot, held: dict[str, int]) -> None:
    """Home F8: each method counted exactly as the ledger says, then F9."""
    await burst(pilot, "f8")
    assert isinstance(app.screen, DrawerScreen)
    for method in COUNTED_METHODS:
        amount = held.get(method, 0)
        await burst(pilot, *([format_amount(amount)] if amount else []), "enter")
    await burst(pilot, "f9")
    assert message(app).startswith("Caixa fechado."), message(app)
    await burst(pilot, "escape")


def database_state() -> dict:
    """The day as stored, in the terms of the plan (ids and timestamps left out)."""
    acts = []
    for act in Act.select(Act, User).join(User).order_by(Act.id):
        record = SealRecord.get(SealRecord.act == act.id)
        seal = ((record.physical_series, record.physical_number) if record.physical_series
                else None)
        acts.append((PlannedAct(act.clerk.name, act.kind, act.payment, seal, act.exempt_reason,
                                act.cancelled_at is not None), values(act)))
    entries = [(PlannedEntry(e.clerk.name, e.kind, e.quantity, e.payment), e.total)
               for e in DailyEntry.select(DailyEntry, User).join(User).order_by(DailyEntry.id)]
    drawers = {d.clerk.name: (d.state, {m: getattr(d, f"counted_{m}") for m in COUNTED_METHODS},
                              {m: getattr(d, f"expected_{m}") for m in COUNTED_METHODS})
               for d in CashDrawer.select(CashDrawer, User).join(
                   User, on=CashDrawer.clerk == User.id)}
    return {"acts": acts, "entries": entries, "drawers": drawers}


def expected_state(day: Ledger) -> dict:
    def drawer(clerk):
        held = {m: day.drawer(clerk).get(m, 0) for m in COUNTED_METHODS}
        return ("closed", held, held)

    return {"acts": [(act, day.act_values(act)) for act in ACTS],
            "entries": [(entry, day.entry_total(entry)) for entry in ENTRIES],
            "drawers": {CLARA: drawer(CLARA), BRUNO: drawer(BRUNO)}}


def cli_report(url: str) -> dict:
    done = subprocess.run([*CLI, "--db", url, "closing", "report", "--format", "json",
                           "--date", DAY.isoformat(), "--login", "sueli", "--password-stdin"],
                          input=PASSWORD + "\n", capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def at_the_tj(state_path, query: str) -> list[tuple]:
    db = sqlite3.connect(state_path)
    try:
        return db.execute(query).fetchall()
    finally:
        db.close()


@pytest.mark.parametrize("typing", list(TYPING))
async def test_a_day_with_every_act_and_payment_closes_to_the_centavo(
        typing, make_app, office, cards, sim, cert_files, start_transmitter):  # noqa: F811
    configure_tj(sim.url, cert_files.p12)
    day = ledger()

    async def clara_works(app, pilot):
        for service in CLARA_KEYS:
            await burst(pilot, *service)
            assert isinstance(app.screen, HomeScreen), (service, on_screen(app))

    async def bruno_works(app, pilot):
        for service in BRUNO_KEYS:
            await TYPING[typing](pilot, *service)
            assert isinstance(app.screen, HomeScreen), (service, on_screen(app))

    async def supervisor_spoils(app, pilot):
        await burst(pilot, "f9", "f8", "RF0001 2", "enter", "Borrado na colagem", "enter", "s")
        assert message(app) == ("Inutilizado(s): RF0001 0000002. 1 ato(s) cancelado(s): "
                                "refaça-os com outro selo.")

    await session(make_app, office.clerk, clara_works)
    await session(make_app, office.clerk2, bruno_works)
    await session(make_app, office.supervisor, supervisor_spoils)

    async def clara_closes(app, pilot):
        await close_own_drawer(app, pilot, day.drawer(CLARA))
        before = counts()
        await burst(pilot, "f3", "enter", "enter")
        assert message(app) == DRAWER_CLOSED
        assert counts() == before

    async def bruno_closes(app, pilot):
        await close_own_drawer(app, pilot, day.drawer(BRUNO))
        before = counts()
        await burst(pilot, "f5", "4", "enter")
        block = app.screen.query_one("#daily-fotocopia", DailyBlock)
        assert block.query_one(FormField).error == DRAWER_CLOSED
        assert counts() == before

    await session(make_app, office.clerk, clara_closes)
    await session(make_app, office.clerk2, bruno_closes)

    figures = day.figures(spoiled=1)
    live_hybrid = len(day.hybrid_seals())

    async def supervisor_closes(app, pilot):
        await burst(pilot, "f9", str(figures["paper"]), "enter", format_amount(figures["cash"]),
                    "enter", "enter", "s")
        assert message(app) == (f"Expediente de 21/11/2026 fechado: {live_hybrid} selo(s) em 1 "
                                "carga(s) e 2 selo(s) diário(s) na fila de envio ao TJ.")
        await burst(pilot, "f6")
        assert isinstance(app.screen, ClosingReportScreen)
        assert f"Carga 1: {live_hybrid} selo(s)" in app.screen.document

    async def clara_comes_back(app, pilot):
        before = counts()
        await burst(pilot, "f3", "enter", "enter")
        assert message(app) == DAY_CLOSED
        assert counts() == before

    await session(make_app, office.supervisor, supervisor_closes)
    await session(make_app, office.clerk, clara_comes_back)

    # The same database state whichever way the keys came.
    assert database_state() == expected_state(day)
    assert {(s.series, s.number): s.state for s in PhysicalSeal.select().where(
        PhysicalSeal.state.in_((PhysicalState.REVERSED, PhysicalState.SPOILED)))} == {
        SPOILED: PhysicalState.SPOILED, REVERSED: PhysicalState.REVERSED}

    # The report, from the store and from the command line, to the centavo.
    report = closing_report(office.supervisor, DAY)
    assert report_figures({**asdict(report), "iss": report.iss}) == figures
    assert {(r.series, r.number, r.state) for r in report.returns} == {
        (*SPOILED, PhysicalState.SPOILED), (*REVERSED, PhysicalState.REVERSED)}
    printed = cli_report(office.url)
    assert report_figures(printed) == figures
    assert (printed["atos"], printed["total_cobrado"]) == (
        sum(line["count"] for line in figures["kinds"].values()), figures["cash"])
    assert printed["closing"]["paper_count"] == figures["paper"]

    # One load with exactly the day's live hybrid records.
    (load,) = SealLoad.select().where(SealLoad.day == DAY)
    loaded = list(SealRecord.select().where(SealRecord.load == load.id))
    assert load.record_count == len(loaded) == live_hybrid
    assert {(r.physical_series, r.physical_number) for r in loaded} == day.hybrid_seals()
    assert all(r.act.cancelled_at is None for r in loaded)

    # The daily seals: the day's quantity and value; photocopies' ISS outside the total.
    daily = {r.act_kind: r for r in SealRecord.select().where(
        (SealRecord.day == DAY) & SealRecord.act.is_null())}
    assert set(daily) == {"fotocopia", "autenticacao_digital"}
    for kind, record in daily.items():
        assert record.quantity == figures["daily"][kind]["quantity"]
        assert values(record) == day.daily_seal(kind)
    photocopies = daily["fotocopia"]
    assert photocopies.iss > 0
    assert photocopies.total == sum(getattr(photocopies, name) for name in COLUMN_NAMES)

    # The real transmitter, the simulated TJ over HTTP: every live record once, no other.
    live = [r.code for r in SealRecord.select().where(SealRecord.state != SealState.CANCELLED)]
    cancelled = {r.code for r in SealRecord.select().where(
        SealRecord.state == SealState.CANCELLED)}
    assert len(live) == live_hybrid + 2 + 2 and len(cancelled) == 2  # and 2 cards, 2 daily
    running = start_transmitter()
    await wait_for(lambda: count_in_state(SealState.COMMUNICATED) == len(live), timeout=90)
    await running.stop()
    held = held_codes(sim.state_path)
    assert sorted(held) == sorted(live)
    assert not cancelled & set(held)
    assert set(at_the_tj(sim.state_path, "SELECT series, number FROM physical_seals")) == (
        day.hybrid_seals())
    assert at_the_tj(sim.state_path, "SELECT SUM(record_count) FROM batches") == [(len(live),)]
    assert at_the_tj(sim.state_path, "SELECT COUNT(*) FROM criticized") == [(0,)]
    for kind, record in daily.items():
        ((body,),) = at_the_tj(sim.state_path,
                               f"SELECT body FROM records WHERE code = '{record.code}'")
        sent = json.loads(body)
        assert (sent["quantidade"], sent["valores"]) == (record.quantity, values(record))
    assert {s.state for s in PhysicalSeal.select().where(PhysicalSeal.day == DAY)
            if (s.series, s.number) not in (SPOILED, REVERSED)} == {PhysicalState.SENT}
