#!/usr/bin/env python3
"""The demo counter (its office, users, the TJ simulator and the App's transmitter) with one
record the TJ will criticize, the values not adding up; the App opens Retificar selo on that
record right after the login. Until the dashboard and the seal's detail open it (they are
joined to it at merge), this is how a scenario reaches the correction keyboard only.

usage: fix_counter.py --data-dir DIR
"""
from __future__ import annotations

import argparse
import os
import sys
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # tests/, for support

from balcao_tui.app import BalcaoApp  # noqa: E402
from balcao_tui.demo.environment import point_to_simulator, prepare  # noqa: E402
from balcao_tui.demo.seed import DEMO_CNS  # noqa: E402
from balcao_tui.demo.simulator_process import start_simulator  # noqa: E402
from balcao_tui.domain.deadlines import office_day, utcnow  # noqa: E402
from balcao_tui.domain.seal_code import build_digital_seal_code  # noqa: E402
from balcao_tui.screens.correction import CorrectionScreen  # noqa: E402
from balcao_tui.store.db import write_transaction  # noqa: E402
from balcao_tui.store.models import SealRecord  # noqa: E402
from balcao_tui.store.secret_box import KEY_ENV  # noqa: E402
from balcao_tui.tj.deferred import DeferredTransmitter  # noqa: E402
from balcao_tui.tj.simulator.registration import write_registrations_file  # noqa: E402
from support.seal_records import digital_row  # noqa: E402

SEQUENCE = 9_000_001


class FixCounter(BalcaoApp):
    def __init__(self, *args, record_id: int, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.record_id = record_id

    def login_as(self, user, office) -> None:
        super().login_as(user, office)
        self.push_screen(CorrectionScreen(self.record_id))


def criticizable_record() -> int:
    """A digital record whose total is wrong: the TJ answers E10."""
    at = utcnow() - timedelta(hours=1)
    row = digital_row(SEQUENCE, at, total=1)
    row["code"] = build_digital_seal_code(DEMO_CNS, "1", "AF", SEQUENCE, office_day(at).year)
    with write_transaction():
        return SealRecord.create(**row).id


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data-dir", required=True)
    data_dir = Path(parser.parse_args().data_dir)
    env = prepare(data_dir)
    os.environ[KEY_ENV] = str(env.key_file)
    registrations = write_registrations_file(data_dir / "tj-simulador-cadastros.txt",
                                             [env.registration])
    simulator = start_simulator(data_dir / "tj-simulador.db", registrations,
                                data_dir / "tj-simulador.log")
    try:
        point_to_simulator(env, simulator.url)
        app = FixCounter(env.db_url, data_dir=data_dir, transmitter=DeferredTransmitter(),
                         record_id=criticizable_record())
        app.run()
    finally:
        simulator.stop()
    return app.return_code or 0


if __name__ == "__main__":
    sys.exit(main())
