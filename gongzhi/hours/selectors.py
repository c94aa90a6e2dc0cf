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
