from rich.console import Console
from textual.command import CommandPalette

from balcao_tui.screens.daily_counts import DailyCountsScreen
from balcao_tui.screens.help import HelpScreen
from balcao_tui.screens.recognition import RecognitionScreen

from .helpers import login, open_screen, settle, type_text


def help_keys(app) -> str:
    """The key table of the help screen, as text."""
    console = Console(width=76, record=True)
    console.print(app.screen.query_one("#help-keys").content)
    return console.export_text()


async def test_f1_lists_the_keys_of_the_screen_and_escape_closes(make_app, office):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await login(pilot, office.clerk)
        await open_screen(pilot, "f2")
        await pilot.press("f1")
        await settle(pilot)
        assert isinstance(app.screen, HelpScreen)
        keys = help_keys(app)
        for line in ("Esc   ", "F9    ", "Confirmar", "Tipo: semelhança sem valor",
                     "Tipo: autenticidade", "^P", "Shift+Tab"):
            assert line in keys
        assert "RF00010000123" in str(app.screen.query_one("#help-text").content)
        await pilot.press("escape")
        assert isinstance(app.screen, RecognitionScreen)


async def test_palette_lists_every_action_in_portuguese_and_runs_them(make_app, office):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await login(pilot, office.clerk)
        await open_screen(pilot, "f2")
        titles = [command.title for command in app.get_system_commands(app.screen)]
        for title in ("Confirmar (F9)", "Limpar (F8)", "Voltar (Esc)",
                      "Tipo: semelhança sem valor (1)",
                      "Abrir: Autenticação de cópia", "Abrir: Ficha de firma (abertura)",
                      "Abrir: Fotocópias e autenticação digital", "Trocar usuário",
                      "Ajuda (F1)", "Sair do programa"):
            assert title in titles
        assert "Abrir: Reconhecimento de firma" not in titles  # already here
        await pilot.press("ctrl+p")
        await settle(pilot)
        assert isinstance(app.screen, CommandPalette)
        await type_text(pilot, "fotocop")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, DailyCountsScreen)
        assert len(app.screen_stack) == 3  # Home is still under it: Escape goes back


async def test_administrator_palette_offers_no_counter_screen(make_app, office):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await login(pilot, office.admin)
        titles = [command.title for command in app.get_system_commands(app.screen)]
        # Home's own keys open the counter's screens; these have no key.
        assert [t for t in titles if t.startswith("Abrir:")] == [
            "Abrir: Estoque de selos físicos", "Abrir: Usuários",
            "Abrir: Configurações da serventia", "Abrir: Tabela de emolumentos",
            "Abrir: Códigos dos atos", "Abrir: Credenciais do TJ",
            "Abrir: Trilha de auditoria", "Abrir: Consultar selos", "Abrir: Painel de selos"]
        assert "Trocar a minha senha (F7)" in titles
        assert not [t for t in titles if "(F2)" in t]
        assert "Sair (F10)" in titles


async def test_help_of_the_home_lists_only_what_the_role_may_do(make_app, office):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await login(pilot, office.admin)
        await pilot.press("f1")
        await settle(pilot)
        keys = help_keys(app)
        assert "Firma" not in keys and "Fotocópias" not in keys
        assert "Sair" in keys
        await pilot.press("escape")
