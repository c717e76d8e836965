#!/usr/bin/env python3
"""Drive the installed `balcao demo` in tmux at 80x24, keyboard only, through one signature
recognition, and check the screen and the database afterwards.

usage: demo_in_tmux.py [--balcao PATH] [--data-dir DIR] [--keep]
Exit 0 when every check holds; otherwise prints what it saw and exits 1.
"""
from __future__ import annotations

import sys
from pathlib import Path

from tmux_driver import Tmux, db_rows, quit_balcao, run_demo_scenario


def walk(tmux: Tmux, data_dir: Path) -> str:
    cpf, name = db_rows(data_dir / "demo.db",
                        "SELECT cpf, name FROM signature_card ORDER BY id LIMIT 1")[0]
    # One burst, as a fast typist over a slow SSH link delivers it.
    tmux.keys("escrevente", "Enter", "escrevente1", "Enter")
    tmux.wait_for("F2")
    # The whole recognition in one burst too: open it, the CPF, search, pick the card
    # found, likeness without economic value, one signature, the prefilled seal.
    tmux.keys("F2", cpf, "Enter", "Enter", "1", "Enter", "Enter")
    label = tmux.wait_for("Reconheço por semelhança", timeout=20)
    rows = db_rows(data_dir / "demo.db",
                   "SELECT code, physical_series, physical_number FROM seal_record")
    assert len(rows) >= 1, "no seal record in the database"
    code, series, number = rows[-1]
    assert code in label and f"{series} {number:07d}" in label, label
    assert "R$" in label and name.split()[0].upper() in label, label
    tmux.keys("Enter")  # close the label
    status = tmux.wait_for("Pendentes: 1", timeout=20)
    tmux.keys("Escape")  # back to the home screen
    tmux.wait_for("F10")
    tmux.keys("F10")  # log out
    tmux.wait_for("Senha")
    quit_balcao(tmux, data_dir, key="F10")
    return (f"seal {code} ({series} {number}) registered; status line: "
            + next((line.strip() for line in status.splitlines() if "Pendentes" in line), ""))


if __name__ == "__main__":
    sys.exit(run_demo_scenario(__doc__, walk))
