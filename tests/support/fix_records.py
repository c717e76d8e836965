"""Seal records the TJ already answered, for the tests of corrections, exclusions and
links: communicated (the TJ holds them) or criticized (it never did)."""
from __future__ import annotations

import json
from datetime import datetime

from balcao_tui.domain.seal_states import PhysicalState, SealState
from balcao_tui.store.db import write_transaction
from balcao_tui.store.models import PhysicalSeal, SealRecord

from .seal_records import digital_row, hybrid_row, insert_rows

CRITICISM = [{"codigo": "E10", "mensagem": "Os valores não fecham: colunas + ISS somam "
              "1696 centavos, mas o total informado é 1."}]


def communicated_digital(sequence: int, act_at: datetime, **extra) -> SealRecord:
    [code] = insert_rows([digital_row(sequence, act_at, state=SealState.COMMUNICATED,
                                      sent_at=act_at, **extra)])
    return SealRecord.get(SealRecord.code == code)


def criticized_digital(sequence: int, act_at: datetime, **extra) -> SealRecord:
    [code] = insert_rows([digital_row(sequence, act_at, state=SealState.CRITICIZED,
                                      criticisms=json.dumps(CRITICISM, ensure_ascii=False),
                                      **extra)])
    return SealRecord.get(SealRecord.code == code)


def communicated_hybrid(number: int, act_at: datetime, series: str = "RF0001") -> SealRecord:
    """A recognition whose physical seal (of clara's sheet) the TJ holds."""
    [code] = insert_rows([hybrid_row(series, number, act_at, state=SealState.COMMUNICATED,
                                     sent_at=act_at)])
    with write_transaction():
        (PhysicalSeal.update(state=PhysicalState.SENT, day=act_at.date())
         .where((PhysicalSeal.series == series) & (PhysicalSeal.number == number)).execute())
    return SealRecord.get(SealRecord.code == code)


def physical_state(series: str, number: int) -> str:
    return PhysicalSeal.get((PhysicalSeal.series == series) & (PhysicalSeal.number == number)).state
