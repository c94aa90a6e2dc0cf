"""Every read of the pledges, scoped to the viewer; the public page's reads, which show only approved versions of
members who chose to be shown; what a member did, read from the kernel's registry of recorded deeds; and the
township's coverage (how many party members have an approved pledge: counts of pledges, never of activity)."""

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from gongzhi.accounts.scopes import paths_for, scope_q
from gongzhi.areas.models import Area, AreaKind
from gongzhi.bodies.models import BodyKind, Post
from gongzhi.bodies.selectors import body_of_kind, memberships_current
from gongzhi.core.deeds import Deed, deed_sources
from gongzhi.core.errors import NotFound
from gongzhi.residents.models import Resident

from .models import MemberPrivacy, NameDisplay, Pledge, PledgeState, PledgeVersion, VanguardPost
from .roles import COVERAGE_READERS, KEEPERS, READERS

# residents.codes POLITICAL_STATUSES: 中共党员 and 中共预备党员, as the party organisation's staff entered them.
PARTY_STATUSES = ("01", "02")


def party_members_q() -> Q:
    return Q(status="active", political_status__in=PARTY_STATUSES)


def is_party_member(resident: Resident) -> bool:
    return resident.status == "active" and resident.political_status in PARTY_STATUSES


def party_members_of(community: Area) -> QuerySet[Resident]:
    """The community's party members in the register, by name order (never by anything they did)."""
    return (
        Resident.objects.filter(party_members_q(), community=community)
        .select_related("grid")
        .order_by("name_sort", "name", "id")
    )


def member_of(user) -> Resident | None:
    """The viewer's register entry if the register records them as a party member, else None."""
    if not getattr(user, "is_authenticated", False):
        return None
    return Resident.objects.filter(party_members_q(), user=user).select_related("community", "grid").first()


def _secretary_communities(user) -> list[int]:
    """The communities whose party organisation the viewer is secretary of today."""
    from gongzhi.bodies.models import Membership

    day = timezone.localdate()
    return list(
        Membership.objects.filter(
            body__kind=BodyKind.PARTY_ORG, body__active=True, post=Post.SECRETARY, resident__user=user,
            started_on__lte=day,
        )
        .filter(Q(ended_on=None) | Q(ended_on__gte=day))
        .values_list("body__area_id", flat=True)
    )  # fmt: skip


def _visible_q(viewer) -> Q:
    q = scope_q(paths_for(viewer, READERS)) | Q(resident__user=viewer)
    secretary = _secretary_communities(viewer)
    if secretary:
        q |= Q(community_id__in=secretary)
    return q


def pledges_for(*, viewer, community_id: int | None = None, year: int | None = None) -> QuerySet[Pledge]:
    if not viewer.is_authenticated:
        return Pledge.objects.none()
    rows = Pledge.objects.filter(_visible_q(viewer))
    if community_id:
        rows = rows.filter(community_id=community_id)
    if year:
        rows = rows.filter(year=year)
    return rows.select_related("community", "resident", "resident__grid", "post").order_by(
        "-year", "resident__name_sort", "id"
    )


def pledge_get_for(*, viewer, pledge_id: int) -> Pledge:
    found = pledges_for(viewer=viewer).filter(pk=pledge_id).first()
    if found is None:
        raise NotFound()
    return found


def versions_of(pledge: Pledge) -> QuerySet[PledgeVersion]:
    return pledge.versions.select_related("post", "written_by", "approved_by").order_by("-number")


def communities_kept_by(viewer) -> QuerySet[Area]:
    return Area.objects.filter(scope_q(paths_for(viewer, KEEPERS), "path"), kind=AreaKind.COMMUNITY).order_by(
        "path"
    )


def community_kept_get(*, viewer, community_id: int) -> Area:
    found = communities_kept_by(viewer).filter(pk=community_id).first()
    if found is None:
        raise NotFound()
    return found


def member_kept_get(*, viewer, resident_id: int) -> Resident:
    """A party member of a community the viewer keeps (404 for anyone else: ids cannot be probed)."""
    paths = paths_for(viewer, KEEPERS)
    found = (
        Resident.objects.filter(scope_q(paths), party_members_q(), pk=resident_id)
        .select_related("community")
        .first()
        if paths
        else None
    )
    if found is None:
        raise NotFound()
    return found


def secretary_of(user, community: Area) -> bool:
    """Whether the viewer is today the secretary of the community's party organisation (gongzhi.bodies)."""
    if not getattr(user, "is_authenticated", False):
        return False
    body = body_of_kind(community, BodyKind.PARTY_ORG)
    if body is None:
        return False
    return any(m.post == Post.SECRETARY and m.resident.user_id == user.pk for m in memberships_current(body))


def posts_active() -> QuerySet[VanguardPost]:
    return VanguardPost.objects.filter(active=True)


def posts_all() -> QuerySet[VanguardPost]:
    return VanguardPost.objects.all()


def privacy_of(resident: Resident) -> MemberPrivacy | None:
    return MemberPrivacy.objects.filter(resident=resident).first()


def awaiting_approval(viewer) -> QuerySet[Pledge]:
    """The pledges in the keeper's communities that wait for the party organisation."""
    paths = paths_for(viewer, KEEPERS)
    if not paths:
        return Pledge.objects.none()
    return (
        Pledge.objects.filter(scope_q(paths), state=PledgeState.SUBMITTED)
        .select_related("community", "resident", "post")
        .order_by("community__path", "resident__name_sort", "id")
    )


# --- What a member did: the kernel's recorded deeds -------------------------------------------


@dataclass
class DeedSummary:
    """What one member did over the pledge year, from the recorded deeds: per source, how many and (hours)
    how many units; the latest few, newest first. Counts of confirmed acts, never a score."""

    lines: list[tuple[str, int, Decimal]] = field(default_factory=list)  # (source label, count, units)
    latest: list[Deed] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not self.lines


LATEST = 5


def year_span(year: int) -> tuple[dt.date, dt.date]:
    """The pledge year's days up to today (a past year: the whole year)."""
    today = timezone.localdate()
    return dt.date(year, 1, 1), min(dt.date(year, 12, 31), today)


def community_deeds(community: Area, year: int) -> list[tuple[str, str, Deed]]:
    """(source name, label, deed) for every recorded deed of the community in the pledge year."""
    start, end = year_span(year)
    if end < start:
        return []
    found = []
    for source in deed_sources():
        for deed in source.between(community, start, end):
            found.append((source.name, str(source.label), deed))
    return found


def deeds_of(resident: Resident, deeds: list[tuple[str, str, Deed]]) -> DeedSummary:
    """The deeds among `deeds` that are `resident`'s: by their register entry or their account."""
    mine = [
        (label, deed)
        for _name, label, deed in deeds
        if deed.resident_id == resident.pk or (resident.user_id and deed.user_id == resident.user_id)
    ]
    counts: dict[str, list] = defaultdict(lambda: [0, Decimal(0)])
    for label, deed in mine:
        counts[label][0] += 1
        counts[label][1] += Decimal(deed.units)
    latest = sorted((deed for _label, deed in mine), key=lambda d: (d.on, d.source_id), reverse=True)[:LATEST]
    return DeedSummary(
        lines=[(label, n, units) for label, (n, units) in sorted(counts.items())], latest=latest
    )


def pledge_deeds(pledge: Pledge) -> DeedSummary:
    return deeds_of(pledge.resident, community_deeds(pledge.community, pledge.year))


# --- Public -----------------------------------------------------------------------------------


def shown_name(resident: Resident, display: str) -> str:
    name = resident.name.strip()
    if display == NameDisplay.FULL:
        return name
    return f"{name[:1]}某某" if name else ""


@dataclass
class Card:
    """One member on the public page: the name as they chose, the post, the approved pledge, what they did."""

    pledge_id: int
    name: str
    post: str
    party_group: str
    grid: str
    text: str
    closing_account: str
    deeds: DeedSummary | None


def board_cards(community: Area, year: int) -> list[Card]:
    """The members of `community` shown for `year`: pledges the party organisation approved (the last approved
    version only: a revision waiting for approval is not shown) of members who chose to be shown, by grid and
    then by name — never by what they did."""
    pledges = (
        Pledge.objects.filter(
            community=community,
            year=year,
            public_version__isnull=False,
            resident__status="active",
            resident__political_status__in=PARTY_STATUSES,
        )
        .select_related("resident", "resident__grid", "public_version", "public_version__post")
        .order_by("resident__grid__path", "resident__name_sort", "id")
    )
    privacy = {
        p.resident_id: p
        for p in MemberPrivacy.objects.filter(public=True, resident_id__in=[p.resident_id for p in pledges])
    }
    shown = [p for p in pledges if p.resident_id in privacy]
    deeds = community_deeds(community, year) if any(privacy[p.resident_id].deeds_shown for p in shown) else []
    cards = []
    for pledge in shown:
        choice = privacy[pledge.resident_id]
        version = pledge.public_version
        assert version is not None
        cards.append(
            Card(
                pledge_id=pledge.pk,
                name=shown_name(pledge.resident, choice.name_display),
                post=version.post.name,
                party_group=version.party_group,
                grid=pledge.resident.grid.name if pledge.resident.grid else "",
                text=version.text,
                closing_account=pledge.closing_account if pledge.state == PledgeState.CLOSED else "",
                deeds=deeds_of(pledge.resident, deeds) if choice.deeds_shown else None,
            )
        )
    return cards


def board_years(community: Area) -> list[int]:
    return sorted(
        set(
            Pledge.objects.filter(community=community, public_version__isnull=False).values_list(
                "year", flat=True
            )
        ),
        reverse=True,
    )


@dataclass(frozen=True)
class CoverageRow:
    community: Area
    members: int  # party members in the register
    approved: int  # of them, with an approved pledge for the year

    @property
    def share(self) -> str:
        return f"{self.approved * 100 // self.members}%" if self.members else "-"


def coverage(*, viewer, year: int) -> list[CoverageRow]:
    """Per community in the viewer's reach, in tree order: party members and approved pledges for `year`."""
    paths = paths_for(viewer, COVERAGE_READERS)
    if not paths:
        return []
    communities = list(Area.objects.filter(scope_q(paths, "path"), kind=AreaKind.COMMUNITY).order_by("path"))
    members = dict(
        Resident.objects.filter(party_members_q(), community__in=communities)
        .values_list("community_id")
        .annotate(n=Count("id"))
        .values_list("community_id", "n")
    )
    approved = dict(
        Pledge.objects.filter(
            community__in=communities,
            year=year,
            public_version__isnull=False,
            resident__status="active",
            resident__political_status__in=PARTY_STATUSES,
        )
        .values_list("community_id")
        .annotate(n=Count("id"))
        .values_list("community_id", "n")
    )
    return [CoverageRow(c, members.get(c.pk, 0), approved.get(c.pk, 0)) for c in communities]
