"""The criticized-record flow in the App, keyboard only, against the real TJ simulator over
HTTP: the App's transmitter sends a record, the TJ criticizes it, the notary sees it on the
dashboard with the criticism, opens it, corrects it, and the correction ends communicated
at the TJ."""
from __future__ import annotations

import json
from datetime import timedelta

from balcao_tui.app import BalcaoApp
from balcao_tui.domain.deadlines import utcnow
from balcao_tui.domain.seal_states import SealState
from balcao_tui.screens.correction import CorrectionScreen
from balcao_tui.screens.dashboard import DashboardScreen
from balcao_tui.screens.seal_detail import SealDetailScreen
from balcao_tui.store.models import SealRecord
from balcao_tui.tj.client import TJClient
from balcao_tui.tj.transmitter import Transmitter
from support.seal_records import digital_row, insert_rows
from ui.helpers import burst, login, message, settle, text_of

from .conftest import CLIENT_ID, CLIENT_SECRET, FAST, configure_tj, wait_for


def state(code: str) -> str:
    return SealRecord.get(SealRecord.code == code).state


async def test_criticized_read_corrected_resent_and_communicated(office, sim, cert_files,
                                                                 tmp_path):
    configure_tj(sim.url, cert_files.p12)
    [code] = insert_rows([digital_row(7_200_001, utcnow() - timedelta(hours=2), total=1)])
    app = BalcaoApp(office.url, data_dir=tmp_path / "dados", clock=utcnow,
                    transmitter=Transmitter(tuning=FAST))
    async with app.run_test(size=(80, 24)) as pilot:
        await login(pilot, office.notary)
        assert isinstance(app.screen, DashboardScreen)
        await wait_for(lambda: state(code) == SealState.CRITICIZED, timeout=60)
        record = SealRecord.get(SealRecord.code == code)
        await wait_for(lambda: record.id in app.screen.rows
                       and app.screen.rows[record.id].state == SealState.CRITICIZED, timeout=10)
        assert "Os valores não fecham" in app.screen.rows[record.id].criticisms[0].message
        await burst(pilot, "enter")  # the only record listed: its detail
        assert isinstance(app.screen, SealDetailScreen)
        assert "[E10] Os valores não fecham" in text_of(app.screen.query_one("#seal-detail-text"))
        await burst(pilot, "f7")
        assert isinstance(app.screen, CorrectionScreen)
        assert text_of(app.screen.query_one("#fix-criticism")).startswith(
            "Crítica do TJ: [E10] Os valores não fecham")
        await burst(pilot, "f6", "enter", "enter", "Total lançado errado", "enter", "s")
        new = SealRecord.get(SealRecord.replaces == record.id)
        assert message(app).startswith(f"Retificação {new.code} feita")
        assert state(code) == SealState.CORRECTED
        await wait_for(lambda: state(new.code) == SealState.COMMUNICATED, timeout=60)
        await settle(pilot)
        assert "retificado" in text_of(app.screen.query_one("#fix-record"))
    assert json.loads(SealRecord.get(SealRecord.code == code).criticisms)[0]["codigo"] == "E10"
    async with TJClient(sim.url, CLIENT_ID, CLIENT_SECRET) as tj:
        held = await tj.consult(new.code)
    assert held["situacao"] == "ativo"
    assert held["registro"]["valores"]["total"] == new.total > 1
