"""Reads of the follow-ups of bad ratings (回访整改)."""

from django.db.models import QuerySet

from gongzhi.cases.selectors import case_routed_q
from gongzhi.core.authz import can
from gongzhi.core.errors import NotFound

from ..models import FollowUp
from ..workflow import FOLLOWUP


def followup_queue_for(*, viewer) -> QuerySet[FollowUp]:
    """The follow-ups waiting for the viewer (the township's 社治办), earliest due first."""
    return (
        FollowUp.objects.filter(case_routed_q(viewer, FOLLOWUP, prefix="case__"))
        .select_related("case", "case__community", "application__matter")
        .order_by("case__due_at", "case_id")
    )


def followup_get_for(*, viewer, followup_id: int) -> FollowUp:
    """One follow-up the viewer handles (the township admin over its community); others answer NotFound."""
    followup = (
        FollowUp.objects.select_related(
            "case", "case__community", "application", "application__case", "application__matter"
        )
        .filter(pk=followup_id)
        .first()
    )
    if followup is None or not viewer.is_authenticated or not can(viewer, "hall.view_followups", followup):
        raise NotFound()
    return followup


def followup_of(application) -> FollowUp | None:
    """The follow-up a bad rating of `application` opened, if any (the application page shows its outcome)."""
    return FollowUp.objects.select_related("case").filter(application=application).first()
