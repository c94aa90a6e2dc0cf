"""Situation notes over the API: the same lifecycle and the same rules as the pages.

A client sees what its token's user would see on the pages: the notes the
user wrote, and — for handlers — the notes waiting in their scope. Nothing
is public; someone else's note answers 404 like a missing one.
"""

import datetime as dt

from django.http import Http404
from django.utils.translation import gettext_noop
from ninja import Query, Router, Schema, Status

from gongzhi.cases.actions import AlreadySubmitted
from gongzhi.cases.selectors import case_moves_for, case_timeline
from gongzhi.core.api_input import MAY_BE_FORBIDDEN, Limit, Offset
from gongzhi.core.errors import NotFound
from gongzhi.core.idempotency import IdempotencyKey, idempotent_create, submission_key_for
from gongzhi.core.ids import ApiId

from . import actions, selectors
from .models import SituationNote

router = Router(tags=["微民情 situations"])


class SituationOut(Schema):
    id: int
    title: str
    body: str
    category: str
    place: str
    state: str
    state_label: str
    community_id: int
    community_name: str
    author: str
    privacy: str
    assignee: str
    reply: str
    handled_note: str
    due_at: dt.datetime | None
    due_limit: str
    due_basis: str
    due_note: str
    overdue: bool
    rating: int | None
    created_at: dt.datetime


class TimelineOut(Schema):
    at: dt.datetime
    verb: str
    to: str
    who: str
    note: str


class SituationDetailOut(SituationOut):
    timeline: list[TimelineOut]
    allowed_moves: list[str]


class SituationIn(Schema):
    category: str
    place: str
    body: str
    area_id: ApiId | None = None  # grid workers: one of their grids or buildings (default: their first grid)
    submission_key: str = ""


class NoteIn(Schema):
    note: str = ""


class ReplyIn(Schema):
    reply: str


class ResolveIn(Schema):
    handled_note: str


class ReasonIn(Schema):
    reason: str = ""


class RateIn(Schema):
    rating: int
    comment: str = ""


class QueueFilters(Schema):
    state: str | None = None
    category: str | None = None


def _out(situation: SituationNote) -> dict:
    case = situation.case
    return {
        "id": situation.pk,
        "title": case.title,
        "body": case.body,
        "category": situation.category,
        "place": case.place,
        "state": case.state,
        "state_label": actions.SITUATION.state_label(case.state),
        "community_id": case.community_id,
        "community_name": case.community.name,
        "author": selectors.author_label(situation),
        "privacy": case.privacy,
        "assignee": str(case.assignee) if case.assignee_id else "",
        "reply": situation.reply,
        "handled_note": situation.handled_note,
        "due_at": case.due_at,
        "due_limit": case.due_limit,
        "due_basis": case.due_basis,
        "due_note": case.due_note,
        "overdue": selectors.is_overdue(situation),
        "rating": case.rating,
        "created_at": case.created_at,
    }


def _get(request, situation_id: int) -> SituationNote:
    try:
        return selectors.situation_get_for(viewer=request.auth, situation_id=situation_id)
    except NotFound:
        raise Http404() from None


def _detail(request, situation_id: int) -> dict:
    situation = _get(request, situation_id)
    return {
        **_out(situation),
        "timeline": case_timeline(situation.case),
        "allowed_moves": case_moves_for(situation, request.auth),
    }


@router.get("/situations/mine", response=list[SituationOut], summary=gettext_noop("我报告的微民情"))
def mine(request):
    return [
        _out(s)
        for s in selectors.mine_for(viewer=request.auth).select_related(
            "case__resident", "case__author", "case__assignee"
        )[:200]
    ]


class QueuePage(Schema):
    count: int
    items: list[SituationOut]


@router.get(
    "/situations/queue",
    response=QueuePage,
    summary=gettext_noop("民情办理：管辖范围内待受理和处理中的民情，按时限排序"),
    openapi_extra=MAY_BE_FORBIDDEN,
)
def queue(request, filters: Query[QueueFilters], limit: Limit = 30, offset: Offset = 0):
    from gongzhi.core.authz import authorize

    authorize(request.auth, "situations.view_queue")
    state = filters.state if filters.state in actions.SITUATION.states else None
    query = selectors.queue_for(viewer=request.auth, state=state, category=filters.category or None)
    return {"count": query.count(), "items": [_out(s) for s in query[offset : offset + limit]]}


@router.get(
    "/situations/{situation_id}",
    response=SituationDetailOut,
    summary=gettext_noop("民情详情、办理记录和我能做的操作"),
)
def detail(request, situation_id: ApiId):
    return _detail(request, situation_id)


@router.post(
    "/situations", response={201: SituationDetailOut}, summary=gettext_noop("报告微民情（居民、网格员）")
)
def post(request, payload: SituationIn, idempotency_key: IdempotencyKey = None):
    def create() -> SituationNote:
        try:
            return actions.situation_post(
                actor=request.auth,
                category=payload.category,
                place=payload.place,
                body=payload.body,
                area_id=payload.area_id,
                submission_key=payload.submission_key or submission_key_for(idempotency_key),
            )
        except AlreadySubmitted as exc:
            if payload.submission_key:
                raise  # the field's own answer: 400 already_submitted
            return exc.case.situation  # the header's key raced past the cache: the first note

    situation = idempotent_create(request, idempotency_key, payload, create)
    return Status(201, _detail(request, situation.pk))


def _move(request, situation_id: int, run) -> dict:
    run(_get(request, situation_id))
    return _detail(request, situation_id)


@router.post(
    "/situations/{situation_id}/accept",
    response=SituationDetailOut,
    summary=gettext_noop("受理（村社区工作人员）"),
)
def accept(request, situation_id: ApiId, payload: NoteIn):
    return _move(
        request,
        situation_id,
        lambda s: actions.situation_accept(actor=request.auth, situation=s, note=payload.note),
    )


@router.post(
    "/situations/{situation_id}/reply",
    response=SituationDetailOut,
    summary=gettext_noop("答复提交人（办理中）"),
)
def reply(request, situation_id: ApiId, payload: ReplyIn):
    return _move(
        request,
        situation_id,
        lambda s: actions.situation_reply(actor=request.auth, situation=s, reply=payload.reply),
    )


@router.post(
    "/situations/{situation_id}/resolve",
    response=SituationDetailOut,
    summary=gettext_noop("办结（写明办理结果）"),
)
def resolve(request, situation_id: ApiId, payload: ResolveIn):
    return _move(
        request,
        situation_id,
        lambda s: actions.situation_resolve(
            actor=request.auth, situation=s, handled_note=payload.handled_note
        ),
    )


@router.post(
    "/situations/{situation_id}/withdraw",
    response=SituationDetailOut,
    summary=gettext_noop("撤回（提交人，受理前）"),
)
def withdraw(request, situation_id: ApiId, payload: ReasonIn):
    return _move(
        request,
        situation_id,
        lambda s: actions.situation_withdraw(actor=request.auth, situation=s, reason=payload.reason),
    )


@router.post(
    "/situations/{situation_id}/reopen",
    response=SituationDetailOut,
    summary=gettext_noop("重新办理（提交人，办结后7天内）"),
)
def reopen(request, situation_id: ApiId, payload: ReasonIn):
    return _move(
        request,
        situation_id,
        lambda s: actions.situation_reopen(actor=request.auth, situation=s, reason=payload.reason),
    )


@router.post(
    "/situations/{situation_id}/rate",
    response=SituationDetailOut,
    summary=gettext_noop("评价（提交人，1–5星）"),
)
def rate(request, situation_id: ApiId, payload: RateIn):
    return _move(
        request,
        situation_id,
        lambda s: actions.situation_rate(
            actor=request.auth, situation=s, rating=payload.rating, comment=payload.comment
        ),
    )
