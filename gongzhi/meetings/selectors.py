"""Reading meetings. A feature reads the meeting of its own record (which it fetched for its viewer);
`meetings_for` scopes meetings to a viewer by the kernel's `meetings.view`. A body's convened meetings:
`meeting_list_for` (the readers over the area, and whoever is called to it), the board of representatives'
meetings due quarterly (`meeting_board_for`)."""

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, Max, Q, QuerySet
from django.utils import timezone

from gongzhi.accounts.scopes import SEGMENT, covers, paths_for, scope_q
from gongzhi.areas.models import Area, AreaKind
from gongzhi.bodies.models import Body, BodyKind
from gongzhi.core.authz import can
from gongzhi.core.errors import NotFound
from gongzhi.core.indicators import counts_by
from gongzhi.residents.models import Resident

from . import statute
from .models import Meeting, MeetingAgendaItem, MeetingDocument, MeetingItem, MeetingMember, MeetingState
from .roles import READERS

COUNTED_BODY_KINDS = (BodyKind.ASSEMBLY, BodyKind.GROUP)


def meetings_for(*, viewer, purpose: str = "") -> QuerySet[Meeting]:
    found = Meeting.objects.filter(scope_q(paths_for(viewer, READERS)))
    if purpose:
        found = found.filter(purpose=purpose)
    return found.select_related("area")


def meeting_items_of(meeting: Meeting | None) -> QuerySet[MeetingItem]:
    if meeting is None:
        return MeetingItem.objects.none()
    return meeting.items.all()


def meeting_documents_of(meeting: Meeting | None) -> QuerySet[MeetingDocument]:
    """The meeting's minutes and sign-in sheet; the caller fetched the meeting's owner for its viewer."""
    if meeting is None:
        return MeetingDocument.objects.none()
    return meeting.documents.all()


def meeting_document_of(meeting: Meeting | None, document_id: int) -> MeetingDocument:
    """One of them, or NotFound (another meeting's document is as missing as none)."""
    found = meeting_documents_of(meeting).select_related("photo").filter(pk=document_id).first()
    if found is None:
        raise NotFound()
    return found


# --- A body's meetings: the list, one meeting, the board ------------------------------------


def _called_q(viewer) -> Q:
    """The meetings `viewer` is called to: a line of a named roll, or (a whole or a group's meeting) a
    resident of the register in its area with this account."""
    if not getattr(viewer, "is_authenticated", False):
        return Q(pk__in=[])
    called = Q(roll__user=viewer)
    resident = Resident.objects.filter(user=viewer).only("area_path").first()
    if resident is not None:
        area_paths = [resident.area_path[:n] for n in range(SEGMENT, len(resident.area_path) + 1, SEGMENT)]
        called |= Q(body__kind__in=COUNTED_BODY_KINDS) & (
            Q(body__kind=BodyKind.ASSEMBLY, area_path__in=area_paths)
            | Q(body__kind=BodyKind.GROUP, body__group__path__in=area_paths)
        )
    return called


def meeting_called_q(viewer) -> Q:
    """A filter of the meetings `viewer` is called to (for the home page's section)."""
    return _called_q(viewer)


def meeting_list_for(*, viewer) -> QuerySet[Meeting]:
    """Convened meetings of bodies the viewer reads (staff, supervisory committee, township) or is called to."""
    readable = scope_q(paths_for(viewer, READERS))
    ids = Meeting.objects.filter(body__isnull=False).filter(readable | _called_q(viewer)).values("pk")
    return (
        Meeting.objects.filter(pk__in=ids)
        .select_related("area", "body", "witness")
        .order_by("-held_on", "-id")
    )


def meeting_get_for(*, viewer, meeting_id: int) -> Meeting:
    found = meeting_list_for(viewer=viewer).filter(pk=meeting_id).first()
    if found is None:
        raise NotFound()
    return found


def meeting_reads_roll(viewer, meeting: Meeting) -> bool:
    """Names on the roll, the minutes' files and the record PDF: the readers over the area (a member called
    to the meeting sees its agenda, its counts and its results)."""
    return covers(paths_for(viewer, READERS), meeting.area_path) or can(viewer, "meetings.witness", meeting)


def meeting_roll_of(meeting: Meeting) -> QuerySet[MeetingMember]:
    return meeting.roll.select_related("resident", "user").order_by("id")


def meeting_agenda_of(meeting: Meeting) -> QuerySet[MeetingAgendaItem]:
    return meeting.agenda.select_related("vote", "vote__counted_by", "vote__confirmed_by").order_by("number")


def meeting_agenda_item_of(meeting: Meeting, number: int) -> MeetingAgendaItem:
    if not 0 < number < 1000:
        raise NotFound()
    found = meeting.agenda.filter(number=number).select_related("meeting").first()
    if found is None:
        raise NotFound()
    return found


def meeting_item_of(meeting: Meeting, item_id: int) -> MeetingItem:
    found = meeting.items.filter(pk=item_id).select_related("meeting__area").first()
    if found is None:
        raise NotFound()
    return found


@dataclass(frozen=True)
class BoardRow:
    community: Area
    representatives: Body | None
    status: statute.QuarterlyStatus | None
    upcoming: list[Meeting]


def meeting_board_for(*, viewer, today: dt.date | None = None) -> list[BoardRow]:
    """Each community the viewer reads, in the area tree's order (never ranked): its representatives'
    meeting's quarterly status (gongzhi.meetings.statute) and its meetings to come."""
    day = today or timezone.localdate()
    communities = list(
        Area.objects.filter(
            scope_q(paths_for(viewer, READERS), field="path"), kind=AreaKind.COMMUNITY
        ).order_by("path")
    )
    if not communities:
        return []
    ids = [c.pk for c in communities]
    bodies = {
        b.area_id: b for b in Body.objects.filter(area_id__in=ids, kind=BodyKind.REPRESENTATIVES, active=True)
    }
    last_held = dict(
        Meeting.objects.filter(
            area_id__in=ids,
            body_kind__in=statute.QUARTERLY_RULES,
            state__in=[MeetingState.HELD, MeetingState.CLOSED],
            quorate=True,
            held_on__lte=day,
        )
        .values("area_id")
        .annotate(last=Max("held_on"))
        .values_list("area_id", "last")
    )
    upcoming: dict[int, list[Meeting]] = {}
    for meeting in (
        Meeting.objects.filter(area_id__in=ids, state=MeetingState.CONVENED, held_on__gte=day)
        .select_related("body")
        .order_by("held_on", "id")
    ):
        upcoming.setdefault(meeting.area_id, []).append(meeting)
    rows = []
    for community in communities:
        body = bodies.get(community.pk)
        status = (
            statute.quarterly_status(day, last_held.get(community.pk), timezone.localdate(body.created_at))
            if body is not None
            else None
        )
        rows.append(BoardRow(community, body, status, upcoming.get(community.pk, [])))
    return rows


# --- The township's figures (gongzhi.core.indicators) ------------------------------------------

REPRESENTATIVES_RULES = ("village_representatives_meeting", "residents_representatives_meeting")


def representatives_meetings_by_community(
    community_ids: list[int], start: dt.date, end: dt.date
) -> dict[int, int]:
    """Representatives' meetings (村民代表会议, 居民代表会议) held in the period: recorded as held or closed, with
    their date in it (the guidance asks for one a quarter)."""
    rows = (
        Meeting.objects.filter(
            area_id__in=community_ids,
            body_kind__in=REPRESENTATIVES_RULES,
            state__in=(MeetingState.HELD, MeetingState.CLOSED),
            held_on__gte=start,
            held_on__lte=end,
        )
        .values("area_id")
        .annotate(n=Count("pk"))
    )
    return counts_by(rows, key="area_id")


def representatives_meetings_of(community: Area, start: dt.date, end: dt.date) -> QuerySet[Meeting]:
    """The representatives' meetings behind the figure, for the community's yearly report."""
    return Meeting.objects.filter(
        area=community,
        body_kind__in=REPRESENTATIVES_RULES,
        state__in=(MeetingState.HELD, MeetingState.CLOSED),
        held_on__gte=start,
        held_on__lte=end,
    ).order_by("held_on", "pk")
