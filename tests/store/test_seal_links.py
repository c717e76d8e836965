"""Links made by hand on SQLite and PostgreSQL: the link record, its children, who may make
it, and the refusals (itself, twice, a seal the TJ does not hold), with nothing written."""
from __future__ import annotations

import json
from datetime import timedelta

from balcao_tui.domain.deadlines import utcnow
from balcao_tui.domain.permissions import PermissionDenied
from balcao_tui.domain.seal_states import RecordKind, SealState
from balcao_tui.store.models import AuditEntry, SealRecord
from balcao_tui.store.transmission import pending_records
from balcao_tui.store.usecases.links import link_seals
from support.fix_records import communicated_digital, criticized_digital
from support.hostile import refused_or_done

REASON = "Carta de sentença: peças do mesmo processo."


def refused(*args, field: str, **kwargs) -> str:
    with refused_or_done() as outcome:
        link_seals(*args, **kwargs)
    assert outcome, "not refused"
    assert outcome[0].field == field, outcome[0].message
    return outcome[0].message


def test_a_link_record_carries_its_children_to_the_tj(any_office):
    now = utcnow()
    parent, first, second = (communicated_digital(8_200_000 + n, now - timedelta(hours=n))
                             for n in (1, 2, 3))
    made = link_seals(any_office.notary, parent.id, (first.id, second.id), REASON, now=now)
    link = SealRecord.get_by_id(made.record_id)
    assert link.record_kind == RecordKind.LINK and link.parent_id == parent.id
    assert link.state == SealState.PENDING and link.total == 0
    assert link.act_code == parent.act_code and link.code == made.code
    assert made.affected_codes == (parent.code, first.code, second.code)
    assert {c.code for c in link.children} == {first.code, second.code}
    [outgoing] = pending_records(10)
    assert outgoing.record_kind == RecordKind.LINK
    assert set(outgoing.children) == {first.code, second.code}
    entry = AuditEntry.get(AuditEntry.action == "seal.link")
    assert json.loads(entry.detail)["vinculo"] == link.code and entry.reason == REASON
    third = communicated_digital(8_200_004, now - timedelta(hours=1))
    link_seals(any_office.notary, parent.id, (third.id,), REASON, now=now)  # parent again


def test_link_refusals(any_office):
    now = utcnow()
    parent, child, other = (communicated_digital(8_200_010 + n, now - timedelta(hours=1))
                            for n in range(3))
    notary = any_office.notary
    assert "a si mesmo" in refused(notary, parent.id, (child.id, parent.id), REASON, now=now,
                                   field="children")
    assert "duas vezes" in refused(notary, parent.id, (child.id, child.id), REASON, now=now,
                                   field="children")
    refused(notary, parent.id, (), REASON, now=now, field="children")
    refused(notary, parent.id, "12", REASON, now=now, field="children")
    refused(notary, parent.id, (2**40,), REASON, now=now, field="children")
    refused(notary, parent.id, tuple(range(1, 300)), REASON, now=now, field="children")
    refused(notary, 999_999, (child.id,), REASON, now=now, field="parent")
    refused(notary, parent.id, (child.id,), "\x1b[31m", now=now, field="reason")
    criticized = criticized_digital(8_200_020, now - timedelta(hours=1))
    assert "aguardando retificação" in refused(notary, parent.id, (criticized.id,), REASON,
                                               now=now, field="children")
    with refused_or_done() as outcome:
        link_seals(any_office.clerk, parent.id, (child.id,), REASON, now=now)
    assert isinstance(outcome[0], PermissionDenied)
    made = link_seals(notary, parent.id, (child.id,), REASON, now=now)
    message = refused(notary, other.id, (child.id,), REASON, now=now, field="children")
    assert f"já está vinculado ao vínculo {made.code}" in message
    assert "não pode ser vinculador" in refused(notary, made.record_id, (other.id,), REASON,
                                                now=now, field="parent")
