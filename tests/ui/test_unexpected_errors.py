import logging

from balcao_tui.screens.login import LoginScreen


def test_a_program_error_is_logged_and_the_person_sees_a_short_message(
        make_app, office, monkeypatch, caplog, capfd):
    def broken(self):
        raise RuntimeError("kaboom")

    monkeypatch.setattr(LoginScreen, "action_back", broken)
    app = make_app()

    async def press_escape(pilot):
        await pilot.pause()
        await pilot.press("escape")

    with caplog.at_level(logging.ERROR, logger="balcao_tui.ui"):
        app.run(headless=True, size=(80, 24), auto_pilot=press_escape)
    assert app.return_code == 1
    assert "kaboom" in caplog.text and "Traceback" in caplog.text
    shown = capfd.readouterr()
    assert "erro inesperado" in shown.err + shown.out
    assert "Traceback" not in shown.err + shown.out and "kaboom" not in shown.err + shown.out
