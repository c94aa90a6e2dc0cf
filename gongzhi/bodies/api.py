"""A community's bodies over the API: the same selectors, actions and rules as the pages.

Reading: who reads bodies (`bodies.view`: community staff, the supervisory
committee, party members, the township) over their communities; keeping
(`bodies.manage`): the community's staff and the township office. A body,
a membership or a community outside the token user's reach is 404, as one
that does not exist. Members are given by name and post only.
"""

import datetime as dt

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, gettext_noop
from ninja import Router, Schema

from gongzhi.areas.models import Area
from gongzhi.core.api_input import MAY_BE_FORBIDDEN, Limit, Offset
from gongzhi.core.authz import authorize
from gongzhi.core.errors import DomainError, NotFound
from gongzhi.core.idempotency import IdempotencyKey, idempotent_create
from gongzhi.core.ids import ApiId
from gongzhi.residents.models import Resident

from . import actions, overview, selectors
from .models import Body, Membership

router = Router(tags=["自治组织 bodies"])

# A body field naming a record the token user cannot reach is 404 like a path's id.
NOT_FOUND_IN_BODY = {
    "responses": {"404": {"description": gettext_lazy("记录不存在，或不在您的权限范围内（两者不作区分）")}}
}


class WarningOut(Schema):
    code: str
    message: str
    law: str


class MemberOut(Schema):
    id: int
    name: str
    post: str
    post_label: str
    title: str
    term: str
    started_on: dt.date
    ended_on: dt.date | None
    end_reason: str
    households: int
    chosen_by_group: str


class BodyOut(Schema):
    id: int
    community_id: int
    community_name: str
    kind: str
    kind_label: str
    name: str
    group_id: int | None
    meeting_rule: str
    meeting_rule_label: str
    proxies_allowed: bool
    duties: str
    active: bool
    members_typed: bool
    warnings: list[WarningOut]


class BodyDetailOut(BodyOut):
    members: list[MemberOut]
    past_members: list[MemberOut]
    derived_names: list[str]
    adults: int | None
    households: int | None
    shoulder_one: str


class BodyIn(Schema):
    community_id: ApiId
    kind: str
    name: str = ""
    group_id: ApiId | None = None
    meeting_rule: str = ""
    proxies_allowed: bool = False
    duties: str = ""


class BodyChangeIn(Schema):
    name: str
    meeting_rule: str
    proxies_allowed: bool
    duties: str = ""
    active: bool = True


class MemberIn(Schema):
    resident_id: ApiId
    post: str
    started_on: dt.date
    title: str = ""
    term: str = ""
    group_id: ApiId | None = None


class MemberEndIn(Schema):
    ended_on: dt.date
    reason: str


class HouseholdsIn(Schema):
    household_ids: list[ApiId]


def _member(membership: Membership) -> dict:
    return {
        "id": membership.pk,
        "name": membership.resident.name,
        "post": membership.post,
        "post_label": membership.get_post_display(),
        "title": membership.title,
        "term": membership.term,
        "started_on": membership.started_on,
        "ended_on": membership.ended_on,
        "end_reason": membership.end_reason,
        "households": getattr(membership, "households_represented", 0),
        "chosen_by_group": membership.group.name if membership.group_id and membership.group else "",
    }


def _out(found: overview.BodyOverview) -> dict:
    body = found.body
    return {
        "id": body.pk,
        "community_id": body.area_id,
        "community_name": body.area.name,
        "kind": body.kind,
        "kind_label": body.get_kind_display(),
        "name": body.name,
        "group_id": body.group_id,
        "meeting_rule": body.meeting_rule,
        "meeting_rule_label": found.rule_label,
        "proxies_allowed": body.proxies_allowed,
        "duties": body.duties,
        "active": body.active,
        "members_typed": body.members_typed,
        "warnings": [{"code": w.code, "message": w.message, "law": w.law} for w in found.warnings],
    }


def _detail(body: Body) -> dict:
    found = overview.body_overview(body)
    shoulder = selectors.shoulder_one(body.area) if body.kind in overview.PUBLIC_KINDS[:2] else None
    return {
        **_out(found),
        "members": [_member(m) for m in found.members],
        "past_members": [_member(m) for m in overview.past_members(body)],
        "derived_names": found.derived_names,
        "adults": found.adults,
        "households": found.households,
        "shoulder_one": shoulder.name if shoulder else "",
    }


def _body(request, body_id: int) -> Body:
    try:
        return selectors.body_get_for(viewer=request.auth, body_id=body_id)
    except NotFound:
        raise Http404() from None


def _membership(request, membership_id: int) -> Membership:
    try:
        return selectors.membership_get_for(viewer=request.auth, membership_id=membership_id)
    except NotFound:
        raise Http404() from None


def _group(community: Area, group_id: int | None) -> Area | None:
    """The resident group named in the body: one of the community's, else the action's own refusal."""
    if group_id is None:
        return None
    group = selectors.resident_group_of(community, group_id)
    if group is None:
        raise DomainError(_("请选择本村(社区)的一个村(居)民小组。"), field="group_id")
    return group


@router.get(
    "/bodies",
    response=list[BodyOut],
    summary=gettext_noop("村(社区)的组织：类型、议事规则和与法定要求不符的提示"),
    openapi_extra=MAY_BE_FORBIDDEN,
)
def body_list(request, community_id: ApiId | None = None, limit: Limit = 100, offset: Offset = 0):
    if not request.auth.has_perm("bodies.view"):
        raise PermissionDenied()
    bodies = selectors.bodies_for(viewer=request.auth).filter(active=True)
    if community_id is not None:
        try:
            community = selectors.community_get_for(viewer=request.auth, community_id=community_id)
        except NotFound:
            raise Http404() from None
        bodies = bodies.filter(area=community)
    return [_out(overview.body_overview(body)) for body in bodies[offset : offset + limit]]


@router.get(
    "/bodies/{body_id}",
    response=BodyDetailOut,
    summary=gettext_noop("组织详情：现任和历届成员（姓名、职务）、由登记信息得出的组成人员、一肩挑"),
)
def body_detail(request, body_id: ApiId):
    return _detail(_body(request, body_id))


@router.post(
    "/bodies",
    response={201: BodyDetailOut},
    summary=gettext_noop("登记组织（村(社区)工作人员、镇）"),
    openapi_extra=NOT_FOUND_IN_BODY,
)
def body_create(request, payload: BodyIn, idempotency_key: IdempotencyKey = None):
    try:
        community = selectors.community_get_for(viewer=request.auth, community_id=payload.community_id)
    except NotFound:
        raise Http404() from None

    def create() -> Body:
        return actions.body_create(
            actor=request.auth,
            area=community,
            kind=payload.kind,
            name=payload.name,
            group=_group(community, payload.group_id),
            meeting_rule=payload.meeting_rule,
            proxies_allowed=payload.proxies_allowed,
            duties=payload.duties,
        )

    made = idempotent_create(request, idempotency_key, payload, create)
    return 201, _detail(made)


@router.post("/bodies/{body_id}/change", response=BodyDetailOut, summary=gettext_noop("修改组织"))
def body_change(request, body_id: ApiId, payload: BodyChangeIn):
    body = _body(request, body_id)
    changed = actions.body_update(
        actor=request.auth,
        body=body,
        name=payload.name,
        meeting_rule=payload.meeting_rule,
        proxies_allowed=payload.proxies_allowed,
        duties=payload.duties,
        active=payload.active,
    )
    return _detail(changed)


@router.post(
    "/bodies/{body_id}/members",
    response={201: BodyDetailOut},
    summary=gettext_noop("登记成员：本村(社区)在册居民"),
    openapi_extra=NOT_FOUND_IN_BODY,
)
def member_add(request, body_id: ApiId, payload: MemberIn, idempotency_key: IdempotencyKey = None):
    body = _body(request, body_id)
    # The register's resident of the body's community; anyone else is not this body's to name (404).
    resident = Resident.objects.filter(pk=payload.resident_id, community_id=body.area_id).first()
    if resident is None:
        raise Http404()

    def create() -> Membership:
        return actions.membership_add(
            actor=request.auth,
            body=body,
            resident=resident,
            post=payload.post,
            started_on=payload.started_on,
            title=payload.title,
            term=payload.term,
            group=_group(body.area, payload.group_id),
        )

    idempotent_create(request, idempotency_key, payload, create)
    return 201, _detail(body)


@router.post(
    "/bodies/members/{membership_id}/end", response=BodyDetailOut, summary=gettext_noop("登记成员离任")
)
def member_end(request, membership_id: ApiId, payload: MemberEndIn):
    membership = _membership(request, membership_id)
    actions.membership_end(
        actor=request.auth, membership=membership, ended_on=payload.ended_on, reason=payload.reason
    )
    return _detail(membership.body)


@router.post(
    "/bodies/members/{membership_id}/households",
    response=BodyDetailOut,
    summary=gettext_noop("登记代表联系户（替换原有名单）"),
)
def member_households(request, membership_id: ApiId, payload: HouseholdsIn):
    membership = _membership(request, membership_id)
    authorize(request.auth, "bodies.manage", membership)  # before saying anything of the households sent
    wanted = set(payload.household_ids)
    households = selectors.households_of(membership.body.area, wanted)
    if len(households) != len(wanted):
        raise DomainError(_("只能联系本村(社区)的户。"), field="household_ids")
    actions.representation_set(actor=request.auth, membership=membership, households=households)
    return _detail(membership.body)
