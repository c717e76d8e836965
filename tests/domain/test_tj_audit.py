"""The comparison of a day's records with the TJ's listing, without store or network."""
from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, timezone

from balcao_tui.domain.seal_states import RecordKind, SealState
from balcao_tui.domain.tj_audit import (FINDING_LABELS, Finding, LocalRecord, Remedy,
                                        SealContent, TJRecord, TJSituation, compare_day,
                                        line_summary)

DAY = date(2026, 11, 21)
AT = datetime(2026, 11, 21, 14, 5, 7, 123456, tzinfo=timezone.utc)
VALUES = {"tabeliao": 1000, "estado": 284, "sefaz": 194, "registro_civil": 52,
          "tribunal_justica": 68, "ministerio_publico": 48, "iss": 50, "total": 1696}
HYBRID = SealContent("1455731RSRF00010000001264", RecordKind.ACT, "RS", AT, VALUES,
                     physical_seal=("RF0001", 1))
DIGITAL = SealContent("1455731AF0000000000001269", RecordKind.ACT, "AF", AT, VALUES)


def here(content: SealContent, state: SealState = SealState.COMMUNICATED) -> LocalRecord:
    return LocalRecord(content, state)


def at_tj(content: SealContent, situation: TJSituation = TJSituation.ACTIVE) -> TJRecord:
    return TJRecord(replace(content, act_at=content.act_at.replace(microsecond=0)), situation,
                    AT)


def only_line(local=(), tj=()):
    [line] = compare_day(DAY, local, tj).lines
    return line


def test_the_same_record_on_both_sides_conforms_whatever_the_microseconds():
    line = only_line([here(HYBRID)], [at_tj(HYBRID)])
    assert (line.finding, line.remedy, line.differences) == (Finding.CONFORMING, None, ())


def test_a_communicated_record_the_tj_lacks_is_missing_and_is_resent():
    line = only_line([here(HYBRID)])
    assert (line.finding, line.remedy) == (Finding.MISSING_AT_TJ, Remedy.RESEND)
    assert FINDING_LABELS[line.finding] == "não encontrado no TJ"


def test_a_record_not_sent_yet_is_not_missing_and_needs_no_one():
    for state in (SealState.WAITING_CLOSING, SealState.PENDING):
        audit = compare_day(DAY, [here(HYBRID, state)], [])
        assert [line.finding for line in audit.lines] == [Finding.NOT_SENT_YET]
        assert audit.findings == () and audit.shown == audit.lines


def test_records_the_tj_never_took_agree_with_its_silence():
    for state in (SealState.CRITICIZED, SealState.FAILED, SealState.CANCELLED):
        assert only_line([here(HYBRID, state)]).finding is Finding.CONFORMING


def test_a_record_only_the_tj_holds_is_unknown_here_and_recovered():
    line = only_line(tj=[at_tj(DIGITAL)])
    assert (line.finding, line.remedy, line.local) == (Finding.UNKNOWN_HERE, Remedy.RECOVER,
                                                       None)
    assert FINDING_LABELS[line.finding] == "presente no TJ e desconhecido aqui"
    assert line_summary(line) == "Abertura firma R$ 16,96"


def test_different_values_are_a_divergence_naming_each_field_and_corrected():
    theirs = replace(HYBRID, values={**VALUES, "tabeliao": 1500, "total": 2196})
    line = only_line([here(HYBRID)], [at_tj(theirs)])
    assert (line.finding, line.remedy) == (Finding.DIVERGENT, Remedy.CORRECT)
    assert [(d.label, d.here, d.at_tj) for d in line.differences] == [
        ("Tabelião", "R$ 10,00", "R$ 15,00"), ("total", "R$ 16,96", "R$ 21,96")]
    assert line_summary(line) == "Tabelião, total"


def test_a_hybrid_seal_is_corrected_only_in_its_date_or_values():
    other_day = replace(HYBRID, act_at=datetime(2026, 11, 20, 12, tzinfo=timezone.utc))
    assert only_line([here(HYBRID)], [at_tj(other_day)]).remedy is Remedy.CORRECT
    other_seal = replace(HYBRID, physical_seal=("RF0001", 2))
    line = only_line([here(HYBRID)], [at_tj(other_seal)])
    assert (line.finding, line.remedy) == (Finding.DIVERGENT, None)
    assert "só se retifica na data ou nos valores" in line.advice
    assert [(d.here, d.at_tj) for d in line.differences] == [("RF0001 0000001",
                                                              "RF0001 0000002")]


def test_a_digital_seal_may_be_corrected_in_its_act_code_too():
    line = only_line([here(DIGITAL)], [at_tj(replace(DIGITAL, act_code="AD"))])
    assert (line.finding, line.remedy) == (Finding.DIVERGENT, Remedy.CORRECT)


def test_a_reversed_record_at_the_tj_is_a_divergence_even_beside_its_live_twin():
    line = only_line([here(HYBRID, SealState.CANCELLED)], [at_tj(HYBRID)])
    assert (line.finding, line.remedy) == (Finding.DIVERGENT, None)
    assert [(d.label, d.here, d.at_tj) for d in line.differences] == [
        ("situação", "cancelado (estorno)", "vigente no TJ")]
    assert "exclua o ato (XA)" in line.advice
    # The seal used again the same day: its live record is the one compared.
    twin = only_line([here(HYBRID, SealState.CANCELLED), here(HYBRID),
                      here(HYBRID, SealState.CANCELLED)], [at_tj(HYBRID)])
    assert twin.finding is Finding.CONFORMING


def test_values_of_a_record_the_tj_replaced_no_longer_count():
    wrong = replace(HYBRID, values={**VALUES, "total": 1})
    line = only_line([here(HYBRID, SealState.CORRECTED)], [at_tj(wrong, TJSituation.CORRECTED)])
    assert line.finding is Finding.CONFORMING
    line = only_line([here(HYBRID)], [at_tj(HYBRID, TJSituation.CORRECTED)])
    assert (line.finding, line.remedy) == (Finding.DIVERGENT, None)
    assert [(d.here, d.at_tj) for d in line.differences] == [("comunicado",
                                                              "retificado no TJ")]


def test_a_pending_record_the_tj_already_holds_is_in_flight_not_divergent():
    assert only_line([here(HYBRID, SealState.PENDING)], [at_tj(HYBRID)]).finding is (
        Finding.CONFORMING)


def test_the_day_is_in_act_order_with_a_summary_of_every_class():
    later = replace(DIGITAL, act_at=AT.replace(hour=15))
    audit = compare_day(DAY, [here(later), here(HYBRID, SealState.PENDING)], [at_tj(later)])
    assert [line.code for line in audit.lines] == [HYBRID.code, DIGITAL.code]
    assert audit.summary() == ("conformidade: 1 · não encontrado no TJ: 0 · divergência: 0 · "
                               "presente no TJ e desconhecido aqui: 0 · ainda não enviado: 1")
