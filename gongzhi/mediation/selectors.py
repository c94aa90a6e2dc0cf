"""Reads of people's mediation: the committee, the cases a viewer may see (never anyone else's), statistics.

Who sits on a committee comes from gongzhi.bodies (a body of kind
`mediation`, one per community, its members residents of the register
linked to accounts); who acts needs that seat and `Role.MEDIATOR` over the
community (roles.py). Every case read goes through `dispute_list_for` or
`dispute_get_for`: a case the viewer may not see answers like a missing one.
Statistics are counts only, small counts suppressed.
"""

import datetime as dt
from collections import Counter
from dataclasses import dataclass

from django.db.models import Count, F, Q, QuerySet
from django.db.models.functions import TruncMonth
from django.utils import timezone

from gongzhi.accounts.models import User
from gongzhi.accounts.scopes import covers, paths_for, scope_q
from gongzhi.areas.models import Area, AreaKind
from gongzhi.bodies.models import Body, BodyKind, Membership, Post
from gongzhi.core.errors import NotFound
from gongzhi.core.indicators import period_bounds, shared
from gongzhi.residents.models import Resident

from .models import (
    FAMILY_CATEGORIES,
    Assignment,
    Category,
    Dispute,
    FollowUp,
    Party,
    Screening,
    Session,
    Training,
)
from .roles import MEDIATORS, RESIDENT_APPLICANTS, ROSTER_READERS, STATISTICS_READERS
from .workflow import DISPUTE

# Statistics: a cell below this is shown as "<5"; family disputes are shown apart only from this many up.
SMALL_COUNT = 5
FAMILY_DETAIL_AT = 10


# --- The committee ------------------------------------------------------------------------------


def committee_of(community: Area) -> Body | None:
    return Body.objects.filter(area=community, kind=BodyKind.MEDIATION, active=True).first()


def _current(query: QuerySet[Membership], day: dt.date | None = None) -> QuerySet[Membership]:
    day = day or timezone.localdate()
    return query.filter(started_on__lte=day).filter(Q(ended_on=None) | Q(ended_on__gte=day))


def seats_of(user) -> QuerySet[Membership]:
    """The user's current seats on mediation committees (through their entry in the register)."""
    if not user.is_authenticated:
        return Membership.objects.none()
    return _current(
        Membership.objects.filter(body__kind=BodyKind.MEDIATION, body__active=True, resident__user=user)
    ).select_related("body", "body__area")


def _with_role(user, communities: list[Area]) -> list[Area]:
    paths = paths_for(user, MEDIATORS)
    return [c for c in communities if covers(paths, c.path)]


def communities_mediated_by(user) -> list[Area]:
    """The communities whose committee the user sits on, holding Role.MEDIATOR over them."""
    if not user.is_authenticated:
        return []
    cached = getattr(user, "_mediation_communities", None)
    if cached is None:
        cached = _with_role(user, [seat.body.area for seat in seats_of(user)])
        user._mediation_communities = cached
    return cached


def communities_chaired_by(user) -> list[Area]:
    if not user.is_authenticated:
        return []
    cached = getattr(user, "_mediation_chaired", None)
    if cached is None:
        cached = _with_role(user, [s.body.area for s in seats_of(user).filter(post=Post.CHAIR)])
        user._mediation_chaired = cached
    return cached


def is_mediator_of(user, community: Area) -> bool:
    return any(c.pk == community.pk for c in communities_mediated_by(user))


def is_chair_of(user, community: Area) -> bool:
    return isinstance(community, Area) and any(c.pk == community.pk for c in communities_chaired_by(user))


def committee_mediators(community: Area) -> list[tuple[Membership, User]]:
    """The committee's current members who can act (an account holding Role.MEDIATOR over the community)."""
    body = committee_of(community)
    if body is None:
        return []
    seats = _current(body.memberships.filter(resident__user__isnull=False)).select_related("resident__user")
    found = []
    for seat in seats:
        user = seat.resident.user
        if user is not None and user.is_active and covers(paths_for(user, MEDIATORS), community.path):
            found.append((seat, user))
    return found


def committee_roster(community: Area) -> list[Membership]:
    """Every current member with their training records (`trainings`) and total hours (`training_hours`)."""
    body = committee_of(community)
    if body is None:
        return []
    seats = list(
        _current(body.memberships.all()).select_related("resident").order_by("post", "started_on", "id")
    )
    by_seat: dict[int, list[Training]] = {}
    for training in Training.objects.filter(membership__in=seats).select_related("recorded_by"):
        by_seat.setdefault(training.membership_id, []).append(training)
    for seat in seats:
        seat.trainings = by_seat.get(seat.pk, [])  # type: ignore[attr-defined]
        seat.training_hours = sum((t.hours for t in seat.trainings), start=0)  # type: ignore[attr-defined]
    return seats


def roster_communities_for(*, viewer) -> QuerySet[Area]:
    return Area.objects.filter(
        scope_q(paths_for(viewer, ROSTER_READERS), "path"), kind=AreaKind.COMMUNITY
    ).order_by("path")


def roster_community_get_for(*, viewer, community_id: int) -> Area:
    found = roster_communities_for(viewer=viewer).filter(pk=community_id).first()
    if found is None:
        raise NotFound()
    return found


def seat_get_for_chair(*, viewer, membership_id: int) -> Membership:
    """A current seat on a committee the viewer chairs; any other answers like a missing one."""
    chaired = [c.pk for c in communities_chaired_by(viewer)]
    seat = (
        _current(
            Membership.objects.filter(
                pk=membership_id, body__kind=BodyKind.MEDIATION, body__area_id__in=chaired
            )
        )
        .select_related("body", "resident")
        .first()
    )
    if seat is None:
        raise NotFound()
    return seat


# --- Cases ------------------------------------------------------------------------------------------


def is_party(user, dispute: Dispute) -> bool:
    return Party.objects.filter(dispute=dispute, user=user).exists()


def is_assigned(user, dispute: Dispute) -> bool:
    return Assignment.objects.filter(dispute=dispute, mediator=user, ended_at=None).exists()


def has_mediators(dispute: Dispute) -> bool:
    return Assignment.objects.filter(dispute=dispute, ended_at=None).exists()


def _base() -> QuerySet[Dispute]:
    return Dispute.objects.select_related("case", "case__community")


def dispute_list_for(*, viewer, state: str = "") -> QuerySet[Dispute]:
    """The cases the viewer may see: as a party, an assigned mediator, or the chair of its committee."""
    if not viewer.is_authenticated or not viewer.is_active:
        return Dispute.objects.none()
    chaired = [c.pk for c in communities_chaired_by(viewer)]
    mine = Q(parties__user=viewer) | Q(assignments__mediator=viewer, assignments__ended_at=None)
    if chaired:
        mine |= Q(case__community_id__in=chaired)
    ids = Dispute.objects.filter(mine).values("pk")
    query = _base().filter(pk__in=ids)
    if state:
        query = query.filter(case__state=state)
    return query.order_by("-case__updated_at", "-case_id")


def dispute_get_for(*, viewer, dispute_id: int) -> Dispute:
    """One case the viewer may see; missing and not-theirs answer alike (NotFound)."""
    dispute = _base().select_related("case__submitted_by", "taken_by").filter(pk=dispute_id).first()
    if dispute is None or not viewer.is_authenticated or not viewer.has_perm("mediation.view", dispute):
        raise NotFound()
    return dispute


def dispute_by_code_for(*, viewer, code: str) -> Dispute:
    found = Dispute.objects.filter(code=(code or "").strip().upper()).values_list("pk", flat=True).first()
    if found is None:
        raise NotFound()
    return dispute_get_for(viewer=viewer, dispute_id=found)


def parties_of(dispute: Dispute) -> list[Party]:
    return list(dispute.parties.select_related("resident", "resident__household").order_by("side", "id"))


def assignments_of(dispute: Dispute, *, current: bool = True) -> list[Assignment]:
    query = dispute.assignments.select_related("mediator", "assigned_by")
    if current:
        query = query.filter(ended_at=None)
    return list(query.order_by("assigned_at", "id"))


def sessions_of(dispute: Dispute) -> list[Session]:
    sessions = list(dispute.sessions.select_related("recorded_by").prefetch_related("positions__party"))
    return sessions


def followups_of(dispute: Dispute) -> list[FollowUp]:
    return list(dispute.followups.select_related("visited_by"))


def followup_open(dispute: Dispute) -> FollowUp | None:
    return dispute.followups.filter(visited_on=None).order_by("due_on", "id").first()


def last_visit_not_kept(dispute: Dispute) -> bool:
    last = dispute.followups.exclude(visited_on=None).order_by("-visited_on", "-id").first()
    return last is not None and last.outcome == "not_kept"


def assignable_for(dispute: Dispute) -> list[tuple[int, str]]:
    """The committee's mediators the chair may assign (those already on the case left out)."""
    on_case = {a.mediator_id for a in assignments_of(dispute)}
    return [
        (user.pk, f"{seat.resident.name}（{seat.get_post_display()}）")
        for seat, user in committee_mediators(dispute.case.community)
        if user.pk not in on_case
    ]


def relation_to_parties(mediator: User, dispute: Dispute) -> str | None:
    """Why `mediator` may not mediate between these parties, as the register tells it; None if nothing.

    The register knows households and each member's relation to its head
    (户主, 配偶, 子, 女, 父母 …) and phones (blind index): a mediator who is a
    party, who lives in a party's household, or whose phone is a party's.
    """
    from django.utils.translation import gettext as _

    own = Resident.objects.filter(user=mediator).select_related("household").first()
    if own is None:
        return None
    for party in parties_of(dispute):
        if party.resident_id == own.pk:
            return _("调解员本人是当事人%(name)s。") % {"name": party.name}
        resident = party.resident
        if resident is not None and own.household_id and resident.household_id == own.household_id:
            return _(
                "调解员%(mediator)s（%(own)s）与当事人%(name)s（%(theirs)s）同属一户，是近亲属，应当回避。"
            ) % {
                "mediator": own.name,
                "own": own.get_relation_to_head_display() or _("户内成员"),
                "name": party.name,
                "theirs": resident.get_relation_to_head_display() or _("户内成员"),
            }
        if party.phone_index and own.phone_index and party.phone_index == own.phone_index:
            return _("调解员%(mediator)s与当事人%(name)s登记的手机号相同，应当回避。") % {
                "mediator": own.name,
                "name": party.name,
            }
    return None


def intake_communities_for(*, viewer) -> list[Area]:
    """Where the viewer may bring a dispute in for others: the communities of their grids and committees."""
    from gongzhi.areas.selectors import community_of

    found: dict[int, Area] = {c.pk: c for c in communities_mediated_by(viewer)}
    for path in paths_for(viewer, {"grid_worker"}):
        area = Area.objects.filter(path=path).first()
        community = community_of(area) if area is not None else None
        if community is not None:
            found[community.pk] = community
    return sorted(found.values(), key=lambda a: a.path)


def intake_community_get_for(*, viewer, community_id: int) -> Area:
    """The community an intake names: one the viewer brings disputes in for (intake_communities_for), or, for
    a resident applying for themself, their own; any other answers like a missing one."""
    found = next((c for c in intake_communities_for(viewer=viewer) if c.pk == community_id), None)
    if found is None and paths_for(viewer, RESIDENT_APPLICANTS):
        own = (
            Resident.objects.filter(user=viewer, community_id=community_id)
            .select_related("community")
            .first()
        )
        found = own.community if own is not None else None
    if found is None:
        raise NotFound()
    return found


def screening_community_get_for(*, viewer, community_id: int) -> Area:
    """A community whose committee the viewer mediates on (its monthly screenings); any other: 404."""
    found = next((c for c in communities_mediated_by(viewer) if c.pk == community_id), None)
    if found is None:
        raise NotFound()
    return found


def screenings_of(community: Area) -> QuerySet[Screening]:
    return Screening.objects.filter(community=community).select_related("recorded_by")


def screening_findings(screening: Screening) -> list[Dispute]:
    return list(
        Dispute.objects.filter(source="screening", source_ref=screening.pk)
        .select_related("case")
        .order_by("case_id")
    )


def screening_get_for(*, viewer, screening_id: int) -> Screening:
    mediated = [c.pk for c in communities_mediated_by(viewer)]
    found = (
        Screening.objects.filter(pk=screening_id, community_id__in=mediated)
        .select_related("community")
        .first()
    )
    if found is None:
        raise NotFound()
    return found


def confirmations_due(*, today: dt.date) -> QuerySet[Dispute]:
    """Agreements whose parties want 司法确认, not yet reminded, with the deadline coming (see workflow)."""
    from .workflow import CONFIRMATION_REMIND_DAYS_LEFT

    return (
        _base()
        .filter(
            case__state="agreed",
            confirmation_wanted=True,
            confirmation_reminded_at=None,
            confirmation_due__gte=today,
            confirmation_due__lte=today + dt.timedelta(days=CONFIRMATION_REMIND_DAYS_LEFT),
        )
        .order_by("confirmation_due", "case_id")
    )


# --- Statistics (aggregates only) -------------------------------------------------------------------


@dataclass(frozen=True)
class Cell:
    label: str
    count: int
    shown: str  # "<5" for a small count


def _cell(label: str, count: int) -> Cell:
    return Cell(label, count, str(count) if count == 0 or count >= SMALL_COUNT else f"<{SMALL_COUNT}")


def stats_communities_for(*, viewer) -> QuerySet[Area]:
    return Area.objects.filter(
        scope_q(paths_for(viewer, STATISTICS_READERS), "path"), kind=AreaKind.COMMUNITY
    ).order_by("path")


def stats_for(*, viewer, community: Area | None = None, year: int | None = None) -> dict:
    """Counts of the viewer's communities' disputes (or one community's) by category, state and month.

    No names, no codes, no facts. A count from 1 to 4 shows as "<5"; family
    disputes are counted under their own category only when the area has at
    least FAMILY_DETAIL_AT of them in the year, else they are folded into 其他.
    """
    year = year or timezone.localdate().year
    paths = (
        [community.path] if community is not None else [c.path for c in stats_communities_for(viewer=viewer)]
    )
    query = Dispute.objects.filter(scope_q(paths, "case__area_path"), case__created_at__year=year)
    total = query.count()
    by_category = Counter(dict(query.values_list("category").annotate(n=Count("pk")).order_by()))
    family = sum(by_category.pop(c, 0) for c in FAMILY_CATEGORIES)
    if family >= FAMILY_DETAIL_AT:
        by_category[Category.FAMILY.value] = family
    else:
        by_category[Category.OTHER.value] += family
    labels = dict(Category.choices)
    categories = [
        _cell(str(labels[k]), by_category.get(k, 0)) for k in Category.values if by_category.get(k, 0)
    ]
    by_state = dict(query.values_list("case__state").annotate(n=Count("pk")).order_by())
    states = [_cell(DISPUTE.state_label(s), by_state.get(s, 0)) for s in DISPUTE.states if by_state.get(s, 0)]
    months = [
        _cell(f"{row['month']:%Y-%m}", row["n"])
        for row in query.annotate(month=TruncMonth("case__created_at"))
        .values("month")
        .annotate(n=Count("pk"))
        .order_by("month")
    ]
    return {
        "year": year,
        "total": _cell("", total),
        "categories": categories,
        "states": states,
        "months": months,
        "communities": len(paths),
    }


# --- The township's oversight figures (gongzhi.core.indicators): outcomes in aggregate only --------------


def outcomes_by_community(
    community_ids: list[int], start: dt.date, end: dt.date
) -> dict[tuple[int, str], int]:
    """{(community id, outcome): disputes closed in the period with it}: one query for every outcome."""
    since, until = period_bounds(start, end)
    rows = (
        Dispute.objects.filter(
            # A dispute's case is always of the dispute kind: naming it lets the database take the cases by
            # (community, kind) instead of every case of the communities (the wishes among them).
            case__kind=DISPUTE.kind,
            case__community_id__in=community_ids,
            case__closed_at__gte=since,
            case__closed_at__lt=until,
        )
        .values("outcome", community=F("case__community_id"))
        .annotate(n=Count("pk"))
    )
    return {(row["community"], row["outcome"]): row["n"] for row in rows}


def outcome_counter(outcome: str):
    """The function counting, per community, the disputes closed in a period with `outcome` (the outcomes are
    read in one query shared by the page's four figures)."""

    def count(community_ids: list[int], start: dt.date, end: dt.date) -> dict[int, int]:
        key = ("mediation.outcomes", tuple(community_ids), start, end)
        counts = shared(key, lambda: outcomes_by_community(community_ids, start, end))
        return {community: n for (community, kind), n in counts.items() if kind == outcome}

    return count
