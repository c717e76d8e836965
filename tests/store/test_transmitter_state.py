"""The transmitter's shared state: the controls (roles, audit, reasons), the view every
terminal reads, and a batch left "sending" by a process that is gone."""
from datetime import timedelta

import pytest
from hypothesis import HealthCheck, given, settings

from balcao_tui.domain.deadlines import utcnow
from balcao_tui.domain.link_state import LinkState
from balcao_tui.domain.refusal import Refusal
from balcao_tui.store.lease import acquire_lease
from balcao_tui.store.models import AuditEntry
from balcao_tui.store.transmission import start_batch
from balcao_tui.store.transmitter_reports import record_holder, report_link_state
from balcao_tui.store.transmitter_state import (pause_transmission, read_transmitter_view,
                                                 request_send_now, resume_transmission)
from support.hostile import assert_clean_refusal, hostile_text, snapshot


def test_a_supervisor_pauses_resumes_and_asks_to_send_now(any_office):
    paused = pause_transmission(any_office.supervisor, "Troca do certificado")
    assert paused.paused and paused.paused_by == "sueli"
    assert paused.link_state == LinkState.PAUSED
    assert paused.detail == "Transmissão pausada por sueli: Troca do certificado"
    with pytest.raises(Refusal, match="já está pausada"):
        pause_transmission(any_office.notary, "de novo")
    with pytest.raises(Refusal, match="retome-a"):
        request_send_now(any_office.supervisor)
    resumed = resume_transmission(any_office.admin)
    assert not resumed.paused and resumed.paused_by == ""
    asked = request_send_now(any_office.notary)
    assert asked.send_now_requested_at is not None
    actions = [a for (a,) in AuditEntry.select(AuditEntry.action)
               .where(AuditEntry.action.startswith("transmission.")).order_by(AuditEntry.id)
               .tuples()]
    assert actions == ["transmission.pause", "transmission.resume", "transmission.send_now"]
    assert AuditEntry.get(AuditEntry.action == "transmission.pause").reason == \
        "Troca do certificado"


def _clerk_is_refused_everything(clerk: int) -> None:
    before = snapshot()
    for control in (lambda: pause_transmission(clerk, "motivo"),
                    lambda: resume_transmission(clerk),
                    lambda: request_send_now(clerk)):
        with pytest.raises(Refusal, match="não tem permissão") as refused:
            control()
        assert_clean_refusal(refused.value)
    assert snapshot() == before  # no pause, no request, no audit entry


def test_a_clerk_cannot_control_the_transmission(any_office):
    _clerk_is_refused_everything(any_office.clerk)
    assert not read_transmitter_view().paused
    pause_transmission(any_office.supervisor, "Troca do certificado")
    _clerk_is_refused_everything(any_office.clerk)  # nor lift a supervisor's pause
    assert read_transmitter_view().paused_by == "sueli"


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(reason=hostile_text())
def test_a_hostile_reason_is_refused_cleanly_or_stored_clean(office, reason):
    before = snapshot()
    try:
        view = pause_transmission(office.supervisor, reason)
    except Refusal as exc:
        assert_clean_refusal(exc)
        assert snapshot() == before
        return
    assert "\x00" not in view.detail and len(view.detail) < 600
    resume_transmission(office.supervisor)


def test_only_the_lease_holder_speaks_for_the_link(any_office):
    now = utcnow()
    assert acquire_lease("transmitter", "srv:10:aa", timedelta(seconds=30), now)
    record_holder("srv:10:aa", now)
    assert report_link_state("srv:10:aa", LinkState.FAILING, "O TJ não respondeu.", None)
    assert not report_link_state("srv:20:bb", LinkState.ONLINE, "Tudo certo.", None)
    view = read_transmitter_view()
    assert (view.link_state, view.detail) == (LinkState.FAILING, "O TJ não respondeu.")
    assert view.holder == "srv:10:aa" and view.holder_since is not None
    assert not report_link_state("srv:10:aa", LinkState.FAILING, "O TJ não respondeu.", None)
    # the lease ran out: nobody holds it, and the holder is no longer shown
    later = read_transmitter_view(now + timedelta(minutes=5))
    assert later.holder == "" and later.holder_since is None


def test_a_batch_left_sending_by_a_gone_process_reads_interrupted(any_office):
    now = utcnow()
    assert acquire_lease("transmitter", "srv:10:aa", timedelta(seconds=30), now)
    start_batch([], holder="srv:10:aa")  # in flight, its sender alive
    assert read_transmitter_view(now).interrupted_batches == 0
    # the process was killed: its lease ran out and another one took over
    assert acquire_lease("transmitter", "srv:30:cc", timedelta(seconds=30),
                         now + timedelta(minutes=1))
    assert read_transmitter_view(now + timedelta(minutes=1)).interrupted_batches == 1
