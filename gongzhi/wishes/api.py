"""Wishes over the API: the same lifecycle and the same rules as the pages.

A client sees what its token's user would see on the pages: public wishes
with the wisher named per the privacy tier, and more only on the wishes the
user wrote, typed for someone, claimed or works on as staff.
"""

import datetime as dt

from django.http import Http404
from django.utils.translation import gettext_noop
from ninja import Query, Router, Schema

from gongzhi.areas.selectors import community_public_get
from gongzhi.cases.actions import AlreadySubmitted, case_pii_findings
from gongzhi.cases.selectors import case_moves_for
from gongzhi.core.api_input import Limit, Offset
from gongzhi.core.authz import can
from gongzhi.core.errors import NotFound
from gongzhi.core.idempotency import IdempotencyKey, idempotent_create, submission_key_for
from gongzhi.core.ids import ApiId
from gongzhi.core.pii import pii_kinds

from . import actions, selectors
from .models import Wish

router = Router(tags=["心愿墙 wishes"])


class WishOut(Schema):
    id: int
    title: str
    story: str
    category: str
    state: str
    state_label: str
    community_id: int
    community_name: str
    wisher: str
    privacy: str  # public, anonymised, restricted (staff and the claimer), staff_only
    sensitive: bool  # about health, disability, living alone, hardship or 三留守: never a surname in public
    personal_data: list[str]  # to staff over the wish: kinds of personal data still in its texts
    desired_by: dt.date | None
    claimed: bool
    due_at: dt.datetime | None
    due_limit: str  # the time limit with its unit, e.g. "2个工作日"
    due_basis: str  # official / entered / weekends_only
    due_note: str  # said whenever the holiday schedule of a year is unknown
    rating: int | None
    created_at: dt.datetime


class TimelineOut(Schema):
    at: dt.datetime
    verb: str
    to: str
    who: str
    note: str


class ContactOut(Schema):
    """How the claimer reaches the wisher: only what the wisher agreed to show, only to the claimer."""

    phone: str
    place: str
    via: str  # for an assisted wish: who typed it; messages reach the resident through them
    due_at: dt.datetime | None  # finish the claim by then


class MessageOut(Schema):
    id: int
    at: dt.datetime
    author: str
    mine: bool
    body: str


class WishDetailOut(WishOut):
    timeline: list[TimelineOut]
    allowed_moves: list[str]
    contact: ContactOut | None  # to the claimer only


class WishIn(Schema):
    title: str
    story: str
    category: str
    desired_by: dt.date | None = None
    submission_key: str = ""
    contact_phone: str = ""  # shown to the claimer only, and only with contact_shared
    meeting_place: str = ""
    contact_shared: bool = False
    # Who may see it: public, anonymised or restricted; left out, sensitive wishes are restricted.
    privacy: str | None = None


class MessageIn(Schema):
    body: str


class ContactIn(Schema):
    shared: bool  # the claimer may see the phone and place below
    phone: str = ""
    place: str = ""


class ReasonIn(Schema):
    reason: str = ""


class PublishIn(Schema):
    privacy: str | None = None
    pii: str = ""  # "redact" or "release", required when the title or story holds personal data
    pii_reason: str = ""  # why personal data is published as typed (with pii="release")


class FulfilIn(Schema):
    note: str
    hours: float


class RateIn(Schema):
    rating: int
    comment: str = ""


class WallFilters(Schema):
    community_id: ApiId | None = None
    category: str | None = None
    state: str | None = None


def _out(wish: Wish, user) -> dict:
    private = user.is_authenticated and can(user, "wishes.see_wisher", wish)
    case = wish.case
    staff = user.is_authenticated and can(user, "wishes.moderate", wish)
    found = case_pii_findings(case, rows=[(wish, "fulfilment_note")]) if staff else {}
    story = (
        selectors.public_text(wish, case.body, private=private) if selectors.story_visible(wish, user) else ""
    )
    return {
        "id": wish.pk,
        "title": selectors.public_text(wish, case.title, private=private),
        "story": story,
        "category": wish.category,
        "state": case.state,
        "state_label": actions.WISH.state_label(case.state),
        "community_id": case.community_id,
        "community_name": case.community.name,
        "wisher": selectors.wisher_label(wish, private=private),
        "privacy": case.privacy,
        "sensitive": case.sensitive,
        "personal_data": pii_kinds([f for fs in found.values() for f in fs]),
        "desired_by": wish.desired_by,
        "claimed": wish.claimer_id is not None,
        "due_at": case.due_at if private else None,
        "due_limit": case.due_limit if private else "",
        "due_basis": case.due_basis if private else "",
        "due_note": case.due_note if private else "",
        "rating": case.rating,
        "created_at": case.created_at,
    }


def _detail(wish: Wish, user) -> dict:
    private = user.is_authenticated and can(user, "wishes.see_wisher", wish)
    contact = selectors.contact_for(viewer=user, wish=wish)
    if contact is not None:
        contact = {**contact, "via": str(contact["via"]) if contact["via"] else ""}
    return {
        **_out(wish, user),
        "timeline": selectors.timeline_of(wish, private=private),
        "allowed_moves": case_moves_for(wish, user),
        "contact": contact,
    }


def _get(request, wish_id: int) -> Wish:
    try:
        return selectors.wish_get_for(viewer=request.auth, wish_id=wish_id)
    except NotFound:
        raise Http404() from None


COUNT_CAP = 10_000


class WallPage(Schema):
    count: int  # capped at COUNT_CAP: a township-wide wall must not count a million rows per request
    count_capped: bool
    items: list[WishOut]


@router.get(
    "/wishes", response=WallPage, summary=gettext_noop("心愿墙：已上墙的心愿（需令牌；按隐私级别显示许愿人）")
)
def wall(request, filters: Query[WallFilters], limit: Limit = 20, offset: Offset = 0):
    # Deep offsets walk the index row by row: the wall is read from the newest, like the pages (200 pages).
    offset = min(offset, 4800)
    community = None
    if filters.community_id:
        try:
            community = community_public_get(filters.community_id)
        except NotFound:
            raise Http404() from None
    wishes = selectors.wall_for(community=community, category=filters.category, state=filters.state)
    counted = wishes.order_by().values("pk")[: COUNT_CAP + 1].count()
    return {
        "count": min(counted, COUNT_CAP),
        "count_capped": counted > COUNT_CAP,
        "items": [_out(w, request.auth) for w in wishes[offset : offset + limit]],
    }


@router.get("/wishes/mine", response=list[WishOut], summary=gettext_noop("我提交、代办或认领的心愿"))
def mine(request):
    return [_out(w, request.auth) for w in selectors.mine_for(viewer=request.auth)[:200]]


@router.get(
    "/wishes/{wish_id}", response=WishDetailOut, summary=gettext_noop("心愿详情、办理记录和我能做的操作")
)
def detail(request, wish_id: ApiId):
    return _detail(_get(request, wish_id), request.auth)


@router.post("/wishes", response={201: WishDetailOut}, summary=gettext_noop("许一个心愿（本人）"))
def post(request, payload: WishIn, idempotency_key: IdempotencyKey = None):
    def create() -> Wish:
        try:
            return actions.wish_post(
                actor=request.auth,
                title=payload.title,
                story=payload.story,
                category=payload.category,
                desired_by=payload.desired_by,
                privacy=payload.privacy,
                contact_phone=payload.contact_phone,
                meeting_place=payload.meeting_place,
                contact_shared=payload.contact_shared,
                submission_key=payload.submission_key or submission_key_for(idempotency_key),
            )
        except AlreadySubmitted as exc:
            if payload.submission_key:
                raise  # the field's own answer: 400 already_submitted
            return exc.case.wish  # the header's key raced past the cache: the first wish

    wish = idempotent_create(request, idempotency_key, payload, create)
    return 201, _detail(wish, request.auth)


def _move(request, wish_id: int, run) -> dict:
    wish = _get(request, wish_id)
    run(wish)
    return _detail(_get(request, wish_id), request.auth)


@router.post(
    "/wishes/{wish_id}/publish", response=WishDetailOut, summary=gettext_noop("发布上墙（村社区工作人员）")
)
def publish(request, wish_id: ApiId, payload: PublishIn):
    return _move(
        request,
        wish_id,
        lambda w: actions.wish_publish(
            actor=request.auth,
            wish=w,
            privacy=payload.privacy,
            pii=payload.pii,
            pii_reason=payload.pii_reason,
        ),
    )


@router.post(
    "/wishes/{wish_id}/redact",
    response=WishDetailOut,
    summary=gettext_noop("隐去心愿中的手机号、身份证号等个人信息（村社区工作人员；原文存审计记录）"),
)
def redact(request, wish_id: ApiId):
    return _move(request, wish_id, lambda w: actions.wish_redact(actor=request.auth, wish=w))


@router.post("/wishes/{wish_id}/return", response=WishDetailOut, summary=gettext_noop("退回（须写明原因）"))
def return_(request, wish_id: ApiId, payload: ReasonIn):
    return _move(
        request, wish_id, lambda w: actions.wish_return(actor=request.auth, wish=w, reason=payload.reason)
    )


@router.post(
    "/wishes/{wish_id}/claim",
    response=WishDetailOut,
    summary=gettext_noop("认领（党员、志愿者）；同时认领只有一人成功"),
)
def claim(request, wish_id: ApiId):
    return _move(request, wish_id, lambda w: actions.wish_claim(actor=request.auth, wish=w))


@router.post("/wishes/{wish_id}/release", response=WishDetailOut, summary=gettext_noop("放弃认领"))
def release(request, wish_id: ApiId, payload: ReasonIn):
    return _move(
        request, wish_id, lambda w: actions.wish_release(actor=request.auth, wish=w, reason=payload.reason)
    )


@router.post("/wishes/{wish_id}/fulfil", response=WishDetailOut, summary=gettext_noop("登记完成（认领人）"))
def fulfil(request, wish_id: ApiId, payload: FulfilIn):
    return _move(
        request,
        wish_id,
        lambda w: actions.wish_fulfil(actor=request.auth, wish=w, note=payload.note, hours=payload.hours),
    )


@router.post(
    "/wishes/{wish_id}/confirm", response=WishDetailOut, summary=gettext_noop("确认实现（许愿人或见证人）")
)
def confirm(request, wish_id: ApiId):
    return _move(request, wish_id, lambda w: actions.wish_confirm(actor=request.auth, wish=w))


@router.post(
    "/wishes/{wish_id}/dispute", response=WishDetailOut, summary=gettext_noop("尚未完成（许愿人或见证人）")
)
def dispute(request, wish_id: ApiId, payload: ReasonIn):
    return _move(
        request, wish_id, lambda w: actions.wish_dispute(actor=request.auth, wish=w, reason=payload.reason)
    )


@router.post("/wishes/{wish_id}/rate", response=WishDetailOut, summary=gettext_noop("评价（许愿人，1–5星）"))
def rate(request, wish_id: ApiId, payload: RateIn):
    return _move(
        request,
        wish_id,
        lambda w: actions.wish_rate(
            actor=request.auth, wish=w, rating=payload.rating, comment=payload.comment
        ),
    )


@router.post("/wishes/{wish_id}/withdraw", response=WishDetailOut, summary=gettext_noop("撤回"))
def withdraw(request, wish_id: ApiId, payload: ReasonIn):
    return _move(
        request, wish_id, lambda w: actions.wish_withdraw(actor=request.auth, wish=w, reason=payload.reason)
    )


@router.post(
    "/wishes/{wish_id}/resubmit", response=WishDetailOut, summary=gettext_noop("退回后修改并重新提交")
)
def resubmit(request, wish_id: ApiId, payload: WishIn):
    return _move(
        request,
        wish_id,
        lambda w: actions.wish_resubmit(
            actor=request.auth,
            wish=w,
            title=payload.title,
            story=payload.story,
            category=payload.category,
            desired_by=payload.desired_by,
        ),
    )


@router.post("/wishes/{wish_id}/reopen", response=WishDetailOut, summary=gettext_noop("重新提交"))
def reopen(request, wish_id: ApiId, payload: ReasonIn):
    return _move(
        request, wish_id, lambda w: actions.wish_reopen(actor=request.auth, wish=w, reason=payload.reason)
    )


@router.get(
    "/wishes/{wish_id}/messages",
    response=list[MessageOut],
    summary=gettext_noop("心愿的私下留言（许愿人或代办人、认领人、村社区工作人员可见）"),
)
def messages(request, wish_id: ApiId):
    wish = _get(request, wish_id)
    thread = selectors.thread_for(viewer=request.auth, wish=wish)
    if thread is None:
        raise Http404()
    return [
        {
            "id": m.pk,
            "at": m.at,
            "author": str(m.author),
            "mine": m.author_id == request.auth.pk,
            "body": m.body,
        }
        for m in thread
    ]


@router.post(
    "/wishes/{wish_id}/messages",
    response={201: MessageOut},
    summary=gettext_noop("留言（认领后；对方会收到通知）"),
)
def message(request, wish_id: ApiId, payload: MessageIn, idempotency_key: IdempotencyKey = None):
    wish = _get(request, wish_id)
    m = idempotent_create(
        request,
        idempotency_key,
        payload,
        lambda: actions.wish_message_post(actor=request.auth, wish=wish, body=payload.body),
    )
    return 201, {"id": m.pk, "at": m.at, "author": str(m.author), "mine": True, "body": m.body}


@router.post(
    "/wishes/{wish_id}/contact",
    response=WishDetailOut,
    summary=gettext_noop("让认领人看到（或不再看到）联系电话、见面地点（许愿人或代办人）"),
)
def contact(request, wish_id: ApiId, payload: ContactIn):
    return _move(
        request,
        wish_id,
        lambda w: actions.wish_contact_set(
            actor=request.auth, wish=w, shared=payload.shared, phone=payload.phone, place=payload.place
        ),
    )
