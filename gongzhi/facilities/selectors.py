"""Reads of the facilities, scoped to the viewer.

Who sees a facility: the people of its community (their register entry there, or a role held in it) and its
staff and township office (READERS over it); a shared facility is seen by the people of the neighbouring
communities too — the communities of the same township (decision 0054). Anything else is 404, as what does not
exist. The gap to the standard and the usage are computed from the facilities and the bookings each time they are
read, never typed. Bookers are named to the staff and to themselves; to anyone else they are masked (王**).
"""

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Q, QuerySet
from django.utils import timezone

from gongzhi.accounts.scopes import paths_for, role_paths, scope_q
from gongzhi.areas.models import Area, AreaKind, CommunityType
from gongzhi.core.errors import NotFound
from gongzhi.core.masking import mask_name
from gongzhi.residents.models import Resident
from gongzhi.residents.selectors import resident_base_for, resident_get_own

from .models import HOLDING_STATES, Booking, BookingState, Facility, FacilityPhoto, FacilityType, Standard
from .roles import KEEPERS, READERS, STANDARD_SETTERS

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


def townships_for(*, viewer) -> QuerySet[Area]:
    """The townships whose standard the viewer may edit."""
    return Area.objects.filter(scope_q(paths_for(viewer, STANDARD_SETTERS), "path"), kind=AreaKind.TOWNSHIP)


def township_get_for(*, viewer, township_id: int) -> Area:
    found = townships_for(viewer=viewer).filter(pk=township_id).first()
    if found is None:
        raise NotFound()
    return found


def home_communities(viewer) -> list[Area]:
    """The viewer's own communities: where they are registered, where a role of theirs lies (a community or a
    place inside one), and those their staff roles cover."""
    if not getattr(viewer, "is_authenticated", False):
        return []
    condition = Q(pk__in=[])
    own = resident_get_own(viewer=viewer)
    if own is not None and own.status == "active":
        condition |= Q(pk=own.community_id)
    held = [path for _role, path in role_paths(viewer)]
    prefixes = {path[:n] for path in held for n in range(8, len(path) + 1, 8)}
    if prefixes:
        condition |= Q(path__in=prefixes)
    condition |= scope_q(paths_for(viewer, READERS), "path")
    return list(Area.objects.filter(condition, kind=AreaKind.COMMUNITY).order_by("path"))


def visible_q(viewer) -> Q:
    """Facilities the viewer sees: their communities' and the neighbours' shared ones (the same township)."""
    homes = home_communities(viewer)
    if not homes:
        return Q(pk__in=[])
    return Q(community__in=homes) | Q(shared=True, community__parent_id__in={c.parent_id for c in homes})


def is_neighbour(facility: Facility, community: Area) -> bool:
    return facility.community.parent_id == community.parent_id


# --- The catalogue and the township's standard -----------------------------------------------


@dataclass(frozen=True)
class StandardRow:
    facility_type: FacilityType
    required_village: bool
    required_urban: bool
    signage: list[str]
    own: bool  # the township set it (else the catalogue's default)

    def required_for(self, community: Area) -> bool:
        if community.community_type == CommunityType.URBAN:
            return self.required_urban
        if community.community_type == CommunityType.VILLAGE:
            return self.required_village
        return self.required_village or self.required_urban


def facility_types(township: Area | None = None, *, retired: bool = False) -> list[FacilityType]:
    """The types a township's communities use: the catalogue's and the township's own (retired ones only when
    asked)."""
    reach = Q(township__isnull=True)
    if township is not None:
        reach |= Q(township=township)
    found = FacilityType.objects.filter(reach)
    if not retired:
        found = found.filter(retired=False)
    return list(found.order_by("sort_order", "id"))


def own_types(township: Area) -> list[FacilityType]:
    """The types the township added itself, retired ones included."""
    return list(FacilityType.objects.filter(township=township).order_by("retired", "sort_order", "id"))


def own_type_get(township: Area, type_id: int | None) -> FacilityType:
    found = FacilityType.objects.filter(township=township, pk=type_id or 0).first()
    if found is None:
        raise NotFound()
    return found


def township_of(community: Area) -> Area | None:
    return _township_of(community)


def type_get(type_id: int) -> FacilityType:
    found = FacilityType.objects.filter(pk=type_id).first()
    if found is None:
        raise NotFound()
    return found


def standard_of(township: Area | None) -> list[StandardRow]:
    """The township's standard, type by type: its own where it set one, else the catalogue's default."""
    own = (
        {s.facility_type_id: s for s in Standard.objects.filter(township=township)}
        if township is not None
        else {}
    )
    rows = []
    for kind in facility_types(township):
        mine = own.get(kind.pk)
        source = mine or kind
        rows.append(
            StandardRow(
                kind, source.required_village, source.required_urban, list(source.signage), mine is not None
            )
        )
    return rows


# --- Facilities ------------------------------------------------------------------------------


def _facilities() -> QuerySet[Facility]:
    return Facility.objects.select_related("community", "facility_type").prefetch_related("functions")


def facility_list_for(*, viewer, community: Area | None = None) -> QuerySet[Facility]:
    query = _facilities().filter(visible_q(viewer))
    if community is not None:
        query = query.filter(community=community)
    return query.order_by("area_path", "facility_type__sort_order", "name", "id")


def facility_get_for(*, viewer, facility_id: int) -> Facility:
    found = _facilities().filter(visible_q(viewer), pk=facility_id).first()
    if found is None:
        raise NotFound()
    return found


def facility_photos(facility: Facility) -> list[FacilityPhoto]:
    return list(FacilityPhoto.objects.filter(facility=facility).select_related("photo"))


def facility_photo_get(facility: Facility, photo_id: int) -> FacilityPhoto:
    found = FacilityPhoto.objects.filter(facility=facility, pk=photo_id).select_related("photo").first()
    if found is None:
        raise NotFound()
    return found


def served_types(facility: Facility) -> list[FacilityType]:
    """Its main type and every other type the room also serves (一室多用)."""
    return [
        facility.facility_type,
        *[t for t in facility.functions.all() if t.pk != facility.facility_type_id],
    ]


# --- The gap to the standard -----------------------------------------------------------------


@dataclass
class Gap:
    community: Area
    required: list[FacilityType] = field(default_factory=list)
    missing: list[FacilityType] = field(default_factory=list)
    # (facility, the signage items its type's standard needs that it lacks)
    signage_missing: list[tuple[Facility, list[str]]] = field(default_factory=list)

    @property
    def present(self) -> int:
        return len(self.required) - len(self.missing)

    @property
    def signage_short(self) -> int:
        return sum(len(items) for _f, items in self.signage_missing)


def gap_compute(community: Area, facilities: list[Facility], standard: list[StandardRow]) -> Gap:
    """Which required types no facility of the community serves, and which signage items each facility lacks."""
    by_type = {row.facility_type.pk: row for row in standard}
    served = {t.pk for f in facilities for t in served_types(f)}
    gap = Gap(community)
    for row in standard:
        if row.required_for(community):
            gap.required.append(row.facility_type)
            if row.facility_type.pk not in served:
                gap.missing.append(row.facility_type)
    for facility in facilities:
        own_row = by_type.get(facility.facility_type_id)
        needed = own_row.signage if own_row else []
        lacking = [item for item in needed if item not in (facility.signage or [])]
        if lacking:
            gap.signage_missing.append((facility, lacking))
    return gap


def _township_of(community: Area) -> Area | None:
    if community.parent_id is None:
        return None
    return Area.objects.filter(pk=community.parent_id, kind=AreaKind.TOWNSHIP).first()


def gap_of(community: Area) -> Gap:
    facilities = list(_facilities().filter(community=community))
    return gap_compute(community, facilities, standard_of(_township_of(community)))


def gap_table_for(*, viewer) -> list[Gap]:
    """One gap per community the viewer reads (the township view and its Excel export)."""
    communities = list(communities_for(viewer=viewer))
    facilities: dict[int, list[Facility]] = defaultdict(list)
    for facility in _facilities().filter(community__in=communities):
        facilities[facility.community_id].append(facility)
    townships = {a.pk: a for a in Area.objects.filter(pk__in={c.parent_id for c in communities})}
    standards = {pk: standard_of(t) for pk, t in townships.items()}
    return [
        gap_compute(c, facilities[c.pk], standards.get(c.parent_id or 0) or standard_of(None))
        for c in communities
    ]


# --- Bookings --------------------------------------------------------------------------------


def _bookings() -> QuerySet[Booking]:
    return Booking.objects.select_related(
        "facility", "community", "user", "resident", "organisation", "booked_by"
    )


def upcoming_of(facility: Facility) -> QuerySet[Booking]:
    """The slots held from now on (pending and approved): what anyone who sees the facility sees, masked."""
    return _bookings().filter(facility=facility, state__in=HOLDING_STATES, ends_at__gt=timezone.now())


def bookings_of(facility: Facility, *, limit: int = 100) -> list[Booking]:
    """Every booking of the facility, latest first (the staff's view)."""
    return list(_bookings().filter(facility=facility).order_by("-starts_at", "-id")[:limit])


def mine_for(*, viewer) -> QuerySet[Booking]:
    return _bookings().filter(Q(user=viewer) | Q(booked_by=viewer)).order_by("-starts_at", "-id")


def pending_for(*, viewer) -> QuerySet[Booking]:
    """The bookings waiting for the viewer's approval (the communities they keep)."""
    return (
        _bookings()
        .filter(scope_q(paths_for(viewer, KEEPERS)), state=BookingState.PENDING)
        .order_by("starts_at", "id")
    )


def booking_get_for(*, viewer, booking_id: int) -> Booking:
    """A booking its booker, the one who typed it, or the facility's staff may read; else 404."""
    mine = (
        Q(user=viewer) | Q(booked_by=viewer) if getattr(viewer, "is_authenticated", False) else Q(pk__in=[])
    )
    found = _bookings().filter(mine | scope_q(paths_for(viewer, READERS)), pk=booking_id).first()
    if found is None:
        raise NotFound()
    return found


def booker_name(booking: Booking) -> str:
    if booking.organisation is not None:
        return booking.organisation.name
    if booking.resident is not None:
        return booking.resident.name
    return booking.user.display_name if booking.user is not None else booking.booked_by.display_name


def booker_label(booking: Booking, *, viewer) -> str:
    """The booker as this viewer may see them: an organisation by name; a person named to the staff and to
    themselves, masked (王**) to anyone else."""
    if booking.organisation is not None:
        return booking.organisation.name
    own = getattr(viewer, "pk", None) in (booking.user_id, booking.booked_by_id)
    if own or viewer.has_perm("facilities.view", booking):
        return booker_name(booking)
    return mask_name(booker_name(booking))


# --- Usage -----------------------------------------------------------------------------------


def _hours(starts_at: dt.datetime, ends_at: dt.datetime) -> float:
    return (ends_at - starts_at).total_seconds() / 3600


def usage_of(facility: Facility, *, months: int = 6) -> list[tuple[str, float, int]]:
    """Hours booked and bookings per month (approved bookings, by their start), the last `months` months
    including the current one and the coming months already booked; computed from the bookings."""
    today = timezone.localdate()
    first = (today.replace(day=1) - dt.timedelta(days=31 * (months - 1))).replace(day=1)
    totals: dict[str, list[float]] = defaultdict(lambda: [0.0, 0])
    for starts_at, ends_at in Booking.objects.filter(
        facility=facility,
        state=BookingState.APPROVED,
        starts_at__gte=timezone.make_aware(dt.datetime.combine(first, dt.time())),
    ).values_list("starts_at", "ends_at"):
        key = timezone.localtime(starts_at).strftime("%Y-%m")
        totals[key][0] += _hours(starts_at, ends_at)
        totals[key][1] += 1
    return [(month, round(hours, 1), int(n)) for month, (hours, n) in sorted(totals.items())]


def free_hours_of(facility: Facility, day: dt.date) -> list[tuple[dt.datetime, dt.datetime]]:
    """The held slots of one day (for the booking form's "already booked" list)."""
    start = timezone.make_aware(dt.datetime.combine(day, dt.time()))
    end = start + dt.timedelta(days=1)
    return list(
        Booking.objects.filter(
            facility=facility, state__in=HOLDING_STATES, starts_at__lt=end, ends_at__gt=start
        ).values_list("starts_at", "ends_at")
    )


def representing(viewer, facility: Facility, homes: list[Area] | None = None):
    """The registered organisations the viewer may book for: those they represent that serve the facility's
    community or one of the viewer's communities."""
    from gongzhi.orgs.models import OrgState
    from gongzhi.orgs.selectors import organisations_represented, serving_q

    communities = [facility.community, *(homes if homes is not None else home_communities(viewer))]
    condition = Q(pk__in=[])
    for community in communities:
        condition |= serving_q(community)
    return organisations_represented(viewer).filter(condition, state=OrgState.REGISTERED).distinct()


def assisted_residents(*, viewer, facility: Facility) -> QuerySet[Resident]:
    """The residents the staff may book for at `facility`: active, of its community, on the register within the
    viewer's reach as a keeper."""
    return (
        resident_base_for(viewer=viewer, roles=KEEPERS)
        .filter(community=facility.community, status="active")
        .order_by("name_sort", "id")
    )


def assisted_resident_get(*, viewer, resident_id: int | None) -> Resident | None:
    """A resident the staff book for, found only on the register within their reach as a keeper: None when the
    id is missing, unknown or out of reach alike (the caller answers "请选择居民。")."""
    if not resident_id:
        return None
    return resident_base_for(viewer=viewer, roles=KEEPERS).filter(pk=resident_id).first()


# --- The township's oversight figures (gongzhi.core.indicators) ------------------------------------------


def gap_counts_by_community(community_ids: list[int], start: dt.date, end: dt.date) -> dict[int, int]:
    """Required facility types no facility of the community serves, today (the standard and the facilities as
    recorded now: the gap is a state, not an event of the period). A few queries for all the communities, reading
    only the types each serves (the same count `gap_compute` makes, without building the facilities)."""
    communities = list(Area.objects.filter(pk__in=community_ids, kind=AreaKind.COMMUNITY).only(
        "pk", "parent_id", "community_type"))  # fmt: skip
    served: dict[int, set[int]] = defaultdict(set)
    for community_id, type_id in Facility.objects.filter(community__in=communities).values_list(
        "community_id", "facility_type_id"
    ):
        served[community_id].add(type_id)
    also = Facility.functions.through.objects.filter(facility__community__in=communities)
    for community_id, type_id in also.values_list("facility__community_id", "facilitytype_id"):
        served[community_id].add(type_id)
    townships = {a.pk: a for a in Area.objects.filter(pk__in={c.parent_id for c in communities})}
    standards = {pk: standard_of(t) for pk, t in townships.items()}
    fallback = None
    result = {}
    for community in communities:
        standard = standards.get(community.parent_id or 0)
        if standard is None:
            fallback = fallback if fallback is not None else standard_of(None)
            standard = fallback
        mine = served[community.pk]
        result[community.pk] = sum(
            1 for row in standard if row.required_for(community) and row.facility_type.pk not in mine
        )
    return result
