"""Reads of the participatory budget, scoped to the viewer; the Borda count and the greedy choice are pure.

Who sees what: the community's staff, the township's admin and supervisors read every round and project of
their communities; a seated member of the 议事会 reads its round to rank it; residents see the rounds of their
own community and their own projects; anyone sees a decided round's result and a funded project's page, where
the spending shows amounts, payees and dates as the funds recorded them — never vouchers, never proposers.
"""

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Avg, Count, Q, QuerySet, Sum
from django.utils import timezone

from gongzhi.accounts.scopes import paths_for, scope_q
from gongzhi.areas.models import Area, AreaKind
from gongzhi.bodies.models import Body, BodyKind, Membership
from gongzhi.bodies.selectors import body_of_kind, memberships_current
from gongzhi.core.errors import NotFound
from gongzhi.funds.models import PUBLIC_SERVICE as PUBLIC_SERVICE_CODE
from gongzhi.funds.models import Expenditure, Fund
from gongzhi.residents.models import Resident

from .models import Category, Listing, Project, ProjectState, Rating, Round, RoundState
from .roles import ORGANISERS, READERS, RESIDENTS

PUBLIC_SERVICE = PUBLIC_SERVICE_CODE


# --- Catalogue ---------------------------------------------------------------------------------


def categories_of(township: Area | None = None) -> QuerySet[Category]:
    """The catalogue every township shares and the township's own categories (in use or not)."""
    township_id = township.pk if township is not None else None
    return Category.objects.filter(Q(township=None) | Q(township_id=township_id))


def categories_offered(township: Area | None = None) -> QuerySet[Category]:
    """What a resident may choose when proposing (the never-pay list is shown beside it, never chosen)."""
    return categories_of(township).filter(active=True).exclude(listing=Listing.EXCLUDED)


def categories_excluded(township: Area | None = None) -> QuerySet[Category]:
    return categories_of(township).filter(active=True, listing=Listing.EXCLUDED)


# --- The 议事会 -----------------------------------------------------------------------------------


def council_of(community: Area) -> Body | None:
    body = body_of_kind(community, BodyKind.COUNCIL)
    return body if body is not None and body.active else None


def council_seats(community: Area, on: dt.date | None = None) -> QuerySet[Membership]:
    body = council_of(community)
    if body is None:
        return Membership.objects.none()
    return memberships_current(body, on)


def seat_of(user, community: Area | None) -> Membership | None:
    """The user's current seat on the community's 议事会 (their resident entry holds it)."""
    if community is None or not getattr(user, "is_authenticated", False):
        return None
    return council_seats(community).filter(resident__user=user).first()


def sits_on_a_council(user) -> bool:
    if not getattr(user, "is_authenticated", False):
        return False
    today = timezone.localdate()
    return Membership.objects.filter(
        Q(ended_on__isnull=True) | Q(ended_on__gt=today),
        body__kind=BodyKind.COUNCIL,
        body__active=True,
        resident__user=user,
        started_on__lte=today,
    ).exists()


def resident_entry(user, community: Area) -> Resident | None:
    """The user's active entry in the community's register."""
    if not getattr(user, "is_authenticated", False):
        return None
    return Resident.objects.filter(user=user, community=community, status="active").first()


def own_communities(user) -> list[Area]:
    if not getattr(user, "is_authenticated", False):
        return []
    ids = Resident.objects.filter(user=user, status="active").values_list("community_id", flat=True)
    return list(Area.objects.filter(pk__in=ids))


# --- Scoped reads --------------------------------------------------------------------------------


def community_of(obj) -> Area | None:
    if obj is None:
        return None
    if isinstance(obj, Area):
        return obj
    return getattr(obj, "community", None)


def communities_for(*, viewer, roles=READERS) -> QuerySet[Area]:
    return Area.objects.filter(scope_q(paths_for(viewer, roles), "path"), kind=AreaKind.COMMUNITY).order_by(
        "path"
    )


def community_get_for(*, viewer, community_id: int, roles=ORGANISERS) -> Area:
    found = communities_for(viewer=viewer, roles=roles).filter(pk=community_id).first()
    if found is None:
        raise NotFound()
    return found


def _round_q(viewer) -> Q:
    """Rounds the viewer reads: staff's communities, the communities they sit on the 议事会 of, their own."""
    query = scope_q(paths_for(viewer, READERS))
    if getattr(viewer, "is_authenticated", False):
        today = timezone.localdate()
        seated = Membership.objects.filter(
            Q(ended_on__isnull=True) | Q(ended_on__gt=today),
            body__kind=BodyKind.COUNCIL,
            body__active=True,
            resident__user=viewer,
            started_on__lte=today,
        ).values_list("body__area_id", flat=True)
        query |= Q(community_id__in=list(seated))
        if paths_for(viewer, RESIDENTS):  # a resident (the role) sees their own community's rounds once open
            own = Resident.objects.filter(user=viewer, status="active").values_list("community_id", flat=True)
            query |= Q(community_id__in=list(own)) & ~Q(state=RoundState.PREPARED)
    return query


def rounds_for(*, viewer) -> QuerySet[Round]:
    return Round.objects.filter(_round_q(viewer)).select_related("community", "fund__kind")


def round_get_for(*, viewer, round_id: int) -> Round:
    found = rounds_for(viewer=viewer).filter(pk=round_id).first()
    if found is None:
        raise NotFound()
    return found


def projects_for(*, viewer) -> QuerySet[Project]:
    """Staff's communities' projects, and the viewer's own."""
    query = scope_q(paths_for(viewer, READERS))
    if getattr(viewer, "is_authenticated", False):
        query |= Q(proposer=viewer) | Q(resident__user=viewer)
    return Project.objects.filter(query).select_related("round", "community", "category", "resident", "plan")


def project_get_for(*, viewer, project_id: int) -> Project:
    found = projects_for(viewer=viewer).filter(pk=project_id).first()
    if found is None:
        raise NotFound()
    return found


def round_projects(round_: Round) -> QuerySet[Project]:
    return round_.projects.select_related("category", "resident", "plan").order_by(
        "rank", "submitted_at", "id"
    )


def eligible_projects(round_: Round) -> QuerySet[Project]:
    return round_.projects.filter(state=ProjectState.ELIGIBLE).select_related("category").order_by("id")


# --- Public reads ----------------------------------------------------------------------------------

PUBLIC_STATES = (ProjectState.FUNDED, ProjectState.NOT_FUNDED, ProjectState.FINISHED)


def round_public(round_id: int) -> Round:
    found = Round.objects.filter(pk=round_id, state=RoundState.DECIDED).select_related("community").first()
    if found is None:
        raise NotFound()
    return found


def project_public(project_id: int) -> Project:
    found = (
        Project.objects.filter(pk=project_id, state__in=PUBLIC_STATES, round__state=RoundState.DECIDED)
        .select_related("round", "community", "category", "plan")
        .first()
    )
    if found is None:
        raise NotFound()
    return found


@dataclass(frozen=True)
class Spending:
    spent_on: dt.date
    payee: str
    purpose: str
    amount: Decimal


def project_spending(project: Project) -> list[Spending]:
    """The plan's approved expenditures: amounts, payees as recorded, dates and purposes (vouchers never)."""
    if project.plan_id is None:
        return []
    rows = Expenditure.objects.filter(plan_id=project.plan_id, approved_at__isnull=False).order_by(
        "spent_on", "id"
    )
    return [Spending(e.spent_on, e.payee, e.purpose, e.amount) for e in rows]


@dataclass(frozen=True)
class Score:
    mean: Decimal | None
    count: int


def project_score(project: Project) -> Score:
    found = Rating.objects.filter(project=project).aggregate(mean=Avg("stars"), count=Count("id"))
    mean = found["mean"]
    return Score(Decimal(str(mean)).quantize(Decimal("0.1")) if mean is not None else None, found["count"])


# --- The count ---------------------------------------------------------------------------------------


def borda(rankings: Iterable[Sequence[int]], project_ids: Sequence[int]) -> dict[int, int]:
    """Borda count: of n projects, a ranking gives n−1 points to its first, n−2 to its second, … 0 to its last."""
    n = len(project_ids)
    points = {pk: 0 for pk in project_ids}
    for order in rankings:
        for position, pk in enumerate(order):
            if pk in points:
                points[pk] += n - 1 - position
    return points


@dataclass(frozen=True)
class Choice:
    project_id: int
    points: int
    rank: int
    funded: bool


def choose(
    projects: Sequence[tuple[int, Decimal, bool, int]], points: dict[int, int], balance: Decimal
) -> list[Choice]:
    """Rank by points (ties: a priority-list project first, then the cheaper, then the earlier proposed) and
    take each in turn that still fits in the fund's unplanned balance (greedy; one that does not fit is skipped
    and a cheaper one after it may still be taken). `projects`: (id, cost, on the priority list, order)."""
    ordered = sorted(projects, key=lambda p: (-points[p[0]], not p[2], p[1], p[3]))
    left, result = balance, []
    for rank, (pk, cost, _priority, _order) in enumerate(ordered, start=1):
        funded = cost <= left
        if funded:
            left -= cost
        result.append(Choice(pk, points[pk], rank, funded))
    return result


# --- Figures for the township's page ---------------------------------------------------------------


def _by_community(query: QuerySet) -> dict[int, int]:
    return {row["community_id"]: row["v"] for row in query.values("community_id").annotate(v=Count("id"))}


def proposed_by_community(community_ids: list[int], start: dt.date, end: dt.date) -> dict[int, int]:
    return _by_community(
        Project.objects.filter(
            community_id__in=community_ids, submitted_at__date__gte=start, submitted_at__date__lte=end
        )
    )


def funded_by_community(community_ids: list[int], start: dt.date, end: dt.date) -> dict[int, int]:
    return _by_community(
        Project.objects.filter(
            community_id__in=community_ids,
            state__in=(ProjectState.FUNDED, ProjectState.FINISHED),
            round__decided_at__date__gte=start,
            round__decided_at__date__lte=end,
        )
    )


def ratings_by_community(community_ids: list[int], start: dt.date, end: dt.date) -> dict[int, object]:
    from gongzhi.core.indicators import Ratio

    rows = (
        Rating.objects.filter(
            project__community_id__in=community_ids, rated_at__date__gte=start, rated_at__date__lte=end
        )
        .values("project__community_id")
        .annotate(total=Sum("stars"), n=Count("id"))
    )
    return {row["project__community_id"]: Ratio(row["total"], row["n"]) for row in rows}


def fund_of(community: Area, year: int) -> Fund | None:
    return (
        Fund.objects.filter(community=community, year=year, kind__code=PUBLIC_SERVICE)
        .select_related("kind", "community")
        .first()
    )
