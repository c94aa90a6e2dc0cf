"""Residents and households over the API: scoped like the pages, masked by default."""

from django.http import Http404
from django.utils.translation import gettext_noop
from ninja import Query, Router, Schema
from ninja.pagination import paginate

from gongzhi.core.api_input import BoundedPagination
from gongzhi.core.errors import NotFound
from gongzhi.core.ids import ApiId

from . import selectors

router = Router(tags=["居民 residents"])


class ResidentOut(Schema):
    id: int
    name: str
    gender: str
    birth_year: int
    id_number_masked: str
    phone_masked: str
    ethnicity: str
    political_status: str
    residence_type: str
    status: str
    community_id: int
    community_name: str
    grid_id: int | None
    household_id: int | None
    relation_to_head: str

    @staticmethod
    def resolve_birth_year(obj) -> int:
        return obj.birth_date.year

    @staticmethod
    def resolve_id_number_masked(obj) -> str:
        return obj.masked_id

    @staticmethod
    def resolve_community_name(obj) -> str:
        return obj.community.name


class HouseholdOut(Schema):
    id: int
    number: str
    address: str
    community_id: int
    area_id: int


class HouseholdDetailOut(HouseholdOut):
    members: list[ResidentOut]


class ResidentFilters(Schema):
    area_id: ApiId | None = None
    q: str | None = None
    tag: str | None = None
    age_band: str | None = None
    status: str | None = "active"


def _or_404(call):
    try:
        return call()
    except NotFound:
        raise Http404() from None


@router.get(
    "/residents", response=list[ResidentOut], summary=gettext_noop("居民列表（按管辖范围，证件号脱敏）")
)
@paginate(BoundedPagination)
def list_residents(request, filters: Query[ResidentFilters]):
    return _or_404(
        lambda: selectors.resident_list_for(
            viewer=request.auth,
            area_id=filters.area_id,
            q=(filters.q or "")[:50] or None,
            tag=filters.tag,
            age_band=filters.age_band,
            status=None if filters.status == "all" else filters.status,
        ).only(*selectors.RESIDENT_LIST_FIELDS)
    )


@router.get("/residents/{resident_id}", response=ResidentOut, summary=gettext_noop("居民详情（脱敏）"))
def get_resident(request, resident_id: ApiId):
    return _or_404(lambda: selectors.resident_get_for(viewer=request.auth, resident_id=resident_id))


@router.get("/households", response=list[HouseholdOut], summary=gettext_noop("户列表"))
@paginate(BoundedPagination)
def list_households(request, area_id: ApiId | None = None, q: str | None = None):
    return _or_404(
        lambda: selectors.household_list_for(viewer=request.auth, area_id=area_id, q=(q or "")[:40])
    )


@router.get("/households/{household_id}", response=HouseholdDetailOut, summary=gettext_noop("户详情及成员"))
def get_household(request, household_id: ApiId):
    household = _or_404(lambda: selectors.household_get_for(viewer=request.auth, household_id=household_id))
    household.members_list = list(selectors.household_members(household).select_related("community"))
    return {
        "id": household.id,
        "number": household.number,
        "address": household.address,
        "community_id": household.community_id,
        "area_id": household.area_id,
        "members": household.members_list,
    }
