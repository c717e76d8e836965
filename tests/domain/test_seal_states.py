"""The seal state machine: what may move where, by whom, with what reason; and the proof
that no module of the product writes a state except through store.state_writes."""
import ast
from pathlib import Path

import pytest

from balcao_tui.domain.permissions import PermissionDenied, Role
from balcao_tui.domain.seal_states import (
    PHYSICAL_LABELS, PHYSICAL_TRANSITIONS, SEAL_LABELS, SEAL_TRANSITIONS, PhysicalState,
    SealState, TransitionRefused, check_physical_transition, check_seal_transition,
    physical_sources, seal_sources)

SRC = Path(__file__).resolve().parents[2] / "src" / "balcao_tui"
STATE_WRITER = SRC / "store" / "state_writes.py"


def test_every_state_has_a_label_and_every_transition_known_states():
    assert set(SEAL_LABELS) == set(SealState)
    assert set(PHYSICAL_LABELS) == set(PhysicalState)
    for source, target in SEAL_TRANSITIONS:
        assert source is None or source in SealState
        assert target in SealState
    for source, target in PHYSICAL_TRANSITIONS:
        assert source is None or source in PhysicalState


def test_sent_records_never_go_back_to_waiting_or_pending():
    for source in (SealState.COMMUNICATED, SealState.CORRECTED, SealState.EXCLUDED,
                   SealState.CANCELLED):
        for target in (SealState.WAITING_CLOSING, SealState.PENDING):
            with pytest.raises(TransitionRefused):
                check_seal_transition(source, target, Role.TABELIAO)


def test_a_physical_seal_once_sent_is_never_available_or_used_again():
    for target in (PhysicalState.AVAILABLE, PhysicalState.USED, PhysicalState.REVERSED):
        with pytest.raises(TransitionRefused):
            check_physical_transition(PhysicalState.SENT, target, Role.TABELIAO, "motivo")
    assert PhysicalState.SENT not in physical_sources(PhysicalState.USED)


def test_roles_are_checked_by_the_permission_matrix():
    check_seal_transition(SealState.WAITING_CLOSING, SealState.PENDING, Role.SUPERVISOR)
    with pytest.raises(PermissionDenied, match="fechar o expediente"):
        check_seal_transition(SealState.WAITING_CLOSING, SealState.PENDING, Role.ESCREVENTE)
    with pytest.raises(PermissionDenied):
        check_physical_transition(PhysicalState.AVAILABLE, PhysicalState.USED,
                                  Role.ADMINISTRADOR)


def test_a_person_cannot_do_the_systems_part_and_the_system_not_a_persons():
    check_seal_transition(SealState.PENDING, SealState.COMMUNICATED, None)
    with pytest.raises(TransitionRefused):
        check_seal_transition(SealState.WAITING_CLOSING, SealState.PENDING, None)


def test_reversal_and_spoilage_need_a_reason():
    with pytest.raises(TransitionRefused, match="motivo") as refused:
        check_physical_transition(PhysicalState.USED, PhysicalState.SPOILED, Role.SUPERVISOR,
                                  "  ")
    assert refused.value.field == "reason"
    check_physical_transition(PhysicalState.USED, PhysicalState.SPOILED, Role.SUPERVISOR,
                              "selo rasgado")


def test_sources_list_what_may_move_to_a_target():
    assert set(seal_sources(SealState.CORRECTED)) == {SealState.COMMUNICATED,
                                                      SealState.CRITICIZED}
    assert None not in seal_sources(SealState.PENDING)


# Models whose `state` is not a seal's (a cash drawer is open or closed).
NOT_SEALS = {"CashDrawer"}


def _state_writes(path: Path) -> list[str]:
    """Places in `path` that write a `state`: `state=` or a dict key "state" given to a
    model's create, update or insert, or an assignment to `.state`."""
    found = []
    for node in ast.walk(ast.parse(path.read_text())):
        name = (node.func.attr if isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute) else "")
        if name and isinstance(node.func.value, ast.Name) and node.func.value.id in NOT_SEALS:
            continue
        if name in ("insert", "insert_many", "update", "create", "replace", "get_or_create"):
            if any(k.arg == "state" for k in node.keywords):
                found.append(f"{path.name}:{node.lineno}")
            for arg in node.args:
                for sub in ast.walk(arg):
                    if isinstance(sub, ast.Dict) and any(
                            isinstance(k, ast.Constant) and k.value == "state"
                            for k in sub.keys):
                        found.append(f"{path.name}:{node.lineno}")
        if isinstance(node, ast.Assign):
            for target in node.targets:
                if isinstance(target, ast.Attribute) and target.attr == "state":
                    found.append(f"{path.name}:{node.lineno}")
    return found


def test_only_the_state_writer_writes_seal_states():
    writers = {}
    for path in SRC.rglob("*.py"):
        if path == STATE_WRITER or "simulator" in path.parts:  # the simulator keeps the TJ's
            continue
        if found := _state_writes(path):
            writers[str(path.relative_to(SRC))] = found
    assert writers == {}
    assert _state_writes(STATE_WRITER)  # the detector does see writes where they are
