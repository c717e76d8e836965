from datetime import datetime, timedelta, timezone

from balcao_tui.store.queries import PendingSummary
from balcao_tui.tj.link_status import LinkState, LinkStatus
from balcao_tui.widgets.status_line import StatusInfo, status_parts

NOW = datetime(2026, 11, 21, 17, 5, tzinfo=timezone.utc)


def texts(info, width=80):
    return [text for text, _style in status_parts(info, width)]


def test_without_transmitter_the_link_is_off():
    info = StatusInfo("clara", NOW, PendingSummary(0, 0, 0, 0, 0, None))
    assert texts(info) == ["clara", "21/11/2026 14:05", "Pendentes: 0", "TJ: desligado"]


def test_overdue_deadline_is_red_and_the_certificate_warned_within_30_days():
    pending = PendingSummary(4, 4, 0, 0, 0, NOW - timedelta(hours=2))
    link = LinkStatus(LinkState.OFFLINE, certificate_expires_at=NOW + timedelta(days=29))
    parts = status_parts(StatusInfo("clara", NOW, pending, link, True), 120)
    assert ("prazo vencido há 2 h", "bold red") in parts
    assert ("Cert. vence em 29 dias", "yellow") in parts
    far = LinkStatus(LinkState.ONLINE, certificate_expires_at=NOW + timedelta(days=31))
    assert not [t for t in texts(StatusInfo("clara", NOW, pending, far, True), 120)
                if t.startswith("Cert")]


def test_certificate_warnings_grow_louder_at_15_and_7_days_even_without_transmitter():
    pending = PendingSummary(0, 0, 0, 0, 0, None)
    for days, style in [(15, "bold yellow"), (7, "bold red"), (0, "bold red")]:
        info = StatusInfo("ana", NOW, pending, certificate_until=NOW + timedelta(days=days,
                                                                                 hours=1))
        [part] = [p for p in status_parts(info, 120) if p[0].startswith("Cert")]
        assert part[1] == style
    assert "Cert. vence hoje" in texts(StatusInfo("ana", NOW, pending,
                                                  certificate_until=NOW + timedelta(hours=1)))


def test_short_width_keeps_the_certificate_before_the_deadline():
    pending = PendingSummary(4, 4, 0, 0, 0, NOW + timedelta(hours=3))
    link = LinkStatus(LinkState.FAILING, certificate_expires_at=NOW - timedelta(days=1))
    shown = texts(StatusInfo("clara", NOW, pending, link, True), 80)
    assert "Certificado VENCIDO" in shown and "TJ: falhando" in shown
    assert "prazo 3 h" not in shown


def test_an_open_day_warns_near_its_deadline_and_once_it_is_past():
    today, yesterday = NOW.date(), NOW.date() - timedelta(days=1)
    early = PendingSummary(3, 3, 0, 0, 0, NOW + timedelta(hours=20), today,
                           NOW + timedelta(hours=20))
    assert not [t for t in texts(StatusInfo("sueli", NOW, early)) if "dia" in t.lower()]
    near = PendingSummary(3, 3, 0, 0, 0, NOW + timedelta(hours=3), today,
                          NOW + timedelta(hours=3))
    assert ("Fechar o dia: 3 h", "bold red") in status_parts(
        StatusInfo("sueli", NOW, near), 80)
    past = PendingSummary(3, 3, 0, 0, 0, NOW + timedelta(hours=1), yesterday,
                          NOW + timedelta(hours=1))
    assert "Dia 20/11 aberto" in texts(StatusInfo("sueli", NOW, past))
