#!/usr/bin/env python3
"""The criticized-record flow in tmux at 80x24, keyboard only: the TJ simulator criticizes a
record; the tabeliã reads the criticism in Retificar selo, charges the fee table's value,
gives the reason and confirms; the correction goes to the TJ and ends communicated, the old
record corrected.

usage: criticized_fix_in_tmux.py [--data-dir DIR] [--keep]
Exit 0 when every check holds; otherwise prints what it saw and exits 1.
"""
from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from pathlib import Path

from tmux_driver import Tmux, db_rows, poll

HERE = Path(__file__).resolve().parent
REASON = "Total lançado errado"


def states(db: Path) -> dict[str, tuple[str, str]]:
    """record kind -> (code, state) of the flow's records."""
    return {kind: (code, state) for code, kind, state in db_rows(
        db, "SELECT code, record_kind, state FROM seal_record WHERE act_code = 'AF'")}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data-dir", default=None)
    parser.add_argument("--keep", action="store_true", help="leave the data dir behind")
    args = parser.parse_args()
    data_dir = Path(args.data_dir or tempfile.mkdtemp(prefix="balcao-fix-"))
    db = data_dir / "demo.db"
    tmux = Tmux(f"{sys.executable} {HERE / 'fix_counter.py'} --data-dir {data_dir}",
                env={"TERM": "xterm-256color"})
    try:
        tmux.wait_for("Senha", timeout=60)
        poll(lambda: states(db).get("ato", ("", ""))[1] == "criticized",
             "the record criticized by the TJ", timeout=60)
        old = states(db)["ato"][0]
        tmux.keys("tabeliao", "Enter", "tabeliao1", "Enter")
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
        tmux.keys("C-q")
        tmux.wait_for("Sair do balcão?")
        tmux.keys("s")
        tmux.wait_gone()
        print(f"ok: {old} criticized, corrected by {new}, communicated")
        return 0
    except AssertionError as exc:
        print(f"FAILED: {exc}", file=sys.stderr)
        return 1
    finally:
        tmux.kill()
        if not args.keep and not args.data_dir:
            shutil.rmtree(data_dir, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
