"""The service hall's figures per community for the township's oversight page (gongzhi.core.indicators): the
same definitions as 办件统计 (stats.py), grouped by community in one query each."""

import datetime as dt

from django.db.models import Count, F, Q

from gongzhi.core.indicators import Ratio, period_bounds, ratios_by

from ..models import Application
from .stats import SATISFIED_AT_OR_ABOVE, _marked


def _cohort(community_ids: list[int], start: dt.date, end: dt.date):
    since, until = period_bounds(start, end)
    return (
        Application.objects.filter(
            case__community_id__in=community_ids, case__created_at__gte=since, case__created_at__lt=until
        )
        .exclude(_marked())
        .values(community=F("case__community_id"))
    )


def on_time_by_community(community_ids: list[int], start: dt.date, end: dt.date) -> dict[int, Ratio]:
    """Applications received in the period and finished with the result issued by the promised time, among the
    finished that had one."""
    has_due = Q(case__state="issued", promised_due_at__isnull=False, issued_at__isnull=False)
    rows = _cohort(community_ids, start, end).annotate(
        due=Count("pk", filter=has_due),
        on_time=Count("pk", filter=has_due & Q(issued_at__lte=F("promised_due_at"))),
    )
    return ratios_by(rows, "on_time", "due")


def satisfaction_by_community(community_ids: list[int], start: dt.date, end: dt.date) -> dict[int, Ratio]:
    """满意 and 非常满意 among the rated applications received in the period."""
    rows = _cohort(community_ids, start, end).annotate(
        rated=Count("pk", filter=Q(case__rating__isnull=False)),
        satisfied=Count("pk", filter=Q(case__rating__gte=SATISFIED_AT_OR_ABOVE)),
    )
    return ratios_by(rows, "satisfied", "rated")
