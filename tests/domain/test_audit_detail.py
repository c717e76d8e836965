"""An audit entry's detail as the trail screen shows it."""
from balcao_tui.domain.audit_actions import detail_text


def test_json_details_read_as_pairs_and_empty_ones_say_so():
    assert detail_text("{}") == "sem detalhes"
    assert detail_text("") == "sem detalhes"
    assert detail_text('{"copia_de": "x.sqlite", "antes": {"iss": "2%"}, "selos": ["A", "B"]}') \
        == "copia de: x.sqlite · antes: iss 2% · selos: A, B"
    assert detail_text('{"ficha": null, "quantidade": 3}') == "quantidade: 3"
    assert detail_text("não é JSON") == "não é JSON"
