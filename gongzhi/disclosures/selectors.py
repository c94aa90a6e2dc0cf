"""Reading the boards. The public board needs no viewer (what is published is public); the staff pages are
scoped to the viewer's `READERS` roles, 404 for a community or item that is missing or not theirs alike.
Features read what was published from their record with `disclosures_of`."""

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Count, F, Max, Q, QuerySet
from django.utils import timezone

from gongzhi.accounts.scopes import paths_for, scope_q
from gongzhi.areas.models import Area, AreaKind, CommunityType
from gongzhi.core.errors import NotFound
from gongzhi.core.indicators import counts_by, period_bounds

from .models import Disclosure, DisclosureDue, DisclosureRevision, DisclosureSetting, category_label
from .roles import PUBLISHERS, READERS
from .statute import CATEGORIES, QUARTER, Gap, gaps, period_last_ended

# --- Public ----------------------------------------------------------------------------------


def board_public(community: Area, category: str = "") -> QuerySet[Disclosure]:
    """What the community's board shows: its items that are not withdrawn, newest first."""
    found = Disclosure.objects.filter(area=community, withdrawn_at__isnull=True)
    if category:
        found = found.filter(category=category)
    return found.select_related("area").order_by("-published_at", "-id")


def disclosure_public_get(disclosure_id: int) -> Disclosure:
    """One item for its public page (a withdrawn one too: its page says so and shows no text)."""
    found = (
        Disclosure.objects.filter(pk=disclosure_id, area__kind=AreaKind.COMMUNITY)
        .select_related("area", "photo")
        .first()
    )
    if found is None:
        raise NotFound()
    return found


def revisions_of(disclosure: Disclosure) -> QuerySet[DisclosureRevision]:
    """Its revisions, newest first (the public page shows their dates and reasons, staff their texts)."""
    return disclosure.revisions.order_by("-number")


def disclosures_of(owner, purpose: str = "") -> QuerySet[Disclosure]:
    """What was published from a feature's record (for its page: "公开于…"), newest first."""
    found = Disclosure.objects.filter(
        owner_app=owner._meta.app_label, owner_model=owner._meta.model_name, owner_id=owner.pk,
        withdrawn_at__isnull=True,
    )  # fmt: skip
    if purpose:
        found = found.filter(purpose=purpose)
    return found.select_related("area").order_by("-published_at")


def dues_of(owner, purpose: str = "") -> QuerySet[DisclosureDue]:
    """What a feature's record must still publish, or has published, earliest due first."""
    found = DisclosureDue.objects.filter(
        owner_app=owner._meta.app_label, owner_model=owner._meta.model_name, owner_id=owner.pk
    )
    if purpose:
        found = found.filter(purpose=purpose)
    return found.select_related("fulfilled_by")


# --- Staff -----------------------------------------------------------------------------------


def communities_for(*, viewer, roles=READERS) -> QuerySet[Area]:
    """The communities whose staff pages the viewer reads, in the register's order (never ranked)."""
    return Area.objects.filter(scope_q(paths_for(viewer, roles), "path"), kind=AreaKind.COMMUNITY).order_by(
        "sort_order", "path"
    )


def community_get_for(*, viewer, community_id: int, roles=READERS) -> Area:
    community = communities_for(viewer=viewer, roles=roles).filter(pk=community_id).first()
    if community is None:
        raise NotFound()
    return community


def publisher_community_ids(viewer) -> set[int]:
    return set(communities_for(viewer=viewer, roles=PUBLISHERS).values_list("pk", flat=True))


def disclosure_get_for(*, viewer, disclosure_id: int, roles=READERS) -> Disclosure:
    found = (
        Disclosure.objects.filter(scope_q(paths_for(viewer, roles)), pk=disclosure_id)
        .select_related("area", "published_by", "withdrawn_by", "photo")
        .first()
    )
    if found is None:
        raise NotFound()
    return found


def staff_list_of(community: Area) -> QuerySet[Disclosure]:
    """Every item of the community, withdrawn ones too, newest first (the caller fetched it for its viewer)."""
    return (
        Disclosure.objects.filter(area=community)
        .select_related("area", "published_by")
        .order_by("-published_at", "-id")
    )


def open_dues_of(community: Area) -> QuerySet[DisclosureDue]:
    return DisclosureDue.objects.filter(area=community, fulfilled_by__isnull=True).order_by("due_on", "id")


def due_get_for(*, viewer, due_id: int, roles=PUBLISHERS) -> DisclosureDue:
    found = DisclosureDue.objects.filter(scope_q(paths_for(viewer, roles)), pk=due_id).first()
    if found is None:
        raise NotFound()
    return found


def finance_monthly_of(community: Area) -> bool:
    return bool(
        DisclosureSetting.objects.filter(community=community)
        .values_list("finance_monthly", flat=True)
        .first()
    )


# --- What is overdue -------------------------------------------------------------------------


@dataclass
class BoardStatus:
    """A community's board as the statute sees it today: the last publication of each category, the
    categories with none in their last ended period, and the registered dues past their date."""

    community: Area
    finance_monthly: bool
    last: dict[str, dt.datetime | None]
    gaps: list[Gap]
    overdue: list[DisclosureDue] = field(default_factory=list)

    @property
    def categories(self) -> list[dict]:
        gap_of = {gap.category: gap for gap in self.gaps}
        return [
            {
                "key": category,
                "label": category_label(category, self.community),
                "last": self.last.get(category),
                "gap": gap_of.get(category),
            }
            for category in CATEGORIES
        ]

    @property
    def overdue_count(self) -> int:
        return len(self.gaps) + len(self.overdue)


def board_statuses(communities: list[Area], *, today: dt.date | None = None) -> list[BoardStatus]:
    """The status of each community's board, in the order given; four queries whatever their number."""
    today = today or timezone.localdate()
    ids = [c.pk for c in communities]
    monthly = set(
        DisclosureSetting.objects.filter(community_id__in=ids, finance_monthly=True).values_list(
            "community_id", flat=True
        )
    )
    live = Disclosure.objects.filter(area_id__in=ids, withdrawn_at__isnull=True)
    last = {
        (row["area_id"], row["category"]): row["last"]
        for row in live.values("area_id", "category").annotate(last=Max("published_at"))
    }
    since = period_last_ended(today, QUARTER).start
    dates: dict[int, dict[str, list[dt.date]]] = {}
    start = dt.datetime.combine(since, dt.time.min, tzinfo=timezone.get_current_timezone())
    for area_id, category, at in live.filter(published_at__gte=start).values_list(
        "area_id", "category", "published_at"
    ):
        dates.setdefault(area_id, {}).setdefault(category, []).append(timezone.localtime(at).date())
    overdue: dict[int, list[DisclosureDue]] = {}
    for due in DisclosureDue.objects.filter(area_id__in=ids, fulfilled_by__isnull=True, due_on__lt=today):
        overdue.setdefault(due.area_id, []).append(due)
    return [
        BoardStatus(
            community=c,
            finance_monthly=c.pk in monthly,
            last={category: last.get((c.pk, category)) for category in CATEGORIES},
            gaps=gaps(
                dates.get(c.pk, {}),
                today=today,
                urban=c.community_type == CommunityType.URBAN,
                finance_monthly=c.pk in monthly,
            ),
            overdue=overdue.get(c.pk, []),
        )
        for c in communities
    ]


def board_status(community: Area, *, today: dt.date | None = None) -> BoardStatus:
    return board_statuses([community], today=today)[0]


# --- The township's figures (gongzhi.core.indicators) ------------------------------------------


def overdue_by_community(community_ids: list[int], start: dt.date, end: dt.date) -> dict[int, int]:
    """Disclosures due in the period and not published by their due day: published late, or not yet published
    once the due day has passed (a due still ahead is not overdue)."""
    today = timezone.localdate()
    late = Q(fulfilled_at__isnull=False, fulfilled_at__date__gt=F("due_on")) | Q(
        fulfilled_at__isnull=True, due_on__lt=today
    )
    rows = (
        DisclosureDue.objects.filter(late, area_id__in=community_ids, due_on__gte=start, due_on__lte=end)
        .values("area_id")
        .annotate(n=Count("pk"))
    )
    return counts_by(rows, key="area_id")


def published_in(community: Area, start: dt.date, end: dt.date) -> QuerySet[Disclosure]:
    """The disclosures the community published in the period (its yearly report lists them)."""
    since, until = period_bounds(start, end)
    return Disclosure.objects.filter(
        area=community, published_at__gte=since, published_at__lt=until
    ).order_by("published_at", "pk")
