"""Polls and evaluations over the API: the same actions, rules and selectors as the pages.

Voting itself is the ballot box's (POST /api/v1/ballots/{box_id}/cast, with its own retry guard); a round
names the box the caller may vote in (`my_box_id`). Results only after the close, as aggregates.
"""

import datetime as dt

from django.http import Http404
from django.utils.translation import gettext_lazy, gettext_noop
from ninja import Router, Schema, Status

from gongzhi.areas.models import Area
from gongzhi.core.api_input import MAY_BE_FORBIDDEN
from gongzhi.core.errors import NotFound, NotPermitted
from gongzhi.core.idempotency import IdempotencyKey, idempotent_create
from gongzhi.core.ids import ApiId

from . import actions, selectors
from .models import Round

router = Router(tags=["投票与评议 polls"])

AREA_MAY_BE_MISSING: dict = {
    "responses": {"404": {"description": gettext_lazy("区域不存在，或不在您的权限范围内（两者不作区分）")}}
}


class OptionOut(Schema):
    key: str
    label: str
    votes: int
    share: str


class SeatOut(Schema):
    name: str
    post: str
    competent: int
    basically_competent: int
    incompetent: int
    committee_member: bool  # False: hired staff (聘用人员), evaluated too but never flagged (第三十三条)
    unfit: bool
    flagged: bool


class CommunityResultOut(Schema):
    community_id: int
    name: str
    eligible: int
    participated: int
    shown: bool  # False: fewer ballots counted there than `breakdown_min` (or hidden with such a community)
    options: list[OptionOut]  # empty when not shown


class ResultsOut(Schema):
    eligible: int
    participated: int
    quorate: bool
    options: list[OptionOut]
    seats: list[SeatOut]  # a 民主评议's members, in post order (never ranked)
    communities: list[CommunityResultOut]  # a township poll's, per community (aggregates, small ones hidden)
    breakdown_min: int
    satisfied: str | None
    satisfied_basic: str | None


class RoundOut(Schema):
    id: int
    kind: str
    title: str
    question: str
    area_id: int
    area_name: str
    year: int | None
    state: str
    opens_at: dt.datetime
    closes_at: dt.datetime
    closed_at: dt.datetime | None
    public_results: bool
    my_box_id: int | None
    voted: bool


class RoundDetailOut(RoundOut):
    results: ResultsOut | None


class PollIn(Schema):
    area_id: int
    title: str
    question: str
    options: list[str]
    closes_at: dt.datetime
    opens_at: dt.datetime | None = None
    public_results: bool = False


class EvaluationIn(Schema):
    community_id: int
    closes_at: dt.datetime
    opens_at: dt.datetime | None = None
    year: int | None = None


class FlagOut(Schema):
    round_id: int
    community: str
    year: int | None
    name: str
    post: str
    incompetent: int
    total: int
    ended_on: dt.date | None


def _get(request, round_id: int) -> Round:
    try:
        return selectors.round_get_for(viewer=request.auth, round_id=round_id)
    except NotFound:
        raise Http404() from None


def _area(area_id: int) -> Area:
    found = Area.objects.filter(pk=area_id).first()
    if found is None:
        raise Http404()
    return found


def _out(round_: Round, user) -> dict:
    mine = selectors.round_my_box(round_, user)
    return {
        "id": round_.pk,
        "kind": round_.kind,
        "title": round_.title,
        "question": round_.question,
        "area_id": round_.area_id,
        "area_name": round_.area.name,
        "year": round_.year,
        "state": selectors.round_state(round_),
        "opens_at": round_.opens_at,
        "closes_at": round_.closes_at,
        "closed_at": round_.closed_at,
        "public_results": round_.public_results,
        "my_box_id": mine.box_id if mine else None,
        "voted": mine is not None and selectors.round_has_voted(round_, user),
    }


def _percent(value) -> str | None:
    return None if value is None else f"{float(value) * 100:.1f}%"


def _detail(round_: Round, user) -> dict:
    results = None
    if round_.closed_at is not None:
        found = selectors.round_results(round_)
        results = {
            "eligible": found.eligible,
            "participated": found.participated,
            "quorate": found.quorate,
            "options": [
                {"key": o.key, "label": o.label, "votes": o.votes, "share": o.percent} for o in found.options
            ],
            "seats": [
                {
                    "name": s.name,
                    "post": s.post,
                    "competent": s.competent,
                    "basically_competent": s.basically_competent,
                    "incompetent": s.incompetent,
                    "committee_member": s.committee_member,
                    "unfit": s.unfit,
                    "flagged": s.flagged,
                }
                for s in found.seats
            ],
            "communities": [
                {
                    "community_id": c.community_id,
                    "name": c.name,
                    "eligible": c.eligible,
                    "participated": c.participated,
                    "shown": c.shown,
                    "options": [
                        {"key": o.key, "label": o.label, "votes": o.votes, "share": o.percent}
                        for o in c.options
                    ],
                }
                for c in found.communities
            ],
            "breakdown_min": found.breakdown_min,
            "satisfied": _percent(found.satisfied),
            "satisfied_basic": _percent(found.satisfied_basic),
        }
    return {**_out(round_, user), "results": results}


@router.get("/polls", response=list[RoundOut], summary=gettext_noop("我能看到的投票与评议（进行中和已结束）"))
def rounds(request):
    return [
        _out(r, request.auth)
        for r in selectors.rounds_for(viewer=request.auth).order_by("-opens_at", "-pk")[:200]
    ]


@router.get(
    "/polls/flags",
    response=list[FlagOut],
    summary=gettext_noop("连续两次被评议不称职的村(居)委会成员（镇）"),
    openapi_extra=MAY_BE_FORBIDDEN,
)
def flags(request):
    if not request.auth.has_perm("polls.flags"):
        raise NotPermitted()
    return [
        {
            "round_id": s.round_id,
            "community": s.round.area.name,
            "year": s.round.year,
            "name": s.name,
            "post": s.post,
            "incompetent": s.incompetent,
            "total": s.total,
            "ended_on": s.membership.ended_on,
        }
        for s in selectors.flags_for(viewer=request.auth)[:200]
    ]


@router.get(
    "/polls/{round_id}",
    response=RoundDetailOut,
    summary=gettext_noop("投票或评议详情；结束后附结果（汇总数，民主评议按职务排列）"),
)
def detail(request, round_id: ApiId):
    return _detail(_get(request, round_id), request.auth)


@router.post(
    "/polls",
    response={201: RoundDetailOut},
    summary=gettext_noop("发起咨询性投票（村社区工作人员；镇社治办可面向全镇）"),
    openapi_extra=AREA_MAY_BE_MISSING,
)
def poll_open(request, payload: PollIn, idempotency_key: IdempotencyKey = None):
    area = _area(payload.area_id)
    round_ = idempotent_create(
        request,
        idempotency_key,
        payload,
        lambda: actions.round_poll_open(
            actor=request.auth,
            area=area,
            title=payload.title,
            question=payload.question,
            options=payload.options,
            opens_at=payload.opens_at,
            closes_at=payload.closes_at,
            public_results=payload.public_results,
        ),
    )
    return Status(201, _detail(round_, request.auth))


@router.post(
    "/evaluations/review",
    response={201: RoundDetailOut},
    summary=gettext_noop("开展民主评议（村务监督委员会成员）"),
    openapi_extra=AREA_MAY_BE_MISSING,
)
def review_open(request, payload: EvaluationIn, idempotency_key: IdempotencyKey = None):
    community = _area(payload.community_id)
    round_ = idempotent_create(
        request,
        idempotency_key,
        payload,
        lambda: actions.round_review_open(
            actor=request.auth,
            community=community,
            year=payload.year,
            opens_at=payload.opens_at,
            closes_at=payload.closes_at,
        ),
    )
    return Status(201, _detail(round_, request.auth))


@router.post(
    "/evaluations/satisfaction",
    response={201: RoundDetailOut},
    summary=gettext_noop("开展群众评议（村务监督委员会成员）"),
    openapi_extra=AREA_MAY_BE_MISSING,
)
def satisfaction_open(request, payload: EvaluationIn, idempotency_key: IdempotencyKey = None):
    community = _area(payload.community_id)
    round_ = idempotent_create(
        request,
        idempotency_key,
        payload,
        lambda: actions.round_satisfaction_open(
            actor=request.auth,
            community=community,
            year=payload.year,
            opens_at=payload.opens_at,
            closes_at=payload.closes_at,
        ),
    )
    return Status(201, _detail(round_, request.auth))


@router.post(
    "/polls/{round_id}/close",
    response=RoundDetailOut,
    summary=gettext_noop("结束投票或评议并公布结果（发起人一方）"),
)
def close(request, round_id: ApiId):
    round_ = _get(request, round_id)
    actions.round_close(actor=request.auth, round_=round_)
    return _detail(selectors.round_get_for(viewer=request.auth, round_id=round_.pk), request.auth)
