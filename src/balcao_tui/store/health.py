"""The office's health in one look, for `balcao check` (cron, Nagios-style monitoring):
late seals, the certificate, the transmitter, the last backup, days left open and the
audit chain. Each item says what is wrong in a few words of Portuguese."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from ..domain.cert_expiry import certificate_warning
from ..domain.deadlines import ensure_utc, format_date, office_day, utcnow
from ..domain.seal_states import UNSENT, SealState
from .audit_chain import verify_chain
from .db import connected
from .lease import TRANSMITTER_LEASE, lease_holder
from .models import Act, Lease, SealRecord, Setting, ShiftClosing
from .resync_flag import resync_required_since
from .usecases.credentials import certificate_until

OK, WARNING, CRITICAL = "ok", "warning", "critical"
LEVELS = (OK, WARNING, CRITICAL)
NEARLY_LATE = timedelta(hours=2)
STALE_LEASE = timedelta(minutes=5)
BACKUP_LAST_AT = "backup.last_at"
BACKUP_MAX_AGE = "backup.max_age_hours"
DEFAULT_BACKUP_HOURS = 24


@dataclass(frozen=True)
class HealthItem:
    level: str  # "warning" or "critical"
    text: str


@dataclass(frozen=True)
class HealthReport:
    status: str  # "ok", "warning" or "critical": the worst item's
    items: tuple[HealthItem, ...]  # the worst first

    def line(self) -> str:
        label = {OK: "OK", WARNING: "ALERTA", CRITICAL: "CRÍTICO"}[self.status]
        if not self.items:
            return f"{label}: tudo em ordem"
        return f"{label}: " + "; ".join(item.text for item in self.items)


def check_health(now: datetime | None = None) -> HealthReport:
    now = ensure_utc(now) if now else utcnow()
    with connected():
        items = [*_seals(now), *_certificate(now), *_transmitter(now), *_backup(now),
                 *_resync(), *_open_days(now), *_audit_chain()]
    items.sort(key=lambda item: -LEVELS.index(item.level))
    return HealthReport(items[0].level if items else OK, tuple(items))


def _plural(count: int, one: str, many: str) -> str:
    return f"{count} {one if count == 1 else many}"


def _seals(now: datetime):
    unsent = SealRecord.state.in_(list(UNSENT))
    late = SealRecord.select().where(unsent & (SealRecord.deadline_at < now)).count()
    if late:
        yield HealthItem(CRITICAL, _plural(late, "selo atrasado", "selos atrasados"))
    nearly = SealRecord.select().where(unsent & (SealRecord.deadline_at >= now)
                                       & (SealRecord.deadline_at < now + NEARLY_LATE)).count()
    if nearly:
        yield HealthItem(WARNING, _plural(nearly, "selo vence", "selos vencem") + " em menos de 2 h")


def _certificate(now: datetime):
    warning = certificate_warning(certificate_until(), now)
    if warning is None:
        return
    if warning.expired:
        yield HealthItem(CRITICAL, "certificado digital vencido")
    else:
        yield HealthItem(WARNING, "certificado digital vence "
                         + ("hoje" if warning.days_left == 0
                            else "em " + _plural(warning.days_left, "dia", "dias")))


def _transmitter(now: datetime):
    pending = SealRecord.select().where(SealRecord.state == SealState.PENDING).count()
    if not pending or lease_holder(TRANSMITTER_LEASE, now) is not None:
        return
    lease = Lease.get_or_none(Lease.name == TRANSMITTER_LEASE)
    if lease is None or lease.expires_at is None or now - lease.expires_at > STALE_LEASE:
        yield HealthItem(CRITICAL, "transmissor parado com "
                         + _plural(pending, "selo pendente", "selos pendentes"))


def _backup(now: datetime):
    settings = dict(Setting.select(Setting.key, Setting.value)
                    .where(Setting.key.in_([BACKUP_LAST_AT, BACKUP_MAX_AGE])).tuples())
    try:
        max_age = timedelta(hours=float(settings.get(BACKUP_MAX_AGE, DEFAULT_BACKUP_HOURS)))
    except ValueError:
        max_age = timedelta(hours=DEFAULT_BACKUP_HOURS)
    if BACKUP_LAST_AT not in settings:
        yield HealthItem(WARNING, "nenhuma cópia de segurança registrada")
        return
    try:
        last = ensure_utc(datetime.fromisoformat(settings[BACKUP_LAST_AT]))
    except ValueError:
        yield HealthItem(WARNING, "data da última cópia de segurança ilegível")
        return
    age = now - last
    if age > max_age:
        hours = int(age.total_seconds() // 3600)
        yield HealthItem(CRITICAL if age > 2 * max_age else WARNING,
                         f"última cópia de segurança há {hours} h")


def _resync():
    if resync_required_since() is not None:
        yield HealthItem(CRITICAL, "banco restaurado esperando a ressincronização com o TJ "
                                   "(balcao restore --resync)")


def _open_days(now: datetime):
    closed = ShiftClosing.select(ShiftClosing.day)
    days = [row[0] for row in Act.select(Act.day).distinct()
            .where((Act.day < office_day(now)) & Act.day.not_in(closed))
            .order_by(Act.day).tuples()]
    if days:
        first = Act.day.python_value(days[0])
        yield HealthItem(WARNING, _plural(len(days), "dia anterior sem fechamento",
                                          "dias anteriores sem fechamento")
                         + f" (desde {format_date(first)})")


def _audit_chain():
    report = verify_chain()
    if not report.ok:
        yield HealthItem(CRITICAL, report.summary())

