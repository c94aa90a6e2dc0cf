"""Reads of the workforce, scoped to the viewer.

The community's staff and the township office read a community's people in posts (named, phones masked), its
training records, its contracts and its staffing gap; a resident of the community sees the public list of who
serves it (names, posts and areas, phones masked). Anything else is 404, as what does not exist. The gap is
computed from the posts held and the target each time it is read, never typed; nothing here counts activity or
ranks anyone.
"""

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import QuerySet
from django.utils import timezone

from gongzhi.accounts.scopes import path_upper, paths_for, scope_q
from gongzhi.areas.models import Area, AreaKind
from gongzhi.core.errors import NotFound
from gongzhi.core.indicators import shared
from gongzhi.core.posts import PostHolder, people_in_posts_of, post_source
from gongzhi.residents.models import Resident
from gongzhi.residents.selectors import resident_base_for, resident_get_own, search_q

from .models import Appointment, DefaultTarget, PostLevel, PostType, ServiceContract, Target, Training
from .roles import KEEPERS, READERS, TOWNSHIP

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


def home_community(viewer) -> Area | None:
    """The community of the viewer's own register entry (the public list of who serves them)."""
    own = resident_get_own(viewer=viewer) if getattr(viewer, "is_authenticated", False) else None
    return own.community if own is not None and own.status == "active" else None


def public_community_get(*, viewer, community_id: int) -> Area:
    """A community whose public list the viewer sees: their own, or one they read as staff."""
    home = home_community(viewer)
    if home is not None and home.pk == community_id:
        return home
    return community_get_for(viewer=viewer, community_id=community_id)


def areas_of_level(community: Area, level: str) -> list[Area]:
    """The community itself, or its resident groups, grids or buildings (a post's places)."""
    if level == PostLevel.COMMUNITY:
        return [community]
    return list(
        Area.objects.filter(
            path__gt=community.path, path__lt=path_upper(community.path), kind=level
        ).order_by("path")
    )


def area_get(area_id: int | None) -> Area | None:
    """An area by id (its name is no secret): the action refuses one outside the community, naming it."""
    return Area.objects.filter(pk=area_id).first() if area_id else None


# --- The catalogue ---------------------------------------------------------------------------


def post_types(*, active_only: bool = True) -> list[PostType]:
    query = PostType.objects.all()
    if active_only:
        query = query.filter(active=True)
    return list(query.order_by("sort_order", "id"))


def kept_elsewhere(post_type: PostType) -> bool:
    """Whether the post's holders are kept in another module's roster (gongzhi.core.posts, decision 0061): read
    from there, never appointed here. A link to a roster that is not installed keeps the post here."""
    return post_source(post_type.kept_in) is not None


def kept_in_label(post_type: PostType) -> str:
    source = post_source(post_type.kept_in)
    return str(source.label) if source is not None else ""


def appointable_post_types() -> list[PostType]:
    """The posts a keeper appoints to here (in use, and not kept in another roster)."""
    return [t for t in post_types() if not kept_elsewhere(t)]


def post_type_get(type_id: int | None) -> PostType:
    found = PostType.objects.filter(pk=type_id or 0).first()
    if found is None:
        raise NotFound()
    return found


# --- People in posts -------------------------------------------------------------------------


def _appointments() -> QuerySet[Appointment]:
    return Appointment.objects.select_related("community", "area", "post_type", "resident", "contract")


def appointments_of(community: Area, *, current: bool = True) -> QuerySet[Appointment]:
    query = _appointments().filter(community=community)
    query = query.filter(vacated_on=None) if current else query.exclude(vacated_on=None)
    return query.order_by("post_type__sort_order", "area__path", "started_on", "id")


def appointment_get_for(*, viewer, appointment_id: int) -> Appointment:
    found = _appointments().filter(scope_q(paths_for(viewer, READERS)), pk=appointment_id).first()
    if found is None:
        raise NotFound()
    return found


@dataclass(frozen=True)
class HeldElsewhere:
    """A person in a post whose one record is another module's roster (a 法律明白人 in the legal roster)."""

    post_type: PostType
    holder: PostHolder
    area: Area
    kept_in: str  # the roster's label

    @property
    def resident_id(self) -> int | None:
        return self.holder.resident_id


def held_elsewhere(communities: list[Area]) -> dict[int, list[HeldElsewhere]]:
    """Per community, the people in the posts kept in other rosters, as those rosters list them today."""
    found: dict[int, list[HeldElsewhere]] = defaultdict(list)
    linked = [t for t in post_types() if kept_elsewhere(t)]
    if not communities or not linked:
        return found
    ids = [c.pk for c in communities]
    rows = [(t, h) for t in linked for h in people_in_posts_of(t.kept_in, ids)]
    areas = Area.objects.in_bulk({h.area_id for _t, h in rows})
    for post_type, holder in rows:
        area = areas.get(holder.area_id)
        if area is not None:
            found[holder.community_id].append(
                HeldElsewhere(post_type, holder, area, kept_in_label(post_type))
            )
    return found


def trainings_of(appointment: Appointment) -> list[Training]:
    return list(Training.objects.filter(appointment=appointment).order_by("-held_on", "-id"))


def candidates_for(*, viewer, community: Area, q: str) -> list[Resident]:
    """Residents of the community's register within the viewer's reach as a keeper, found by name, pinyin or
    initials (the first twenty); none without a search."""
    condition = search_q((q or "")[:50])
    if condition is None:
        return []
    return list(
        resident_base_for(viewer=viewer, roles=KEEPERS)
        .filter(condition, community=community, status="active")
        .select_related("area")
        .order_by("name_sort", "id")[:20]
    )


def candidate_get(*, viewer, resident_id: int | None) -> Resident | None:
    """A resident picked for a post, found only on the register within the viewer's reach as a keeper: None when
    the id is missing, unknown or out of reach alike."""
    if not resident_id:
        return None
    return resident_base_for(viewer=viewer, roles=KEEPERS).filter(pk=resident_id).first()


@dataclass(frozen=True)
class PublicRow:
    post: str
    area: str
    name: str
    phone: str  # masked (138****5678)


def public_list(community: Area) -> list[PublicRow]:
    """Who serves the community: the current holders of its posts, phones masked."""
    rows = [
        PublicRow(a.post_type.name, a.area.name, a.resident.name, a.resident.phone_masked)
        for a in appointments_of(community)
    ]
    rows += [
        PublicRow(e.post_type.name, e.area.name, e.holder.name, e.holder.phone_masked)
        for e in held_elsewhere([community]).get(community.pk, [])
    ]
    return rows


def body_members_of(community: Area) -> list[tuple[str, list[tuple[str, str]]]]:
    """The community's bodies (the committees, the 五组八会 bodies) and their current members, as gongzhi.bodies
    records them: shown here, never typed again."""
    from gongzhi.bodies.selectors import bodies_of, memberships_current

    rows = []
    for body in bodies_of(community):
        members = [
            (m.resident.name, m.title or m.get_post_display())
            for m in memberships_current(body).select_related("resident")
        ]
        rows.append((body.name, members))
    return rows


# --- Purchased services ----------------------------------------------------------------------


def contracts_of(community: Area) -> list[ServiceContract]:
    return list(ServiceContract.objects.filter(community=community).select_related("organisation"))


def contract_get_for(*, viewer, contract_id: int) -> ServiceContract:
    found = (
        ServiceContract.objects.select_related("community", "organisation")
        .filter(scope_q(paths_for(viewer, READERS)), pk=contract_id)
        .first()
    )
    if found is None:
        raise NotFound()
    return found


def contract_ended(contract: ServiceContract, today: dt.date | None = None) -> bool:
    return contract.ends_on < (today or timezone.localdate())


def organisations_for(community: Area):
    """The registered organisations serving the community (who may hold its purchased-services contract)."""
    from gongzhi.orgs.models import Organisation, OrgState
    from gongzhi.orgs.selectors import serving_q

    return Organisation.objects.filter(serving_q(community), state=OrgState.REGISTERED).order_by("name")


# --- Targets and the gap ---------------------------------------------------------------------


def target_of(community: Area) -> Target | None:
    return Target.objects.filter(community=community).prefetch_related("covered").first()


def default_targets() -> dict[str, DefaultTarget]:
    """The default target of each kind of community (行政村, 城市社区), by kind."""
    return {d.community_type: d for d in DefaultTarget.objects.prefetch_related("covered")}


def default_target_get(community_type: str) -> DefaultTarget:
    found = DefaultTarget.objects.filter(community_type=community_type).prefetch_related("covered").first()
    if found is None:
        raise NotFound()
    return found


def target_or_default(community: Area) -> tuple[Target | DefaultTarget | None, bool]:
    """The community's own target, else its kind's default (the second item says 默认); None for a community
    of no kind without a target."""
    own = target_of(community)
    if own is not None:
        return own, False
    default = default_targets().get(community.community_type)
    return default, default is not None


def townships_for(*, viewer) -> QuerySet[Area]:
    return Area.objects.filter(scope_q(paths_for(viewer, TOWNSHIP), "path"), kind=AreaKind.TOWNSHIP)


@dataclass
class StaffingGap:
    community: Area
    workers: int = 0  # current holders of posts that count toward 专兼职工作者
    min_workers: int = 0
    has_target: bool = False
    is_default: bool = False  # measured against the default target of its kind (no target of its own)
    # (post type, the areas of its level without a current holder)
    uncovered: list[tuple[PostType, list[Area]]] = field(default_factory=list)
    # posts funded by a contract that has ended
    renewals: list[Appointment] = field(default_factory=list)
    # the people in posts kept in other rosters (shown and counted, never typed here)
    elsewhere: list[HeldElsewhere] = field(default_factory=list)

    @property
    def workers_short(self) -> int:
        return max(self.min_workers - self.workers, 0)

    @property
    def uncovered_count(self) -> int:
        return sum(len(areas) for _t, areas in self.uncovered)

    @property
    def met(self) -> bool:
        return not self.workers_short and not self.uncovered_count and not self.renewals


def gap_compute(
    community: Area,
    target: Target | DefaultTarget | None,
    current: list[Appointment],
    today: dt.date,
    places: dict[tuple[int, str], list[Area]] | None = None,
    elsewhere: list[HeldElsewhere] | None = None,
) -> StaffingGap:
    gap = StaffingGap(community)
    elsewhere = elsewhere or []
    gap.elsewhere = list(elsewhere)
    gap.workers = len(
        {a.resident_id for a in current if a.post_type.counts_as_worker}
        | {e.resident_id for e in elsewhere if e.post_type.counts_as_worker and e.resident_id}
    )
    gap.renewals = [a for a in current if a.contract is not None and contract_ended(a.contract, today)]
    if target is None:
        return gap
    gap.has_target, gap.min_workers = True, target.min_workers
    gap.is_default = isinstance(target, DefaultTarget)
    held = {(a.post_type_id, a.area_id) for a in current} | {(e.post_type.pk, e.area.pk) for e in elsewhere}
    for post_type in sorted(target.covered.all(), key=lambda t: (t.sort_order, t.pk)):
        if places is None or post_type.level == PostLevel.COMMUNITY:
            level_areas = areas_of_level(community, post_type.level)
        else:
            level_areas = places.get((community.pk, post_type.level), [])
        empty = [a for a in level_areas if (post_type.pk, a.pk) not in held]
        if empty:
            gap.uncovered.append((post_type, empty))
    return gap


def gap_of(community: Area) -> StaffingGap:
    return gap_compute(
        community,
        target_or_default(community)[0],
        list(appointments_of(community)),
        timezone.localdate(),
        elsewhere=held_elsewhere([community]).get(community.pk, []),
    )


def _gaps(communities: list[Area]) -> dict[int, StaffingGap]:
    current: dict[int, list[Appointment]] = defaultdict(list)
    for appointment in _appointments().filter(community__in=communities, vacated_on=None):
        current[appointment.community_id].append(appointment)
    own = {
        t.community_id: t
        for t in Target.objects.filter(community__in=communities).prefetch_related("covered")
    }
    defaults = default_targets()
    targets: dict[int, Target | DefaultTarget] = {}
    for community in communities:
        found = own.get(community.pk) or defaults.get(community.community_type)
        if found is not None:
            targets[community.pk] = found
    today = timezone.localdate()
    places = _places_of(communities, {t.level for target in targets.values() for t in target.covered.all()})
    elsewhere = held_elsewhere(communities)
    return {
        c.pk: gap_compute(c, targets.get(c.pk), current[c.pk], today, places, elsewhere.get(c.pk, []))
        for c in communities
    }


def _places_of(communities: list[Area], levels: set[str]) -> dict[tuple[int, str], list[Area]]:
    """The resident groups, grids or buildings of every community named, by (community, level): one query over
    the communities' span of the area tree, whatever their number."""
    levels = {level for level in levels if level != PostLevel.COMMUNITY}
    if not communities or not levels:
        return {}
    by_path = {c.path: c.pk for c in communities}
    widths = sorted({len(path) for path in by_path})
    low, high = min(by_path), path_upper(max(by_path))
    places: dict[tuple[int, str], list[Area]] = defaultdict(list)
    for area in Area.objects.filter(path__gt=low, path__lt=high, kind__in=levels).order_by("path"):
        for width in widths:
            community_id = by_path.get(area.path[:width])
            if community_id is not None:
                places[(community_id, area.kind)].append(area)
                break
    return places


def gap_table_for(*, viewer) -> list[StaffingGap]:
    """One gap per community the viewer reads (the township's staffing page and its Excel export)."""
    communities = list(communities_for(viewer=viewer))
    gaps = _gaps(communities)
    return [gaps[c.pk] for c in communities]


def staffing_gaps(community_ids) -> dict[int, StaffingGap]:
    """The staffing gap of each community named (for the township oversight page, which checks its own reach):
    workers held vs the target's minimum, the areas without a holder of each covered post, and the posts whose
    purchased-services contract has ended."""
    communities = list(
        Area.objects.filter(pk__in=list(community_ids), kind=AreaKind.COMMUNITY).order_by("path")
    )
    return _gaps(communities)


# --- The township's figures (gongzhi.core.indicators): the staffing as it stands today -------------------


def _gaps_shared(community_ids: list[int]) -> dict[int, StaffingGap]:
    """The staffing gaps, read once for the page's three figures (gongzhi.core.indicators.shared)."""
    return shared(("workforce.gaps", tuple(community_ids)), lambda: staffing_gaps(community_ids))


def workers_by_community(community_ids: list[int], start: dt.date, end: dt.date) -> dict[int, int]:
    """Full- and part-time workers (专兼职工作者) in post today, per community (the period does not apply)."""
    return {pk: gap.workers for pk, gap in _gaps_shared(community_ids).items()}


def short_by_community(community_ids: list[int], start: dt.date, end: dt.date) -> dict[int, int]:
    """Workers short of the township's target today, per community with a target."""
    return {pk: gap.workers_short for pk, gap in _gaps_shared(community_ids).items() if gap.has_target}


def uncovered_by_community(community_ids: list[int], start: dt.date, end: dt.date) -> dict[int, int]:
    """Places (groups, grids, buildings) the target covers that have no holder of the post today."""
    return {pk: gap.uncovered_count for pk, gap in _gaps_shared(community_ids).items() if gap.has_target}
