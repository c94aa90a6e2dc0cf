"""Reads of conventions and campaigns, scoped to the viewer.

Drafts, reviews and applications are for the community's staff and
supervisory committee and for the township (gongzhi.conventions.rules);
`*_get_for` answers 404 for "missing" and "not yours" alike. The convention
in force is public, as it must be (公开): the public page needs no login.
"""

import datetime as dt
from dataclasses import dataclass

from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gongzhi.accounts.scopes import paths_for, scope_q
from gongzhi.areas.models import Area, AreaKind
from gongzhi.core.errors import NotFound
from gongzhi.meetings.models import Meeting, MeetingItem
from gongzhi.meetings.selectors import meeting_document_of as meeting_document
from gongzhi.meetings.selectors import meeting_documents_of as meeting_documents
from gongzhi.meetings.selectors import meeting_items_of

from .models import (
    Campaign,
    ConventionVersion,
    DemonstrationApplication,
    DemonstrationState,
    Revision,
    RevisionState,
)
from .roles import DRAFTERS, LAUNCHERS, READERS, REVIEWERS


def campaign_list_for(*, viewer) -> QuerySet[Campaign]:
    """Campaigns of the townships the viewer works in or above, or that cover their community."""
    paths = paths_for(viewer, READERS)
    if not paths:
        return Campaign.objects.none()
    townships = Area.objects.filter(kind=AreaKind.TOWNSHIP).filter(scope_q(paths, "path") | _above_q(paths))
    return Campaign.objects.filter(township__in=townships).select_related("township").order_by("-year", "id")


def _above_q(paths: list[str]):
    """Areas whose path is a prefix of one of `paths` (the townships above a community)."""
    from django.db.models import Q

    prefixes = {path[:end] for path in paths for end in range(8, len(path) + 1, 8)}
    return Q(path__in=prefixes)


def campaign_get_for(*, viewer, campaign_id: int) -> Campaign:
    campaign = campaign_list_for(viewer=viewer).filter(pk=campaign_id).first()
    if campaign is None:
        raise NotFound()
    return campaign


def townships_for_launch(*, viewer) -> QuerySet[Area]:
    return Area.objects.filter(
        scope_q(paths_for(viewer, LAUNCHERS), "path"), kind=AreaKind.TOWNSHIP
    ).order_by("path")


def communities_for(*, viewer, campaign: Campaign, roles=READERS) -> QuerySet[Area]:
    """The campaign's communities the viewer may see (township staff: all of them)."""
    return Area.objects.filter(
        scope_q(paths_for(viewer, roles), "path"),
        kind=AreaKind.COMMUNITY,
        path__startswith=campaign.township.path,
    ).order_by("path")


def community_get_for(*, viewer, community_id: int, roles=READERS) -> Area:
    community = (
        Area.objects.filter(scope_q(paths_for(viewer, roles), "path"), kind=AreaKind.COMMUNITY)
        .filter(pk=community_id)
        .first()
    )
    if community is None:
        raise NotFound()
    return community


def revision_get_for(*, viewer, revision_id: int) -> Revision:
    revision = (
        Revision.objects.filter(scope_q(paths_for(viewer, READERS)), pk=revision_id)
        .select_related("campaign", "campaign__township", "community", "created_by", "reviewed_by", "meeting")
        .first()
    )
    if revision is None:
        raise NotFound()
    return revision


def revision_of(*, campaign: Campaign, community: Area) -> Revision | None:
    return Revision.objects.filter(campaign=campaign, community=community).first()


def revision_events(revision: Revision):
    return revision.events.select_related("actor")


def in_force_of(community: Area) -> ConventionVersion | None:
    return ConventionVersion.objects.filter(community=community, superseded_at__isnull=True).first()


def earlier_versions_of(community: Area) -> QuerySet[ConventionVersion]:
    return ConventionVersion.objects.filter(community=community, superseded_at__isnull=False).order_by(
        "-superseded_at"
    )


def in_force_public(community_id: int) -> tuple[Area, ConventionVersion | None]:
    """A community's convention in force, for its public page (404 for an unknown community)."""
    community = Area.objects.filter(kind=AreaKind.COMMUNITY, pk=community_id).first()
    if community is None:
        raise NotFound()
    return community, in_force_of(community)


def demonstration_get_for(*, viewer, application_id: int) -> DemonstrationApplication:
    application = (
        DemonstrationApplication.objects.filter(scope_q(paths_for(viewer, READERS)), pk=application_id)
        .select_related("campaign", "community", "applied_by", "decided_by")
        .first()
    )
    if application is None:
        raise NotFound()
    return application


# --- The township's board --------------------------------------------------------------------

BOARD_STATES = {
    "not_started": _("未启动"),
    RevisionState.DRAFTING.value: _("起草中"),
    RevisionState.RETURNED.value: _("退回修改"),
    RevisionState.UNDER_REVIEW.value: _("审查中"),
    RevisionState.APPROVED.value: _("待会议表决"),
    RevisionState.ADOPTED.value: _("已表决"),
    RevisionState.FILED.value: _("已备案"),
}


@dataclass
class BoardRow:
    community: Area
    revision: Revision | None
    state: str
    overdue: bool
    demonstration: DemonstrationApplication | None

    @property
    def state_label(self) -> str:
        return str(BOARD_STATES[self.state])


@dataclass
class Board:
    campaign: Campaign
    rows: list[BoardRow]
    today: dt.date

    @property
    def days_left(self) -> int:
        return (self.campaign.deadline - self.today).days

    def count(self, state: str) -> int:
        return sum(1 for row in self.rows if row.state == state)

    @property
    def counts(self) -> list[tuple[str, str, int]]:
        return [(key, str(label), self.count(key)) for key, label in BOARD_STATES.items()]

    @property
    def overdue(self) -> int:
        return sum(1 for row in self.rows if row.overdue)

    @property
    def demonstrations_approved(self) -> int:
        return sum(
            1
            for row in self.rows
            if row.demonstration and row.demonstration.state == DemonstrationState.APPROVED
        )


def board_for(*, viewer, campaign: Campaign, state: str = "") -> Board:
    """Every community of the campaign the viewer may see, with its revision's state; overdue after the deadline."""
    today = timezone.localdate()
    communities = list(communities_for(viewer=viewer, campaign=campaign))
    revisions = {
        r.community_id: r
        for r in Revision.objects.filter(campaign=campaign, community__in=communities).select_related(
            "meeting"
        )
    }
    demonstrations: dict[int, DemonstrationApplication] = {}
    for application in DemonstrationApplication.objects.filter(
        campaign=campaign, community__in=communities
    ).order_by("applied_at"):
        demonstrations[application.community_id] = application  # the latest per community
    rows = []
    for community in communities:
        revision = revisions.get(community.pk)
        row_state = revision.state if revision else "not_started"
        rows.append(
            BoardRow(
                community,
                revision,
                row_state,
                today > campaign.deadline and row_state != "filed",
                demonstrations.get(community.pk),
            )
        )
    board = Board(campaign, rows, today)
    if state in BOARD_STATES:
        board.rows = [row for row in rows if row.state == state]
    elif state == "overdue":
        board.rows = [row for row in rows if row.overdue]
    return board


def drafter_communities(*, viewer) -> QuerySet[Area]:
    return Area.objects.filter(
        scope_q(paths_for(viewer, DRAFTERS), "path"), kind=AreaKind.COMMUNITY
    ).order_by("path")


DRAFTER_WAITING = (
    RevisionState.DRAFTING,
    RevisionState.RETURNED,
    RevisionState.APPROVED,
    RevisionState.ADOPTED,
)


def revisions_waiting_for(*, viewer) -> QuerySet[Revision]:
    """Revisions that wait for the viewer: their communities' unfinished ones (drafters), those under review in
    their township (reviewers). Earliest campaign deadline first."""
    drafting, reviewing = paths_for(viewer, DRAFTERS), paths_for(viewer, REVIEWERS)
    if not drafting and not reviewing:
        return Revision.objects.none()
    wanted = Q(pk__in=[])
    if drafting:
        wanted |= scope_q(drafting, "area_path") & Q(state__in=DRAFTER_WAITING)
    if reviewing:
        wanted |= scope_q(reviewing, "area_path") & Q(state=RevisionState.UNDER_REVIEW)
    return (
        Revision.objects.filter(wanted)
        .select_related("campaign", "community")
        .order_by("campaign__deadline", "community__path")
    )


def adoption_of(revision: Revision) -> tuple[Meeting | None, MeetingItem | None]:
    """The meeting that adopted the revision and its vote (None, None before adoption); the caller fetched
    `revision` for its viewer."""
    meeting = revision.meeting
    return meeting, meeting_items_of(meeting).first() if meeting else None


def meeting_documents_of(revision: Revision):
    """The adopting meeting's minutes and sign-in sheet; the caller fetched `revision` for its viewer."""
    return meeting_documents(revision.meeting)


def meeting_document_of(revision: Revision, document_id: int):
    """One of them, or NotFound (another revision's document is as missing as none)."""
    return meeting_document(revision.meeting, document_id)


def library_rows_of(community: Area) -> list:
    """The convention in force, as a row of the governing documents' library (gongzhi.core.library)."""
    from django.urls import reverse

    from gongzhi.core.library import LibraryRow

    version = in_force_of(community)
    if version is None:
        return []
    label = _("村规民约") if community.community_type == "village" else _("居民公约")
    return [
        LibraryRow(
            source="conventions",
            title=version.title,
            kind_label=str(label),
            adopted_on=version.adopted_on,
            effective_on=version.adopted_on,
            url=reverse("conventions:public", args=[community.pk]),
        )
    ]


# --- The township's oversight figures (gongzhi.core.indicators) ------------------------------------------


def stage_by_community(community_ids: list[int], start: dt.date, end: dt.date) -> dict[int, str]:
    """The stage of each community's latest convention revision begun by the period's end (its state's label);
    one query for all the communities."""
    until = timezone.make_aware(dt.datetime.combine(end + dt.timedelta(days=1), dt.time.min))
    latest: dict[int, str] = {}
    rows = (
        Revision.objects.filter(community_id__in=community_ids, created_at__lt=until)
        .order_by("community_id", "-created_at", "-pk")
        .values_list("community_id", "state")
    )
    for community_id, state in rows:
        latest.setdefault(community_id, str(RevisionState(state).label))
    return latest
