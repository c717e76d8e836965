"""`balcao seals list|export` as an operator runs them: real subprocesses on the test
office's database (SQLite and PostgreSQL), every format, and an export that streams."""
from __future__ import annotations

import csv
import io
import json
import tracemalloc
from contextlib import redirect_stdout
from datetime import datetime, timedelta, timezone

import pytest

from balcao_tui.cli import main
from balcao_tui.cli.seal_listing import FIELDS
from balcao_tui.domain.seal_states import SealState
from support.office import PASSWORD
from support.seal_records import digital_row, hybrid_row, insert_rows

from .test_cli import balcao

AT = datetime(2026, 11, 20, 13, 0, tzinfo=timezone.utc)  # 20/11/2026 10:00 in São Paulo
AS_SUELI = ["--login", "sueli"]
ENV = {"BALCAO_PASSWORD": PASSWORD}


@pytest.fixture
def listed(any_office):
    insert_rows([digital_row(100 + i, AT + timedelta(seconds=i)) for i in range(6)]
                + [digital_row(200, AT - timedelta(days=1), state=SealState.COMMUNICATED)])
    insert_rows([hybrid_row("RF0001", 7, AT, created_by=any_office.clerk)])
    return any_office


def seals(office, *args):
    result = balcao("--db", office.url, "seals", *args, *AS_SUELI, env=ENV)
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_text_fits_80_columns_and_counts(listed):
    out = seals(listed, "list", "--date", "20/11/2026").splitlines()
    assert all(len(line) <= 80 for line in out)
    assert out[0].startswith("Ato em") and out[-1] == "7 selo(s)."
    assert "20/11/2026 10:00" in out[-2] and "R$" in out[1]


def test_csv_has_its_header_and_json_its_stable_keys(listed):
    rows = list(csv.DictReader(io.StringIO(seals(listed, "list", "--format", "csv"))))
    assert len(rows) == 8 and list(rows[0]) == list(FIELDS)
    objects = json.loads(seals(listed, "list", "--format", "json", "--clerk", "clara"))
    assert len(objects) == 1 and list(objects[0]) == list(FIELDS)
    assert objects[0]["selo_fisico"] == "RF0001 0000007"
    assert objects[0]["escrevente"] == "clara"
    communicated = json.loads(seals(listed, "list", "--format", "json",
                                    "--state", "communicated"))
    assert [o["situacao_descricao"] for o in communicated] == ["comunicado"]
    assert json.loads(seals(listed, "export", "--date", "01/01/2026")) == []


def test_what_cannot_be_read_is_refused_in_portuguese(listed):
    for args in (["list", "--date", "31/02/2026"], ["list", "--state", "perdido"],
                 ["list", "--clerk", "ninguem"]):
        result = balcao("--db", listed.url, "seals", *args, *AS_SUELI, env=ENV)
        assert result.returncode == 1 and "Traceback" not in result.stderr
        assert result.stderr.startswith("balcao: ")
    wrong = balcao("--db", listed.url, "seals", "list", *AS_SUELI,
                   env={"BALCAO_PASSWORD": "errada"})
    assert wrong.returncode == 1 and wrong.stdout == ""


def _peak(run) -> int:
    tracemalloc.start()
    try:
        run()
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_export_of_a_big_day_streams_a_page_at_a_time(office, tmp_path, monkeypatch):
    """Memory stays at a page: a day five times bigger does not take five times more."""
    insert_rows([digital_row(10_000 + i, AT + timedelta(milliseconds=i)) for i in range(3000)])
    small_day = AT - timedelta(days=1)
    insert_rows([digital_row(20_000 + i, small_day + timedelta(milliseconds=i))
                 for i in range(600)])
    monkeypatch.setenv("BALCAO_PASSWORD", PASSWORD)
    target = tmp_path / "dia.json"

    def export(day: str) -> int:
        def run() -> None:
            with open(target, "w") as out, redirect_stdout(out):
                assert main(["--db", office.url, "seals", "export", "--date", day,
                             *AS_SUELI]) == 0
        return _peak(run)

    export("19/11/2026")  # once to load the modules, whose memory is not the export's
    small = export("19/11/2026")
    big = export("20/11/2026")
    exported = json.loads(target.read_text())
    assert len(exported) == 3000 == len({o["codigo"] for o in exported})
    assert big < small * 2, (big, small)
