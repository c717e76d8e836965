#!/usr/bin/env python3
"""Drive the installed `balcao demo` in tmux at 80x24, keyboard only, through one signature
recognition, and check the screen and the database afterwards.

usage: demo_in_tmux.py [--balcao PATH] [--data-dir DIR] [--keep]
Exit 0 when every check holds; otherwise prints what it saw and exits 1.
"""
from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from pathlib import Path

from tmux_driver import Tmux, assert_simulator_stopped, db_rows


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--balcao", default=shutil.which("balcao") or "balcao")
    parser.add_argument("--data-dir", default=None)
    parser.add_argument("--keep", action="store_true", help="leave the data dir behind")
    args = parser.parse_args()
    data_dir = Path(args.data_dir or tempfile.mkdtemp(prefix="balcao-demo-"))
    tmux = Tmux(f"{args.balcao} demo --data-dir {data_dir}", env={"TERM": "xterm-256color"})
    try:
        tmux.wait_for("Senha", timeout=60)
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
        tmux.keys("F10")  # quit
        tmux.wait_for("Sair do balcão?")
        tmux.keys("s")
        tmux.wait_gone()
        assert_simulator_stopped(data_dir)
        print(f"ok: seal {code} ({series} {number}) registered; status line: "
              + next((line.strip() for line in status.splitlines() if "Pendentes" in line), ""))
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
