"""One terminal's worth of counter work, run as a separate process by the concurrency test.

usage: python -m support.register_worker URL CLERK_ID CARD_ID COUNT CPF_BASE GO_FILE
Waits for GO_FILE so every process starts at once; then COUNT times: one recognition
(a physical seal from the shared sheet) and one signature card with a digital seal.
"""
import sys
import time
from pathlib import Path

from balcao_tui.domain.identifiers import cpf_check_digits
from balcao_tui.store.db import open_database
from balcao_tui.store.usecases.counter import register_counter_acts
from balcao_tui.store.usecases.signature_cards import CardData, create_signature_card


def spelled(number: int) -> str:
    """A name part made of letters only, unique per number (names hold no digits)."""
    return "".join("abcdefghij"[int(digit)] for digit in str(number)).capitalize()


def main() -> int:
    url, clerk, card, count, cpf_base, go_file = sys.argv[1:7]
    clerk, card, count, cpf_base = int(clerk), int(card), int(count), int(cpf_base)
    open_database(url)
    deadline = time.monotonic() + 60
    while not Path(go_file).exists():
        if time.monotonic() > deadline:
            return 3
        time.sleep(0.01)
    for i in range(count):
        register_counter_acts(clerk, "firma_sem_valor", 1, signature_card_id=card)
        base = f"{cpf_base + i:09d}"
        create_signature_card(clerk, CardData(name=f"Pessoa {spelled(cpf_base + i)} Teste",
                                              cpf=base + cpf_check_digits(base)),
                              generate_seal=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
