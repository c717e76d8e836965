import logging

from balcao_tui.domain.identifiers import InvalidIdentifier
from balcao_tui.screens.recognition import RecognitionScreen
from balcao_tui.store.errors import Refused
from balcao_tui.widgets.store_calls import UNEXPECTED, failure_of

from .helpers import login, settle


def test_refusals_keep_their_message_and_field():
    failure = failure_of(Refused("O selo RF0001 0000001 já foi utilizado.", field="seals"))
    assert (failure.message, failure.field) == ("O selo RF0001 0000001 já foi utilizado.",
                                                "seals")
    assert failure_of(InvalidIdentifier("CPF inválido.")).message == "CPF inválido."


def test_program_errors_are_logged_with_traceback_and_shown_short(caplog):
    try:
        raise RuntimeError("database is locked")
    except RuntimeError as exc:
        error = exc
    with caplog.at_level(logging.ERROR, logger="balcao_tui.ui"):
        failure = failure_of(error)
    assert failure.message == UNEXPECTED and "database is locked" not in failure.message
    assert caplog.records[0].exc_info[1] is error


async def test_a_call_cancelled_before_it_ran_does_not_hold_the_keys(make_app, office):
    """Two status refreshes in one turn of the loop (the timer's and one after an act, on a
    busy machine): the first is cancelled before its task starts and never reports it."""
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await login(pilot, office.clerk)
        app.refresh_status()
        app.refresh_status()
        await settle(pilot)
        assert not app.key_gate.in_flight
        await pilot.press("f2")
        await settle(pilot)
        assert isinstance(app.screen, RecognitionScreen)
