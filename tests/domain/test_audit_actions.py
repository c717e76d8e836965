"""An audit entry as the trail screen and the seal's history show it: its action by a
Portuguese name, its detail as pairs."""
import re
from pathlib import Path

import balcao_tui
from balcao_tui.domain.audit_actions import action_label, detail_text

SOURCE = Path(balcao_tui.__file__).parent


def test_json_details_read_as_pairs_and_empty_ones_say_so():
    assert detail_text("{}") == "sem detalhes"
    assert detail_text("") == "sem detalhes"
    assert detail_text('{"copia_de": "x.sqlite", "antes": {"iss": "2%"}, "selos": ["A", "B"]}') \
        == "copia de: x.sqlite · antes: iss 2% · selos: A, B"
    assert detail_text('{"ficha": null, "quantidade": 3}') == "quantidade: 3"
    assert detail_text("não é JSON") == "não é JSON"


def test_every_action_the_product_audits_has_a_portuguese_name():
    written = set()
    for source in SOURCE.rglob("*.py"):
        written |= set(re.findall(r'audit\([^,()]+, "([a-z_.]+)"', source.read_text()))
    assert len(written) > 30  # the scan still finds the calls
    assert sorted(action for action in written if action_label(action) == action) == []
