"""When to warn that the office's A1 certificate is about to expire: 30, 15 and 7 days
before, louder each time; expired, nothing is sent to the TJ."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from .deadlines import ensure_utc, format_date, office_day

WARNING_DAYS = (30, 15, 7)


@dataclass(frozen=True)
class CertificateWarning:
    days_left: int   # calendar days in São Paulo; negative once expired
    level: int       # 30, 15 or 7 (the last threshold crossed); 0 when expired
    text: str        # one sentence for the login screen and home
    short: str       # a few words for the status line

    @property
    def expired(self) -> bool:
        return self.level == 0


def certificate_warning(not_after: datetime | None,
                        now: datetime) -> CertificateWarning | None:
    """The warning due `now` for a certificate valid until `not_after`, or None."""
    if not_after is None:
        return None
    not_after, now = ensure_utc(not_after), ensure_utc(now)
    days = (office_day(not_after) - office_day(now)).days
    if now > not_after:
        return CertificateWarning(days, 0, f"Certificado digital vencido em "
                                  f"{format_date(not_after)}: a transmissão ao TJ está "
                                  "parada até a importação de um certificado válido.",
                                  "Certificado VENCIDO")
    crossed = [limit for limit in WARNING_DAYS if days <= limit]
    if not crossed:
        return None
    when = "hoje" if days == 0 else ("amanhã" if days == 1 else f"em {days} dias")
    short = "Cert. vence hoje" if days == 0 else f"Cert. vence em {days} dia{'s' * (days > 1)}"
    return CertificateWarning(days, crossed[-1], f"O certificado digital vence {when} "
                              f"({format_date(not_after)}): providencie a renovação e "
                              "importe o novo.", short)
