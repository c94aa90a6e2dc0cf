"""The service-hours certificate (志愿服务时长证明): every hour a helper was credited, whatever it came through.

Built from the one record every feature credits (ServiceCredit): each row its source's label (微心愿, 微服务,
志愿服务活动 …, as registered), community, date and hours, and the total. Issued in the name of the community of
the helper's register entry (else the community where they gave most hours). A verification reference — a
signed token of the helper, the count, the total and the date, shown as a QR code of the public verification
page — lets anyone holding the paper check it against the record, without storing the certificate.
"""

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.core import signing
from django.db.models import Count, Sum
from django.utils import timezone

from .models import ServiceCredit
from .sources import hours_source

SALT = "gongzhi.hours.certificate"


@dataclass(frozen=True)
class CertificateLine:
    source: str
    community: str
    date: dt.date
    hours: Decimal


@dataclass(frozen=True)
class Certificate:
    helper_id: int
    lines: list[CertificateLine]
    total: Decimal
    issuer: str
    issued_on: dt.date
    reference: str


def _label(source: str) -> str:
    try:
        return str(hours_source(source).label)
    except LookupError:
        return source


def _issuer(helper_id: int, credits: list[ServiceCredit]) -> str:
    from gongzhi.residents.models import Resident

    entry = Resident.objects.filter(user_id=helper_id).select_related("community").first()
    if entry is not None and entry.community is not None:
        return entry.community.name
    if not credits:
        return ""
    totals: dict[str, Decimal] = {}
    for credit in credits:
        totals[credit.community.name] = totals.get(credit.community.name, Decimal(0)) + credit.hours
    return max(totals, key=lambda name: totals[name])


def certificate_of(helper_id: int, *, on: dt.date | None = None) -> Certificate:
    on = on or timezone.localdate()
    credits = list(
        ServiceCredit.objects.filter(helper_id=helper_id)
        .select_related("community")
        .order_by("credited_at", "id")
    )
    lines = [
        CertificateLine(
            source=_label(c.source),
            community=c.community.name,
            date=timezone.localtime(c.credited_at).date(),
            hours=c.hours,
        )
        for c in credits
    ]
    total = sum((c.hours for c in credits), Decimal(0))
    reference = signing.dumps(
        {"u": helper_id, "n": len(credits), "h": str(total), "d": on.isoformat()}, salt=SALT, compress=True
    )
    return Certificate(helper_id, lines, total, _issuer(helper_id, credits), on, reference)


@dataclass(frozen=True)
class Verification:
    helper_id: int
    count: int
    total: Decimal
    issued_on: dt.date
    matches: bool  # the record up to the day of issue still holds exactly this


def certificate_verify(reference: str) -> Verification | None:
    """What a reference certifies, and whether the record still says so; None if it is no reference of ours."""
    try:
        data = signing.loads(reference, salt=SALT)
        helper_id, count, total = int(data["u"]), int(data["n"]), Decimal(data["h"])
        issued_on = dt.date.fromisoformat(data["d"])
    except (signing.BadSignature, KeyError, TypeError, ValueError, ArithmeticError):
        return None
    end = dt.datetime.combine(
        issued_on + dt.timedelta(days=1), dt.time(), tzinfo=timezone.get_current_timezone()
    )
    found = ServiceCredit.objects.filter(helper_id=helper_id, credited_at__lt=end).aggregate(
        n=Count("id"), h=Sum("hours")
    )
    matches = found["n"] == count and (found["h"] or Decimal(0)) == total
    return Verification(helper_id, count, total, issued_on, matches)
