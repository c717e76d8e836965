from textual.widgets import OptionList

from balcao_tui.keymap import load_keymap
from balcao_tui.screens.help import HelpScreen
from balcao_tui.screens.home import HomeScreen
from balcao_tui.screens.recognition import RecognitionScreen

from .helpers import login, settle
from .test_help_palette import help_keys

KNOWN = {"home.recognition", "back", "kind.without_value"}


def test_keymap_file_accepts_dotted_ids_tables_and_lists(tmp_path):
    path = tmp_path / "keymap.toml"
    path.write_text('"home.recognition" = "f6"\nback = ["escape", "ctrl+b"]\n'
                    '[kind]\nwithout_value = "s"\n', encoding="utf-8")
    loaded = load_keymap(path, KNOWN)
    assert loaded.keymap == {"home.recognition": "f6", "back": "escape,ctrl+b",
                             "kind.without_value": "s"}
    assert loaded.problems == ()


def test_keymap_problems_are_reported_not_raised(tmp_path):
    path = tmp_path / "keymap.toml"
    path.write_text('"home.nada" = "f6"\nback = 3\n', encoding="utf-8")
    loaded = load_keymap(path, KNOWN)
    assert loaded.keymap == {}
    assert any("home.nada" in p for p in loaded.problems)
    assert any('"back"' in p for p in loaded.problems)
    path.write_text("isto não é toml = =", encoding="utf-8")
    assert "ilegível" in load_keymap(path, KNOWN).problems[0]


async def test_keymap_in_the_data_directory_rebinds_actions(make_app, office, data_dir):
    data_dir.mkdir(parents=True)
    (data_dir / "keymap.toml").write_text('"home.recognition" = "ctrl+f"\n'
                                          '"kind.without_value" = "s"\n', encoding="utf-8")
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await login(pilot, office.clerk)
        options = app.screen.query_one("#menu", OptionList)
        assert str(options.get_option_at_index(0).prompt).startswith("^F ")
        await pilot.press("f2")
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
        await pilot.press("ctrl+f")
        await settle(pilot)
        assert isinstance(app.screen, RecognitionScreen)
        await pilot.press("f1")
        await settle(pilot)
        assert isinstance(app.screen, HelpScreen)
        rows = [line.split(None, 1) for line in help_keys(app).splitlines() if line.strip()]
        assert ["S", "Tipo: semelhança sem valor"] in [[k, d.strip()] for k, d in rows]
