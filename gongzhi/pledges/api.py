"""The pledges over the API: the same actions, rules and selectors as the pages.

Pledges in the caller's reach (staff, supervisory committee, township; the party organisation's secretary; the
member's own), one pledge with its versions and what the member did (from the recorded deeds), writing (the
member's own, or staff for a member with the consent recorded), revising, approving, returning, closing the year,
a member's privacy choices, the 先锋岗 list, a community's public cards and the coverage per community.
"""

import datetime as dt
from decimal import Decimal
from typing import Annotated

from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext, gettext_lazy, gettext_noop
from ninja import Field, Router, Schema, Status

from gongzhi.areas.selectors import community_public_get
from gongzhi.core.api_input import MAY_BE_FORBIDDEN
from gongzhi.core.errors import NotFound, NotPermitted
from gongzhi.core.idempotency import IdempotencyKey, idempotent_create
from gongzhi.core.ids import ApiId
from gongzhi.residents.models import Resident

from . import actions, selectors
from .models import Pledge, VanguardPost

router = Router(tags=["双亮 pledges"])

Year = Annotated[int, Field(ge=2000, le=2100)]

MAY_BE_MISSING: dict = {
    "responses": {"404": {"description": gettext_lazy("记录不存在，或不在您的权限范围内（两者不作区分）")}}
}


class PostOut(Schema):
    id: int
    name: str
    description: str
    active: bool


class VersionOut(Schema):
    number: int
    post: str
    party_group: str
    text: str
    assisted: bool
    consent_channel: str
    written_at: dt.datetime
    approved_at: dt.datetime | None


class DeedLineOut(Schema):
    source: str
    count: int
    units: Decimal


class PledgeOut(Schema):
    id: int
    community_id: int
    community: str
    member: str  # the register's name (readers and the member only)
    year: int
    post: str
    party_group: str
    text: str
    state: str
    version: int
    public_version: int | None
    assisted: bool
    return_reason: str
    closing_account: str


class PledgeDetailOut(PledgeOut):
    versions: list[VersionOut]
    deeds: list[DeedLineOut]


class PledgeIn(Schema):
    resident_id: ApiId | None = None  # staff writing for a member; the member's own: leave out
    year: Year
    post_id: ApiId
    text: str
    party_group: str = ""
    consent_channel: str = ""  # staff: in_person, phone or paper


class ReviseIn(Schema):
    post_id: ApiId
    text: str
    party_group: str = ""
    consent_channel: str = ""


class ReasonIn(Schema):
    reason: str


class AccountIn(Schema):
    account: str


class PrivacyIn(Schema):
    public: bool
    name_display: str  # "full" or "surname"
    deeds_shown: bool
    paper_consent: bool = False  # staff: the member's signed consent was received


class PrivacyOut(Schema):
    resident_id: int
    public: bool
    name_display: str
    deeds_shown: bool
    paper_consent: bool


class CardOut(Schema):
    pledge_id: int
    name: str
    post: str
    party_group: str
    grid: str
    text: str
    closing_account: str
    deeds: list[DeedLineOut] | None


class CoverageOut(Schema):
    community_id: int
    community: str
    members: int
    approved: int


def _get(request, pledge_id: int) -> Pledge:
    try:
        return selectors.pledge_get_for(viewer=request.auth, pledge_id=pledge_id)
    except NotFound:
        raise Http404() from None


def _lines(summary) -> list[dict]:
    return [{"source": label, "count": n, "units": units} for label, n, units in summary.lines]


def _out(p: Pledge) -> dict:
    return {
        "id": p.pk,
        "community_id": p.community_id,
        "community": p.community.name,
        "member": p.resident.name,
        "year": p.year,
        "post": p.post.name,
        "party_group": p.party_group,
        "text": p.text,
        "state": p.state,
        "version": p.version,
        "public_version": p.public_version.number if p.public_version_id and p.public_version else None,
        "assisted": p.assisted,
        "return_reason": p.return_reason,
        "closing_account": p.closing_account,
    }


def _detail(request, p: Pledge) -> dict:
    p = selectors.pledge_get_for(viewer=request.auth, pledge_id=p.pk)
    return {
        **_out(p),
        "versions": [
            {
                "number": v.number,
                "post": v.post.name,
                "party_group": v.party_group,
                "text": v.text,
                "assisted": v.assisted,
                "consent_channel": v.consent_channel,
                "written_at": v.written_at,
                "approved_at": v.approved_at,
            }
            for v in selectors.versions_of(p)
        ],  # fmt: skip
        "deeds": _lines(selectors.pledge_deeds(p)),
    }


def _post(post_id: int) -> VanguardPost | None:
    return VanguardPost.objects.filter(pk=post_id).first()


@router.get("/pledges/posts", response=list[PostOut], summary=gettext_noop("党员先锋岗"))
def posts(request):
    return [{"id": p.pk, "name": p.name, "description": p.description, "active": p.active}
            for p in selectors.posts_all()]  # fmt: skip


@router.get(
    "/pledges/coverage",
    response=list[CoverageOut],
    summary=gettext_noop("各村(社区)党员承诺覆盖情况"),
    openapi_extra=MAY_BE_FORBIDDEN,
)
def coverage(request, year: Year | None = None):
    if not request.auth.has_perm("pledges.coverage"):
        raise NotPermitted()
    rows = selectors.coverage(viewer=request.auth, year=year or timezone.localdate().year)
    return [{"community_id": r.community.pk, "community": r.community.name, "members": r.members,
             "approved": r.approved} for r in rows]  # fmt: skip


@router.get("/pledges", response=list[PledgeOut], summary=gettext_noop("我能看到的党员承诺"))
def pledges(request, community_id: ApiId | None = None, year: Year | None = None):
    rows = selectors.pledges_for(viewer=request.auth, community_id=community_id, year=year)
    return [_out(p) for p in rows.select_related("public_version")[:500]]


@router.get(
    "/pledges/{pledge_id}",
    response=PledgeDetailOut,
    summary=gettext_noop("一份党员承诺"),
    openapi_extra=MAY_BE_MISSING,
)
def pledge(request, pledge_id: ApiId):
    return _detail(request, _get(request, pledge_id))


@router.post(
    "/pledges",
    response={201: PledgeDetailOut},
    summary=gettext_noop("写党员承诺（党员本人，或党组织的工作人员代填）"),
    openapi_extra=MAY_BE_MISSING,
)
def write(request, payload: PledgeIn, idempotency_key: IdempotencyKey = None):
    if payload.resident_id is None:
        member = selectors.member_of(request.auth)
        if member is None:
            raise NotPermitted(gettext("居民登记中您不是党员，不能写党员承诺。"))
    else:
        if not request.auth.has_perm("pledges.keep"):
            raise NotPermitted()
        found = Resident.objects.filter(pk=payload.resident_id).first()
        if found is None or not request.auth.has_perm("pledges.keep", found):
            raise Http404()
        member = found
    created = idempotent_create(
        request,
        idempotency_key,
        payload,
        lambda: actions.pledge_write(
            actor=request.auth,
            resident=member,
            year=payload.year,
            post=_post(payload.post_id),
            text=payload.text,
            party_group=payload.party_group,
            consent_channel=payload.consent_channel,
        ),
    )
    return Status(201, _detail(request, created))


@router.post(
    "/pledges/{pledge_id}/revise",
    response=PledgeDetailOut,
    summary=gettext_noop("修改党员承诺（新的一稿，待审核）"),
    openapi_extra=MAY_BE_MISSING,
)
def revise(request, pledge_id: ApiId, payload: ReviseIn):
    p = actions.pledge_revise(
        actor=request.auth,
        pledge=_get(request, pledge_id),
        post=_post(payload.post_id),
        text=payload.text,
        party_group=payload.party_group,
        consent_channel=payload.consent_channel,
    )
    return _detail(request, p)


@router.post(
    "/pledges/{pledge_id}/approve",
    response=PledgeDetailOut,
    summary=gettext_noop("党组织审核通过党员承诺（通过后在村(社区)页面上显示）"),
    openapi_extra=MAY_BE_MISSING,
)
def approve(request, pledge_id: ApiId):
    return _detail(request, actions.pledge_approve(actor=request.auth, pledge=_get(request, pledge_id)))


@router.post(
    "/pledges/{pledge_id}/return",
    response=PledgeDetailOut,
    summary=gettext_noop("党组织退回党员承诺"),
    openapi_extra=MAY_BE_MISSING,
)
def return_(request, pledge_id: ApiId, payload: ReasonIn):
    p = actions.pledge_return(actor=request.auth, pledge=_get(request, pledge_id), reason=payload.reason)
    return _detail(request, p)


@router.post(
    "/pledges/{pledge_id}/close",
    response=PledgeDetailOut,
    summary=gettext_noop("年度践诺总结"),
    openapi_extra=MAY_BE_MISSING,
)
def close(request, pledge_id: ApiId, payload: AccountIn):
    p = actions.pledge_close(actor=request.auth, pledge=_get(request, pledge_id), account=payload.account)
    return _detail(request, p)


@router.post(
    "/pledges/members/{resident_id}/privacy",
    response=PrivacyOut,
    summary=gettext_noop(
        "党员亮身份的方式：是否在村(社区)页面上显示、署名、是否显示做了什么（本人，或工作人员依据本人签字的同意书）"
    ),
    openapi_extra=MAY_BE_MISSING,
)
def privacy(request, resident_id: ApiId, payload: PrivacyIn):
    own = selectors.member_of(request.auth)
    if own is not None and own.pk == resident_id:
        member = own
    else:
        try:
            member = selectors.member_kept_get(viewer=request.auth, resident_id=resident_id)
        except NotFound:
            raise Http404() from None
    choice = actions.privacy_set(
        actor=request.auth,
        resident=member,
        public=payload.public,
        name_display=payload.name_display,
        deeds_shown=payload.deeds_shown,
        paper_consent=payload.paper_consent,
    )
    return {"resident_id": member.pk, "public": choice.public, "name_display": choice.name_display,
            "deeds_shown": choice.deeds_shown, "paper_consent": choice.paper_consent}  # fmt: skip


@router.get(
    "/pledges/board/{community_id}",
    response=list[CardOut],
    summary=gettext_noop("村(社区)党员亮承诺（与不登录可看的页面相同）"),
    openapi_extra=MAY_BE_MISSING,
)
def board(request, community_id: ApiId, year: Year | None = None):
    try:
        community = community_public_get(community_id)
    except NotFound:
        raise Http404() from None
    year = year or timezone.localdate().year
    return [
        {"pledge_id": c.pledge_id, "name": c.name, "post": c.post, "party_group": c.party_group, "grid": c.grid,
         "text": c.text, "closing_account": c.closing_account,
         "deeds": _lines(c.deeds) if c.deeds is not None else None}
        for c in selectors.board_cards(community, year)
    ]  # fmt: skip
