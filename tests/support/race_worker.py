"""One terminal of a race, run as a separate process by tests/store/test_races.py.

usage: python -m support.race_worker URL MODE ACTOR_ID WORKER GO_FILE
MODE: cards (the same 40 CPFs), logins (the same 20 logins), invites (the same 20 logins,
each with a first-access code), sheets (overlapping ranges of
one series), daily (corrections that would take the day's total below zero), reverse (the
same five seals, each terminal naming them in another order), drawer (services of one
clerk paid by every method while each terminal tries to close the clerk's drawer), assign (overlapping ranges of the stock handed to clerks), move_use (the
first three terminals are Clara at the counter, the others supervisors moving her seals to
Bruno), audit (audit entries written as fast as each terminal can, all chaining from
the one head), fix (the one communicated act corrected by half the terminals and excluded
by the others), tally (seal records walked through their states by the others while the
first terminal folds the state tally).
Refusals are the expected answer to losing a race; anything else fails the process.
Prints how many of its calls succeeded, then the message of each refusal, one a line.
"""
import sys
import time
from pathlib import Path

from balcao_tui.domain.deadlines import office_day, utcnow
from balcao_tui.domain.identifiers import cpf_check_digits
from balcao_tui.domain.payment import COUNTED_METHODS
from balcao_tui.domain.refusal import Refusal
from balcao_tui.store.audit import audit
from balcao_tui.store.db import open_database, write_transaction
from balcao_tui.store.usecases.counter import register_counter_acts
from balcao_tui.store.usecases.daily import add_daily_count
from balcao_tui.store.usecases.reversal import reverse_seals
from balcao_tui.store.usecases.drawers import close_drawer
from balcao_tui.store.usecases.first_access import add_user
from balcao_tui.store.usecases.signature_cards import CardData, create_signature_card
from balcao_tui.store.models import SealRecord, User
from balcao_tui.store.state_tally import fold_tally
from balcao_tui.store.usecases.corrections import CorrectionInput, correct_seal
from balcao_tui.store.usecases.exclusions import exclude_seal
from balcao_tui.store.usecases.stock import add_seal_sheet
from balcao_tui.store.usecases.stock_handover import assign_seals, move_seals
from balcao_tui.store.usecases.users import create_user
from support.tally_walk import Walker

CPFS = [f"{base:09d}" + cpf_check_digits(f"{base:09d}") for base in range(111_222_001, 111_222_041)]
LOGINS = [f"novo{n:02d}" for n in range(20)]
REVERSED = range(1, 6)


def calls(mode: str, actor: int, worker: int):
    if mode == "cards":
        return [lambda cpf=cpf: create_signature_card(actor, CardData(
            name="Pessoa Repetida da Silva", cpf=cpf), allow_duplicate=True) for cpf in CPFS]
    if mode == "logins":
        return [lambda login=login: create_user(actor, login=login, name="Novo Usuário",
                                                role="escrevente", password="senha-forte-1")
                for login in LOGINS]
    if mode == "invites":
        return [lambda login=login: add_user(actor, login=login, name="Novo Usuário",
                                             role="escrevente") for login in LOGINS]
    if mode == "sheets":
        return [lambda: add_seal_sheet(actor, series="RC0009", seal_type="reconhecimento",
                                       first_number=worker * 5 + 1, last_number=worker * 5 + 20)]
    if mode == "daily":
        return [lambda: add_daily_count(actor, "fotocopia", -1) for _ in range(20)]
    if mode == "reverse":
        seals = [("AU0001", number) for number in REVERSED]
        turn = worker % len(seals)
        return [lambda: reverse_seals(actor, seals[turn:] + seals[:turn], "Lançados a mais.")]
    if mode == "drawer":
        payment = COUNTED_METHODS[worker % len(COUNTED_METHODS)]
        services = [lambda: register_counter_acts(actor, "autenticacao", 1, payment=payment),
                    lambda: add_daily_count(actor, "fotocopia", 2, payment=payment)]
        return [*services, lambda: close_drawer(actor, office_day(utcnow()), {},
                                                "Contado na corrida."), *services]
    if mode == "assign":
        clerk = User.get(login=("clara", "bruno")[worker % 2]).id
        return [lambda: assign_seals(actor, series="RF0100", first_number=worker * 7 + 1,
                                     last_number=worker * 7 + 20, clerk_id=clerk)]
    if mode == "move_use":
        if worker < 3:
            clara = User.get(login="clara").id
            return [lambda: register_counter_acts(clara, "autenticacao", 1) for _ in range(10)]
        bruno = User.get(login="bruno").id
        return [lambda: move_seals(actor, series="AU0001", first_number=1, last_number=50,
                                   clerk_id=bruno)]
    if mode == "audit":
        return [lambda n=n: _audited(actor, worker, n) for n in range(AUDITS)]
    if mode == "tally":
        if worker == 0:
            return [lambda: (fold_tally(), time.sleep(0.005)) for _ in range(TALLY_FOLDS)]
        walker = Walker(seed=worker, walker=worker)
        return [walker.step for _ in range(TALLY_STEPS)]
    if mode == "fix":
        target = SealRecord.get(SealRecord.record_kind == "ato").id
        if worker % 2:
            return [lambda: exclude_seal(actor, target, "Selo em duplicidade.")]
        return [lambda: correct_seal(actor, target, CorrectionInput(exempt_reason="Lei 1"),
                                     "Era gratuito.")]
    raise SystemExit(f"unknown mode {mode}")


AUDITS = 40
TALLY_STEPS = 60
TALLY_FOLDS = 150


def _audited(actor: int, worker: int, n: int) -> None:
    with write_transaction():
        audit(actor, "user.update", "user", actor, {"terminal": worker, "n": n})


def main() -> int:
    url, mode, actor, worker, go_file = sys.argv[1:6]
    open_database(url)
    jobs = calls(mode, int(actor), int(worker))
    deadline = time.monotonic() + 60
    while not Path(go_file).exists():
        if time.monotonic() > deadline:
            return 3
        time.sleep(0.005)
    done = 0
    refusals = []
    for job in jobs:
        try:
            job()
            done += 1
        except Refusal as exc:
            refusals.append(exc.message)
    print(done)
    for message in refusals:
        print(message)
    return 0


if __name__ == "__main__":
    sys.exit(main())
