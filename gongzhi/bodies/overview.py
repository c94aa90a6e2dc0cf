"""What the pages and the API show of a community's bodies, gathered once from the selectors.

Names and posts only: a member is shown by name, post, 分工, 届次 and the day
they took the post (and left it); never an ID number, a phone or an address.
A derived roll (两委联席会议, 党员大会, 村(居)民会议, 小组会议) is shown as what it is
— "由登记信息得出" — with names (the joint meeting, the party members' meeting)
or counts (adults and households of the whole meeting or the group).
"""

import datetime as dt
from dataclasses import dataclass, field

from django.utils import timezone
from django.utils.translation import pgettext

from gongzhi.areas.models import Area
from gongzhi.core.quorum import RULES
from gongzhi.residents.models import Resident

from . import statute
from .models import Body, BodyKind, Membership, Post
from .selectors import (
    bodies_of,
    body_of_kind,
    body_roll,
    body_warnings,
    memberships_current,
    memberships_past,
    shoulder_one,
)

# The order posts are listed in: the head of the body first.
POST_ORDER: dict[str, int] = {
    post: rank
    for rank, post in enumerate(
        [
            Post.SECRETARY,
            Post.DEPUTY_SECRETARY,
            Post.CHAIR,
            Post.DEPUTY_CHAIR,
            Post.LEADER,
            Post.MEMBER,
            Post.REPRESENTATIVE,
            Post.OTHER,
        ]
    )
}
# The bodies whose members are public facts (公示) once elected or appointed: the public page lists them.
PUBLIC_KINDS = (BodyKind.PARTY_ORG, BodyKind.COMMITTEE, BodyKind.SUPERVISORY)
# The order bodies are listed in on a community's page: the organisations, then the meetings, then the others.
KIND_ORDER: dict[str, int] = {
    kind: rank
    for rank, kind in enumerate(
        [
            BodyKind.PARTY_ORG,
            BodyKind.COMMITTEE,
            BodyKind.SUPERVISORY,
            BodyKind.REPRESENTATIVES,
            BodyKind.JOINT,
            BodyKind.PARTY_MEMBERS,
            BodyKind.ASSEMBLY,
            BodyKind.GROUP,
            BodyKind.STAFF,
            BodyKind.MORAL_REVIEW,
            BodyKind.MEDIATION,
            BodyKind.COUNCIL,
            BodyKind.OTHER,
        ]
    )
}


def members_sorted(memberships) -> list[Membership]:
    return sorted(memberships, key=lambda m: (POST_ORDER.get(m.post, 99), m.started_on, m.pk))


@dataclass
class BodyOverview:
    body: Body
    members: list[Membership]  # current, typed members (empty for a derived body)
    warnings: list[statute.Warning]
    derived_names: list[str] = field(default_factory=list)  # a derived roll of named people
    adults: int | None = None  # a derived roll counted from the register
    households: int | None = None
    committee_seats: int = 0  # the representatives' meeting: the committee's members sit on it too

    @property
    def rule_label(self) -> str:
        rule = RULES.get(self.body.meeting_rule)
        return str(rule.label) if rule else self.body.meeting_rule

    @property
    def rule_law(self) -> str:
        rule = RULES.get(self.body.meeting_rule)
        return str(rule.law) if rule and rule.law else ""

    @property
    def derived_text(self) -> str:
        return pgettext("list separator", "、").join(self.derived_names)

    @property
    def derived(self) -> bool:
        return not self.body.members_typed


def body_overview(body: Body, on: dt.date | None = None) -> BodyOverview:
    day = on or timezone.localdate()
    overview = BodyOverview(body=body, members=[], warnings=body_warnings(body, day) if body.active else [])
    if body.members_typed:
        overview.members = members_sorted(memberships_current(body, day))
        if body.kind == BodyKind.REPRESENTATIVES:
            committee = body_of_kind(body.area, BodyKind.COMMITTEE)
            reps = {m.resident_id for m in overview.members}
            overview.committee_seats = (
                len({m.resident_id for m in memberships_current(committee, day)} - reps) if committee else 0
            )
        return overview
    roll = body_roll(body, day)
    if roll.adults is not None:
        overview.adults, overview.households = roll.adults, roll.households
    else:
        overview.derived_names = [seat.resident.name for seat in roll.seats]
    return overview


@dataclass
class CommunityOverview:
    community: Area
    bodies: list[BodyOverview]
    stopped: list[Body]  # bodies no longer in use (停用), listed apart
    shoulder: Resident | None  # 一肩挑, derived from the posts

    @property
    def warnings(self) -> list[tuple[Body, statute.Warning]]:
        return [(o.body, w) for o in self.bodies for w in o.warnings]


def community_overview(community: Area, on: dt.date | None = None) -> CommunityOverview:
    every = sorted(
        Body.objects.filter(area=community).select_related("area", "group"),
        key=lambda b: (KIND_ORDER.get(b.kind, 99), b.name, b.pk),
    )
    active = [b for b in every if b.active]
    return CommunityOverview(
        community=community,
        bodies=[body_overview(body, on) for body in active],
        stopped=[b for b in every if not b.active],
        shoulder=shoulder_one(community, on),
    )


# The kinds whose composition the statute rules on (gongzhi.bodies.statute): the only ones that can warn.
WARNED_KINDS = (BodyKind.COMMITTEE, BodyKind.SUPERVISORY, BodyKind.REPRESENTATIVES)


@dataclass
class CommunitySummary:
    """A community at a glance (the township's list, the home page): how many bodies, 一肩挑, the warnings."""

    community: Area
    bodies: int
    shoulder: Resident | None
    warnings: list[tuple[Body, statute.Warning]]


def community_summary(community: Area, on: dt.date | None = None) -> CommunitySummary:
    """Reads only what can warn, not every derived roll: a few queries a community."""
    active = list(bodies_of(community).select_related("area"))
    warnings = [
        (body, warning)
        for body in sorted(active, key=lambda b: KIND_ORDER.get(b.kind, 99))
        if body.kind in WARNED_KINDS
        for warning in body_warnings(body, on)
    ]
    return CommunitySummary(community, len(active), shoulder_one(community, on) if active else None, warnings)


def past_members(body: Body) -> list[Membership]:
    return list(memberships_past(body))


@dataclass(frozen=True)
class PublicSeat:
    name: str
    post: str
    title: str


def public_members(community: Area) -> list[tuple[Body, list[PublicSeat]]]:
    """The current members of the party organisation, the committee and the supervisory committee: names and
    posts, the facts posted publicly (公示)."""
    shown = []
    bodies = {b.kind: b for b in bodies_of(community).filter(kind__in=PUBLIC_KINDS)}
    for kind in PUBLIC_KINDS:
        body = bodies.get(kind)
        if body is None:
            continue
        seats = [
            PublicSeat(m.resident.name, str(Post(m.post).label), m.title)
            for m in members_sorted(memberships_current(body))
        ]
        shown.append((body, seats))
    return shown
