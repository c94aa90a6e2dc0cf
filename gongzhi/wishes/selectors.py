"""Reads of wishes: the public wall (no personal data beyond the tier), and the scoped staff views."""

import datetime as dt

from django.db.models import Count, F, Q, QuerySet, Sum
from django.utils.translation import gettext as _

from gongzhi.accounts.scopes import paths_for, scope_q
from gongzhi.areas.models import Area
from gongzhi.cases.models import PUBLIC_TIERS, Case, PrivacyTier
from gongzhi.cases.selectors import case_public_text, case_routed_q, case_timeline
from gongzhi.core.authz import can
from gongzhi.core.errors import NotFound
from gongzhi.core.indicators import Epoch, period_bounds, ratios_by, shared
from gongzhi.core.masking import mask_name

from .models import Wish
from .roles import WISH_HELPERS
from .workflow import OPEN_STATES, PUBLIC_STATES, THREAD_STATES, WISH


def _base() -> QuerySet[Wish]:
    return Wish.objects.select_related("case", "case__community")


def wall_for(
    *, community: Area | None = None, category: str | None = None, state: str | None = None
) -> QuerySet[Wish]:
    """What anyone may see, logged in or not: published and later, not staff-only. Newest first.

    The wisher (resident or account) comes in the same query, for the label.
    One community's wall reads the case_wall index (community, kind, state,
    -created_at). The whole township's (or county's) wall goes newest first
    by id instead — ids follow the order wishes are posted in — so that it
    walks the primary key backwards and stops after a page, where sorting by
    created_at would sort every public wish of the county on each request.
    """
    states = [state] if state in PUBLIC_STATES else list(PUBLIC_STATES)
    query = (
        _base()
        .select_related("case__resident", "case__author")
        .filter(case__kind=WISH.kind, case__state__in=states, case__privacy__in=PUBLIC_TIERS)
    )
    if category:
        query = query.filter(category=category)
    if community is not None:
        return query.filter(case__community=community).order_by("-case__created_at", "-case_id")
    return query.order_by("-case_id")


WALL_FIELDS = (
    "category",
    "case__title",
    "case__state",
    "case__privacy",
    "case__created_at",
    "case__community__name",
    "case__resident__name",
    "case__author__username",
    "case__author__display_name",
    "case__sensitive",
    "case__pii_released",
)


def wall_page_for(
    *,
    community: Area | None = None,
    category: str | None = None,
    state: str | None = None,
    page: int = 1,
    per_page: int = 24,
) -> tuple[list[tuple[int, dt.datetime]], bool]:
    """Which wishes make one page of the wall: ([(id, updated_at)], whether there is a next page).

    No COUNT: on the county's wall that would count a million rows per
    request. The page is picked among the cases alone — on one community's
    wall from the case_wall index only, without reading a table row; on the
    whole wall by walking the ids backwards — and only its rows are read, for
    the time each last changed (the page view keys its cache on them). A
    wish that is not public (restricted, staff-only) is dropped later
    (`wall_wishes`), so a page may show a card fewer than `per_page`; no
    wish is skipped or shown twice.
    """
    states = [state] if state in PUBLIC_STATES else list(PUBLIC_STATES)
    offset = (page - 1) * per_page
    cases = Case.objects.filter(kind=WISH.kind, state__in=states)
    if category:
        cases = cases.filter(wish__category=category)
    order = ("-created_at", "-id") if community is not None else ("-id",)
    if community is not None:
        cases = cases.filter(community=community)
    picked = cases.order_by(*order).values("id")[offset : offset + per_page + 1]
    keys = list(Case.objects.filter(id__in=picked).order_by(*order).values_list("id", "updated_at"))
    return keys[:per_page], len(keys) > per_page


def wall_wishes(*, ids: list[int], community: Area | None = None) -> list[Wish]:
    """The wall's cards for these ids, in wall order: only the columns a card shows, wisher included."""
    if not ids:
        return []
    query = wall_for(community=community).filter(case_id__in=ids).only(*WALL_FIELDS)
    return list(query)


def restricted_for(*, viewer, limit: int = 50) -> list[Wish]:
    """Published wishes kept off the public wall (restricted tier) that this helper may claim:
    in the communities where they hold a helper role, not their own. Shown to them without the story."""
    if not viewer.is_authenticated:
        return []
    paths = paths_for(viewer, WISH_HELPERS)
    if not paths:
        return []
    query = (
        _base()
        .filter(
            scope_q(paths, "case__area_path"),
            case__kind=WISH.kind,
            case__state="published",
            case__privacy=PrivacyTier.RESTRICTED,
        )
        .exclude(case__author=viewer)
        .order_by("-case__created_at", "-case_id")
    )
    return list(query[:limit])


def queue_for(*, viewer, state: str | None = None) -> QuerySet[Wish]:
    """The wishes routed to the viewer (`case_routed_q`: in each state, the roles the wish's type names for it,
    over the wish's community) in the open states or `state`; oldest due first (overdue on top), wishes
    without a due time last.

    NULLS LAST is spelled out: PostgreSQL sorts nulls last ascending, SQLite first."""
    states = [state] if state else list(OPEN_STATES)
    query = _base().filter(case_routed_q(viewer, WISH, states=states, prefix="case__"))
    return query.select_related("claimer", "case__resident", "case__author").order_by(
        F("case__due_at").asc(nulls_last=True), "case__created_at", "case_id"
    )


def mine_for(*, viewer) -> QuerySet[Wish]:
    if not viewer.is_authenticated:
        return Wish.objects.none()
    return (
        _base()
        .filter(Q(case__author=viewer) | Q(case__submitted_by=viewer) | Q(claimer=viewer))
        .select_related("claimer", "case__resident", "case__author")
        .order_by("-case__updated_at")
    )


def wish_get_for(*, viewer, wish_id: int) -> Wish:
    """A wish the viewer may see: public on the wall, or theirs, or in their staff scope.

    Missing and not-yours answer alike (NotFound), so ids cannot be probed.
    """
    wish = (
        _base().select_related("claimer", "case__resident", "case__submitted_by").filter(pk=wish_id).first()
    )
    if wish is None:
        raise NotFound()
    if is_public(wish) or (viewer.is_authenticated and can(viewer, "wishes.view_private", wish)):
        return wish
    if is_claimable_restricted(wish) and viewer.is_authenticated and can(viewer, "wishes.claim", wish):
        return wish  # shown without its story until claimed (see story_visible)
    raise NotFound()


def is_public(wish: Wish) -> bool:
    return wish.case.state in PUBLIC_STATES and wish.case.privacy in PUBLIC_TIERS


def is_claimable_restricted(wish: Wish) -> bool:
    return wish.case.state == "published" and wish.case.privacy == PrivacyTier.RESTRICTED


def story_visible(wish: Wish, viewer) -> bool:
    """The story (and photos) of a wish: on public wishes to all; on the others to those it concerns."""
    return is_public(wish) or (viewer.is_authenticated and can(viewer, "wishes.view_private", wish))


def public_text(wish: Wish, text: str, *, private: bool) -> str:
    """Text as this viewer sees it: as stored to those it concerns, else with personal data redacted."""
    return text if private else case_public_text(wish.case, text)


def wisher_label(wish: Wish, *, private: bool) -> str:
    """How the wisher is named: in full to those who may see it, else per the privacy tier.

    A surname only on a public-tier wish that is not about health,
    disability, living alone, hardship or 三留守; otherwise 一位居民.
    """
    resident = wish.case.resident
    author = wish.case.author
    name = resident.name if resident is not None else (str(author) if author is not None else "")
    if private and name:
        return name
    if wish.case.privacy == PrivacyTier.PUBLIC and not wish.case.sensitive and name:
        return mask_name(name)
    return _("一位居民")


def timeline_of(wish: Wish, *, private: bool) -> list[dict]:
    """The case's timeline (case_timeline): publicly the wisher appears as 许愿人 and notes are left out."""
    return case_timeline(wish.case, private=private, author_alias=_("许愿人"))


def claim_days_of(communities) -> dict[int, int]:
    """{community id: claim period in days} for communities that changed the default."""
    from .models import WishSettings

    return dict(
        WishSettings.objects.filter(community__in=communities).values_list("community_id", "claim_days")
    )


def thread_for(*, viewer, wish: Wish) -> list | None:
    """The wish's private thread as `viewer` may read it, or None when they are not part of it.

    A claimer reads what was written since they claimed it (not what the
    wisher said to an earlier claimer); the wisher, whoever typed the wish
    and staff read it all.
    """
    from gongzhi.cases.selectors import case_messages

    if not viewer.is_authenticated or not can(viewer, "wishes.message", wish):
        return None
    if wish.case.state not in THREAD_STATES and not wish.case.messages.exists():
        return None
    messages = case_messages(wish.case)
    concerned = viewer.pk in (wish.case.author_id, wish.case.submitted_by_id) or can(
        viewer, "wishes.moderate", wish
    )
    if not concerned and wish.claimed_at is not None:
        messages = [m for m in messages if m.at >= wish.claimed_at]
    return messages


def contact_for(*, viewer, wish: Wish) -> dict | None:
    """What the claimer sees of how to reach the wisher: the phone and meeting place the wisher agreed
    to show, and, for an assisted wish, who typed it (messages reach the resident through them)."""
    if not viewer.is_authenticated or wish.claimer_id != viewer.pk:
        return None
    shared = wish.contact_shared
    return {
        "phone": wish.contact_phone if shared else "",
        "place": wish.meeting_place if shared else "",
        "via": wish.case.submitted_by if wish.case.assisted else None,
        "due_at": wish.claim_due_at if wish.case.state == "claimed" else None,
    }


def wish_deeds_between(community: Area, start: dt.date, end: dt.date) -> list:
    """The wishes of `community` whose fulfilment the wisher (or a witness) confirmed from `start` to `end`
    (local days, both included), as recorded deeds (gongzhi.core.deeds) of their claimer: once per wish. The
    description names no wisher, no title and no category (a wish may be about health or hardship)."""
    from django.utils import timezone

    from gongzhi.core.deeds import Deed

    zone = timezone.get_current_timezone()
    since = dt.datetime.combine(start, dt.time.min, tzinfo=zone)
    until = dt.datetime.combine(end + dt.timedelta(days=1), dt.time.min, tzinfo=zone)
    rows = (
        Wish.objects.filter(
            case__community=community, claimer__isnull=False, confirmed_at__gte=since, confirmed_at__lt=until
        )
        .order_by("confirmed_at", "case_id")
        .values_list("case_id", "claimer_id", "confirmed_at")
    )
    return [
        Deed(
            source="wishes",
            source_id=case_id,
            on=timezone.localdate(confirmed_at),
            description=_("帮助实现了一个微心愿，经许愿人确认"),
            user_id=claimer_id,
        )
        for case_id, claimer_id, confirmed_at in rows
    ]


# --- The township's oversight figures (gongzhi.core.indicators): one aggregate query each ----------------


def _wishes_of(community_ids: list[int]):
    return Wish.objects.filter(case__community_id__in=community_ids).values(community=F("case__community_id"))


def _wish_counts(community_ids: list[int], start: dt.date, end: dt.date) -> list[dict]:
    """Per community, the wishes claimed in the period (and their hours from posting to claim) and those
    confirmed in it: one query for the three figures, read once per page (gongzhi.core.indicators.shared)."""
    since, until = period_bounds(start, end)
    claimed = Q(claimed_at__gte=since, claimed_at__lt=until)
    confirmed = Q(confirmed_at__gte=since, confirmed_at__lt=until)

    def read() -> list[dict]:
        return list(
            _wishes_of(community_ids)
            .filter(claimed | confirmed)
            .annotate(
                claimed=Count("pk", filter=claimed),
                confirmed=Count("pk", filter=confirmed),
                hours=Sum((Epoch("claimed_at") - Epoch("case__created_at")) / 3600.0, filter=claimed),
            )
        )

    return shared(("wishes.counts", tuple(community_ids), start, end), read)


def claimed_by_community(community_ids: list[int], start: dt.date, end: dt.date) -> dict[int, int]:
    """Wishes claimed by a helper in the period."""
    return {
        row["community"]: row["claimed"] for row in _wish_counts(community_ids, start, end) if row["claimed"]
    }


def confirmed_by_community(community_ids: list[int], start: dt.date, end: dt.date) -> dict[int, int]:
    """Wishes whose fulfilment the wisher (or a witness) confirmed in the period."""
    rows = _wish_counts(community_ids, start, end)
    return {row["community"]: row["confirmed"] for row in rows if row["confirmed"]}


def response_hours_by_community(community_ids: list[int], start: dt.date, end: dt.date):
    """Mean hours from a wish's posting to its claim, over the wishes claimed in the period (a Ratio: hours
    summed over wishes counted, so the township's mean is over all its wishes)."""
    return ratios_by(_wish_counts(community_ids, start, end), "hours", "claimed")
