"""The activities' section of the signed-in home page (registered in ActivitiesConfig.ready).

What the viewer can do now: their upcoming sign-ups, and — for an organiser — the activities of the last
30 days whose attendance or report is still to be written. It counts nothing about people and ranks nobody.
"""

import datetime as dt

from django.db.models import Exists, OuterRef, Q
from django.utils import timezone

from . import selectors
from .models import ActivityState, SignUp, SignUpState

SHOWN = 5
RECENT = dt.timedelta(days=30)


def mine_section(viewer) -> dict | None:
    if not viewer.is_authenticated:
        return None
    now = timezone.now()
    upcoming = list(
        selectors.mine_for(viewer=viewer)
        .filter(state=SignUpState.SIGNED, activity__starts_at__gt=now, activity__state=ActivityState.OPEN)
        .order_by("activity__starts_at", "id")[:SHOWN]
    )
    unmarked = SignUp.objects.filter(activity=OuterRef("pk"), state=SignUpState.SIGNED)
    to_record = list(
        selectors.organised_by(viewer=viewer)
        .filter(state=ActivityState.OPEN, starts_at__lte=now, starts_at__gt=now - RECENT)
        .filter(Q(Exists(unmarked)) | Q(reported_at__isnull=True))
        .order_by("-starts_at", "-id")[:SHOWN]
    )
    if not upcoming and not to_record:
        return None
    return {"upcoming": upcoming, "to_record": to_record}
