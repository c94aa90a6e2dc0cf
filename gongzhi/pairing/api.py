"""Pairing over the API: the same selectors, actions and rules as the pages.

The township view (counts per community against its aim), a community's map of grids, a household's pairs and
visits, and the writes (aim, pair / re-pair, decline / undo, visits); "mine" answers the token user as a party
member (their households) and as a resident (their household's pair, choice and decline). Heads of households are
masked (王**); sensitive register tags appear only to staff. Outside the token user's reach is 404, as what does
not exist.
"""

import datetime as dt

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, gettext_noop
from ninja import Router, Schema, Status

from gongzhi.core.api_input import MAY_BE_FORBIDDEN
from gongzhi.core.errors import DomainError, NotFound
from gongzhi.core.idempotency import IdempotencyKey, idempotent_create
from gongzhi.core.ids import ApiId
from gongzhi.residents.models import Household, Resident, Tag

from . import actions, selectors
from .models import Aim, Pair, Visit

router = Router(tags=["党员结对 pairing"])

# POST /pairing/aims names its area in the body: outside the token user's reach it is a 404.
FORBIDDEN_OR_NOT_FOUND = {
    "responses": {
        **MAY_BE_FORBIDDEN["responses"],
        "404": {"description": gettext_lazy("记录不存在，或不在您的权限范围内（两者不作区分）")},
    }
}


class AimOut(Schema):
    area_id: int
    area_name: str
    tags: list[str]
    per_member_max: int | None


class AimIn(Schema):
    area_id: ApiId
    tag_codes: list[str]
    per_member_max: int | None = None


class CoverageOut(Schema):
    community_id: int
    community_name: str
    aim_tags: list[str]
    per_member_max: int | None
    aim_total: int
    paired: int
    declined: int
    unpaired: int
    covered_percent: int


class CellOut(Schema):
    household_id: int
    number: str
    head: str  # masked
    state: str  # paired / declined / unpaired
    in_aim: bool
    member: str


class TileOut(Schema):
    grid_id: int | None
    grid_name: str
    paired: int
    declined: int
    unpaired: int
    households: list[CellOut]
    members: list[str]


class MapOut(Schema):
    community_id: int
    community_name: str
    grids: list[TileOut]


class VisitOut(Schema):
    id: int
    visited_on: dt.date
    what: str
    follow_up: bool
    follow_up_text: str
    by_member: bool


class PairOut(Schema):
    id: int
    household_id: int
    household_number: str
    member_id: int
    member_name: str
    origin: str
    started_on: dt.date
    ended_on: dt.date | None
    start_reason: str
    end_reason: str
    visits: list[VisitOut]


class HouseholdOut(Schema):
    household_id: int
    number: str
    head: str
    tags: list[str]
    in_aim: bool
    declined_on: dt.date | None
    pairs: list[PairOut]


class PairIn(Schema):
    member_id: ApiId
    reason: str = ""
    repair: bool = False
    chosen: bool = False
    consent_channel: str = ""


class DeclineIn(Schema):
    undo: bool = False
    declined_on: dt.date | None = None
    reason: str = ""
    consent_channel: str = ""


class VisitIn(Schema):
    visited_on: dt.date
    what: str
    follow_up: bool = False
    follow_up_text: str = ""


class OwnOut(Schema):
    household_id: int
    number: str
    pair: PairOut | None
    declined_on: dt.date | None
    choices: list[dict]  # the party members of the household's grid: {"member_id", "name"}


class MineOut(Schema):
    pairs: list[PairOut]  # as a party member
    household: OwnOut | None  # as a resident


class ChooseIn(Schema):
    member_id: ApiId


class MineDeclineIn(Schema):
    undo: bool = False
    reason: str = ""


def _found(get):
    try:
        return get()
    except NotFound:
        raise Http404() from None


def _aim(aim: Aim) -> dict:
    return {
        "area_id": aim.area_id,
        "area_name": aim.area.name,
        "tags": [t.name for t in aim.tags.all()],
        "per_member_max": aim.per_member_max,
    }


def _visit(visit: Visit) -> dict:
    return {
        "id": visit.pk,
        "visited_on": visit.visited_on,
        "what": visit.what,
        "follow_up": visit.follow_up,
        "follow_up_text": visit.follow_up_text,
        "by_member": visit.by_member,
    }


def _pair(pair: Pair) -> dict:
    return {
        "id": pair.pk,
        "household_id": pair.household_id,
        "household_number": pair.household.number,
        "member_id": pair.member_id,
        "member_name": pair.member.name,
        "origin": pair.origin,
        "started_on": pair.started_on,
        "ended_on": pair.ended_on,
        "start_reason": pair.start_reason,
        "end_reason": pair.end_reason,
        "visits": [_visit(v) for v in pair.visits.all()],
    }


def _household(household: Household) -> dict:
    decline = selectors.live_decline(household)
    return {
        "household_id": household.pk,
        "number": household.number,
        "head": selectors.household_head_name(household),
        "tags": [t.name for t in selectors.household_tags(household)],
        "in_aim": selectors.in_aim(household, selectors.aim_for(household.community)),
        "declined_on": decline.declined_on if decline else None,
        "pairs": [_pair(p) for p in selectors.pairs_of(household)],
    }


# --- Aims and the township view --------------------------------------------------------------


@router.get(
    "/pairing/aims",
    response=list[AimOut],
    summary=gettext_noop("结对目标（按镇或村(社区)）"),
    openapi_extra=MAY_BE_FORBIDDEN,
)
def aims(request):
    if not request.auth.has_perm("pairing.view"):
        raise PermissionDenied()
    return [_aim(a) for a in selectors.aims_visible_for(viewer=request.auth)]


@router.post(
    "/pairing/aims",
    response=AimOut,
    summary=gettext_noop("设置结对目标：须结对的户（登记标签）和每名党员最多结对户数"),
    openapi_extra=FORBIDDEN_OR_NOT_FOUND,
)
def aim_set(request, payload: AimIn):
    if not request.auth.has_perm("pairing.set_aim"):
        raise PermissionDenied()
    area = _found(lambda: selectors.aim_area_get_for(viewer=request.auth, area_id=payload.area_id))
    tags = list(Tag.objects.filter(code__in=payload.tag_codes))
    if len(tags) != len(set(payload.tag_codes)):
        raise DomainError(_("有不存在的登记标签。"), field="tag_codes")
    aim = actions.aim_set(actor=request.auth, area=area, tags=tags, per_member_max=payload.per_member_max)
    return _aim(aim)


@router.get(
    "/pairing/coverage",
    response=list[CoverageOut],
    summary=gettext_noop("各村(社区)结对覆盖情况（对照结对目标）"),
    openapi_extra=MAY_BE_FORBIDDEN,
)
def coverage(request):
    if not request.auth.has_perm("pairing.view"):
        raise PermissionDenied()
    return [
        {
            "community_id": r.community.pk,
            "community_name": r.community.name,
            "aim_tags": [t.name for t in r.aim.tags.all()] if r.aim else [],
            "per_member_max": r.aim.per_member_max if r.aim else None,
            "aim_total": r.aim_total,
            "paired": r.paired,
            "declined": r.declined,
            "unpaired": r.unpaired,
            "covered_percent": r.covered_percent,
        }
        for r in selectors.coverage_for(viewer=request.auth)
    ]


@router.get(
    "/pairing/communities/{community_id}/map",
    response=MapOut,
    summary=gettext_noop("村(社区)结对分布：每个网格的须结对户（已结对、谢绝、未结对）和党员"),
)
def community_map(request, community_id: ApiId):
    area = _found(lambda: selectors.community_get_for(viewer=request.auth, community_id=community_id))
    tiles = selectors.community_map(area)
    return {
        "community_id": area.pk,
        "community_name": area.name,
        "grids": [
            {
                "grid_id": t.grid.pk if t.grid else None,
                "grid_name": t.grid.name if t.grid else "",
                "paired": t.paired,
                "declined": t.declined,
                "unpaired": t.unpaired,
                "households": [
                    {
                        "household_id": c.household.pk,
                        "number": c.household.number,
                        "head": c.head,
                        "state": c.state,
                        "in_aim": c.in_aim,
                        "member": c.member,
                    }
                    for c in t.cells
                ],  # fmt: skip
                "members": t.members,
            }
            for t in tiles
        ],
    }


# --- A household -----------------------------------------------------------------------------


@router.get(
    "/pairing/households/{household_id}",
    response=HouseholdOut,
    summary=gettext_noop("一户的结对记录和走访帮扶"),
)
def household(request, household_id: ApiId):
    found = _found(lambda: selectors.household_get_for(viewer=request.auth, household_id=household_id))
    return _household(found)


@router.post(
    "/pairing/households/{household_id}/pair",
    response={201: PairOut},
    summary=gettext_noop("党员与农户结对，或重新结对（写明原因；农户自选须记录同意方式）"),
    openapi_extra=MAY_BE_FORBIDDEN,
)
def pair(request, household_id: ApiId, payload: PairIn, idempotency_key: IdempotencyKey = None):
    found = _found(lambda: selectors.household_get_for(viewer=request.auth, household_id=household_id))
    if not request.auth.has_perm("pairing.keep", found):
        raise PermissionDenied()
    member = Resident.objects.filter(pk=payload.member_id, community=found.community).first()
    if member is None:
        raise DomainError(_("请选择本村(社区)的党员。"), field="member_id")
    made = idempotent_create(
        request, idempotency_key, payload,
        lambda: actions.pair_make(
            actor=request.auth, household=found, member=member, reason=payload.reason, repair=payload.repair,
            chosen=payload.chosen, consent_channel=payload.consent_channel,
        ),
    )  # fmt: skip
    return Status(201, _pair(made))


@router.post(
    "/pairing/households/{household_id}/decline",
    response=HouseholdOut,
    summary=gettext_noop("登记农户谢绝结对，或撤销谢绝"),
    openapi_extra=MAY_BE_FORBIDDEN,
)
def decline(request, household_id: ApiId, payload: DeclineIn):
    found = _found(lambda: selectors.household_get_for(viewer=request.auth, household_id=household_id))
    if not request.auth.has_perm("pairing.keep", found):
        raise PermissionDenied()
    if payload.undo:
        actions.decline_undo(actor=request.auth, household=found, consent_channel=payload.consent_channel)
    else:
        actions.decline_record(
            actor=request.auth, household=found, declined_on=payload.declined_on, reason=payload.reason,
            consent_channel=payload.consent_channel,
        )  # fmt: skip
    return _household(found)


@router.post(
    "/pairing/pairs/{pair_id}/visits",
    response={201: VisitOut},
    summary=gettext_noop("记录结对走访帮扶（结对党员本人或村(社区)工作人员）"),
    openapi_extra=MAY_BE_FORBIDDEN,
)
def visit(request, pair_id: ApiId, payload: VisitIn, idempotency_key: IdempotencyKey = None):
    found = _found(lambda: selectors.pair_get_for(viewer=request.auth, pair_id=pair_id))
    made = idempotent_create(
        request, idempotency_key, payload,
        lambda: actions.visit_record(
            actor=request.auth, pair=found, visited_on=payload.visited_on, what=payload.what,
            follow_up=payload.follow_up, follow_up_text=payload.follow_up_text,
        ),
    )  # fmt: skip
    return Status(201, _visit(made))


# --- Mine ------------------------------------------------------------------------------------


def _own(own) -> dict | None:
    if own is None:
        return None
    return {
        "household_id": own.household.pk,
        "number": own.household.number,
        "pair": _pair(own.pair) if own.pair else None,
        "declined_on": own.decline.declined_on if own.decline else None,
        "choices": [{"member_id": c.member.pk, "name": c.member.name} for c in own.candidates],
    }


@router.get("/pairing/mine", response=MineOut, summary=gettext_noop("我的结对：我结对的户；我家的结对党员"))
def mine(request):
    return {
        "pairs": [_pair(p) for p in selectors.pairs_of_member(viewer=request.auth)],
        "household": _own(selectors.own_household(viewer=request.auth)),
    }


def _own_or_refuse(request):
    own = selectors.own_household(viewer=request.auth)
    if own is None:
        raise DomainError(_("您的账号没有关联居民登记中的户，不能办理结对。请联系村(社区)工作人员。"))
    return own


@router.post(
    "/pairing/mine/choose",
    response={201: PairOut},
    summary=gettext_noop("农户从本网格的党员中自选结对党员"),
)
def choose(request, payload: ChooseIn, idempotency_key: IdempotencyKey = None):
    own = _own_or_refuse(request)
    picked = next((c.member for c in own.candidates if c.member.pk == payload.member_id), None)
    if picked is None:
        raise DomainError(_("请从本网格的党员中选择。"), field="member_id")
    made = idempotent_create(
        request, idempotency_key, payload,
        lambda: actions.pair_make(
            actor=request.auth, household=own.household, member=picked, chosen=True,
            repair=own.pair is not None, reason=_("农户自选结对党员") if own.pair is not None else "",
        ),
    )  # fmt: skip
    return Status(201, _pair(made))


@router.post("/pairing/mine/decline", response=MineOut, summary=gettext_noop("我家谢绝结对，或撤销谢绝"))
def mine_decline(request, payload: MineDeclineIn):
    own = _own_or_refuse(request)
    if payload.undo:
        actions.decline_undo(actor=request.auth, household=own.household)
    else:
        actions.decline_record(actor=request.auth, household=own.household, reason=payload.reason)
    return mine(request)
