"""The service hall's figures per community for the township's oversight page (gongzhi.core.indicators): the
same definitions as 办件统计 (stats.py), grouped by community in one query each."""

import datetime as dt

from django.db.models import Count, F, Q

from gongzhi.core.indicators import Ratio, period_bounds, ratios_by, shared

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


def _cohort_counts(community_ids: list[int], start: dt.date, end: dt.date) -> list[dict]:
    """Per community, the finished-with-a-promised-time and on-time counts and the rated and satisfied counts of
    the period's cohort: one query for both figures, read once per page (gongzhi.core.indicators.shared)."""
    has_due = Q(case__state="issued", promised_due_at__isnull=False, issued_at__isnull=False)

    def read() -> list[dict]:
        return list(
            _cohort(community_ids, start, end).annotate(
                due=Count("pk", filter=has_due),
                on_time=Count("pk", filter=has_due & Q(issued_at__lte=F("promised_due_at"))),
                rated=Count("pk", filter=Q(case__rating__isnull=False)),
                satisfied=Count("pk", filter=Q(case__rating__gte=SATISFIED_AT_OR_ABOVE)),
            )
        )

    return shared(("hall.cohort", tuple(community_ids), start, end), read)


def on_time_by_community(community_ids: list[int], start: dt.date, end: dt.date) -> dict[int, Ratio]:
    """Applications received in the period and finished with the result issued by the promised time, among the
    finished that had one."""
    return ratios_by(_cohort_counts(community_ids, start, end), "on_time", "due")


def satisfaction_by_community(community_ids: list[int], start: dt.date, end: dt.date) -> dict[int, Ratio]:
    """满意 and 非常满意 among the rated applications received in the period."""
    return ratios_by(_cohort_counts(community_ids, start, end), "satisfied", "rated")
