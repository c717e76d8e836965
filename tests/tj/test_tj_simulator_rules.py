"""The simulated TJ says no: every rule of DOMAIN.md, over real HTTP with the TJClient."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

import httpx
import pytest

from balcao_tui.domain.deadlines import office_day, utcnow
from balcao_tui.domain.seal_code import build_hybrid_seal_code
from balcao_tui.tj.client import TJClient, TJRejected
from balcao_tui.tj.signing import sign
from balcao_tui.tj.wire import record_to_json

from .conftest import CLIENT_ID, CNS, OTHER_CNS, Records, register, stats, values


def codes_of(result) -> list[str]:
    return [criticism.code for criticism in result.criticisms]


async def send_one(client, rec):
    [result] = await client.send_batch(rec.cns, [rec])
    return result


async def test_valid_records_are_accepted_and_held(sim, client, records):
    batch = [records.hybrid(), records.hybrid(act_code="AU"), records.digital()]
    results = await client.send_batch(CNS, batch)
    assert [r.accepted for r in results] == [True, True, True]
    assert [r.code for r in results] == [rec.code for rec in batch]
    assert not any(r.late or r.criticisms for r in results)
    held = await client.consult(batch[0].code)
    assert held["situacao"] == "ativo"
    assert held["registro"] == record_to_json(batch[0])
    assert stats(sim.url)["registros_mantidos"] == 3


async def test_resending_the_same_record_is_harmless(sim, client, records):
    rec = records.hybrid(act_at=utcnow() - timedelta(hours=30))
    first = await send_one(client, rec)
    again = await send_one(client, rec)
    assert first.accepted and again.accepted
    assert first.late and again.late
    counts = stats(sim.url)
    assert counts["registros_mantidos"] == 1
    assert counts["lotes_recebidos"] == 2


async def test_same_code_with_other_content_is_a_conflict(client, records):
    rec = records.hybrid()
    assert (await send_one(client, rec)).accepted
    changed = sign(replace(rec, values=values(tabeliao=2000)), records.cert)
    result = await send_one(client, changed)
    assert not result.accepted
    assert codes_of(result) == ["E19"]
    assert "outro conteúdo" in result.criticisms[0].message
    assert (await client.consult(rec.code))["registro"]["valores"] == rec.values


async def test_wrong_check_digit_and_non_canonical_code(client, records):
    rec = records.hybrid()
    last = rec.code[-1]
    wrong = sign(replace(rec, code=rec.code[:-1] + ("0" if last != "0" else "1")), records.cert)
    lower = sign(replace(rec, code=rec.code.lower()), records.cert)
    results = await client.send_batch(CNS, [wrong, lower])
    assert [codes_of(r) for r in results] == [["E02"], ["E02"]]
    assert "dígito verificador" in results[0].criticisms[0].message
    assert "forma canônica" in results[1].criticisms[0].message


async def test_unknown_office_and_other_office_records(sim, client, records):
    unknown = records.hybrid(cns="999999")
    other_code = build_hybrid_seal_code("999999", "1", "RS", "AB1234", 99, utcnow().year)
    foreign_code = sign(replace(records.hybrid(), code=other_code), records.cert)
    # batch_to_json refuses foreign records, so the batch is posted by hand.
    token = await client.token()
    response = httpx.post(
        f"{sim.url}/v1/lotes",
        json={"cns": CNS, "registros": [record_to_json(unknown), record_to_json(foreign_code)]},
        headers={"Authorization": f"Bearer {token}"},
    )
    first, second = response.json()["resultados"]
    assert first["criticas"][0]["codigo"] == "E03"
    assert "999999 não cadastrada" in first["criticas"][0]["mensagem"]
    assert second["criticas"][0]["codigo"] == "E04"


async def test_batch_of_another_office_is_refused_whole(client, records):
    other = Records(records.cert, cns="999999")
    with pytest.raises(TJRejected) as info:
        await client.send_batch("999999", [other.hybrid()])
    assert info.value.status == 403
    assert "não pode enviar" in info.value.message


async def test_bad_or_missing_signature(client, records, certs):
    by_other = records.hybrid(cert=certs["other"].cert)
    tampered = replace(records.hybrid(), quantity=3)
    unsigned = replace(records.hybrid(), signature=None)
    results = await client.send_batch(CNS, [by_other, tampered, unsigned])
    assert [codes_of(r) for r in results] == [["E05"]] * 3
    assert "Assinatura digital" in results[0].criticisms[0].message


async def test_expired_office_certificate(sim, certs):
    expired = certs["expired"].cert
    register(sim.url, OTHER_CNS, expired, "cartorio-222222", "outro-segredo")
    office = Records(expired, cns=OTHER_CNS)
    async with TJClient(sim.url, "cartorio-222222", "outro-segredo") as tj:
        result = await send_one(tj, office.hybrid())
    assert codes_of(result) == ["E06"]
    assert "venceu" in result.criticisms[0].message


async def test_value_columns_must_add_up_with_iss_in_the_total(client, records):
    fees = values()
    wrong = records.hybrid(fees={**fees, "total": fees["total"] - 25})
    result = await send_one(client, wrong)
    assert codes_of(result) == ["E10"]
    assert "não fecham" in result.criticisms[0].message


async def test_photocopy_iss_stays_outside_the_total(client, records):
    outside = records.digital(act_code="FC", fees=values(iss=40, iss_in_total=False))
    inside = records.digital(act_code="FC", fees=values(iss=40, iss_in_total=True))
    results = await client.send_batch(CNS, [outside, inside])
    assert results[0].accepted
    assert codes_of(results[1]) == ["E10"]
    assert "ISS fora do total" in results[1].criticisms[0].message


async def test_exempt_act_must_carry_zero_values(client, records):
    rec = records.digital(act_code="AD")
    exempt = sign(replace(rec, exempt_reason="Gratuidade legal"), records.cert)
    assert codes_of(await send_one(client, exempt)) == ["E11"]
    zero = dict.fromkeys(values(), 0)
    free = sign(replace(records.digital(fees=zero), exempt_reason="Gratuidade legal"), records.cert)
    assert (await send_one(client, free)).accepted


async def test_a_physical_seal_is_accepted_once_ever(client, records):
    first = records.hybrid(number=4242)
    same_seal_other_act = records.hybrid(number=4242, act_code="RV")
    assert (await send_one(client, first)).accepted
    result = await send_one(client, same_seal_other_act)
    assert codes_of(result) == ["E13"]
    assert first.code in result.criticisms[0].message


async def test_physical_seal_must_match_the_hybrid_code(client, records):
    rec = records.hybrid(number=10)
    moved = sign(replace(rec, physical_seal=("AB1234", 11)), records.cert)
    assert codes_of(await send_one(client, moved)) == ["E12"]


async def test_unknown_act_code_and_misused_exclusion_code(client, records):
    unknown = records.digital(act_code="ZZ")
    xa_as_act = records.digital(act_code="XA")
    results = await client.send_batch(CNS, [unknown, xa_as_act])
    assert codes_of(results[0]) == ["E07"]
    assert codes_of(results[1]) == ["E07"]


async def test_future_act_and_year_mismatch(client, records):
    future = records.digital(act_at=utcnow() + timedelta(hours=2))
    rec = records.digital()
    year_off = sign(replace(rec, act_at=rec.act_at.replace(year=rec.act_at.year - 1)), records.cert)
    results = await client.send_batch(CNS, [future, year_off])
    assert "E09" in codes_of(results[0])
    assert codes_of(results[1]) == ["E08"]


async def test_correction_within_72_hours_replaces_the_record(client, records):
    original = records.hybrid(act_at=utcnow() - timedelta(hours=50))
    assert (await send_one(client, original)).accepted
    fix = records.correction(original, fees=values(tabeliao=0, iss=0))
    result = await send_one(client, fix)
    assert result.accepted and not result.late
    old = await client.consult(original.code)
    assert old["situacao"] == "retificado"
    assert old["retificado_por"] == fix.code
    assert old["retificacoes"] == [fix.code]
    assert old["selo_vigente"] == fix.code
    new = await client.consult(fix.code)
    assert new["situacao"] == "ativo" and new["substitui"] == original.code


async def test_chain_of_corrections_leads_to_the_current_seal(client, records):
    original = records.digital()
    first = records.correction(original, fees=values(tabeliao=900))
    second = records.correction(first, fees=values(tabeliao=800))
    results = await client.send_batch(CNS, [original, first, second])
    assert all(r.accepted for r in results)
    old = await client.consult(original.code)
    assert old["retificacoes"] == [first.code, second.code]
    assert old["selo_vigente"] == second.code
    again = records.correction(original, fees=values(tabeliao=700))
    result = await send_one(client, again)
    assert codes_of(result) == ["E15"]
    assert "use o selo vigente" in result.criticisms[0].message


async def test_correction_after_72_hours_is_refused(client, records):
    original = records.hybrid(act_at=utcnow() - timedelta(hours=73))
    accepted = await send_one(client, original)
    assert accepted.accepted and accepted.late
    result = await send_one(client, records.correction(original, fees=values(tabeliao=500)))
    assert codes_of(result) == ["E16"]
    assert "72 horas" in result.criticisms[0].message


async def test_hybrid_correction_may_not_change_act_or_physical_seal(client, records):
    original = records.hybrid()
    assert (await send_one(client, original)).accepted
    other_act = records.correction(original, act_code="RV")
    other_seal = records.correction(original, physical_seal=("AB1234", 777))
    new_date = records.correction(original, act_at=original.act_at - timedelta(hours=2))
    results = await client.send_batch(CNS, [other_act, other_seal, new_date])
    assert codes_of(results[0]) == ["E17"]
    assert "data ou nos valores" in results[0].criticisms[0].message
    assert codes_of(results[1]) == ["E17"]
    assert results[2].accepted


async def test_exclusion_of_known_and_unknown_codes(client, records):
    rec = records.hybrid()
    assert (await send_one(client, rec)).accepted
    unknown = records.exclusion("1455731RS0000000000999263")
    result = await send_one(client, unknown)
    assert codes_of(result) == ["E14"]
    assert "não consta no TJ" in result.criticisms[0].message
    assert (await send_one(client, records.exclusion(rec.code))).accepted
    held = await client.consult(rec.code)
    assert held["situacao"] == "excluido"
    assert codes_of(await send_one(client, records.exclusion(rec.code))) == ["E15"]
    again = records.hybrid(number=rec.physical_seal[1], act_code="RV")
    assert codes_of(await send_one(client, again)) == ["E13"]


async def test_exclusion_after_72_hours_is_refused(client, records):
    rec = records.digital(act_at=utcnow() - timedelta(hours=80))
    assert (await send_one(client, rec)).accepted
    assert codes_of(await send_one(client, records.exclusion(rec.code))) == ["E16"]


async def test_late_flag_after_24_hours(client, records):
    on_time = records.hybrid(act_at=utcnow() - timedelta(hours=23))
    late = records.hybrid(act_at=utcnow() - timedelta(hours=25))
    results = await client.send_batch(CNS, [on_time, late])
    assert [(r.accepted, r.late) for r in results] == [(True, False), (True, True)]
    assert (await client.consult(late.code))["atrasado"] is True


async def test_links_need_known_children(client, records):
    child = records.hybrid()
    parent = records.digital(act_code="CS", kind="vinculo", children=(child.code,))
    orphan = records.digital(act_code="CS", kind="vinculo", children=("1455731RS0000000000999263",))
    results = await client.send_batch(CNS, [child, parent, orphan])
    assert results[0].accepted and results[1].accepted
    assert codes_of(results[2]) == ["E18"]
    assert (await client.consult(child.code))["vinculados_a"] == [parent.code]


async def test_more_than_500_records_are_refused(sim, client):
    token = await client.token()
    url = f"{sim.url}/v1/lotes"
    headers = {"Authorization": f"Bearer {token}"}
    response = httpx.post(url, json={"cns": CNS, "registros": [{}] * 501}, headers=headers)
    assert response.status_code == 413
    assert response.json()["erro"] == "lote_excedido"
    response = httpx.post(url, json={"cns": CNS, "registros": [{}] * 500}, headers=headers)
    assert response.status_code == 200
    assert {r["criticas"][0]["codigo"] for r in response.json()["resultados"]} == {"E01"}


async def test_client_refuses_an_oversized_batch_without_sending_it(sim, client, records):
    rec = records.hybrid()
    with pytest.raises(TJRejected) as info:
        await client.send_batch(CNS, [rec] * 501)
    assert info.value.status == 0
    assert "máximo é 500" in info.value.message
    assert stats(sim.url).get("requisicoes_lote", 0) == 0


async def test_malformed_bodies_are_400(sim, client):
    token = await client.token()
    url = f"{sim.url}/v1/lotes"
    headers = {"Authorization": f"Bearer {token}"}
    for body in (b"{nao json", b"[]", b'{"cns": "145573"}', b'{"cns": "145573", "registros": []}'):
        response = httpx.post(url, content=body, headers=headers)
        assert response.status_code == 400, body
        assert response.json()["mensagem"]


async def test_listing_by_sao_paulo_day(client, records):
    now = utcnow()
    today = records.hybrid(act_at=now - timedelta(hours=1))
    late_evening = (now - timedelta(days=2)).replace(hour=1, minute=30, second=0)
    evening = records.hybrid(act_at=late_evening)
    assert all(r.accepted for r in await client.send_batch(CNS, [today, evening]))
    listed = await client.list_by_day(CNS, office_day(today.act_at))
    assert [s["codigo"] for s in listed] == [today.code]
    local_day = office_day(late_evening)
    assert local_day == late_evening.date() - timedelta(days=1)
    assert [s["codigo"] for s in await client.list_by_day(CNS, local_day)] == [evening.code]
    assert await client.list_by_day(CNS, late_evening.date()) == []


async def test_listing_and_consulting_other_offices_is_not_allowed(client, records):
    with pytest.raises(TJRejected) as info:
        await client.list_by_day("999999", utcnow().date())
    assert info.value.status == 403
    assert await client.consult("1455731RS0000000000999263") is None


async def test_bad_client_credentials(sim):
    async with TJClient(sim.url, CLIENT_ID, "segredo-errado") as tj:
        with pytest.raises(TJRejected) as info:
            await tj.token()
    assert info.value.status == 401
    assert "client secret inválido" in info.value.message
