"""Reads of service hours, scoped to the viewer.

A helper reads their own credits; community staff and the township office
read the credits given in the communities under them (积德榜, the board of good deeds).
"""

from django.db.models import Q, QuerySet

from gongzhi.accounts.roles import COMMUNITY_MODERATORS
from gongzhi.accounts.scopes import paths_for, scope_q

from .models import ServiceCredit


def hours_credit_list_for(
    *, viewer, helper_id: int | None = None, source: str | None = None
) -> QuerySet[ServiceCredit]:
    """The credits the viewer may read (their own, and those in communities they moderate), newest first."""
    if not viewer.is_authenticated:
        return ServiceCredit.objects.none()
    visible = Q(helper_id=viewer.pk)
    paths = paths_for(viewer, COMMUNITY_MODERATORS)
    if paths:
        visible |= scope_q(paths, "community__path")
    query = ServiceCredit.objects.filter(visible)
    if helper_id is not None:
        query = query.filter(helper_id=helper_id)
    if source is not None:
        query = query.filter(source=source)
    return query.select_related("helper", "community").order_by("-credited_at", "-id")


def _label(credit: ServiceCredit) -> str:
    from django.utils.translation import gettext as _

    from .sources import hours_source

    try:
        label = str(hours_source(credit.source).label)
    except LookupError:
        label = credit.source
    return _("%(source)s，服务%(hours)s小时") % {"source": label, "hours": credit.hours}


def hours_deeds_between(community, start, end) -> list:
    """The service hours credited in `community` from `start` to `end` (local days, both included), as recorded
    deeds (gongzhi.core.deeds): each credit once, for its helper, with its hours as the deed's units. A credit
    is written only once the helped person (or a witness) confirmed the service."""
    import datetime as dt

    from django.utils import timezone

    from gongzhi.core.deeds import Deed

    zone = timezone.get_current_timezone()
    since = dt.datetime.combine(start, dt.time.min, tzinfo=zone)
    until = dt.datetime.combine(end + dt.timedelta(days=1), dt.time.min, tzinfo=zone)
    credits = ServiceCredit.objects.filter(
        community=community, credited_at__gte=since, credited_at__lt=until
    ).order_by("credited_at", "id")
    return [
        Deed(
            source="hours",
            source_id=credit.pk,
            on=timezone.localdate(credit.credited_at),
            description=_label(credit),
            user_id=credit.helper_id,
            units=credit.hours,
        )
        for credit in credits
    ]


def helper_name(user) -> str:
    """The name a certificate shows for a helper: their register name where the register links them to the
    account, else the account's own label."""
    from gongzhi.residents.models import Resident

    entry = Resident.objects.filter(user=user).first()
    return entry.name if entry is not None else user.label
