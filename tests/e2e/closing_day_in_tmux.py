#!/usr/bin/env python3
"""Close a demo day in tmux at 80x24, keyboard only: a clerk serves and closes the drawer,
a supervisor closes the day; then check the database, the transmission and the closed day.

usage: closing_day_in_tmux.py [--balcao PATH] [--data-dir DIR] [--keep]
Exit 0 when every check holds; otherwise prints what it saw and exits 1.
"""
from __future__ import annotations

import sys
from datetime import date, datetime
from pathlib import Path

from balcao_tui.domain.money import format_amount, parse_money
from tmux_driver import Tmux, db_rows, poll, quit_balcao, run_demo_scenario

METHODS = ("Dinheiro", "PIX", "Cartão de débito", "Cartão de crédito")
SHORTAGE = 100  # centavos missing from the cash the supervisor counts
EXPLANATION = "Faltou R$ 1,00 no troco"
MONEY = r"-?R\$ [\d.]+,\d\d"


def log_in(tmux: Tmux, login: str, password: str, greeting: str) -> None:
    tmux.wait_for("Senha", timeout=60)
    tmux.keys(login, "Enter", password, "Enter")
    tmux.wait_for(greeting)


def back_home(tmux: Tmux) -> None:
    tmux.keys("Escape")
    tmux.wait_for("Olá, ")


def register(tmux: Tmux, label_text: str, form_text: str) -> None:
    """The act screen is filled up to its seals field: Enter there registers, the label
    shows, Enter closes it."""
    tmux.keys("Enter")
    tmux.wait_for(label_text, timeout=30)
    tmux.keys("Enter")
    tmux.wait_for(form_text)
    back_home(tmux)


def serve_and_close_drawer(tmux: Tmux, cpf: str) -> dict[str, int]:
    """As the clerk: a recognition in cash, an authentication by PIX, ten photocopies; then
    the drawer closed with what the screen expects. Returns that, per method."""
    tmux.keys("F2")
    tmux.wait_for("nome, CPF ou RG")
    tmux.keys(cpf, "Enter")
    tmux.wait_for("ficha(s) encontrada(s)")
    tmux.keys("Enter", "1", "Enter")  # the card found, likeness without value, 1 signature
    tmux.wait_for("Total a cobrar")
    register(tmux, "Reconheço por semelhança", "[1] Sem valor")

    tmux.keys("F3")
    tmux.wait_for("Cada página ou face")
    tmux.keys("F7")
    tmux.wait_for("Tecle o número")
    tmux.keys("2")  # PIX
    tmux.wait_match(r"^ Pagamento +PIX +\(F7 muda\)")
    tmux.keys("Enter")  # 1 page; Enter on the seals registers
    register(tmux, "Autentico a presente cópia", "Cada página ou face")

    tmux.keys("F5")
    tmux.wait_for("Autenticação digital (CENAD)")
    tmux.type("10")
    tmux.keys("Enter")
    tmux.wait_for("Lançada(s) 10 fotocópia(s)")
    back_home(tmux)

    tmux.keys("F8")
    tmux.wait_for("caixa aberto")
    expected = {}
    for method in METHODS:
        found = tmux.wait_match(rf"^ {method} +({MONEY}) +{MONEY}$")
        expected[method] = parse_money(found[1].replace("R$", ""), allow_negative=True)
    for method in METHODS:
        tmux.type(format_amount(expected[method]))
        tmux.keys("Enter")
    total = format_amount(sum(expected.values()))
    tmux.wait_match(rf"^ Total +R\$ {total} +R\$ {total} +R\$ 0,00$")
    tmux.keys("F9")
    tmux.wait_for("caixa fechado em")
    back_home(tmux)
    return expected


def close_day(tmux: Tmux) -> tuple[str, int, int]:
    """As the supervisor: the day closed with the paper count the system shows and the cash
    R$ 1,00 short, explained. Returns the day as shown and the system's two figures."""
    tmux.keys("F9")
    day = tmux.wait_match(r"^ Dia +(\d\d/\d\d/\d{4})")[1]
    paper = int(tmux.wait_match(r"^ Selos contados .*sistema (\d+)")[1])
    cash = parse_money(tmux.wait_match(rf"^ Total recebido .*sistema ({MONEY})")[1]
                       .replace("R$", ""))
    tmux.type(str(paper))
    tmux.keys("Enter")
    tmux.wait_match(rf"^ Selos contados +{paper} +sistema {paper} · confere")
    tmux.type(format_amount(cash - SHORTAGE))
    tmux.keys("Enter")
    tmux.wait_for(f"sistema R$ {format_amount(cash)} · diferença -R$ {format_amount(SHORTAGE)}")
    tmux.type(EXPLANATION)
    tmux.keys("Enter")
    tmux.wait_for(f"Fechar o expediente de {day}?")
    tmux.keys("s")
    tmux.wait_for(f"Expediente de {day} fechado", timeout=60)
    tmux.keys("Escape")  # back to the dashboard, where the closing was opened from
    tmux.wait_for("Painel de selos")
    return day, paper, cash


def check_store(db: Path, day: date, drawer: dict[str, int], paper: int, cash: int) -> None:
    iso = day.isoformat()
    sums = dict(db_rows(db, "SELECT payment, SUM(total) FROM (SELECT payment, total FROM act "
                            "WHERE day = ? UNION ALL SELECT payment, total FROM daily_entry "
                            "WHERE day = ?) GROUP BY payment", (iso, iso)))
    assert drawer == {"Dinheiro": sums.get("dinheiro", 0), "PIX": sums.get("pix", 0),
                      "Cartão de débito": 0, "Cartão de crédito": 0}, (drawer, sums)
    assert cash == sum(sums.values()), (cash, sums)
    assert db_rows(db, "SELECT state FROM cash_drawer WHERE day = ?", (iso,)) == [("closed",)]
    closing = db_rows(db, "SELECT paper_count, paper_expected, cash_counted, cash_expected, "
                          "explanation FROM shift_closing WHERE day = ?", (iso,))
    assert closing == [(paper, paper, cash - SHORTAGE, cash, EXPLANATION)], closing
    hybrid = db_rows(db, "SELECT r.code, l.day FROM seal_record r LEFT JOIN seal_load l "
                         "ON l.id = r.load_id WHERE r.day = ? AND r.physical_series IS NOT NULL",
                     (iso,))
    assert len(hybrid) == paper == 2, hybrid
    assert all(load_day == iso for _, load_day in hybrid), f"hybrid seals outside a load: {hybrid}"
    daily = db_rows(db, "SELECT quantity FROM seal_record WHERE day = ? AND act_kind = "
                        "'fotocopia'", (iso,))
    assert daily == [(10,)], f"the day's photocopy seal: {daily}"

    def all_communicated():
        states = db_rows(db, "SELECT code, state FROM seal_record WHERE day = ?", (iso,))
        return all(state == "communicated" for _, state in states) and states

    poll(all_communicated, "every seal record of the day communicated to the TJ")


def refuses_new_act(tmux: Tmux, cpf: str, day: str) -> None:
    tmux.keys("F2")
    tmux.wait_for("nome, CPF ou RG")
    tmux.keys(cpf, "Enter")
    tmux.wait_for("ficha(s) encontrada(s)")
    tmux.keys("Enter", "1", "Enter")
    tmux.wait_for("Total a cobrar")
    tmux.keys("Enter")
    tmux.wait_for(f"O expediente de {day} já foi fechado: não aceita novos atos.")


def walk(tmux: Tmux, data_dir: Path) -> str:
    db = data_dir / "demo.db"
    cards = db_rows(db, "SELECT cpf FROM signature_card ORDER BY id LIMIT 2")
    log_in(tmux, "escrevente", "escrevente1", "(Escrevente)")
    drawer = serve_and_close_drawer(tmux, cards[0][0])
    tmux.keys("F10")
    log_in(tmux, "supervisor", "supervisor1", "Painel de selos")  # the first screen
    shown_day, paper, cash = close_day(tmux)
    day = datetime.strptime(shown_day, "%d/%m/%Y").date()
    check_store(db, day, drawer, paper, cash)
    tmux.keys("F10")
    log_in(tmux, "escrevente", "escrevente1", "(Escrevente)")
    refuses_new_act(tmux, cards[1][0], shown_day)
    quit_balcao(tmux, data_dir)
    return (f"day {shown_day} closed: {paper} hybrid seal(s), cash R$ {format_amount(cash)} "
            f"counted R$ {format_amount(SHORTAGE)} short; every record communicated")


if __name__ == "__main__":
    sys.exit(run_demo_scenario(__doc__, walk))
