"""The demo's data: a reusable fictitious office, and the simulator as a child process."""
import httpx

from balcao_tui.demo.environment import point_to_simulator, prepare
from balcao_tui.demo.seed import DEMO_USERS
from balcao_tui.demo.simulator_process import start_simulator
from balcao_tui.domain.identifiers import is_valid_cpf
from balcao_tui.store.db import close_database
from balcao_tui.store.models import PhysicalSeal, SealSheet, SignatureCard, User
from balcao_tui.domain.seal_states import PhysicalState
from balcao_tui.store.usecases.office import get_settings
from balcao_tui.store.usecases.users import authenticate
from balcao_tui.tj.signing import load_certificate
from balcao_tui.tj.simulator.registration import write_registrations_file


def test_prepare_builds_a_complete_office_and_is_reusable(tmp_path):
    env = prepare(tmp_path / "demo")
    assert {u.login for u in User.select()} == {u.login for u in DEMO_USERS}
    for user in DEMO_USERS:
        assert authenticate(user.login, user.password).role == user.role
    cards = list(SignatureCard.select())
    assert len(cards) >= 50 and all(is_valid_cpf(c.cpf) for c in cards)
    clerk = User.get(User.login == "escrevente")
    types = {s.seal_type for s in SealSheet.select().where(SealSheet.clerk == clerk.id)}
    assert types == {"reconhecimento", "autenticacao"}
    assert load_certificate(env.cert_path, "demo-certificado").is_expired() is False
    close_database()

    prepare(tmp_path / "demo")  # again: nothing duplicated
    assert User.select().count() == len(DEMO_USERS)
    assert SignatureCard.select().count() == len(cards)
    close_database()


def test_low_sheets_are_topped_up_on_the_next_start(tmp_path):
    prepare(tmp_path / "demo")
    sheets_before = SealSheet.select().count()
    PhysicalSeal.update(state=PhysicalState.USED).execute()
    close_database()
    prepare(tmp_path / "demo")
    assert SealSheet.select().count() > sheets_before
    assert PhysicalSeal.select().where(PhysicalSeal.state == PhysicalState.AVAILABLE).count() > 0
    close_database()


def test_simulator_child_process_answers_and_stops(tmp_path):
    env = prepare(tmp_path / "demo")
    registrations = write_registrations_file(tmp_path / "cadastros.txt", [env.registration])
    simulator = start_simulator(tmp_path / "tj.db", registrations, tmp_path / "tj.log")
    try:
        assert simulator.url.startswith("http://127.0.0.1:")
        token = httpx.post(f"{simulator.url}/oauth/token", data={
            "grant_type": "client_credentials", "client_id": "balcao-demo",
            "client_secret": env.client_secret}, timeout=10)
        assert token.status_code == 200 and token.json()["access_token"]
        point_to_simulator(env, simulator.url)
        assert get_settings("tj.")["tj.url"] == simulator.url
    finally:
        simulator.stop()
        close_database()
    assert simulator.process.returncode is not None
