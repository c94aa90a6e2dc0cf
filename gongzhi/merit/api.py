"""The merit board over the API: the same actions, rules and selectors as the pages.

Nominations in the caller's scope (staff, supervisory committee, township), their own (as nominator or
nominee) and, once consented, those of the 道德评议会 they sit on; nominating (JSON, or a multipart form with
photos), the consent signed on paper (its scan uploaded), the 公示 period, the categories,
consent, declining, the review, 公示, objections and their answers, placing on the board, withdrawing; the
board of a community (what the public page shows: the name as consented, the story, no counts, no ranking).
"""

import datetime as dt
import hashlib

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.http.response import HttpResponseBase
from django.utils.translation import gettext_lazy, gettext_noop
from ninja import File, Form, Router, Schema, Status, UploadedFile

from gongzhi.core.api_input import MAY_BE_FORBIDDEN
from gongzhi.core.errors import NotFound
from gongzhi.core.idempotency import IdempotencyKey, idempotent_create
from gongzhi.core.ids import ApiId

from . import actions, selectors
from .files import consent_file_response, photo_file_response
from .models import Nomination

router = Router(tags=["积德榜 merit"])

MAY_BE_MISSING: dict = {
    "responses": {"404": {"description": gettext_lazy("记录不存在，或不在您的权限范围内（两者不作区分）")}}
}
# A keeper's reads: 403 for an account that keeps no board anywhere, 404 for a community outside its reach.
MAY_BE_MISSING_OR_FORBIDDEN: dict = {"responses": MAY_BE_MISSING["responses"] | MAY_BE_FORBIDDEN["responses"]}


class CategoryOut(Schema):
    id: int
    name: str
    description: str
    active: bool


class OpinionOut(Schema):
    member: str
    agrees: bool
    reason: str
    at: dt.datetime


class ObjectionOut(Schema):
    id: int
    text: str
    at: dt.datetime
    answered: bool
    upheld: bool | None
    answer: str


class NominationOut(Schema):
    id: int
    community_id: int
    community: str
    category: str
    kind: str
    nominee: str  # the person's name, or the household head's (the register's; readers only)
    title: str
    story: str
    witness: str
    nominator_kind: str
    organisation: str
    nominated_at: dt.datetime
    state: str
    consent_channel: str
    consented_at: dt.datetime | None
    display_name: str
    review_members: int
    review_agree: int
    review_disagree: int
    review_reason: str
    review_blocker: str
    publicity_days: int | None
    publicity_ends_at: dt.datetime | None
    placed_at: dt.datetime | None
    withdrawn_reason: str


class NominationDetailOut(NominationOut):
    opinions: list[OpinionOut]
    objections: list[ObjectionOut]  # staff who keep the board only; empty for others
    photo_ids: list[int]  # the evidence photos: GET .../photos/{photo_id}


class NominateIn(Schema):
    community_id: int
    category_id: int
    kind: str  # "person" or "family"
    title: str
    story: str
    witness: str = ""
    nominee_name: str = ""
    household_number: str = ""
    nominee_id: int | None = None  # staff: the resident (person) or the household (family)
    organisation_id: int | None = None


class ConsentIn(Schema):
    display: str  # "full" or "surname"


class OwnReasonIn(Schema):
    reason: str = ""


class ReviewIn(Schema):
    agrees: bool
    reason: str


class TextIn(Schema):
    text: str


class AnswerIn(Schema):
    upheld: bool
    answer: str


class ReasonIn(Schema):
    reason: str


class EntryOut(Schema):
    id: int
    community_id: int
    community: str
    category: str
    kind: str
    display_name: str
    title: str
    story: str
    placed_at: dt.datetime | None


def _get(request, nomination_id: int) -> Nomination:
    try:
        return selectors.nomination_get_for(viewer=request.auth, nomination_id=nomination_id)
    except NotFound:
        raise Http404() from None


def _out(n: Nomination) -> dict:
    due, agree, disagree, _result = actions.review_tally(n)
    return {
        "id": n.pk,
        "community_id": n.community_id,
        "community": n.community.name,
        "category": n.category.name,
        "kind": n.kind,
        "nominee": n.consenter.name,
        "title": n.title,
        "story": n.story,
        "witness": n.witness,
        "nominator_kind": n.nominator_kind,
        "organisation": n.organisation.name if n.organisation_id and n.organisation else "",
        "nominated_at": n.nominated_at,
        "state": n.state,
        "consent_channel": n.consent_channel,
        "consented_at": n.consented_at,
        "display_name": n.display_name,
        "review_members": due,
        "review_agree": agree,
        "review_disagree": disagree,
        "review_reason": n.review_reason,
        "review_blocker": actions.review_blocker(n) if n.state == "in_review" else "",
        "publicity_days": n.publicity_days,
        "publicity_ends_at": n.publicity_ends_at,
        "placed_at": n.placed_at,
        "withdrawn_reason": n.withdrawn_reason,
    }


def _detail(request, n: Nomination) -> dict:
    n = selectors.nomination_get_for(viewer=request.auth, nomination_id=n.pk)
    keeper = request.auth.has_perm("merit.keep", n)
    return {
        **_out(n),
        "opinions": [
            {"member": o.member.name, "agrees": o.agrees, "reason": o.reason, "at": o.at}
            for o in selectors.opinions_of(n)
        ],
        "objections": [
            {
                "id": o.pk,
                "text": o.text,
                "at": o.at,
                "answered": o.answered,
                "upheld": o.upheld,
                "answer": o.answer,
            }
            for o in selectors.objections_of(n)
        ]
        if keeper
        else [],
        "photo_ids": [p.pk for p in n.photos.all()],
    }


@router.get("/merit/categories", response=list[CategoryOut], summary=gettext_noop("积德榜类别"))
def categories(request):
    return [
        {"id": c.pk, "name": c.name, "description": c.description, "active": c.active}
        for c in selectors.categories_all()
    ]


@router.get("/merit/nominations", response=list[NominationOut], summary=gettext_noop("我能看到的积德榜提名"))
def nominations(request, community_id: ApiId | None = None, state: str = ""):
    rows = selectors.nominations_for(viewer=request.auth, community_id=community_id, state=state[:20])
    return [_out(n) for n in rows.order_by("-nominated_at", "-id")[:200]]


@router.get(
    "/merit/nominations/{nomination_id}",
    response=NominationDetailOut,
    summary=gettext_noop("一项积德榜提名"),
    openapi_extra=MAY_BE_MISSING,
)
def nomination(request, nomination_id: ApiId):
    return _detail(request, _get(request, nomination_id))


@router.post(
    "/merit/nominations",
    response={201: NominationDetailOut},
    summary=gettext_noop("提名个人或家庭上积德榜（本村(社区)居民、社会组织代表、工作人员）"),
    openapi_extra=MAY_BE_MISSING,
)
def nominate(request, payload: NominateIn, idempotency_key: IdempotencyKey = None):
    try:
        community = selectors.community_nominable_get(viewer=request.auth, community_id=payload.community_id)
        category = selectors.category_active_get(payload.category_id)
    except NotFound:
        raise Http404() from None
    created = idempotent_create(
        request,
        idempotency_key,
        payload,
        lambda: actions.nomination_create(
            actor=request.auth,
            community=community,
            category=category,
            kind=payload.kind,
            title=payload.title,
            story=payload.story,
            witness=payload.witness,
            nominee_id=payload.nominee_id,
            nominee_name=payload.nominee_name,
            household_number=payload.household_number,
            organisation_id=payload.organisation_id,
        ),
    )
    return Status(201, _detail(request, created))


@router.post(
    "/merit/nominations/{nomination_id}/consent",
    response=NominationDetailOut,
    summary=gettext_noop("被提名人（家庭为户主）同意，并选择署名"),
    openapi_extra=MAY_BE_MISSING,
)
def consent(request, nomination_id: ApiId, payload: ConsentIn):
    n = actions.nomination_consent(
        actor=request.auth, nomination=_get(request, nomination_id), display=payload.display
    )
    return _detail(request, n)


@router.post(
    "/merit/nominations/{nomination_id}/consent/withdraw",
    response=NominationDetailOut,
    summary=gettext_noop("被提名人（家庭为户主）撤回同意：提名结束，公示和榜上内容撤下"),
    openapi_extra=MAY_BE_MISSING,
)
def consent_withdraw(request, nomination_id: ApiId, payload: OwnReasonIn):
    n = actions.nomination_consent_withdraw(
        actor=request.auth, nomination=_get(request, nomination_id), reason=payload.reason
    )
    return _detail(request, n)


@router.post(
    "/merit/nominations/{nomination_id}/decline",
    response=NominationDetailOut,
    summary=gettext_noop("被提名人谢绝（或工作人员登记本人谢绝）：提名结束"),
    openapi_extra=MAY_BE_MISSING,
)
def decline(request, nomination_id: ApiId):
    n = actions.nomination_decline(actor=request.auth, nomination=_get(request, nomination_id))
    return _detail(request, n)


@router.post(
    "/merit/nominations/{nomination_id}/review",
    response=NominationDetailOut,
    summary=gettext_noop("道德评议会成员的评议意见（同意或不同意，附理由）"),
    openapi_extra=MAY_BE_MISSING,
)
def review(request, nomination_id: ApiId, payload: ReviewIn):
    n = _get(request, nomination_id)
    actions.review_opinion_record(
        actor=request.auth, nomination=n, agrees=payload.agrees, reason=payload.reason
    )
    return _detail(request, n)


@router.post(
    "/merit/nominations/{nomination_id}/publicise",
    response=NominationDetailOut,
    summary=gettext_noop("评议通过的提名在村(社区)公示栏公示，接受异议（工作人员）"),
    openapi_extra=MAY_BE_MISSING,
)
def publicise(request, nomination_id: ApiId):
    n = actions.nomination_publicise(actor=request.auth, nomination=_get(request, nomination_id))
    return _detail(request, n)


@router.post(
    "/merit/nominations/{nomination_id}/objections",
    response={201: ObjectionOut},
    summary=gettext_noop("对公示中的提名提出异议（登录的任何人，每人一次）"),
    openapi_extra=MAY_BE_MISSING,
)
def object_(request, nomination_id: ApiId, payload: TextIn, idempotency_key: IdempotencyKey = None):
    try:
        n = selectors.entry_public_get(nomination_id)
    except NotFound:
        raise Http404() from None
    o = idempotent_create(
        request,
        idempotency_key,
        payload,
        lambda: actions.objection_record(actor=request.auth, nomination=n, text=payload.text),
    )
    return Status(
        201, {"id": o.pk, "text": o.text, "at": o.at, "answered": False, "upheld": None, "answer": ""}
    )


@router.post(
    "/merit/nominations/{nomination_id}/objections/{objection_id}/answer",
    response=NominationDetailOut,
    summary=gettext_noop("答复异议（工作人员）：成立则撤回提名"),
    openapi_extra=MAY_BE_MISSING,
)
def answer(request, nomination_id: ApiId, objection_id: ApiId, payload: AnswerIn):
    n = _get(request, nomination_id)
    actions.objection_answer(
        actor=request.auth,
        nomination=n,
        objection_id=objection_id,
        upheld=payload.upheld,
        answer=payload.answer,
    )
    return _detail(request, n)


@router.post(
    "/merit/nominations/{nomination_id}/place",
    response=NominationDetailOut,
    summary=gettext_noop("公示期满且异议均已答复，列入积德榜（工作人员）"),
    openapi_extra=MAY_BE_MISSING,
)
def place(request, nomination_id: ApiId):
    n = actions.nomination_place(actor=request.auth, nomination=_get(request, nomination_id))
    return _detail(request, n)


@router.post(
    "/merit/nominations/{nomination_id}/withdraw",
    response=NominationDetailOut,
    summary=gettext_noop("撤回提名或撤下积德榜（工作人员，附理由）"),
    openapi_extra=MAY_BE_MISSING,
)
def withdraw(request, nomination_id: ApiId, payload: ReasonIn):
    n = actions.nomination_withdraw(
        actor=request.auth, nomination=_get(request, nomination_id), reason=payload.reason
    )
    return _detail(request, n)


@router.get(
    "/merit/boards/{community_id}",
    response=list[EntryOut],
    summary=gettext_noop("一个村(社区)的积德榜（与不登录可看的页面相同：按本人同意的署名，新上榜的在前）"),
    openapi_extra=MAY_BE_MISSING,
)
def board(request, community_id: ApiId, category_id: ApiId | None = None):
    from gongzhi.areas.selectors import community_public_get

    try:
        community = community_public_get(community_id)
    except NotFound:
        raise Http404() from None
    return [
        {
            "id": n.pk,
            "community_id": n.community_id,
            "community": n.community.name,
            "category": n.category.name,
            "kind": n.kind,
            "display_name": n.display_name,
            "title": n.title,
            "story": n.story,
            "placed_at": n.placed_at,
        }
        for n in selectors.board_entries(community, category_id)[:200]
    ]


# --- The pages' writes the API lacked: nominating with photos, the consent signed on paper, the 公示 period,
# --- the categories ------------------------------------------------------------------------------------------


class SettingIn(Schema):
    publicity_days: int


class SettingOut(Schema):
    community_id: int
    publicity_days: int


class CategoryIn(Schema):
    name: str
    description: str = ""


class ActiveIn(Schema):
    active: bool


def _digests(uploads: list[UploadedFile]) -> list[str]:
    found = []
    for upload in uploads:
        upload.seek(0)
        found.append(hashlib.sha256(upload.read()).hexdigest())
        upload.seek(0)
    return found


@router.post(
    "/merit/nominations-with-photos",
    response={201: NominationDetailOut},
    summary=gettext_noop("提名并附照片（multipart 上传，最多6张，照片去除 EXIF；其余与提名相同）"),
    openapi_extra=MAY_BE_MISSING,
)
def nominate_with_photos(
    request,
    payload: Form[NominateIn],
    photos: File[list[UploadedFile]] = None,  # type: ignore[assignment]
    idempotency_key: IdempotencyKey = None,
):
    try:
        community = selectors.community_nominable_get(viewer=request.auth, community_id=payload.community_id)
        category = selectors.category_active_get(payload.category_id)
    except NotFound:
        raise Http404() from None
    uploads = list(photos or [])
    fingerprint = {**payload.dict(), "photos": _digests(uploads)} if idempotency_key else None
    created = idempotent_create(
        request,
        idempotency_key,
        fingerprint,
        lambda: actions.nomination_create(
            actor=request.auth,
            community=community,
            category=category,
            kind=payload.kind,
            title=payload.title,
            story=payload.story,
            witness=payload.witness,
            nominee_id=payload.nominee_id,
            nominee_name=payload.nominee_name,
            household_number=payload.household_number,
            organisation_id=payload.organisation_id,
            photos=[upload.read() for upload in uploads],
        ),
    )
    return Status(201, _detail(request, created))


@router.post(
    "/merit/nominations/{nomination_id}/consent-record",
    response=NominationDetailOut,
    summary=gettext_noop(
        "工作人员登记被提名人签字的纸质同意书（multipart 上传扫描件：PDF 或照片），并选择署名"
    ),
    openapi_extra=MAY_BE_MISSING,
)
def consent_record(
    request,
    nomination_id: ApiId,
    payload: Form[ConsentIn],
    consent_file: File[UploadedFile] = None,  # type: ignore[assignment]
):
    n = actions.nomination_consent_record(
        actor=request.auth,
        nomination=_get(request, nomination_id),
        display=payload.display,
        consent_file=consent_file,
    )
    return _detail(request, n)


def _kept_community(request, community_id: int):
    if not request.auth.has_perm("merit.keep"):
        raise PermissionDenied()
    try:
        return selectors.community_kept_get(viewer=request.auth, community_id=community_id)
    except NotFound:
        raise Http404() from None


@router.get(
    "/merit/communities/{community_id}/setting",
    response=SettingOut,
    summary=gettext_noop("村(社区)积德榜的公示天数（管理积德榜的工作人员）"),
    openapi_extra=MAY_BE_MISSING_OR_FORBIDDEN,
)
def setting_read(request, community_id: ApiId):
    community = _kept_community(request, community_id)
    return {"community_id": community.pk, "publicity_days": selectors.publicity_days_of(community)}


@router.post(
    "/merit/communities/{community_id}/setting",
    response=SettingOut,
    summary=gettext_noop("设置村(社区)积德榜的公示天数（管理积德榜的工作人员）"),
    openapi_extra=MAY_BE_MISSING,
)
def setting_change(request, community_id: ApiId, payload: SettingIn):
    community = _kept_community(request, community_id)
    setting = actions.merit_setting_change(
        actor=request.auth, community=community, publicity_days=payload.publicity_days
    )
    return {"community_id": community.pk, "publicity_days": setting.publicity_days}


@router.post(
    "/merit/categories",
    response={201: CategoryOut},
    summary=gettext_noop("添加积德榜类别（镇(街道)社治办）"),
)
def category_add(request, payload: CategoryIn, idempotency_key: IdempotencyKey = None):
    made = idempotent_create(
        request,
        idempotency_key,
        payload,
        lambda: actions.category_add(actor=request.auth, name=payload.name, description=payload.description),
    )
    return Status(
        201, {"id": made.pk, "name": made.name, "description": made.description, "active": made.active}
    )


@router.post(
    "/merit/categories/{category_id}/active",
    response=CategoryOut,
    summary=gettext_noop("启用或停用积德榜类别（镇(街道)社治办）：停用后不再接受新提名，已上榜的不受影响"),
    openapi_extra=MAY_BE_MISSING,
)
def category_active(request, category_id: ApiId, payload: ActiveIn):
    try:
        category = selectors.category_get(category_id)
    except NotFound:
        raise Http404() from None
    done = actions.category_active_set(actor=request.auth, category=category, active=payload.active)
    return {"id": done.pk, "name": done.name, "description": done.description, "active": done.active}


# --- The pages' file reads: the paper-consent scan and the evidence photos (gongzhi/merit/files.py, as the pages) --


def _file_answers(description, content_type: str, *, forbidden: bool) -> dict:
    answers = MAY_BE_MISSING_OR_FORBIDDEN if forbidden else MAY_BE_MISSING
    return {
        "responses": {
            200: {
                "description": description,
                "content": {content_type: {"schema": {"type": "string", "format": "binary"}}},
            },
            **answers["responses"],
        }
    }


@router.get(
    "/merit/nominations/{nomination_id}/consent-file",
    summary=gettext_noop("被提名人签字的纸质同意书扫描件（PDF 或照片；管理积德榜的工作人员）"),
    openapi_extra=_file_answers(gettext_lazy("文件本身"), "*/*", forbidden=True),
)
def consent_file(request, nomination_id: ApiId) -> HttpResponseBase:
    return consent_file_response(request.auth, _get(request, nomination_id))


@router.get(
    "/merit/nominations/{nomination_id}/photos/{photo_id}",
    summary=gettext_noop("提名所附的一张事迹照片（能看到该提名的人）"),
    openapi_extra=_file_answers(gettext_lazy("照片本身"), "image/*", forbidden=False),
)
def photo(request, nomination_id: ApiId, photo_id: ApiId) -> HttpResponseBase:
    return photo_file_response(_get(request, nomination_id), photo_id)
