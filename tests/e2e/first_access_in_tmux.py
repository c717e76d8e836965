#!/usr/bin/env python3
"""A new clerk in the demo, in tmux at 80x24, keyboard only: the administrator creates the
clerk (the first-access code shown once), buys a sheet of seals and hands part of it to
the clerk; the clerk logs in with the code, creates a password, logs in with it and
recognises a signature with a seal of that sheet. Then the database is checked.

usage: first_access_in_tmux.py [--balcao PATH] [--data-dir DIR] [--keep]
Exit 0 when every check holds; otherwise prints what it saw and exits 1.
"""
from __future__ import annotations

import sys
from pathlib import Path

from closing_day_in_tmux import back_home, log_in, register
from tmux_driver import Tmux, db_rows, quit_balcao, run_demo_scenario

LOGIN, NAME, PASSWORD = "nina", "Nina Nova", "nina tem senha 1"
SERIES, FIRST, LAST, HANDED = "RF0009", 1, 100, 50


def open_from_palette(tmux: Tmux, typed: str, title: str) -> None:
    tmux.keys("C-p")
    tmux.wait_for("Abrir:")
    tmux.type(typed)
    tmux.wait_for(f"Abrir: {title}")
    tmux.keys("Enter")
    tmux.wait_match(rf"^ {title} ")


def create_clerk(tmux: Tmux) -> str:
    """As the administrator: a new clerk; returns the code the screen shows once."""
    open_from_palette(tmux, "usuarios", "Usuários")
    tmux.keys("F6")
    tmux.wait_for("Perfil")
    tmux.type(LOGIN)
    tmux.keys("Enter")
    tmux.type(NAME)
    tmux.keys("Enter", "Enter")  # no e-mail; the role stays Escrevente
    tmux.wait_match(r"\(•\) Escrevente")
    tmux.keys("F9")
    code = tmux.wait_match(r"█ +([A-Z0-9]{4}-[A-Z0-9]{4}) +█")[1]
    tmux.wait_for("não será mostrado de novo")
    tmux.keys("Enter")
    tmux.wait_match(rf"^ {LOGIN} +{NAME} +Escrevente +código até")
    back_home(tmux)
    return code


def hand_a_sheet(tmux: Tmux) -> None:
    """As the administrator: a purchase goes to the stock, half of it to the new clerk."""
    open_from_palette(tmux, "estoque", "Estoque de selos físicos")
    tmux.keys("F6")
    tmux.wait_for("registrar compra")
    for typed in ("1", SERIES, str(FIRST), str(LAST)):
        tmux.type(typed)
        tmux.keys("Enter")
    tmux.wait_for("Registrar a compra de 100 selo(s)")
    tmux.keys("s")
    tmux.wait_for("Compra registrada no estoque")
    tmux.keys("F7")
    tmux.wait_for("Para quem")
    for typed in (SERIES, str(FIRST), str(HANDED)):
        tmux.type(typed)
        tmux.keys("Enter")
    names = tmux.wait_for(NAME).split("Para quem (↑↓ e Enter):")[1].splitlines()[1:]
    names = [line.strip() for line in names if line.strip()]
    tmux.keys(*["Down"] * names.index(NAME), "Enter")
    tmux.wait_for(f"Entregar a {NAME} os selos")
    tmux.keys("s")
    tmux.wait_for(f"{HANDED} selo(s) do estoque passaram a {NAME}")
    back_home(tmux)


def first_access(tmux: Tmux, code: str) -> None:
    tmux.wait_for("Senha", timeout=60)
    tmux.keys(LOGIN, "Enter", code, "Enter")
    tmux.wait_for("Crie agora a sua senha")
    tmux.type(PASSWORD)
    tmux.keys("Enter")
    tmux.type(PASSWORD)
    tmux.keys("Enter")
    tmux.wait_for("Senha criada. Entre agora com ela.")
    tmux.keys("Escape")  # the login screen kept the login: Esc clears the form
    log_in(tmux, LOGIN, PASSWORD, f"Olá, {NAME}")


def recognise(tmux: Tmux, cpf: str) -> None:
    tmux.keys("F2")
    tmux.wait_for("nome, CPF ou RG")
    tmux.keys(cpf, "Enter")
    tmux.wait_for("ficha(s) encontrada(s)")
    tmux.keys("Enter", "1", "Enter")
    tmux.wait_for("Total a cobrar")
    tmux.wait_match(rf"Selos? +{SERIES} 0000001")
    register(tmux, "Reconheço por semelhança", "[1] Sem valor")


def check_store(db: Path) -> None:
    user = db_rows(db, "SELECT id, role, active, access_code_hash FROM user WHERE login = ?",
                   (LOGIN,))
    assert len(user) == 1 and user[0][1:3] == ("escrevente", 1), user
    assert not user[0][3], "the first-access code still waits after it was used"
    clerk = user[0][0]
    held = db_rows(db, "SELECT s.first_number, s.last_number FROM seal_sheet s "
                       "WHERE s.clerk_id = ? AND s.series = ?", (clerk, SERIES))
    assert held == [(FIRST, HANDED)], held
    stock = db_rows(db, "SELECT first_number, last_number FROM seal_sheet "
                        "WHERE clerk_id IS NULL AND series = ?", (SERIES,))
    assert stock == [(HANDED + 1, LAST)], stock
    used = db_rows(db, "SELECT p.number, a.clerk_id FROM physical_seal p JOIN act a "
                       "ON a.id = p.act_id WHERE p.series = ? AND p.state = 'used'", (SERIES,))
    assert used == [(FIRST, clerk)], used
    audited = {action for (action,) in db_rows(db, "SELECT action FROM audit_entry")}
    assert {"user.create", "user.first_access", "stock.sheet_add", "act.register"} <= audited, (
        audited)
    trail = " ".join(detail for (detail,) in db_rows(db, "SELECT detail FROM audit_entry"))
    assert PASSWORD not in trail, "the password reached the audit trail"


def walk(tmux: Tmux, data_dir: Path) -> str:
    db = data_dir / "demo.db"
    cpf = db_rows(db, "SELECT cpf FROM signature_card ORDER BY id LIMIT 1")[0][0]
    log_in(tmux, "admin", "admin1234", "(Administrador)")
    code = create_clerk(tmux)
    hand_a_sheet(tmux)
    tmux.keys("F10")
    first_access(tmux, code)
    recognise(tmux, cpf)
    check_store(db)
    quit_balcao(tmux, data_dir)
    return (f"{LOGIN} created, given {SERIES} {FIRST}-{HANDED}, logged in with the "
            "first-access code and a password of her own, recognised a signature")


if __name__ == "__main__":
    sys.exit(run_demo_scenario(__doc__, walk))
