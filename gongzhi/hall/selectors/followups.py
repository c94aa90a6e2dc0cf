"""Reads of the follow-ups of bad ratings (回访整改)."""

from django.db.models import QuerySet

from gongzhi.cases.selectors import case_routed_q

from ..models import FollowUp
from ..workflow import FOLLOWUP


def followup_queue_for(*, viewer) -> QuerySet[FollowUp]:
    """The follow-ups waiting for the viewer (the township's 社治办), earliest due first."""
    return (
        FollowUp.objects.filter(case_routed_q(viewer, FOLLOWUP, prefix="case__"))
        .select_related("case", "case__community", "application__matter")
        .order_by("case__due_at", "case_id")
    )
