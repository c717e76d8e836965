"""Warnings before the A1 certificate expires: 30, 15 and 7 days, then expired."""
from datetime import datetime, timedelta, timezone

import pytest

from balcao_tui.domain.cert_expiry import certificate_warning

NOW = datetime(2026, 11, 21, 15, 0, tzinfo=timezone.utc)  # 12:00 in São Paulo


@pytest.mark.parametrize("days, level", [(31, None), (30, 30), (16, 30), (15, 15), (8, 15),
                                         (7, 7), (1, 7), (0, 7)])
def test_level_is_the_last_threshold_crossed(days, level):
    warning = certificate_warning(NOW + timedelta(days=days), NOW)
    assert (warning.level if warning else None) == level
    if warning:
        assert warning.days_left == days and not warning.expired


def test_texts_say_when_in_portuguese():
    assert certificate_warning(NOW + timedelta(days=12), NOW).text == (
        "O certificado digital vence em 12 dias (03/12/2026): providencie a renovação e "
        "importe o novo.")
    assert certificate_warning(NOW + timedelta(days=1), NOW).short == "Cert. vence em 1 dia"
    assert "vence amanhã" in certificate_warning(NOW + timedelta(days=1), NOW).text
    assert certificate_warning(NOW + timedelta(hours=2), NOW).short == "Cert. vence hoje"


def test_expired_stops_the_transmission():
    warning = certificate_warning(NOW - timedelta(minutes=1), NOW)
    assert warning.expired and warning.level == 0
    assert warning.text.startswith("Certificado digital vencido em 21/11/2026")
    assert warning.short == "Certificado VENCIDO"


def test_no_certificate_no_warning():
    assert certificate_warning(None, NOW) is None
