"""The action registry is the one table home, the keys, the palette and the keymap come
from: each entry opens a real screen, and no two entries share a key."""
from balcao_tui.app import BalcaoApp
from balcao_tui.domain.permissions import PERMISSIONS
from balcao_tui.screens.base import BalcaoScreen
from balcao_tui.screens.catalog import DESTINATIONS, keyed
from balcao_tui.screens.home import HomeScreen


def test_every_entry_opens_a_screen_of_the_counter():
    for place in DESTINATIONS:
        screen = place.screen_class()
        assert issubclass(screen, BalcaoScreen), place.name
        assert place.shows(screen.__new__(screen))


def test_no_two_entries_share_a_key_or_an_id():
    keys = [place.key for place in DESTINATIONS if place.key]
    assert len(keys) == len(set(keys))
    assert len({place.name for place in DESTINATIONS}) == len(DESTINATIONS)


def test_keys_are_bound_where_the_registry_says():
    app_ids = {b.id for b in BalcaoApp.BINDINGS if hasattr(b, "id")}
    home_ids = {b.id for b in HomeScreen.BINDINGS}
    for place in DESTINATIONS:
        binding_id = f"home.{place.name}"
        if place.key is None:
            assert binding_id not in app_ids | home_ids
        else:
            assert binding_id in (app_ids if place.everywhere else home_ids), place.name
    assert {b.id for b in keyed(everywhere=True)} <= app_ids


def test_the_keymap_knows_every_keyed_entry(tmp_path):
    known = BalcaoApp(db_url=f"sqlite:///{tmp_path}/x.db").known_binding_ids()
    assert {f"home.{place.name}" for place in DESTINATIONS if place.key} <= known


def test_every_role_reaches_something():
    for role, allowed in PERMISSIONS.items():
        assert any(place.action in allowed for place in DESTINATIONS), role
