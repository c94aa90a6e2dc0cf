"""Reads of pairing, scoped to the viewer.

Coverage is computed from the register and the pairs each time it is read, never typed: the households of a
community that the aim names (any active member carries one of the aim's tags), each paired, declined (covered by
its own choice) or unpaired, per grid. Members are listed by name and grid, never ranked or counted by activity.
A household's tags — some of them sensitive — are read only for staff pages (`household_tags`).
"""

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, Prefetch, Q, QuerySet

from gongzhi.accounts.scopes import paths_for, scope_q
from gongzhi.areas.models import Area, AreaKind
from gongzhi.core.errors import NotFound
from gongzhi.core.masking import mask_name
from gongzhi.residents.models import Household, Resident, Tag
from gongzhi.residents.selectors import resident_get_own

from .models import Aim, Decline, Pair, Visit
from .roles import AIM_SETTERS, PARTY_STATUSES, READERS

HEAD = "02"  # residents.codes RELATIONS: 户主


# --- Areas -----------------------------------------------------------------------------------


def communities_for(*, viewer, roles=READERS) -> QuerySet[Area]:
    return Area.objects.filter(scope_q(paths_for(viewer, roles), "path"), kind=AreaKind.COMMUNITY).order_by(
        "path"
    )


def community_get_for(*, viewer, community_id: int, roles=READERS) -> Area:
    found = communities_for(viewer=viewer, roles=roles).filter(pk=community_id).first()
    if found is None:
        raise NotFound()
    return found


def aim_areas_for(*, viewer) -> QuerySet[Area]:
    """The townships and communities whose aim the viewer may set."""
    return Area.objects.filter(
        scope_q(paths_for(viewer, AIM_SETTERS), "path"), kind__in=(AreaKind.TOWNSHIP, AreaKind.COMMUNITY)
    ).order_by("path")


def aim_area_get_for(*, viewer, area_id: int) -> Area:
    found = aim_areas_for(viewer=viewer).filter(pk=area_id).first()
    if found is None:
        raise NotFound()
    return found


def grids_of(community: Area) -> list[Area]:
    return list(Area.objects.filter(path__startswith=community.path, kind=AreaKind.GRID).order_by("path"))


def grid_of(path: str, grids: list[Area]) -> Area | None:
    """The grid whose subtree holds `path` (a household's or resident's area path)."""
    return next((g for g in grids if path.startswith(g.path)), None)


# --- The aim ---------------------------------------------------------------------------------


def aim_for(community: Area) -> Aim | None:
    """The community's own aim, else its township's (the one whose path is the longest prefix)."""
    ancestors = [community.path[:i] for i in range(8, len(community.path) + 1, 8)]
    found = (
        Aim.objects.filter(area_path__in=ancestors).prefetch_related("tags").order_by("-area_path").first()
    )
    return found


def aims_visible_for(*, viewer) -> list[Aim]:
    paths = paths_for(viewer, READERS)
    return [
        aim
        for aim in Aim.objects.select_related("area").prefetch_related("tags")
        if any(aim.area_path.startswith(p) or p.startswith(aim.area_path) for p in paths)
    ]


def tag_choices() -> list[Tag]:
    return list(Tag.objects.order_by("sort_order", "id"))


# --- Party members ---------------------------------------------------------------------------


def is_party_member(resident: Resident) -> bool:
    return resident.status == "active" and resident.political_status in PARTY_STATUSES


def party_members_of(community: Area) -> QuerySet[Resident]:
    return Resident.objects.filter(
        community=community, status="active", political_status__in=PARTY_STATUSES
    ).order_by("name_sort", "id")


def active_counts(member_ids) -> dict[int, int]:
    return dict(
        Pair.objects.filter(member_id__in=list(member_ids), ended_on__isnull=True)
        .values("member_id")
        .annotate(n=Count("id"))
        .values_list("member_id", "n")
    )


@dataclass(frozen=True)
class Candidate:
    member: Resident
    grid: Area | None
    in_grid: bool  # the household's own grid: offered first
    active: int  # households this member is paired with now (for the 1+N limit, not a score)
    full: bool

    @property
    def label(self) -> str:
        grid = self.grid.name if self.grid else ""
        return f"{self.member.name}（{grid}）" if grid else self.member.name


def member_candidates(household: Household, *, grid_only: bool = False) -> list[Candidate]:
    """The community's party members, those of the household's grid first, then by name."""
    community = household.community
    grids = grids_of(community)
    home = grid_of(household.area_path, grids)
    members = list(party_members_of(community))
    counts = active_counts(m.pk for m in members)
    aim = aim_for(community)
    limit = aim.per_member_max if aim is not None else None
    found = []
    for member in members:
        if member.household_id is not None and member.household_id == household.pk:
            continue  # not with their own household
        grid = grid_of(member.area_path, grids)
        in_grid = home is not None and grid is not None and grid.pk == home.pk
        if grid_only and not in_grid:
            continue
        active = counts.get(member.pk, 0)
        found.append(Candidate(member, grid, in_grid, active, limit is not None and active >= limit))
    found.sort(key=lambda c: (not c.in_grid, c.member.name_sort, c.member.pk))
    return found


# --- Households ------------------------------------------------------------------------------


def household_get_for(*, viewer, household_id: int, roles=READERS) -> Household:
    found = (
        Household.objects.filter(scope_q(paths_for(viewer, roles)), pk=household_id)
        .select_related("community", "area")
        .first()
    )
    if found is None:
        raise NotFound()
    return found


def household_head_name(household: Household) -> str:
    members = [m for m in household.members.all() if m.status == "active"]
    head = next((m for m in members if m.relation_to_head == HEAD), members[0] if members else None)
    return mask_name(head.name) if head is not None else ""


def household_tags(household: Household) -> list[Tag]:
    """Every tag of the household's active members (staff pages only: some are sensitive)."""
    return list(
        Tag.objects.filter(residents__household=household, residents__status="active")
        .distinct()
        .order_by("sort_order", "id")
    )


def active_pair(household: Household) -> Pair | None:
    return (
        Pair.objects.filter(household=household, ended_on__isnull=True)
        .select_related("member", "household", "community")
        .first()
    )


def live_decline(household: Household) -> Decline | None:
    return Decline.objects.filter(household=household, undone_at__isnull=True).first()


def pairs_of(household: Household) -> list[Pair]:
    return list(
        Pair.objects.filter(household=household)
        .select_related("member")
        .prefetch_related(Prefetch("visits", queryset=Visit.objects.order_by("-visited_on", "-id")))
        .order_by("-started_on", "-id")
    )


def declines_of(household: Household) -> list[Decline]:
    return list(Decline.objects.filter(household=household).order_by("-declined_on", "-id"))


def in_aim(household: Household, aim: Aim | None) -> bool:
    if aim is None:
        return False
    return Resident.objects.filter(
        household=household, status="active", tags__in=list(aim.tags.all())
    ).exists()


# --- Pairs -----------------------------------------------------------------------------------


def pair_get_for(*, viewer, pair_id: int) -> Pair:
    """A pair: for its readers over the household, or for its own party member."""
    found = (
        Pair.objects.filter(
            scope_q(paths_for(viewer, READERS)) | Q(member__user=viewer)
            if viewer.is_authenticated
            else Q(pk=None),
            pk=pair_id,
        )
        .select_related("member", "household", "community")
        .first()
    )
    if found is None:
        raise NotFound()
    return found


def pairs_of_member(*, viewer) -> list[Pair]:
    """The households the viewer is paired with now, as a party member of the register."""
    if not viewer.is_authenticated:
        return []
    return list(
        Pair.objects.filter(member__user=viewer, ended_on__isnull=True)
        .select_related("household", "member")
        .prefetch_related(
            Prefetch("visits", queryset=Visit.objects.order_by("-visited_on", "-id")),
            Prefetch("household__members", queryset=Resident.objects.order_by("id")),
        )
        .order_by("started_on", "id")
    )


@dataclass
class OwnHousehold:
    resident: Resident
    household: Household
    pair: Pair | None
    visits: list[Visit]
    decline: Decline | None
    candidates: list[Candidate]


def own_household(*, viewer) -> OwnHousehold | None:
    """The viewer's own household's pair, its visits and the party members of their grid to choose from."""
    resident = resident_get_own(viewer=viewer)
    household = resident.household if resident is not None else None
    if resident is None or household is None or resident.status != "active":
        return None
    pair = active_pair(household)
    visits = list(pair.visits.order_by("-visited_on", "-id")) if pair else []
    return OwnHousehold(
        resident=resident,
        household=household,
        pair=pair,
        visits=visits,
        decline=live_decline(household),
        candidates=[c for c in member_candidates(household, grid_only=True) if c.member.pk != resident.pk],
    )


# --- Coverage --------------------------------------------------------------------------------

PAIRED, DECLINED, UNPAIRED = "paired", "declined", "unpaired"


@dataclass
class HouseholdCell:
    household: Household
    head: str  # masked
    state: str  # paired / declined / unpaired
    in_aim: bool
    member: str = ""  # the paired member's name


@dataclass
class GridTile:
    grid: Area | None  # None: households in no grid
    cells: list[HouseholdCell] = field(default_factory=list)
    members: list[str] = field(default_factory=list)  # the grid's party members by name

    def count(self, state: str) -> int:
        return sum(1 for c in self.cells if c.in_aim and c.state == state)

    @property
    def paired(self) -> int:
        return self.count(PAIRED)

    @property
    def declined(self) -> int:
        return self.count(DECLINED)

    @property
    def unpaired(self) -> int:
        return self.count(UNPAIRED)

    @property
    def aim_total(self) -> int:
        return sum(1 for c in self.cells if c.in_aim)


def _aim_household_ids(community: Area, aim: Aim | None) -> set[int]:
    if aim is None:
        return set()
    tag_ids = [t.pk for t in aim.tags.all()]
    if not tag_ids:
        return set()
    return set(
        Resident.objects.filter(
            community=community, status="active", household__isnull=False, tags__in=tag_ids
        ).values_list("household_id", flat=True)
    )


def community_map(community: Area) -> list[GridTile]:
    """One tile per grid: the households the aim names, and any other household paired or declining."""
    aim = aim_for(community)
    grids = grids_of(community)
    aim_ids = _aim_household_ids(community, aim)
    pairs = {
        p.household_id: p
        for p in Pair.objects.filter(community=community, ended_on__isnull=True).select_related("member")
    }
    declined = set(
        Decline.objects.filter(community=community, undone_at__isnull=True).values_list(
            "household_id", flat=True
        )
    )
    wanted = aim_ids | set(pairs) | declined
    households = (
        Household.objects.filter(pk__in=wanted)
        .prefetch_related(Prefetch("members", queryset=Resident.objects.order_by("id")))
        .order_by("number", "id")
    )
    tiles: dict[int | None, GridTile] = {g.pk: GridTile(g) for g in grids}
    for household in households:
        grid = grid_of(household.area_path, grids)
        key = grid.pk if grid else None
        tile = tiles.setdefault(key, GridTile(None))
        pair = pairs.get(household.pk)
        state = PAIRED if pair else DECLINED if household.pk in declined else UNPAIRED
        tile.cells.append(
            HouseholdCell(
                household, household_head_name(household), state, household.pk in aim_ids,
                pair.member.name if pair else "",
            )
        )  # fmt: skip
    members_by_grid: dict[int | None, list[str]] = defaultdict(list)
    for member in party_members_of(community):
        grid = grid_of(member.area_path, grids)
        members_by_grid[grid.pk if grid else None].append(member.name)
    for key, tile in tiles.items():
        tile.members = members_by_grid.get(key, [])
    return list(tiles.values())


@dataclass(frozen=True)
class CoverageRow:
    community: Area
    aim: Aim | None
    aim_total: int
    paired: int
    declined: int
    unpaired: int
    members: int  # party members of the register in the community
    pairs: int  # active pairs, in the aim or not

    @property
    def covered_percent(self) -> int:
        """Paired or declined, of the households the aim names (100 when the aim names none)."""
        if not self.aim_total:
            return 100
        return round(100 * (self.paired + self.declined) / self.aim_total)


def coverage_for(*, viewer) -> list[CoverageRow]:
    """Every community the viewer reads, against its aim."""
    rows = []
    for community in communities_for(viewer=viewer):
        aim = aim_for(community)
        aim_ids = _aim_household_ids(community, aim)
        paired_ids = set(
            Pair.objects.filter(community=community, ended_on__isnull=True).values_list(
                "household_id", flat=True
            )
        )
        declined_ids = set(
            Decline.objects.filter(community=community, undone_at__isnull=True).values_list(
                "household_id", flat=True
            )
        )
        paired = len(aim_ids & paired_ids)
        declined = len((aim_ids & declined_ids) - paired_ids)
        rows.append(
            CoverageRow(
                community=community,
                aim=aim,
                aim_total=len(aim_ids),
                paired=paired,
                declined=declined,
                unpaired=len(aim_ids) - paired - declined,
                members=party_members_of(community).count(),
                pairs=len(paired_ids),
            )
        )
    return rows
