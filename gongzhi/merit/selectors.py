"""Every read of the merit board, scoped to the viewer; the public board's reads, which show only what the
nominee consented to publish; and `board_entries_between`, the kernel-facing read of what went on the board."""

import datetime as dt
from dataclasses import dataclass

from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from gongzhi.accounts.scopes import paths_for, scope_q
from gongzhi.areas.models import Area, AreaKind
from gongzhi.bodies.models import Body, BodyKind
from gongzhi.bodies.selectors import body_of_kind, memberships_current
from gongzhi.core.deeds import Deed
from gongzhi.core.errors import NotFound
from gongzhi.residents.models import Resident

from .models import (
    CONSENTED_STATES,
    PUBLICITY_DAYS_DEFAULT,
    MeritCategory,
    MeritSetting,
    Nomination,
    NominationState,
    Objection,
    ReviewOpinion,
)
from .roles import KEEPERS, READERS, STAFF_NOMINATORS

PUBLIC_STATES = (NominationState.PUBLICISED, NominationState.ON_BOARD)


def review_body(community: Area) -> Body | None:
    """The community's 道德评议会 (gongzhi.bodies: one per community), if it has one."""
    return body_of_kind(community, BodyKind.MORAL_REVIEW)


def review_members(community: Area, on: dt.date | None = None) -> list[Resident]:
    """The current members of the community's 道德评议会 (each once, whatever their post)."""
    body = review_body(community)
    if body is None:
        return []
    seen: dict[int, Resident] = {}
    for membership in memberships_current(body, on):
        seen.setdefault(membership.resident_id, membership.resident)
    return list(seen.values())


def review_member_of(user, community: Area) -> Resident | None:
    """The viewer's entry in the register if they sit on the community's 道德评议会 today, else None."""
    if not getattr(user, "is_authenticated", False):
        return None
    for member in review_members(community):
        if member.user_id == user.pk:
            return member
    return None


def _review_communities(user) -> list[int]:
    """The communities on whose 道德评议会 the viewer sits today."""
    if not getattr(user, "is_authenticated", False):
        return []
    day = timezone.localdate()
    from gongzhi.bodies.models import Membership

    return list(
        Membership.objects.filter(
            body__kind=BodyKind.MORAL_REVIEW, body__active=True, resident__user=user, started_on__lte=day
        )
        .filter(Q(ended_on=None) | Q(ended_on__gte=day))
        .values_list("body__area_id", flat=True)
    )


def _visible_q(viewer) -> Q:
    q = scope_q(paths_for(viewer, READERS)) | Q(nominated_by=viewer) | Q(consenter__user=viewer)
    communities = _review_communities(viewer)
    if communities:
        q |= Q(community_id__in=communities, state__in=CONSENTED_STATES)
    return q


def nominations_for(*, viewer, community_id: int | None = None, state: str = "") -> QuerySet[Nomination]:
    if not viewer.is_authenticated:
        return Nomination.objects.none()
    rows = Nomination.objects.filter(_visible_q(viewer))
    if community_id:
        rows = rows.filter(community_id=community_id)
    if state:
        rows = rows.filter(state=state)
    return rows.select_related("community", "category", "resident", "household", "consenter", "organisation")


def nomination_get_for(*, viewer, nomination_id: int) -> Nomination:
    found = nominations_for(viewer=viewer).filter(pk=nomination_id).first()
    if found is None:
        raise NotFound()
    return found


def communities_kept_by(viewer) -> QuerySet[Area]:
    return Area.objects.filter(scope_q(paths_for(viewer, KEEPERS), "path"), kind=AreaKind.COMMUNITY).order_by(
        "path"
    )


def community_kept_get(*, viewer, community_id: int) -> Area:
    found = communities_kept_by(viewer).filter(pk=community_id).first()
    if found is None:
        raise NotFound()
    return found


def staff_nominator_over(user, community: Area) -> bool:
    paths = paths_for(user, STAFF_NOMINATORS)
    return any(community.path.startswith(path) or path.startswith(community.path) for path in paths)


def communities_nominable_by(user) -> list[Area]:
    """Where the user may nominate: the communities they work in as staff, and the one they live in."""
    staff = list(
        Area.objects.filter(scope_q(paths_for(user, STAFF_NOMINATORS), "path"), kind=AreaKind.COMMUNITY)
    )
    own = Resident.objects.filter(user=user).select_related("community").first()
    if own is not None and own.community_id not in {c.pk for c in staff}:
        staff.append(own.community)
    return sorted(staff, key=lambda area: area.path)


def organisations_nominating_for(user, communities: list[Area]) -> list:
    """The registered organisations the user speaks for in the communities they may nominate in."""
    from gongzhi.orgs.selectors import organisations_speaking_for

    seen: dict[int, object] = {}
    for community in communities:
        for org in organisations_speaking_for(user, community):
            seen.setdefault(org.pk, org)
    return list(seen.values())


def community_ids_nominable_by(user, communities: list[Area], organisations: list) -> set[int]:
    """Where the user may nominate: their own communities, and those their organisations serve."""
    ids = {c.pk for c in communities}
    if organisations:
        from gongzhi.orgs.selectors import communities_served

        ids |= {c.pk for org in organisations for c in communities_served(org)}
    return ids


def communities_in(ids: set[int]) -> QuerySet[Area]:
    return Area.objects.filter(pk__in=ids).order_by("path")


def community_nominable_get(*, viewer, community_id: int) -> Area:
    """A community the viewer may nominate in (as the nominating page offers), or NotFound: a community outside
    their reach and one that does not exist answer alike."""
    communities = communities_nominable_by(viewer)
    ids = community_ids_nominable_by(viewer, communities, organisations_nominating_for(viewer, communities))
    found = (
        Area.objects.filter(pk=community_id, kind=AreaKind.COMMUNITY).first() if community_id in ids else None
    )
    if found is None:
        raise NotFound()
    return found


def category_get(category_id: int) -> MeritCategory:
    """Any category, active or retired (for the township office that keeps the list), or NotFound."""
    found = categories_all().filter(pk=category_id).first()
    if found is None:
        raise NotFound()
    return found


def category_active_get(category_id: int) -> MeritCategory:
    """A category nominations may name (an active one), or NotFound."""
    found = categories_active().filter(pk=category_id).first()
    if found is None:
        raise NotFound()
    return found


def categories_active() -> QuerySet[MeritCategory]:
    return MeritCategory.objects.filter(active=True)


def categories_all() -> QuerySet[MeritCategory]:
    return MeritCategory.objects.all()


def publicity_days_of(community: Area) -> int:
    setting = MeritSetting.objects.filter(community=community).first()
    return setting.publicity_days if setting else PUBLICITY_DAYS_DEFAULT


def opinions_of(nomination: Nomination) -> QuerySet[ReviewOpinion]:
    return ReviewOpinion.objects.filter(nomination=nomination).select_related("member")


def objections_of(nomination: Nomination) -> QuerySet[Objection]:
    return Objection.objects.filter(nomination=nomination)


def objection_of(nomination: Nomination, user) -> Objection | None:
    if not getattr(user, "is_authenticated", False):
        return None
    return Objection.objects.filter(nomination=nomination, by=user).first()


def nominations_waiting_for(viewer) -> dict[str, list[Nomination]]:
    """What waits for the viewer: their consent, their review opinion, and (staff) the keepers' moves. One query
    for the first two (the home page of every signed-in user asks), one more for those who keep a board."""
    if not viewer.is_authenticated:
        return {}
    from gongzhi.bodies.models import Membership

    day = timezone.localdate()
    sits_on = (
        Membership.objects.filter(
            body__kind=BodyKind.MORAL_REVIEW, body__active=True, resident__user=viewer, started_on__lte=day
        )
        .filter(Q(ended_on=None) | Q(ended_on__gte=day))
        .values("body__area_id")
    )
    mine = list(
        Nomination.objects.filter(
            Q(consenter__user=viewer, state=NominationState.AWAITING_CONSENT)
            | (
                Q(community_id__in=sits_on, state=NominationState.IN_REVIEW)
                & ~Q(consenter__user=viewer)
                & ~Q(pk__in=ReviewOpinion.objects.filter(by=viewer).values("nomination_id"))
            )
        )
        .select_related("category")
        .order_by("nominated_at", "id")[:20]
    )
    consent = [n for n in mine if n.state == NominationState.AWAITING_CONSENT]
    review = [n for n in mine if n.state == NominationState.IN_REVIEW]
    keep_paths = paths_for(viewer, KEEPERS)
    keep: list[Nomination] = []
    if keep_paths:
        keep = list(
            Nomination.objects.filter(scope_q(keep_paths))
            .filter(
                Q(state=NominationState.PASSED)
                | Q(state=NominationState.PUBLICISED, objections__answered_at__isnull=True)
                | Q(state=NominationState.PUBLICISED, publicity_ends_at__lte=timezone.now())
            )
            .distinct()
            .select_related("category", "community")
            .order_by("updated_at")[:10]
        )
    return {"consent": consent, "review": review, "keep": keep}


# --- Public -----------------------------------------------------------------------------------


def board_entries(community: Area, category_id: int | None = None) -> QuerySet[Nomination]:
    """A community's board: the entries placed on it, newest first (no counts, no ranking)."""
    rows = Nomination.objects.filter(community=community, state=NominationState.ON_BOARD)
    if category_id:
        rows = rows.filter(category_id=category_id)
    return rows.select_related("category", "community").order_by("-placed_at", "-id")


def board_entries_township(township: Area, category_id: int | None = None) -> QuerySet[Nomination]:
    rows = Nomination.objects.filter(
        area_path__startswith=township.path, state=NominationState.ON_BOARD
    ).select_related("category", "community")
    if category_id:
        rows = rows.filter(category_id=category_id)
    return rows.order_by("-placed_at", "-id")


def publicity_entries(community: Area) -> QuerySet[Nomination]:
    """What a community posts for objections now (公示中), for its board page."""
    return (
        Nomination.objects.filter(community=community, state=NominationState.PUBLICISED)
        .select_related("category")
        .order_by("publicity_ends_at", "id")
    )


def entry_public_get(nomination_id: int) -> Nomination:
    """An entry anyone may read: posted for objections or on the board."""
    found = (
        Nomination.objects.filter(pk=nomination_id, state__in=PUBLIC_STATES)
        .select_related("category", "community")
        .first()
    )
    if found is None:
        raise NotFound()
    return found


def township_get_public(township_id: int) -> Area:
    found = Area.objects.filter(pk=township_id, kind=AreaKind.TOWNSHIP).first()
    if found is None:
        raise NotFound()
    return found


def townships_public() -> QuerySet[Area]:
    return Area.objects.filter(kind=AreaKind.TOWNSHIP).order_by("path")


@dataclass(frozen=True)
class BoardEntry:
    """One entry that went on a board, for a kernel hook (the points feature): who, which, when, what."""

    nomination_id: int
    community_id: int
    kind: str  # "person" or "family"
    resident_id: int | None
    household_id: int | None
    category: str
    placed_on: dt.date


def board_entries_between(community: Area, start: dt.date, end: dt.date) -> list[BoardEntry]:
    """The entries placed on `community`'s board from `start` to `end` (both inclusive, local dates) and
    still on it: the person or household, the day and the category. For the optional points feature."""
    tz = timezone.get_current_timezone()
    since = dt.datetime.combine(start, dt.time.min, tzinfo=tz)
    until = dt.datetime.combine(end + dt.timedelta(days=1), dt.time.min, tzinfo=tz)
    rows = (
        Nomination.objects.filter(
            community=community, state=NominationState.ON_BOARD, placed_at__gte=since, placed_at__lt=until
        )
        .select_related("category")
        .order_by("placed_at", "id")
    )
    return [
        BoardEntry(
            nomination_id=row.pk,
            community_id=row.community_id,
            kind=row.kind,
            resident_id=row.resident_id,
            household_id=row.household_id,
            category=row.category.name,
            placed_on=timezone.localtime(row.placed_at).date() if row.placed_at else start,
        )
        for row in rows
    ]


def board_deeds_between(community: Area, start: dt.date, end: dt.date) -> list[Deed]:
    """The entries placed on `community`'s board from `start` to `end`, as recorded deeds (gongzhi.core.deeds):
    an entry exists only once the 道德评议会 adopted it and its 公示 passed. A family's entry is its household's."""
    return [
        Deed(
            source="merit",
            source_id=entry.nomination_id,
            on=entry.placed_on,
            description=str(_("积德榜：%(category)s") % {"category": entry.category}),
            resident_id=entry.resident_id,
            household_id=entry.household_id,
        )
        for entry in board_entries_between(community, start, end)
    ]
