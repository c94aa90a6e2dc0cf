"""Reads of the register, always scoped to the viewer."""

import datetime as dt
import re
from typing import NamedTuple

from django.db.models import Case, Count, OuterRef, Q, QuerySet, Subquery, When
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from gongzhi.accounts.models import RoleAssignment, User
from gongzhi.accounts.roles import REGISTER_READERS, REGISTER_WRITERS, Role
from gongzhi.accounts.scopes import path_upper, paths_for, scope_q
from gongzhi.areas.models import Area
from gongzhi.areas.selectors import area_get_for, area_path_for, community_of
from gongzhi.core.crypto import blind_index
from gongzhi.core.errors import DomainError, NotFound
from gongzhi.core.indicators import shared
from gongzhi.core.lookups import cached_lookup
from gongzhi.core.validators import normalize_id_number, normalize_phone

from .codes import HEAD_RELATION
from .models import ExportRequest, Household, Resident, ResidentStatus, Tag

AGE_BANDS: dict[str, tuple[int, int | None]] = {
    "0-17": (0, 17),
    "18-34": (18, 34),
    "35-59": (35, 59),
    "60-79": (60, 79),
    "80+": (80, None),
}
AGE_BAND_LABELS = {
    "0-17": gettext_lazy("0–17岁"),
    "18-34": gettext_lazy("18–34岁"),
    "35-59": gettext_lazy("35–59岁"),
    "60-79": gettext_lazy("60–79岁"),
    "80+": gettext_lazy("80岁及以上"),
}


def _prefix_range(field: str, prefix: str) -> Q:
    """`field` starts with `prefix`, as a range so that a B-tree index serves it."""
    upper = prefix[:-1] + chr(ord(prefix[-1]) + 1)
    return Q(**{f"{field}__gte": prefix, f"{field}__lt": upper})


def _years_ago(today: dt.date, years: int) -> dt.date:
    try:
        return today.replace(year=today.year - years)
    except ValueError:  # 29 February
        return today.replace(year=today.year - years, day=28)


def _age_band_q(band: str, today: dt.date) -> Q:
    low, high = AGE_BANDS[band]
    query = Q(birth_date__lte=_years_ago(today, low))
    if high is not None:
        query &= Q(birth_date__gt=_years_ago(today, high + 1))
    return query


def search_q(text: str) -> Q | None:
    """Name (汉字 prefix), full pinyin or initials prefix, last 4 ID digits, full ID, or phone."""
    text = (text or "").strip()
    if not text:
        return None
    compact = text.replace(" ", "").lower()
    if re.fullmatch(r"\d{17}[\dxX]", compact):
        return Q(id_index=blind_index(normalize_id_number(compact), context="id_number"))
    phone = normalize_phone(compact)
    if re.fullmatch(r"1\d{10}", phone):
        return Q(phone_index=blind_index(phone, context="phone"))
    if re.fullmatch(r"\d{4}|\d{3}x", compact):
        return Q(id_last4=compact.upper())
    if re.fullmatch(r"[a-z]+", compact):
        return _prefix_range("name_initials", compact) | _prefix_range("name_pinyin", compact)
    return _prefix_range("name", text[:50])


# The columns a list row shows, on the staff page and in the API: a page of 20
# loads these and its community's and grid's names, not the sealed ID and
# addresses it never displays.
RESIDENT_LIST_FIELDS = (
    "name",
    "gender",
    "birth_date",
    "id_last4",
    "phone_masked",
    "ethnicity",
    "political_status",
    "residence_type",
    "status",
    "relation_to_head",
    "household",
    "community",
    "community__name",
    "grid",
    "grid__name",
)


def resident_base_for(*, viewer, roles=REGISTER_READERS) -> QuerySet[Resident]:
    return Resident.objects.filter(scope_q(paths_for(viewer, roles)))


def resident_list_for(
    *,
    viewer,
    area_id: int | None = None,
    tag: str | None = None,
    age_band: str | None = None,
    q: str | None = None,
    status: str | None = "active",
) -> QuerySet[Resident]:
    query = resident_base_for(viewer=viewer)
    if area_id:
        path = area_path_for(viewer=viewer, area_id=area_id, roles=REGISTER_READERS)
        query = query.filter(area_path__gte=path, area_path__lt=path_upper(path))
    if status:
        query = query.filter(status=status)
    if tag:
        query = query.filter(tags__code=tag)
    if age_band in AGE_BANDS:
        query = query.filter(_age_band_q(age_band, timezone.localdate()))
    condition = search_q(q or "")
    if condition is not None:
        query = query.filter(condition)
    # Pinyin order from the stored key (pinyin.name_sort_key), the same on SQLite and PostgreSQL.
    return query.select_related("community", "grid").order_by("name_sort", "name", "id")


def resident_get_for(*, viewer, resident_id: int, roles=REGISTER_READERS) -> Resident:
    resident = (
        resident_base_for(viewer=viewer, roles=roles)
        .select_related("community", "grid", "area", "household")
        .filter(pk=resident_id)
        .first()
    )
    if resident is None:
        raise NotFound()
    return resident


def resident_picked(*, viewer, resident_id: int | None, q: str) -> tuple[Resident | None, list[Resident]]:
    """A clerk picking a resident of the register in their scope (to act for them): the one picked, if any
    (none when out of their scope), else the first ten that match the search `q` (none without a search)."""
    if resident_id:
        try:
            return resident_get_for(viewer=viewer, resident_id=resident_id, roles=REGISTER_READERS), []
        except NotFound:
            pass
    q = (q or "").strip()[:50]
    return None, list(resident_list_for(viewer=viewer, q=q)[:10]) if q else []


def resident_get_own(*, viewer) -> Resident | None:
    if not viewer.is_authenticated:
        return None
    return Resident.objects.select_related("community", "grid", "household").filter(user=viewer).first()


class ResidentHome(NamedTuple):
    community: Area
    area_path: str
    resident: Resident | None  # their entry in the register, if they have one


def resident_home_of(user) -> ResidentHome:
    """Where a resident acting for themselves (a wish, a note) belongs: where they are registered,
    else the area of their 居民 role. DomainError when that area lies in no community."""
    resident = resident_get_own(viewer=user)
    if resident is not None:
        return ResidentHome(resident.community, resident.area_path, resident)
    assignment = user.role_assignments.filter(role=Role.RESIDENT).select_related("area").first()
    community = community_of(assignment.area)
    if community is None:
        raise DomainError(_("找不到您所在的村(社区)，请联系村(社区)工作人员。"))
    return ResidentHome(community, assignment.area.path, None)


def household_search_q(text: str, *, viewer) -> Q | None:
    """户编号 prefix, address, or any member the viewer may see: name, pinyin, initials ("zsf"), ID, phone.

    Members are found through the residents' own search (search_q and its
    index), so a household is found exactly as its head or members are.
    """
    text = (text or "").strip()
    if not text:
        return None
    condition = Q(number__startswith=text) | Q(address__contains=text)
    member = search_q(text)
    if member is not None:
        members = resident_base_for(viewer=viewer).filter(member, household__isnull=False)
        condition |= Q(pk__in=members.values("household_id"))
    return condition


def household_list_for(*, viewer, area_id: int | None = None, q: str | None = None) -> QuerySet[Household]:
    query = Household.objects.filter(scope_q(paths_for(viewer, REGISTER_READERS)))
    if area_id:
        area = area_get_for(viewer=viewer, area_id=area_id, roles=REGISTER_READERS)
        query = query.filter(area_path__gte=area.path, area_path__lt=path_upper(area.path))
    condition = household_search_q(q or "", viewer=viewer)
    if condition is not None:
        query = query.filter(condition)
    head = Resident.objects.filter(household=OuterRef("pk"), relation_to_head=HEAD_RELATION).order_by("id")
    return (
        query.select_related("community", "area")
        .annotate(head_name=Subquery(head.values("name")[:1]))
        .order_by("area_path", "number")
    )


def household_get_for(*, viewer, household_id: int, roles=REGISTER_READERS) -> Household:
    query = Household.objects.filter(scope_q(paths_for(viewer, roles)), pk=household_id)
    household = query.select_related("community", "area").first()
    if household is None:
        raise NotFound()
    return household


def household_member_candidates(*, viewer, household: Household, q: str) -> QuerySet[Resident]:
    """Registered residents the viewer may place into `household`: its community, not yet in it."""
    condition = search_q(q)
    if condition is None:
        return Resident.objects.none()
    return (
        resident_base_for(viewer=viewer, roles=REGISTER_WRITERS)
        .filter(condition, community_id=household.community_id, status=ResidentStatus.ACTIVE)
        .exclude(household=household)
        .select_related("household", "grid")
        .order_by("name_sort", "name", "id")
    )


def household_members(household: Household) -> QuerySet[Resident]:
    """The people of a household, head first, then by relation and age; those who left last."""
    return household.members.select_related("area").order_by(
        Case(When(status=ResidentStatus.ACTIVE, then=0), default=1),
        Case(When(relation_to_head=HEAD_RELATION, then=0), default=1),
        "relation_to_head",
        "birth_date",
        "id",
    )


def tag_choices() -> list[tuple[str, str]]:
    """(code, name) of every tag, for select boxes; cached briefly (gongzhi.core.lookups)."""
    return cached_lookup("tags", lambda: list(Tag.objects.values_list("code", "name")))


def import_job_list_for(*, viewer):
    from .models import ImportJob

    return ImportJob.objects.filter(actor=viewer).order_by("-id")


def import_job_get_for(*, viewer, job_id: int):
    job = import_job_list_for(viewer=viewer).filter(pk=job_id).first()
    if job is None:
        raise NotFound()
    return job


def community_register_counts(community: Area) -> dict[str, int]:
    """Residents aged 18 or over and households of a community, as the register has them today.

    The bases of a residents' or villagers' meeting's quorum (gongzhi.core.quorum):
    the meeting records them from here, so nobody counts them by hand again.
    """
    adult_born_by = _years_ago(timezone.localdate(), 18)
    adults = Resident.objects.filter(
        community=community, status="active", birth_date__lte=adult_born_by
    ).count()
    households = Household.objects.filter(community=community, members__status="active").distinct().count()
    return {"adults": adults, "households": households}


def export_request_list_for(*, viewer) -> QuerySet[ExportRequest]:
    """The viewer's own full-export requests and those over areas where they may approve."""
    from .roles import EXPORT_APPROVERS

    approvable = scope_q(paths_for(viewer, EXPORT_APPROVERS))
    return (
        ExportRequest.objects.filter(Q(requested_by=viewer) | approvable)
        .select_related("requested_by", "decided_by", "area")
        .order_by("-id")
    )


def export_request_get_for(*, viewer, request_id: int) -> ExportRequest:
    request = export_request_list_for(viewer=viewer).filter(pk=request_id).first()
    if request is None:
        raise NotFound()
    return request


ACCOUNT_NOT_FOUND = gettext_lazy("您管辖范围内的居民登记簿上没有这个用户名的在用账号。")


def account_in_reach(*, viewer, roles, username: str) -> User | None:
    """The active account named by `username`, looked up only among the people `viewer` may see through `roles`:
    those on the register within their reach, or holding a role there (a grid worker, an adviser). A blank username
    is None; an unknown username and one outside that reach are refused with the same message, so the lookup tells
    nothing about accounts elsewhere (it is not an oracle of who has an account)."""
    name = (username or "").strip()[:150]
    if not name:
        return None
    on_register = resident_base_for(viewer=viewer, roles=roles).filter(user__isnull=False).values("user_id")
    holding_a_role = RoleAssignment.objects.filter(scope_q(paths_for(viewer, roles))).values("user_id")
    found = (
        User.objects.filter(username__iexact=name, is_active=True)
        .filter(Q(pk__in=on_register) | Q(pk__in=holding_a_role))
        .first()
    )
    if found is None:
        raise DomainError(str(ACCOUNT_NOT_FOUND), field="username", code="account_not_found")
    return found


# --- The register's figures (gongzhi.core.indicators): people and households per community -------------


def _register_counts(community_ids: list[int], end: dt.date) -> dict[str, dict[int, int]]:
    """{figure: {community id: count}} of the people in the register: all, men, women, the elderly (60 or more
    on `end`) and the minors (under 18 on `end`), in one query for every community and figure."""
    figures = {
        "people": Q(),
        "men": Q(gender="M"),
        "women": Q(gender="F"),
        "elderly": Q(birth_date__lte=_years_ago(end, 60)),
        "minors": Q(birth_date__gt=_years_ago(end, 18)),
    }
    rows = list(
        Resident.objects.filter(community_id__in=community_ids, status=ResidentStatus.ACTIVE)
        .values("community")
        .annotate(**{name: Count("id", filter=query) for name, query in figures.items()})
        .values_list("community", *figures)
    )
    return {name: {row[0]: row[n] for row in rows if row[n]} for n, name in enumerate(figures, start=1)}


def _active_counts(community_ids: list[int], end: dt.date, figure: str) -> dict[int, int]:
    """One figure of `_register_counts`, read once for the page's five (gongzhi.core.indicators.shared)."""
    counts = shared(
        ("residents.register", tuple(community_ids), end), lambda: _register_counts(community_ids, end)
    )
    return counts[figure]


def people_by_community(community_ids: list[int], start: dt.date, end: dt.date) -> dict[int, int]:
    """The people in the register (在册) now, per community (a state, read as of today)."""
    return _active_counts(community_ids, end, "people")


def men_by_community(community_ids: list[int], start: dt.date, end: dt.date) -> dict[int, int]:
    return _active_counts(community_ids, end, "men")


def women_by_community(community_ids: list[int], start: dt.date, end: dt.date) -> dict[int, int]:
    return _active_counts(community_ids, end, "women")


def elderly_by_community(community_ids: list[int], start: dt.date, end: dt.date) -> dict[int, int]:
    """The people in the register aged 60 or more on the period's last day."""
    return _active_counts(community_ids, end, "elderly")


def minors_by_community(community_ids: list[int], start: dt.date, end: dt.date) -> dict[int, int]:
    """The people in the register under 18 on the period's last day."""
    return _active_counts(community_ids, end, "minors")


def households_by_community(community_ids: list[int], start: dt.date, end: dt.date) -> dict[int, int]:
    """The households with someone in the register now."""
    rows = (
        Resident.objects.filter(community_id__in=community_ids, status=ResidentStatus.ACTIVE)
        .values("community")
        .annotate(n=Count("household", distinct=True))
    )
    return {r["community"]: r["n"] for r in rows}
