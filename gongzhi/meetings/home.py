"""The meetings' section of the signed-in home page (registered in MeetingsConfig.ready): the convened meetings
the viewer is called to (a line of the roll with their account, or a resident of the register in the area of a
whole or a group's meeting), with when, where and the agenda; and a held meeting's online secret ballot open to
them, with the link to vote. Queries: the viewer's register entry and the meetings (one query, the ballot link
an annotation), then the agendas of the rows shown (one prefetch) — fixed, whatever the number of meetings."""

from django.db.models import Exists, OuterRef, Prefetch, Q, Subquery
from django.utils import timezone

from gongzhi.ballots.models import BallotBox, Participation

from .actions.balloting import ONLINE_PURPOSE
from .models import Meeting, MeetingAgendaItem, MeetingState
from .selectors import meeting_called_q

SHOWN = 5


def called_meetings_section(viewer) -> dict | None:
    if not getattr(viewer, "is_authenticated", False):
        return None
    now = timezone.now()
    open_ballot = (
        BallotBox.objects.filter(
            owner_app="meetings",
            owner_model="meetingagendaitem",
            purpose=ONLINE_PURPOSE,
            owner_id__in=MeetingAgendaItem.objects.filter(meeting_id=OuterRef(OuterRef("pk"))).values("pk"),
            eligible__user=viewer,
            closed_at__isnull=True,
            opens_at__lte=now,
            closes_at__gt=now,
        )
        .filter(~Exists(Participation.objects.filter(box=OuterRef("pk"), user=viewer)))
        .order_by("closes_at", "pk")
        .values("pk")[:1]
    )
    called = Meeting.objects.filter(body__isnull=False).filter(meeting_called_q(viewer)).values("pk")
    rows = list(
        Meeting.objects.annotate(ballot_id=Subquery(open_ballot))
        .filter(
            Q(state=MeetingState.CONVENED, held_on__gte=timezone.localdate(), pk__in=called)
            | Q(state=MeetingState.HELD, ballot_id__isnull=False)
        )
        .select_related("body", "area")
        .prefetch_related(Prefetch("agenda", queryset=MeetingAgendaItem.objects.order_by("number")))
        .order_by("held_on", "starts_at", "pk")[:SHOWN]
    )
    if not rows:
        return None
    return {"rows": rows}
