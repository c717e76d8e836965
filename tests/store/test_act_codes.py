"""The act-code table (SQLite and PostgreSQL): the office changes the provisional codes,
new seals take the new code, nothing is written when one code is refused."""
from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from balcao_tui.domain.act_kinds import all_act_kinds
from balcao_tui.domain.refusal import Refusal
from balcao_tui.store.models import AuditEntry, SealRecord
from balcao_tui.store.usecases.act_codes import act_code_table, save_act_codes
from balcao_tui.store.usecases.counter import register_counter_acts
from balcao_tui.store.usecases.signature_cards import CardData, create_signature_card
from support.hostile import arguments, hostile_number, hostile_text, refused_or_done, snapshot


def codes() -> dict[str, str]:
    return {row.key: row.code for row in act_code_table()}


def test_the_table_starts_as_shipped_and_new_seals_take_the_changed_code(any_office):
    assert codes() == {kind.key: kind.act_code for kind in all_act_kinds()}
    rows = save_act_codes(any_office.admin, {"autenticacao": " a1 ", "abertura_firma": "AG"})
    changed = {row.key: (row.code, row.shipped) for row in rows if row.code != row.shipped}
    assert changed == {"autenticacao": ("A1", "AU"), "abertura_firma": ("AG", "AF")}
    [act] = register_counter_acts(any_office.clerk, "autenticacao", 1).acts
    assert act.seal_code[7:9] == "A1"
    card = create_signature_card(any_office.clerk, CardData(name="Maria Teste da Silva",
                                                            cpf="52998224725"),
                                 generate_seal=True)
    assert card.seal_code[7:9] == "AG"
    assert SealRecord.get(SealRecord.code == card.seal_code).act_code == "AG"
    [entry] = AuditEntry.select().where(AuditEntry.action == "act_codes.update")
    assert json.loads(entry.detail)["autenticacao"] == {"antes": "AU", "depois": "A1"}
    assert entry.user_id == any_office.admin


@pytest.mark.parametrize("typed, field, says", [
    ({"firma_sem_valor": "RV"}, "act_code.firma_sem_valor", "já é o de Firma c/ valor"),
    ({"autenticacao": "XA"}, "act_code.autenticacao", "reservado para exclusão"),
    ({"autenticacao": "A"}, "act_code.autenticacao", "2 caracteres"),
    ({"autenticacao": "AÇ"}, "act_code.autenticacao", "2 caracteres de 0-9 ou A-Z"),
    ({"autenticacao": "A😀"}, "act_code.autenticacao", "2 caracteres"),
    ({"autenticacao": "AUX"}, "act_code.autenticacao", "no máximo 2"),
    ({"autenticacao": "A\x00"}, "act_code.autenticacao", "caractere não permitido"),
    ({"autenticacao": ""}, "act_code.autenticacao", "Informe"),
    ({"fotocopia": "F1", "inexistente": "ZZ"}, "act_code", "desconhecido"),
])
def test_a_bad_code_refuses_every_change_of_the_form(any_office, typed, field, says):
    before = snapshot()
    with pytest.raises(Refusal) as refused:
        save_act_codes(any_office.admin, {"fotocopia": "F1", **typed})
    assert (refused.value.field, says in refused.value.message) == (field, True), \
        refused.value.message
    assert snapshot() == before


def test_two_kinds_may_swap_codes_in_one_change(any_office):
    save_act_codes(any_office.notary, {"firma_sem_valor": "RV", "firma_com_valor": "RS"})
    assert (codes()["firma_sem_valor"], codes()["firma_com_valor"]) == ("RV", "RS")


@pytest.mark.parametrize("role", ["clerk", "supervisor"])
def test_only_who_manages_the_office_changes_codes(any_office, role):
    with pytest.raises(Refusal):
        save_act_codes(getattr(any_office, role), {"autenticacao": "A1"})
    assert codes()["autenticacao"] == "AU"


KINDS = st.sampled_from([kind.key for kind in all_act_kinds()])


@settings(max_examples=30, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(args=arguments(
    valid={"values": st.dictionaries(KINDS, st.sampled_from(["Q1", "Q2", "ZZ", "rs"]),
                                     max_size=3)},
    hostile={"values": st.one_of(
        st.dictionaries(KINDS, st.one_of(hostile_text(), hostile_number()), min_size=1,
                        max_size=2), hostile_text())}))
@example(args={"values": {"autenticacao": "9" * 10_000}})
def test_hostile_codes_are_refused_cleanly(any_office, args):
    with refused_or_done():
        save_act_codes(any_office.admin, args["values"])
    table = codes()
    assert len(set(table.values())) == len(table)
    assert all(len(code) == 2 and code.isascii() and code.isupper() or code.isdigit()
               for code in table.values())
