"""The wire layout: round trip, canonical form, validation, batches and answers."""

from __future__ import annotations

import hashlib
import json
from dataclasses import replace
from datetime import datetime, timedelta, timezone

import pytest
from hypothesis import given
from hypothesis import strategies as st

from balcao_tui.tj.wire import (
    MAX_BATCH,
    VALUE_KEYS,
    Criticism,
    RecordResult,
    WireFormatError,
    WireRecord,
    batch_response_to_json,
    batch_to_json,
    canonical_bytes,
    content_hash,
    listed_seal_from_json,
    parse_batch_response,
    record_from_json,
    record_to_json,
)

AT = datetime(2026, 11, 21, 17, 5, 9, tzinfo=timezone.utc)
VALUES = {
    "tabeliao": 1000,
    "estado": 284,
    "sefaz": 194,
    "registro_civil": 52,
    "tribunal_justica": 68,
    "ministerio_publico": 48,
    "iss": 25,
    "total": 1671,
}


def hybrid(**changes) -> WireRecord:
    base = WireRecord(
        kind="ato",
        cns="145573",
        code="1455731RSAB1234000000126Y",
        act_code="RS",
        act_at=AT,
        values=VALUES,
        physical_seal=("AB1234", 1),
    )
    return replace(base, **changes)


def test_json_uses_the_portuguese_field_names():
    data = record_to_json(hybrid(signature="c2ln"))
    assert data == {
        "tipo": "ato",
        "cns": "145573",
        "codigo": "1455731RSAB1234000000126Y",
        "ato": "RS",
        "data_ato": "2026-11-21T17:05:09Z",
        "valores": VALUES,
        "gratuidade": None,
        "selo_fisico": {"serie": "AB1234", "numero": 1},
        "substitui": None,
        "exclui": None,
        "vinculados": [],
        "quantidade": 1,
        "assinatura": "c2ln",
    }


def test_canonical_form_is_exactly_the_documented_bytes():
    expected = (
        '{"ato":"RS","cns":"145573","codigo":"1455731RSAB1234000000126Y",'
        '"data_ato":"2026-11-21T17:05:09Z","exclui":null,"gratuidade":null,'
        '"quantidade":1,"selo_fisico":{"numero":1,"serie":"AB1234"},"substitui":null,'
        '"tipo":"ato","valores":{"estado":284,"iss":25,"ministerio_publico":48,'
        '"registro_civil":52,"sefaz":194,"tabeliao":1000,"total":1671,'
        '"tribunal_justica":68},"vinculados":[]}'
    ).encode()
    assert canonical_bytes(hybrid()) == expected
    assert content_hash(hybrid()) == hashlib.sha256(expected).hexdigest()


def test_canonical_form_leaves_out_the_signature_but_not_the_content():
    assert canonical_bytes(hybrid(signature="QUJD")) == canonical_bytes(hybrid())
    assert content_hash(hybrid(quantity=2)) != content_hash(hybrid())


def test_non_ascii_text_is_written_as_utf8_not_escaped():
    rec = hybrid(values=dict.fromkeys(VALUE_KEYS, 0), exempt_reason="Assistência judiciária")
    assert "Assistência".encode() in canonical_bytes(rec)


def test_act_time_is_normalized_to_utc_whole_seconds():
    local = datetime(2026, 11, 21, 14, 5, 9, 987654, tzinfo=timezone(timedelta(hours=-3)))
    rec = hybrid(act_at=local)
    assert rec.act_at == AT
    assert record_from_json(record_to_json(rec)) == rec


def test_round_trip_of_every_kind():
    recs = [
        hybrid(signature="QUJD"),
        hybrid(kind="retificacao", replaces="1455731RSAB1234000000126Y"),
        hybrid(kind="exclusao", act_code="XA", physical_seal=None, excludes="X" * 25),
        hybrid(kind="vinculo", physical_seal=None, children=("A" * 25, "B" * 25)),
        hybrid(physical_seal=None, quantity=37, exempt_reason="Lei 1.060/50"),
    ]
    for rec in recs:
        assert record_from_json(json.loads(json.dumps(record_to_json(rec)))) == rec


@given(
    values=st.fixed_dictionaries({key: st.integers(0, 10**9) for key in VALUE_KEYS}),
    at=st.datetimes(
        min_value=datetime(2000, 1, 1),
        max_value=datetime(2099, 12, 31),
        timezones=st.just(timezone.utc),
    ),
    quantity=st.integers(1, 10_000),
    number=st.integers(0, 9_999_999),
)
def test_round_trip_property(values, at, quantity, number):
    rec = hybrid(values=values, act_at=at, quantity=quantity, physical_seal=("AB1234", number))
    again = record_from_json(record_to_json(rec))
    assert again == rec
    assert canonical_bytes(again) == canonical_bytes(rec)


def _json(**changes):
    data = record_to_json(hybrid())
    data.update(changes)
    return data


@pytest.mark.parametrize(
    "data, fragment",
    [
        ("not a dict", "objeto JSON"),
        ({k: v for k, v in _json().items() if k != "valores"}, "ausentes"),
        (_json(extra=1), "desconhecidos"),
        (_json(tipo="cancelamento"), "Tipo de registro"),
        (_json(data_ato="2026-11-21 17:05:09"), "AAAA-MM-DDTHH:MM:SSZ"),
        (_json(data_ato="2026-02-30T10:00:00Z"), "inexistente"),
        (_json(valores={**VALUES, "iss": True}), "iss"),
        (_json(valores={**VALUES, "total": -1}), "total"),
        (_json(valores={**VALUES, "total": 16.71}), "total"),
        (_json(valores={k: v for k, v in VALUES.items() if k != "sefaz"}), "colunas"),
        (_json(selo_fisico={"serie": "AB1234"}), "serie"),
        (_json(quantidade=0), "quantidade"),
        (_json(tipo="retificacao"), "substitui"),
        (_json(exclui="1455731RSAB1234000000126Y"), "exclui"),
        (_json(tipo="vinculo"), "vinculados"),
        (_json(codigo=""), "codigo"),
    ],
)
def test_malformed_records_are_refused_in_portuguese(data, fragment):
    with pytest.raises(WireFormatError) as info:
        record_from_json(data)
    assert fragment in str(info.value)


def test_naive_act_time_is_refused():
    with pytest.raises(WireFormatError, match="fuso horário"):
        hybrid(act_at=datetime(2026, 11, 21, 17, 5))


def test_batch_holds_at_most_500_records_of_its_own_office():
    rec = hybrid()
    assert len(batch_to_json("145573", [rec] * MAX_BATCH)["registros"]) == 500
    with pytest.raises(WireFormatError, match="máximo é 500"):
        batch_to_json("145573", [rec] * (MAX_BATCH + 1))
    with pytest.raises(WireFormatError, match="outra serventia"):
        batch_to_json("999999", [rec])
    with pytest.raises(WireFormatError, match="vazio"):
        batch_to_json("145573", [])


def test_batch_answer_round_trip_and_malformed_answer():
    results = [
        RecordResult("A" * 25, accepted=True, late=True),
        RecordResult("B" * 25, False, False, (Criticism("E10", "Os valores não fecham."),)),
    ]
    assert parse_batch_response(batch_response_to_json(7, results)) == results
    with pytest.raises(WireFormatError):
        parse_batch_response({"lote": 1})
    with pytest.raises(WireFormatError):
        parse_batch_response({"resultados": [{"codigo": "A", "situacao": "talvez"}]})
    with pytest.raises(WireFormatError):
        parse_batch_response({"resultados": [{"codigo": "A"}]})


_json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=5),
    lambda inner: st.lists(inner, max_size=3)
    | st.dictionaries(st.text(max_size=5), inner, max_size=3),
    max_leaves=6,
)


@given(field=st.sampled_from(sorted(record_to_json(hybrid()))), value=_json_values)
def test_any_garbage_in_a_field_is_a_wire_format_error_or_a_record(field, value):
    data = record_to_json(hybrid())
    data[field] = value
    try:
        rec = record_from_json(data)
    except WireFormatError:
        return
    assert record_from_json(record_to_json(rec)) == rec


def test_a_seal_of_the_tjs_day_listing_is_read_or_refused_as_a_wire_format_error():
    listed = {"codigo": hybrid().code, "situacao": "retificado", "atrasado": True,
              "recebido_em": "2026-11-21T18:00:02Z", "registro": record_to_json(hybrid())}
    seal = listed_seal_from_json(listed)
    assert (seal.record, seal.situation, seal.late) == (hybrid(), "retificado", True)
    assert seal.received_at == datetime(2026, 11, 21, 18, 0, 2, tzinfo=timezone.utc)
    for garbled in ([listed], {**listed, "situacao": "sumido"}, {**listed, "registro": None},
                    {**listed, "recebido_em": "ontem"}):
        with pytest.raises(WireFormatError):
            listed_seal_from_json(garbled)
