"""Reading a community's bodies: scoped to the viewer for pages, and plain for features that fetched their
own record (a decision reads its community's party organisation).

`body_roll` gives who is due at a body's meeting (应到), derived where the
body has no typed members: the joint meeting (两委会) is the party
organisation's and the committee's current members together; the party
members' meeting is the register's full party members of the community
(预备党员 have no vote); the whole meeting and a resident group's meeting
are counted from the register (adults of 18 or over on the day, and
households), not named. `shoulder_one` derives 一肩挑 from the posts.
"""

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from gongzhi.accounts.scopes import paths_for, scope_q
from gongzhi.areas.models import Area, AreaKind
from gongzhi.core.errors import NotFound
from gongzhi.residents.models import Household, Resident

from . import statute
from .models import Body, BodyKind, Membership, Post, Representation
from .roles import READERS

FULL_PARTY_MEMBER = "01"  # residents.codes POLITICAL_STATUSES: 中共党员 (预备党员 "02" have no vote)


def bodies_for(*, viewer) -> QuerySet[Body]:
    return Body.objects.filter(scope_q(paths_for(viewer, READERS))).select_related("area", "group")


def body_get_for(*, viewer, body_id: int) -> Body:
    found = bodies_for(viewer=viewer).filter(pk=body_id).first()
    if found is None:
        raise NotFound()
    return found


def bodies_of(community: Area) -> QuerySet[Body]:
    """A community's active bodies, for a feature that has already checked its viewer."""
    return Body.objects.filter(area=community, active=True).select_related("group")


def body_of_kind(community: Area, kind: str) -> Body | None:
    return bodies_of(community).filter(kind=kind).first()


def memberships_current(body: Body, on: dt.date | None = None) -> QuerySet[Membership]:
    """Who holds a post on the body on the day (today by default)."""
    day = on or timezone.localdate()
    return (
        Membership.objects.filter(body=body, started_on__lte=day)
        .filter(Q(ended_on=None) | Q(ended_on__gte=day))
        .select_related("resident")
        .annotate(households_represented=Count("households"))
        .order_by("post", "started_on", "id")
    )


@dataclass(frozen=True)
class RollSeat:
    """One person due at a body's meeting."""

    resident: Resident
    post: str  # the post's label, or "" for a party member or a resident


@dataclass(frozen=True)
class Roll:
    """Who is due: named seats, or (a whole meeting) counts from the register."""

    seats: tuple[RollSeat, ...] = ()
    adults: int | None = None
    households: int | None = None

    @property
    def members(self) -> int | None:
        return len(self.seats) if self.adults is None else None


def _seats(memberships) -> list[RollSeat]:
    seen: dict[int, RollSeat] = {}
    for membership in memberships:
        if membership.resident_id not in seen:
            seen[membership.resident_id] = RollSeat(membership.resident, str(Post(membership.post).label))
    return list(seen.values())


def _adults(area: Area, day: dt.date) -> QuerySet[Resident]:
    try:
        born_by = day.replace(year=day.year - 18)
    except ValueError:  # 29 February
        born_by = day.replace(year=day.year - 18, day=28)
    return Resident.objects.filter(area_path__startswith=area.path, status="active", birth_date__lte=born_by)


def body_roll(body: Body, on: dt.date | None = None) -> Roll:
    day = on or timezone.localdate()
    if body.kind in (BodyKind.ASSEMBLY, BodyKind.GROUP):
        area = body.group if body.kind == BodyKind.GROUP and body.group is not None else body.area
        adults = _adults(area, day)
        households = Household.objects.filter(
            area_path__startswith=area.path, members__status="active"
        ).distinct()
        return Roll(adults=adults.count(), households=households.count())
    if body.kind == BodyKind.PARTY_MEMBERS:
        members = Resident.objects.filter(
            community=body.area, status="active", political_status=FULL_PARTY_MEMBER
        ).order_by("name_sort", "id")
        return Roll(seats=tuple(RollSeat(resident, "") for resident in members))
    if body.kind == BodyKind.JOINT:
        parts = [body_of_kind(body.area, BodyKind.PARTY_ORG), body_of_kind(body.area, BodyKind.COMMITTEE)]
        memberships = [m for part in parts if part is not None for m in memberships_current(part, day)]
        return Roll(seats=tuple(_seats(memberships)))
    if body.kind == BodyKind.REPRESENTATIVES:
        committee = body_of_kind(body.area, BodyKind.COMMITTEE)
        memberships = [
            *(memberships_current(committee, day) if committee else []),
            *memberships_current(body, day),
        ]
        return Roll(seats=tuple(_seats(memberships)))
    return Roll(seats=tuple(_seats(memberships_current(body, day))))


def shoulder_one(community: Area, on: dt.date | None = None) -> Resident | None:
    """一肩挑: the party organisation's secretary is also the committee's chair, derived from the posts."""
    party, committee = (
        body_of_kind(community, BodyKind.PARTY_ORG),
        body_of_kind(community, BodyKind.COMMITTEE),
    )
    if party is None or committee is None:
        return None
    secretaries = {
        m.resident_id: m.resident for m in memberships_current(party, on) if m.post == Post.SECRETARY
    }
    for membership in memberships_current(committee, on):
        if membership.post == Post.CHAIR and membership.resident_id in secretaries:
            return membership.resident
    return None


def _seat(membership: Membership) -> statute.Seat:
    resident = membership.resident
    return statute.Seat(
        resident_id=resident.pk,
        name=resident.name,
        post=membership.post,
        female=resident.gender == "F",
        household_id=resident.household_id,
        households=getattr(membership, "households_represented", 0),
        chosen_by_group=membership.group_id is not None,
    )


def body_warnings(body: Body, on: dt.date | None = None) -> list[statute.Warning]:
    """What the statute asks of the body's composition and is not met (warnings: the facts may be right)."""
    committee_body = body_of_kind(body.area, BodyKind.COMMITTEE)
    committee = [_seat(m) for m in memberships_current(committee_body, on)] if committee_body else []
    if body.kind == BodyKind.COMMITTEE:
        return statute.committee_warnings(committee, body.area.community_type)
    if body.kind == BodyKind.REPRESENTATIVES:
        representatives = [_seat(m) for m in memberships_current(body, on) if m.post == Post.REPRESENTATIVE]
        return statute.representatives_warnings(committee, representatives)
    if body.kind == BodyKind.SUPERVISORY:
        return statute.supervisory_warnings([_seat(m) for m in memberships_current(body, on)], committee)
    return []


# --- For the pages and the API: scoped lookups ---------------------------------------------------


def communities_for(*, viewer, roles=READERS) -> QuerySet[Area]:
    """The villages and communities whose bodies the viewer reads (or, with KEEPERS, keeps), in the register's
    order (the area tree), never ranked."""
    return Area.objects.filter(scope_q(paths_for(viewer, roles), "path"), kind=AreaKind.COMMUNITY).order_by(
        "path"
    )


def community_get_for(*, viewer, community_id: int, roles=READERS) -> Area:
    found = communities_for(viewer=viewer, roles=roles).filter(pk=community_id).first()
    if found is None:
        raise NotFound()
    return found


def membership_get_for(*, viewer, membership_id: int) -> Membership:
    found = (
        Membership.objects.filter(scope_q(paths_for(viewer, READERS), "body__area_path"), pk=membership_id)
        .select_related("body__area", "resident", "group")
        .first()
    )
    if found is None:
        raise NotFound()
    return found


def memberships_past(body: Body) -> QuerySet[Membership]:
    """Who held a post on the body and left (历届成员), the latest first; kept, never deleted."""
    return (
        Membership.objects.filter(body=body, ended_on__isnull=False)
        .select_related("resident")
        .order_by("-ended_on", "-started_on", "id")
    )


def representation_households(membership: Membership) -> list[int]:
    return list(membership.households.values_list("household_id", flat=True))


def households_taken(body: Body, *, besides: Membership | None = None) -> dict[int, str]:
    """Households of the body's community already represented by another current representative: id -> name."""
    taken = Representation.objects.filter(membership__body=body, membership__ended_on=None)
    if besides is not None:
        taken = taken.exclude(membership=besides)
    return dict(taken.values_list("household_id", "membership__resident__name"))


def resident_groups_of(community: Area) -> QuerySet[Area]:
    """The community's resident groups (村(居)民小组), for a group's meeting or a representative's group."""
    return Area.objects.filter(parent=community, kind=AreaKind.RESIDENT_GROUP).order_by("path")


def resident_group_of(community: Area, group_id: int | None) -> Area | None:
    """One of the community's resident groups, or None (another community's group is as missing as none)."""
    if group_id is None:
        return None
    return resident_groups_of(community).filter(pk=group_id).first()


def households_of(community: Area, ids) -> list[Household]:
    """The community's households among `ids` (another community's are left out: the caller compares)."""
    return list(Household.objects.filter(pk__in=set(ids), community=community))
