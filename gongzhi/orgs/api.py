"""The registry of social organisations over the API: the same selectors, actions and rules as the pages.

Reading (`orgs.view`): the township, the community's staff and supervisory committee over their areas, and an
organisation's representatives their own; the contact is masked. Keeping (`orgs.keep`): the township office
and a community's staff over the organisation's home. A representative edits the profile (`/profile`). An
organisation, a home or a community outside the token user's reach is 404, as one that does not exist.
"""

import datetime as dt

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, gettext_noop
from ninja import Router, Schema, Status

from gongzhi.areas.models import Area, AreaKind
from gongzhi.core.api_input import MAY_BE_FORBIDDEN, Limit, Offset
from gongzhi.core.errors import DomainError, NotFound
from gongzhi.core.idempotency import IdempotencyKey, idempotent_create
from gongzhi.core.ids import ApiId
from gongzhi.core.masking import mask_name

from . import actions, selectors
from .models import Organisation, OrgState

router = Router(tags=["社会组织 orgs"])

NOT_FOUND_IN_BODY = {
    "responses": {"404": {"description": gettext_lazy("记录不存在，或不在您的权限范围内（两者不作区分）")}}
}


class RepresentativeOut(Schema):
    id: int
    username: str
    name: str


class OrganisationOut(Schema):
    id: int
    name: str
    kind: str
    kind_label: str
    home_id: int
    home_name: str
    serves_all: bool
    community_ids: list[int]
    credit_code: str
    filing_number: str
    filed_on: dt.date | None
    authority: str
    description: str
    contact_name: str  # masked: 王**
    contact_phone: str  # masked: 138****8000
    state: str
    state_label: str
    state_reason: str


class OrganisationDetailOut(OrganisationOut):
    representatives: list[RepresentativeOut]


class OrganisationIn(Schema):
    home_id: ApiId
    name: str
    kind: str
    authority: str
    contact_name: str
    contact_phone: str
    serves_all: bool = False
    community_ids: list[ApiId] = []
    credit_code: str = ""
    filing_number: str = ""
    filed_on: dt.date | None = None
    description: str = ""


class OrganisationChangeIn(Schema):
    name: str
    kind: str
    authority: str
    contact_name: str
    contact_phone: str = ""  # empty: keep the stored one
    serves_all: bool = False
    community_ids: list[ApiId] = []
    credit_code: str = ""
    filing_number: str = ""
    filed_on: dt.date | None = None
    description: str = ""


class ProfileIn(Schema):
    description: str = ""
    contact_name: str
    contact_phone: str = ""  # empty: keep the stored one


class MoveIn(Schema):
    verb: str  # approve, reject, suspend, resume, end
    reason: str = ""


class RepresentativeIn(Schema):
    username: str


def _out(org: Organisation) -> dict:
    return {
        "id": org.pk,
        "name": org.name,
        "kind": org.kind,
        "kind_label": org.get_kind_display(),
        "home_id": org.home_id,
        "home_name": org.home.name,
        "serves_all": org.serves_all,
        "community_ids": [c.pk for c in selectors.communities_served(org)],
        "credit_code": org.credit_code,
        "filing_number": org.filing_number,
        "filed_on": org.filed_on,
        "authority": org.authority,
        "description": org.description,
        "contact_name": org.contact_name_masked,
        "contact_phone": org.contact_phone_masked,
        "state": org.state,
        "state_label": org.get_state_display(),
        "state_reason": org.state_reason,
    }


def _detail(org: Organisation) -> dict:
    reps = [
        {"id": a.pk, "username": a.user.username, "name": mask_name(a.user.display_name)}
        for a in selectors.representatives_of(org)
    ]
    return {**_out(org), "representatives": reps}


def _org(request, org_id: int) -> Organisation:
    try:
        return selectors.organisation_get_for(viewer=request.auth, organisation_id=org_id)
    except NotFound:
        raise Http404() from None


def _communities(home: Area, ids: list[int]) -> list[Area]:
    found = list(Area.objects.filter(kind=AreaKind.COMMUNITY, path__startswith=home.path, pk__in=ids))
    if len(found) != len(set(ids)):
        raise DomainError(
            _("服务的村(社区)须在%(home)s范围内。") % {"home": home.name}, field="community_ids"
        )
    return found


@router.get(
    "/orgs",
    response=list[OrganisationOut],
    summary=gettext_noop("社会组织名录（可按村(社区)、状态筛选；联系人和电话部分隐藏）"),
    openapi_extra=MAY_BE_FORBIDDEN,
)
def org_list(
    request, community_id: ApiId | None = None, state: str = "", limit: Limit = 100, offset: Offset = 0
):
    if not request.auth.has_perm("orgs.view"):
        raise PermissionDenied()
    community = None
    if community_id is not None:
        community = selectors.communities_for(viewer=request.auth).filter(pk=community_id).first()
        if community is None:
            raise Http404()
    state = state if state in OrgState.values else ""
    found = selectors.organisation_list_for(viewer=request.auth, community=community, state=state).distinct()
    return [_out(org) for org in found[offset : offset + limit]]


@router.post(
    "/orgs",
    response={201: OrganisationDetailOut},
    summary=gettext_noop("登记社会组织（镇社治办；村(社区)工作人员为本村(社区)备案的组织）"),
    openapi_extra=NOT_FOUND_IN_BODY,
)
def org_create(request, payload: OrganisationIn, idempotency_key: IdempotencyKey = None):
    if not request.auth.has_perm("orgs.keep"):
        raise PermissionDenied()
    try:
        home = selectors.home_get_for(viewer=request.auth, area_id=payload.home_id)
    except NotFound:
        raise Http404() from None

    def create() -> Organisation:
        return actions.organisation_register(
            actor=request.auth,
            home=home,
            name=payload.name,
            kind=payload.kind,
            authority=payload.authority,
            contact_name=payload.contact_name,
            contact_phone=payload.contact_phone,
            serves_all=payload.serves_all,
            communities=_communities(home, payload.community_ids),
            credit_code=payload.credit_code,
            filing_number=payload.filing_number,
            filed_on=payload.filed_on,
            description=payload.description,
        )

    made = idempotent_create(request, idempotency_key, payload, create)
    return Status(201, _detail(made))


@router.get("/orgs/{org_id}", response=OrganisationDetailOut, summary=gettext_noop("社会组织详情"))
def org_detail(request, org_id: ApiId):
    return _detail(_org(request, org_id))


@router.post("/orgs/{org_id}/change", response=OrganisationDetailOut, summary=gettext_noop("修改登记信息"))
def org_change(request, org_id: ApiId, payload: OrganisationChangeIn):
    org = _org(request, org_id)
    if not request.auth.has_perm("orgs.keep", org):
        raise PermissionDenied()
    changed = actions.organisation_update(
        actor=request.auth,
        organisation=org,
        name=payload.name,
        kind=payload.kind,
        authority=payload.authority,
        contact_name=payload.contact_name,
        contact_phone=payload.contact_phone,
        serves_all=payload.serves_all,
        communities=_communities(org.home, payload.community_ids),
        credit_code=payload.credit_code,
        filing_number=payload.filing_number,
        filed_on=payload.filed_on,
        description=payload.description,
    )
    return _detail(changed)


@router.post(
    "/orgs/{org_id}/profile",
    response=OrganisationDetailOut,
    summary=gettext_noop("修改简介和联系方式（本组织代表、登记机关）"),
)
def org_profile(request, org_id: ApiId, payload: ProfileIn):
    org = _org(request, org_id)
    changed = actions.organisation_profile_update(
        actor=request.auth,
        organisation=org,
        description=payload.description,
        contact_name=payload.contact_name,
        contact_phone=payload.contact_phone,
    )
    return _detail(changed)


@router.post(
    "/orgs/{org_id}/move",
    response=OrganisationDetailOut,
    summary=gettext_noop("审核登记、不予登记、暂停活动、恢复活动、终止（附理由）"),
)
def org_move(request, org_id: ApiId, payload: MoveIn):
    org = _org(request, org_id)
    moved = actions.organisation_move(
        actor=request.auth, organisation=org, verb=payload.verb, reason=payload.reason
    )
    return _detail(moved)


@router.post(
    "/orgs/{org_id}/representatives",
    response={201: OrganisationDetailOut},
    summary=gettext_noop("指定代表（按登录用户名）"),
    openapi_extra=NOT_FOUND_IN_BODY,
)
def org_representative_add(
    request, org_id: ApiId, payload: RepresentativeIn, idempotency_key: IdempotencyKey = None
):
    org = _org(request, org_id)
    if not request.auth.has_perm("orgs.keep", org):
        raise PermissionDenied()
    user = selectors.representative_account_get(viewer=request.auth, username=payload.username)
    idempotent_create(
        request,
        idempotency_key,
        payload,
        lambda: actions.representative_add(actor=request.auth, organisation=org, user=user),
    )
    return Status(201, _detail(org))


@router.post(
    "/orgs/{org_id}/representatives/{assignment_id}/remove",
    response=OrganisationDetailOut,
    summary=gettext_noop("取消代表"),
)
def org_representative_remove(request, org_id: ApiId, assignment_id: ApiId):
    org = _org(request, org_id)
    try:
        actions.representative_remove(actor=request.auth, organisation=org, assignment_id=assignment_id)
    except DomainError as exc:
        if exc.status == 404:
            raise Http404() from None
        raise
    return _detail(org)
