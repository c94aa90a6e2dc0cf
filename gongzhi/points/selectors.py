"""Reads of the optional points, scoped to the viewer; the household's own ledger; the public monthly summary.

The public summary counts items, never households: per rule item, how many awards and how many points; per
good, how many were redeemed. No household, no person, no ranking is ever part of it.
"""

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, QuerySet, Sum

from gongzhi.accounts.scopes import paths_for, scope_q
from gongzhi.areas.models import Area, AreaKind
from gongzhi.core.errors import NotFound
from gongzhi.residents.models import Household, Resident

from .models import (
    Account,
    Appeal,
    AppealState,
    Catalogue,
    CatalogueState,
    CommunitySettings,
    Entry,
    EntryKind,
    EntryState,
    Funding,
    Goods,
    PointsSwitch,
)
from .roles import KEEPERS, READERS, SWITCHERS

APPEAL_DAYS_DEFAULT = 7


def township_of(area: Area) -> Area | None:
    """The township (镇/街道) an area lies in (itself, for a township)."""
    ids = area.ancestor_ids()
    return Area.objects.filter(pk__in=ids, kind=AreaKind.TOWNSHIP).order_by("path").first()


def points_enabled(area: Area) -> bool:
    """Whether the township of `area` switched the points on (off unless it did)."""
    township = township_of(area)
    if township is None:
        return False
    return PointsSwitch.objects.filter(township=township, enabled=True).exists()


def townships_on_cached() -> frozenset[int]:
    """The townships with the points on, from the lookups cache (for the home page's section only: whether to
    look further; every write and every page reads the switch itself)."""
    from gongzhi.core.lookups import cached_lookup

    return cached_lookup(
        "points:on",
        lambda: frozenset(PointsSwitch.objects.filter(enabled=True).values_list("township_id", flat=True)),
    )


def townships_for(*, viewer) -> list[tuple[Area, bool]]:
    """The townships whose switch the viewer holds, each with its state."""
    found = Area.objects.filter(scope_q(paths_for(viewer, SWITCHERS), "path"), kind=AreaKind.TOWNSHIP)
    on = set(PointsSwitch.objects.filter(enabled=True).values_list("township_id", flat=True))
    return [(t, t.pk in on) for t in found.order_by("path")]


def township_get_for(*, viewer, township_id: int) -> Area:
    found = Area.objects.filter(
        scope_q(paths_for(viewer, SWITCHERS), "path"), kind=AreaKind.TOWNSHIP, pk=township_id
    ).first()
    if found is None:
        raise NotFound()
    return found


def communities_for(*, viewer, roles=READERS) -> QuerySet[Area]:
    return Area.objects.filter(scope_q(paths_for(viewer, roles), "path"), kind=AreaKind.COMMUNITY).order_by(
        "path"
    )


def community_get_for(*, viewer, community_id: int, roles=READERS) -> Area:
    found = communities_for(viewer=viewer, roles=roles).filter(pk=community_id).first()
    if found is None:
        raise NotFound()
    return found


def appeal_days_of(community: Area) -> int:
    found = (
        CommunitySettings.objects.filter(community=community).values_list("appeal_days", flat=True).first()
    )
    return APPEAL_DAYS_DEFAULT if found is None else found


def catalogues_of(community: Area) -> QuerySet[Catalogue]:
    return Catalogue.objects.filter(community=community).order_by("-version")


def catalogue_in_force(community: Area) -> Catalogue | None:
    return Catalogue.objects.filter(community=community, state=CatalogueState.IN_FORCE).first()


def catalogue_get_for(*, viewer, catalogue_id: int) -> Catalogue:
    found = (
        Catalogue.objects.filter(scope_q(paths_for(viewer, READERS)), pk=catalogue_id)
        .select_related("community", "meeting", "agenda_item__vote")
        .first()
    )
    if found is None:
        raise NotFound()
    return found


def entries_of(community: Area, *, state: str = "") -> QuerySet[Entry]:
    found = Entry.objects.filter(community=community)
    if state:
        found = found.filter(state=state)
    return found.select_related("account__household", "item", "goods", "entered_by", "approved_by")


def entry_get_for(*, viewer, entry_id: int) -> Entry:
    found = (
        Entry.objects.filter(scope_q(paths_for(viewer, READERS)), pk=entry_id)
        .select_related("account__household", "community", "item", "photo")
        .first()
    )
    if found is None:
        raise NotFound()
    return found


def appeals_of(community: Area, *, state: str = AppealState.OPEN) -> QuerySet[Appeal]:
    return (
        Appeal.objects.filter(entry__community=community, state=state)
        .select_related("entry__item", "entry__account__household")
        .order_by("created_at", "id")
    )


def appeal_get_for(*, viewer, appeal_id: int, roles=KEEPERS) -> Appeal:
    found = (
        Appeal.objects.filter(scope_q(paths_for(viewer, roles)), pk=appeal_id)
        .select_related("entry__community", "entry__account__household")
        .first()
    )
    if found is None:
        raise NotFound()
    return found


def goods_of(community: Area) -> QuerySet[Goods]:
    return Goods.objects.filter(community=community).order_by("name", "id")


def goods_get(community: Area, goods_id: int | None) -> Goods:
    found = Goods.objects.filter(community=community, pk=goods_id).first() if goods_id else None
    if found is None:
        raise NotFound()
    return found


def funding_of(community: Area) -> QuerySet[Funding]:
    return Funding.objects.filter(community=community).order_by("-received_on", "-id")


def funding_total(community: Area):
    return funding_of(community).aggregate(total=Sum("amount"))["total"] or 0


def household_in(community: Area, number: str) -> Household | None:
    """A household of the community by its number (户编号), as the counter's clerk reads it off the booklet."""
    number = (number or "").strip()[:40]
    if not number:
        return None
    return Household.objects.filter(community=community, number=number).first()


def balance_of(household: Household) -> int:
    return Account.objects.filter(household=household).values_list("balance", flat=True).first() or 0


# --- A household's own ledger ------------------------------------------------------------------------------


@dataclass(frozen=True)
class OwnLedger:
    household: Household
    community: Area
    balance: int
    entries: list[Entry]
    enabled: bool


def own_households(user) -> list[Household]:
    """The households the user is a member of on the register (Resident.user), none for a visitor."""
    if not getattr(user, "is_authenticated", False):
        return []
    return list(
        Household.objects.filter(
            pk__in=Resident.objects.filter(user=user, status="active", household__isnull=False).values(
                "household_id"
            )
        ).select_related("community")
    )


def own_ledgers(user) -> list[OwnLedger]:
    ledgers = []
    for household in own_households(user):
        entries = list(
            Entry.objects.filter(account__household=household)
            .exclude(state=EntryState.REFUSED)
            .select_related("item", "goods", "account__household")
            .prefetch_related("appeals")
            .order_by("-entered_at", "-id")[:200]
        )
        ledgers.append(
            OwnLedger(
                household,
                household.community,
                balance_of(household),
                entries,
                points_enabled(household.community),
            )
        )
    return ledgers


def own_entry_get(user, entry_id: int) -> Entry:
    """An entry of a household the user belongs to (404 for any other, as for one that does not exist)."""
    households = [h.pk for h in own_households(user)]
    found = (
        Entry.objects.filter(pk=entry_id, account__household_id__in=households)
        .select_related("community", "account__household", "photo")
        .first()
    )
    if found is None:
        raise NotFound()
    return found


# --- The public monthly summary ---------------------------------------------------------------------------


@dataclass(frozen=True)
class SummaryRow:
    name: str
    count: int
    points: int


@dataclass(frozen=True)
class MonthSummary:
    month: dt.date
    awarded: list[SummaryRow]
    deducted: list[SummaryRow]
    redeemed: list[SummaryRow]
    awarded_points: int
    redeemed_points: int


def month_bounds(month: dt.date) -> tuple[dt.date, dt.date]:
    first = month.replace(day=1)
    following = (first + dt.timedelta(days=32)).replace(day=1)
    return first, following


def month_summary(community: Area, month: dt.date) -> MonthSummary:
    """What was awarded, deducted and redeemed in `community` in the month, totalled per rule item and per good
    (entries counted that month, less those an upheld appeal reversed). Never per household."""
    first, following = month_bounds(month)
    counted = Entry.objects.filter(
        community=community, state=EntryState.COUNTED, counted_on__gte=first, counted_on__lt=following
    )
    standing = counted.filter(reversed_by__isnull=True)

    def rows(query, name_field: str, amount) -> list[SummaryRow]:
        grouped = query.values(name_field).annotate(n=amount, p=Sum("points")).order_by(name_field)
        return [SummaryRow(g[name_field], g["n"] or 0, abs(g["p"] or 0)) for g in grouped]

    awarded = rows(standing.filter(kind=EntryKind.AWARD), "item__name", Count("id"))
    deducted = rows(standing.filter(kind=EntryKind.DEDUCTION), "item__name", Count("id"))
    redeemed = rows(counted.filter(kind=EntryKind.REDEMPTION), "goods__name", Sum("quantity"))
    return MonthSummary(
        first,
        awarded,
        deducted,
        redeemed,
        sum(r.points for r in awarded),
        sum(r.points for r in redeemed),
    )


def pending_count_for(*, viewer) -> int:
    paths = paths_for(viewer, KEEPERS)
    if not paths:
        return 0
    return Entry.objects.filter(scope_q(paths), state=EntryState.PENDING).exclude(entered_by=viewer).count()


def open_appeals_count_for(*, viewer) -> int:
    paths = paths_for(viewer, KEEPERS)
    if not paths:
        return 0
    return Appeal.objects.filter(scope_q(paths), state=AppealState.OPEN).count()
