"""The office's settings as one form (SQLite and PostgreSQL): read back as saved, refused
whole when one field is bad, only for the administrator and the notary, audited with each
value before and after, and read by the transmitter on its next cycle."""
from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from balcao_tui.domain.office_settings import SETTINGS
from balcao_tui.domain.refusal import Refusal
from balcao_tui.store.models import AuditEntry, Office, Setting
from balcao_tui.store.usecases.counter import register_counter_acts
from balcao_tui.store.usecases.office import get_settings
from balcao_tui.store.usecases.office_settings import read_office_settings, save_office_settings
from balcao_tui.tj.transmitter_config import config_from_settings
from support.hostile import (arguments, assert_clean_stored, hostile_number, hostile_text,
                             refused_or_done, snapshot)

FORM = {
    "office.cns": "14.557-3", "office.name": "2º Tabelião de Notas de Mogi",
    "office.municipality": "Mogi das Cruzes", "office.iss_rate": "2,5%",
    "office.signature_card_seal": "Não", "counter.confirm_pages": "12",
    "counter.confirm_signatures": "007", "stock.low_seals": "15", "tj.url": "https://selo.tjsp.example/api",
    "tj.mode": "Agendado", "tj.schedule": "7:30", "print.command": "lp -d balcao",
    "print.dir": "/srv/etiquetas",
}


def setting_audits() -> list[dict]:
    return [json.loads(entry.detail) for entry in
            AuditEntry.select().where(AuditEntry.action == "settings.update")
            .order_by(AuditEntry.id)]


def test_defaults_come_from_the_office_row_and_the_documented_defaults(any_office):
    shown = read_office_settings()
    assert [key for key, _ in shown.values] == [spec.key for spec in SETTINGS]
    assert (shown["office.cns"], shown["office.iss_rate"], shown["office.signature_card_seal"],
            shown["counter.confirm_pages"], shown["tj.mode"], shown["tj.schedule"]) == \
        ("145573", "5,00%", "sim", "10", "online", "21:00")


def test_a_whole_form_is_saved_as_read_and_audited_before_and_after(any_office):
    saved = save_office_settings(any_office.admin, FORM)
    assert saved == read_office_settings()
    assert (saved["office.cns"], saved["office.iss_rate"], saved["office.signature_card_seal"],
            saved["counter.confirm_signatures"], saved["tj.mode"], saved["tj.schedule"]) == \
        ("145573", "2,50%", "não", "7", "agendado", "07:30")
    office = Office.get()
    assert (office.name, office.municipality, office.iss_rate_bp, office.signature_card_seal) \
        == ("2º Tabelião de Notas de Mogi", "Mogi das Cruzes", 250, False)
    [detail] = setting_audits()
    assert detail["office.iss_rate"] == {"antes": "5,00%", "depois": "2,50%"}
    assert detail["tj.mode"] == {"antes": "online", "depois": "agendado"}
    assert "office.cns" not in detail  # the same CNS, typed with punctuation: no change
    entry = AuditEntry.get(AuditEntry.action == "settings.update")
    assert entry.user_id == any_office.admin

    save_office_settings(any_office.notary, FORM)
    assert len(setting_audits()) == 1  # nothing changed, nothing to audit


def test_the_transmitter_reads_the_new_mode_endpoint_and_hour(any_office):
    save_office_settings(any_office.admin, {"tj.url": "https://outro.tj.example/v1",
                                            "tj.mode": "offline", "tj.schedule": "22:15"})
    config = config_from_settings(get_settings("tj."))
    assert (config.url, config.mode, config.schedule) == \
        ("https://outro.tj.example/v1", "offline", (22, 15))


@pytest.mark.parametrize("role", ["clerk", "supervisor"])
def test_a_clerk_or_a_supervisor_is_refused_and_nothing_changes(any_office, role):
    before = snapshot()
    with pytest.raises(Refusal) as refused:
        save_office_settings(getattr(any_office, role), {"tj.mode": "offline"})
    assert "não tem permissão" in refused.value.message or "permiss" in refused.value.message
    assert snapshot() == before


BAD_FIELDS = [
    ("office.iss_rate", "-2%", "Alíquota inválida"),
    ("office.iss_rate", "7", "entre 2,00% e 5,00%"),
    ("office.iss_rate", "9" * 5_000, "Alíquota do ISS: no máximo 500 caracteres"),
    ("counter.confirm_pages", "9" * 5_000, "Confirmar páginas acima de: no máximo 500"),
    ("counter.confirm_pages", "9" * 400, "de 1 a 200"),
    ("counter.confirm_pages", "0", "de 1 a 200"),
    ("counter.confirm_signatures", "٣", "de 1 a 200"),
    ("office.name", "x" * 151, "no máximo 150"),
    ("office.municipality", "Sé\x1b[31m", "caractere não permitido"),
    ("office.cns", "12345", "6 dígitos"),
    ("tj.url", "ftp://tj.example", "https://"),
    ("tj.url", "https://tj example", "não ter espaços"),
    ("tj.mode", "semanal", "use online, offline, agendado"),
    ("tj.schedule", "25:00", "HH:MM"),
    ("office.signature_card_seal", "talvez 😀", "sim ou não"),
    ("print.dir", "/tmp/\u202eetiquetas", "caractere não permitido"),
    ("tj.schedule", "", "Preencha este campo"),
    ("stock.low_seals", "-1", "de 0 a 10000"),
    ("stock.low_seals", "10001", "de 0 a 10000"),
]


@pytest.mark.parametrize("bad_key, bad_value, says", BAD_FIELDS,
                         ids=[f"{key}-{n}" for n, (key, _, _) in enumerate(BAD_FIELDS)])
def test_one_bad_field_refuses_the_whole_form_naming_that_field(any_office, bad_key,
                                                                 bad_value, says):
    before = snapshot()
    with pytest.raises(Refusal) as refused:
        save_office_settings(any_office.admin, {**FORM, bad_key: bad_value})
    assert refused.value.field == bad_key
    assert says in refused.value.message
    assert snapshot() == before


def test_credentials_are_not_settings_of_this_form(any_office):
    with pytest.raises(Refusal) as refused:
        save_office_settings(any_office.admin, {"tj.client_secret": "segredo-123"})
    assert refused.value.field == "setting_key"
    assert "segredo-123" not in json.dumps(setting_audits())
    assert Setting.get_or_none(Setting.key == "tj.client_secret") is None


def test_the_cns_changes_only_before_the_first_seal(any_office):
    save_office_settings(any_office.admin, {"office.cns": "123456"})
    assert Office.get().cns == "123456"
    register_counter_acts(any_office.clerk, "autenticacao", 1)
    with pytest.raises(Refusal) as refused:
        save_office_settings(any_office.admin, {"office.cns": "145573", "tj.mode": "offline"})
    assert refused.value.field == "office.cns" and "primeiro selo" in refused.value.message
    assert (Office.get().cns, read_office_settings()["tj.mode"]) == ("123456", "online")


KEYS = st.sampled_from([spec.key for spec in SETTINGS])
GOOD = st.sampled_from(sorted(set(FORM.values()) | {"5", "3,75 %", "sim", "online", "00:00"}))
STORE = settings(max_examples=40, deadline=None,
                 suppress_health_check=[HealthCheck.function_scoped_fixture,
                                        HealthCheck.too_slow])


@STORE
@given(args=arguments(
    valid={"actor": st.just("admin"), "values": st.dictionaries(KEYS, GOOD, max_size=4)},
    hostile={"actor": hostile_number(), "values": st.one_of(
        st.dictionaries(KEYS, st.one_of(hostile_text(), hostile_number()), min_size=1,
                        max_size=3),
        st.dictionaries(hostile_text().filter(lambda k: getattr(k, "__hash__", None)
                                              is not None), GOOD, min_size=1, max_size=2),
        hostile_text())}))
@example(args={"actor": "admin", "values": {"office.iss_rate": "-3"}})
@example(args={"actor": "admin", "values": {"counter.confirm_pages": "1" + "0" * 4_400}})
@example(args={"actor": "admin", "values": {"office.name": "Cartório 😀 " + "x" * 10_000}})
def test_hostile_values_are_refused_cleanly_or_stored_clean(any_office, args):
    actor = any_office.admin if args["actor"] == "admin" else args["actor"]
    with refused_or_done(may_write=()) as refused:
        save_office_settings(actor, args["values"])
    if refused:
        return
    office = Office.get()
    assert_clean_stored(office, "name", "office_name")
    assert_clean_stored(office, "municipality", "municipality")
    assert 200 <= office.iss_rate_bp <= 500 and len(office.cns) == 6
    for row in Setting.select():
        assert_clean_stored(row, "value", "setting")
    shown = read_office_settings()
    for key in ("counter.confirm_pages", "counter.confirm_signatures"):
        assert 1 <= int(shown[key]) <= 200
