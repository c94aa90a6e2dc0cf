"""Reads for Open311 GeoReport v2: the jurisdiction, its services (matters open to outside systems), the
requests the outside systems sent, and the keys.

Public reads (services, requests) carry only the specification's public fields: an application's
applicant, phone, address and register facts never leave through them.
"""

import datetime as dt
import hashlib

from django.db.models import QuerySet

from gongzhi.areas.models import Area, AreaKind
from gongzhi.core.authz import can

from ..models import Application, Channel, Matter, Open311Key
from ..workflow import APPLICATION

# GET requests: without dates, what changed in the last 90 days; never more than 1000 at once (the spec's).
DEFAULT_DAYS = 90
MAX_REQUESTS = 1000


def open311_township(jurisdiction_id: str | None) -> Area | None:
    """The township a request is about: the one whose area code is `jurisdiction_id`, or, without one, the
    only township there is (None: unknown code, or several townships and no code)."""
    townships = Area.objects.filter(kind=AreaKind.TOWNSHIP)
    if jurisdiction_id:
        return townships.filter(code=jurisdiction_id[:12]).first()
    found = list(townships[:2])
    return found[0] if len(found) == 1 else None


def open311_services(township: Area) -> QuerySet[Matter]:
    """The township's active matters that accept requests from outside (Matter.open311), applicable ones only
    (a main item with sub-items is applied for through its sub-items)."""
    return (
        Matter.objects.filter(township=township, open311=True, is_active=True)
        .exclude(children__isnull=False)
        .select_related("department", "parent")
        .prefetch_related("materials")
        .distinct()
        .order_by("sort_order", "code")
    )


def open311_service(township: Area, service_code: str) -> Matter | None:
    return open311_services(township).filter(code=service_code[:30]).first()


def open311_communities(township: Area) -> QuerySet[Area]:
    """The villages and communities a request may name (the service definition's `community` values)."""
    return Area.objects.filter(kind=AreaKind.COMMUNITY, parent=township).order_by("code", "name")


def open311_key_hash(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


def open311_key_for(raw: str | None) -> Open311Key | None:
    """The active key `raw` is, or None (missing, unknown, revoked, or its account stopped)."""
    if not raw or len(raw) > 100:
        return None
    return (
        Open311Key.objects.select_related("account", "township")
        .filter(key_hash=open311_key_hash(raw), revoked_at__isnull=True, account__is_active=True)
        .first()
    )


def _requests_base(township: Area) -> QuerySet[Application]:
    return Application.objects.filter(
        channel=Channel.OPEN311, case__kind=APPLICATION.kind, matter__township=township
    ).select_related("case", "case__community", "matter", "matter__department")


def open311_requests(
    township: Area,
    *,
    ids: list[int] | None = None,
    service_codes: list[str] | None = None,
    start: dt.datetime | None = None,
    end: dt.datetime | None = None,
    statuses: set[str] | None = None,
    now: dt.datetime,
) -> list[Application]:
    """The requests outside systems sent to the township, newest first, at most MAX_REQUESTS.

    With ids, the dates default to none; otherwise to the last DEFAULT_DAYS days (by request time)."""
    query = _requests_base(township)
    if ids:
        query = query.filter(case_id__in=ids)
    elif start is None and end is None:
        start = now - dt.timedelta(days=DEFAULT_DAYS)
    if service_codes:
        query = query.filter(matter__code__in=service_codes)
    if start is not None:
        query = query.filter(case__created_at__gte=start)
    if end is not None:
        query = query.filter(case__created_at__lte=end)
    if statuses == {"open"}:
        query = query.filter(case__closed_at__isnull=True)
    elif statuses == {"closed"}:
        query = query.filter(case__closed_at__isnull=False)
    return list(query.order_by("-case__created_at", "-case_id")[:MAX_REQUESTS])


def open311_request(township: Area, request_id: int) -> Application | None:
    return _requests_base(township).filter(case_id=request_id).first()


def open311_keys_for(*, viewer) -> QuerySet[Open311Key]:
    """The keys of the townships where the viewer manages them."""
    townships = [
        t.pk for t in Area.objects.filter(kind=AreaKind.TOWNSHIP) if can(viewer, "hall.open311_keys", t)
    ]
    return Open311Key.objects.filter(township_id__in=townships).select_related(
        "township", "created_by", "revoked_by"
    )


def open311_townships_for(*, viewer) -> list[Area]:
    return [t for t in Area.objects.filter(kind=AreaKind.TOWNSHIP) if can(viewer, "hall.open311_keys", t)]


def open311_key_get_for(*, viewer, key_id: int) -> Open311Key | None:
    key = Open311Key.objects.select_related("township").filter(pk=key_id).first()
    if key is None or not can(viewer, "hall.open311_keys", key.township):
        return None
    return key
