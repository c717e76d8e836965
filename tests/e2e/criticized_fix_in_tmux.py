#!/usr/bin/env python3
"""The criticized-record flow in the demo, in tmux at 80x24, keyboard only: the TJ simulator
criticizes a record (its values do not add up); the tabeliã, who lands on the dashboard,
sees it there with the TJ's criticism, opens its detail, opens Retificar selo, charges the
fee table's value, gives the reason and confirms; the correction goes to the TJ and ends
communicated, the old record corrected.

usage: criticized_fix_in_tmux.py [--balcao PATH] [--data-dir DIR] [--keep]
Exit 0 when every check holds; otherwise prints what it saw and exits 1.
"""
from __future__ import annotations

import sys
from datetime import timedelta
from pathlib import Path

from tmux_driver import Tmux, db_rows, poll, quit_balcao, run_demo_scenario

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # tests/, for support

from balcao_tui.demo.seed import DEMO_CNS  # noqa: E402
from balcao_tui.domain.deadlines import office_day, utcnow  # noqa: E402
from balcao_tui.domain.seal_code import build_digital_seal_code  # noqa: E402
from balcao_tui.store.db import close_database, open_database, write_transaction  # noqa: E402
from balcao_tui.store.models import SealRecord  # noqa: E402
from support.seal_records import digital_row  # noqa: E402

REASON = "Total lançado errado"
SEQUENCE = 9_000_001


def states(db: Path) -> dict[str, tuple[str, str]]:
    """record kind -> (code, state) of the flow's records."""
    return {kind: (code, state) for code, kind, state in db_rows(
        db, "SELECT code, record_kind, state FROM seal_record WHERE act_code = 'AF'")}


def plant_criticizable(db: Path) -> None:
    """As another program writing to the demo's database: a digital record whose total is
    wrong, which the demo's transmitter sends and the TJ answers with E10."""
    at = utcnow() - timedelta(hours=1)
    row = digital_row(SEQUENCE, at, total=1)
    row["code"] = build_digital_seal_code(DEMO_CNS, "1", "AF", SEQUENCE, office_day(at).year)
    open_database(f"sqlite:///{db}")
    try:
        with write_transaction():
            SealRecord.create(**row)
    finally:
        close_database()


def walk(tmux: Tmux, data_dir: Path) -> str:
    db = data_dir / "demo.db"
    plant_criticizable(db)
    poll(lambda: states(db).get("ato", ("", ""))[1] == "criticized",
         "the record criticized by the TJ", timeout=60)
    old = states(db)["ato"][0]
    tmux.keys("tabeliao", "Enter", "tabeliao1", "Enter")
    tmux.wait_for("Painel de selos")
    tmux.wait_for("Os valores não fecham")
    tmux.keys("Enter")  # the only record listed
    tmux.wait_for("Detalhe do selo")
    tmux.wait_for("[E10] Os valores não fecham")
    tmux.keys("F7")
    tmux.wait_for("Retificar selo")
    tmux.wait_for(f"Selo {old} · ato · aguardando retificação")
    tmux.wait_for("Crítica do TJ: [E10] Os valores não fecham")
    tmux.keys("F6")
    tmux.wait_match(r"^ Valor \(F6\) +cobra pela tabela de emolumentos")
    tmux.keys("Enter", "Enter")
    tmux.type(REASON)
    tmux.keys("Enter")
    tmux.wait_for(f"Retificar o selo {old}?")
    tmux.keys("s")
    new = tmux.wait_match(r"Retificação (\w{25}) feita")[1]
    poll(lambda: states(db).get("retificacao") == (new, "communicated"),
         "the correction communicated to the TJ", timeout=60)
    assert states(db)["ato"] == (old, "corrected"), states(db)
    tmux.wait_for("retificado", timeout=30)
    tmux.keys("Escape")  # back to the detail, which shows the correction
    tmux.wait_for(f"Retificado por: {new}")
    quit_balcao(tmux, data_dir)
    return f"{old} criticized, seen on the dashboard, corrected by {new}, communicated"


if __name__ == "__main__":
    sys.exit(run_demo_scenario(__doc__, walk))
