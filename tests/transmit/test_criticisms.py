"""What the TJ criticizes ends in the right state, with the TJ's own message, shown by
`balcao seals show`; nothing criticized is sent again."""
from __future__ import annotations

import asyncio
import json
import sqlite3
import subprocess
from datetime import timedelta

from balcao_tui.domain.deadlines import utcnow
from balcao_tui.domain.seal_code import ALPHABET
from balcao_tui.store.db import write_transaction
from balcao_tui.store.models import PhysicalSeal, SealRecord
from balcao_tui.domain.seal_states import PhysicalState, SealState
from balcao_tui.store.usecases.counter import register_counter_acts
from balcao_tui.store.usecases.signature_cards import CardData, create_signature_card
from balcao_tui.tj.link_status import LinkState
from balcao_tui.tj.simulator.context import REQUEST_COUNTS
from support.fee_values import fee_values
from support.seal_records import digital_row, hybrid_row, insert_rows

from .conftest import CLI, FAST, configure_tj, count_in_state, wait_for


def record(code: str) -> SealRecord:
    return SealRecord.get(SealRecord.code == code)


def tj_criticisms(state_path, code: str) -> list[dict]:
    db = sqlite3.connect(state_path)
    try:
        rows = db.execute("SELECT criticisms FROM criticized WHERE code = ?", (code,)).fetchall()
    finally:
        db.close()
    return [c for (text,) in rows for c in json.loads(text)]


def seals_show(db_url: str, code: str) -> str:
    result = subprocess.run([*CLI, "--db", db_url, "seals", "show", code],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    return result.stdout


def _hybrid_from_the_counter(clerk: int) -> str:
    card = create_signature_card(clerk, CardData(name="João Teste Souza", cpf="11144477735"))
    made = register_counter_acts(clerk, "firma_sem_valor", 1, signature_card_id=card.card_id)
    code = made.acts[0].seal_code
    with write_transaction():  # what the shift closing does
        SealRecord.update(state=SealState.PENDING).where(SealRecord.code == code).execute()
    return code


def _corrupt_check_digit(code: str) -> str:
    wrong = code[:24] + ALPHABET[(ALPHABET.index(code[24]) + 1) % 36]
    with write_transaction():
        SealRecord.update(code=wrong).where(SealRecord.code == code).execute()
    return wrong


async def test_criticisms_are_stored_and_shown(any_office, sim, cert_files, start_transmitter):
    configure_tj(sim.url, cert_files.p12)
    now = utcnow()
    # 1. A hybrid seal from the counter, and another code carrying the same physical seal.
    first = _hybrid_from_the_counter(any_office.clerk)
    series, number = record(first).physical_series, record(first).physical_number
    [again] = insert_rows([hybrid_row(series, number, record(first).act_at + timedelta(
                                          seconds=1), act_code="RV",
                                      act_kind="firma_com_valor")])
    # 2. A code whose check digit was damaged in the database.
    [damaged] = insert_rows([digital_row(7_000_001, now - timedelta(minutes=30))])
    damaged = _corrupt_check_digit(damaged)
    # 3. A correction more than 72 h after the act, and one within the window.
    old, recent = insert_rows([digital_row(7_000_002, now - timedelta(days=4)),
                               digital_row(7_000_003, now - timedelta(hours=3))])
    late_fix, fix = insert_rows([
        digital_row(7_000_004, now - timedelta(days=4), record_kind="retificacao",
                    replaces=record(old).id, deadline_at=now + timedelta(hours=24),
                    **fee_values(tabeliao=1200)),
        digital_row(7_000_005, now - timedelta(hours=3), record_kind="retificacao",
                    replaces=record(recent).id, deadline_at=now + timedelta(hours=24),
                    **fee_values(tabeliao=1200))])
    # 4. An exclusion of a communicated record.
    [excluded] = insert_rows([digital_row(7_000_006, now - timedelta(hours=2))])
    zero = dict.fromkeys(fee_values(), 0)
    [exclusion] = insert_rows([digital_row(7_000_007, now - timedelta(hours=2), act_code="XA",
                                           act_kind="exclusao", record_kind="exclusao",
                                           excludes=record(excluded).id,
                                           deadline_at=now + timedelta(hours=24), **zero)])

    running = start_transmitter()
    await wait_for(lambda: count_in_state(SealState.PENDING) == 0, timeout=30)
    await wait_for(lambda: running.transmitter.status.detail == "Todos os selos foram enviados.")
    batches = running.transmitter.totals

    assert record(first).state == SealState.COMMUNICATED, record(first).criticisms
    sheet_seal = PhysicalSeal.get((PhysicalSeal.series == series)
                                  & (PhysicalSeal.number == number))
    assert sheet_seal.state == PhysicalState.SENT
    assert record(again).state == SealState.CRITICIZED
    assert record(damaged).state == SealState.CRITICIZED
    assert record(old).state == SealState.COMMUNICATED and record(old).late
    assert record(late_fix).state == SealState.CRITICIZED
    assert record(recent).state == SealState.CORRECTED
    assert record(fix).state == SealState.COMMUNICATED
    assert record(excluded).state == SealState.EXCLUDED
    assert record(exclusion).state == SealState.COMMUNICATED
    assert (batches.accepted, batches.criticized, batches.failed) == (6, 3, 0)

    # The stored criticisms are the TJ's, word for word.
    for code, expected in ((again, "E13"), (damaged, "E02"), (late_fix, "E16")):
        stored = json.loads(record(code).criticisms)
        assert [c["codigo"] for c in stored] == [expected]
        assert stored == tj_criticisms(sim.state_path, code)
    assert "dígito verificador inválido" in json.loads(record(damaged).criticisms)[0]["mensagem"]

    shown = seals_show(any_office.url, again)
    assert "Situação:       aguardando retificação" in shown
    assert (f"Crítica do TJ:  [E13] O selo físico {series} {number} já foi comunicado no selo "
            f"{first} e não pode ser usado de novo.") in shown
    shown = seals_show(any_office.url, late_fix)
    assert "Crítica do TJ:  [E16] O prazo de 72 horas para o selo" in shown
    assert f"Retifica:       {old}" in shown
    shown = seals_show(any_office.url, recent)
    assert "Situação:       retificado" in shown and f"Retificado por: {fix}" in shown

    # Criticized records are not sent again, whatever wakes the transmitter.
    requests = sim.app[REQUEST_COUNTS]["requisicoes_lote"]
    running.transmitter.wake()
    await asyncio.sleep(3 * FAST.poll_interval)
    assert sim.app[REQUEST_COUNTS]["requisicoes_lote"] == requests
    assert running.transmitter.status.state is LinkState.ONLINE
