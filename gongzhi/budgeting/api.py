"""The participatory budget over the API: the same selectors, actions and rules as the pages.

Reads: the catalogue, the rounds the token user reads, a round with its projects, a project. Writes: a round
(create with an Idempotency-Key), open and close proposing, a project proposed by a resident or entered by staff for
one (Idempotency-Key), screening, a ranking by a seated member of the 议事会, the decision with the 议事会's vote,
finishing, a rating. Outside the token user's reach is 404, as what does not exist. Photos are the pages' only.
"""

import datetime as dt
from decimal import Decimal

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils.translation import gettext_lazy, gettext_noop
from ninja import Router, Schema, Status

from gongzhi.areas.models import Area, AreaKind
from gongzhi.core.api_input import MAY_BE_FORBIDDEN
from gongzhi.core.errors import NotFound
from gongzhi.core.idempotency import IdempotencyKey, idempotent_create
from gongzhi.core.ids import ApiId
from gongzhi.residents.models import Resident

from . import actions, selectors
from .models import Category, Project, Round
from .roles import ORGANISERS

router = Router(tags=["村公资金 budgeting"])

MAY_BE_MISSING_OR_FORBIDDEN: dict = {
    "responses": MAY_BE_FORBIDDEN["responses"]
    | {"404": {"description": gettext_lazy("记录不存在，或不在您的权限范围内（两者不作区分）")}}
}


class CategoryOut(Schema):
    id: int
    code: str
    name: str
    listing: str
    note: str
    active: bool
    township_id: int | None  # None: the shared catalogue


class ProjectOut(Schema):
    id: int
    round_id: int
    title: str
    description: str
    place: str
    cost: Decimal
    category: str
    state: str
    screen_reason: str
    points: int | None
    rank: int | None
    plan_id: int | None
    finished_on: dt.date | None


class RoundOut(Schema):
    id: int
    community_id: int
    community_name: str
    year: int
    fund_id: int
    opens_on: dt.date
    closes_on: dt.date
    cap: Decimal | None
    state: str
    rankings: int
    quorum: str
    meeting_item_id: int | None
    disclosure_id: int | None


class RoundDetailOut(RoundOut):
    projects: list[ProjectOut]


class RoundIn(Schema):
    community_id: ApiId
    year: int
    opens_on: str
    closes_on: str
    cap: str = ""


class ProjectIn(Schema):
    title: str
    description: str
    place: str
    cost: str
    category: str  # a code of the catalogue


class EnteredIn(ProjectIn):
    resident_id: ApiId
    consent: str


class ScreenIn(Schema):
    eligible: bool
    reason: str = ""


class RankingIn(Schema):
    order: list[int]  # the eligible projects' ids, most wanted first


class DecideIn(Schema):
    held_on: str
    present: int
    in_favour: int
    against: int = 0
    abstaining: int = 0
    place: str = ""


class FinishIn(Schema):
    finished_on: str


class RatingIn(Schema):
    stars: int


class RatingOut(Schema):
    project_id: int
    stars: int
    mean: Decimal | None
    count: int


def _found(get):
    try:
        return get()
    except NotFound:
        raise Http404() from None


def _project(p: Project) -> dict:
    return {
        "id": p.pk, "round_id": p.round_id, "title": p.title, "description": p.description, "place": p.place,
        "cost": p.cost, "category": p.category.code, "state": p.state, "screen_reason": p.screen_reason,
        "points": p.points, "rank": p.rank, "plan_id": p.plan_id, "finished_on": p.finished_on,
    }  # fmt: skip


def _round(r: Round) -> dict:
    return {
        "id": r.pk, "community_id": r.community_id, "community_name": r.community.name, "year": r.year,
        "fund_id": r.fund_id, "opens_on": r.opens_on, "closes_on": r.closes_on, "cap": r.cap, "state": r.state,
        "rankings": r.rankings.count(), "quorum": r.quorum_reason, "meeting_item_id": r.meeting_item_id,
        "disclosure_id": r.disclosure_id,
    }  # fmt: skip


def _data(payload: ProjectIn) -> actions.ProjectInput:
    return actions.ProjectInput(
        title=payload.title,
        description=payload.description,
        place=payload.place,
        cost=payload.cost,
        category=Category.objects.filter(code=payload.category).first(),
    )


@router.get(
    "/budgeting/categories",
    response=list[CategoryOut],
    summary=gettext_noop("村公资金目录（优先支持、负面清单）"),
)
def category_list(request, township_id: ApiId | None = None):
    """The shared catalogue, and with `township_id` that township's own categories beside it."""
    township = Area.objects.filter(pk=township_id or 0, kind=AreaKind.TOWNSHIP).first()
    return [
        {
            "id": c.pk,
            "code": c.code,
            "name": c.name,
            "listing": c.listing,
            "note": c.note,
            "active": c.active,
            "township_id": c.township_id,
        }  # fmt: skip
        for c in selectors.categories_of(township)
    ]


@router.get("/budgeting/rounds", response=list[RoundOut], summary=gettext_noop("我能查看的村公资金项目征集"))
def round_list(request):
    return [_round(r) for r in selectors.rounds_for(viewer=request.auth)[:500]]


@router.post(
    "/budgeting/rounds",
    response={201: RoundOut},
    summary=gettext_noop("建立村公资金项目征集（村社区干部）"),
    openapi_extra=MAY_BE_MISSING_OR_FORBIDDEN,
)
def round_create(request, payload: RoundIn, idempotency_key: IdempotencyKey = None):
    if not request.auth.has_perm("budgeting.organise"):
        raise PermissionDenied()
    community = _found(
        lambda: selectors.community_get_for(
            viewer=request.auth, community_id=payload.community_id, roles=ORGANISERS
        )
    )
    made = idempotent_create(
        request,
        idempotency_key,
        payload,
        lambda: actions.round_create(
            actor=request.auth,
            community=community,
            year=payload.year,
            opens_on=payload.opens_on,
            closes_on=payload.closes_on,
            cap=payload.cap or None,
        ),
    )
    return Status(201, _round(made))


@router.get("/budgeting/rounds/{round_id}", response=RoundDetailOut, summary=gettext_noop("一轮征集及其项目"))
def round_detail(request, round_id: ApiId):
    found = _found(lambda: selectors.round_get_for(viewer=request.auth, round_id=round_id))
    projects = selectors.round_projects(found)
    if (
        not request.auth.has_perm("budgeting.view", found)
        and selectors.seat_of(request.auth, found.community) is None
    ):
        projects = projects.filter(proposer=request.auth)
    return {**_round(found), "projects": [_project(p) for p in projects]}


def _round_moved(request, round_id: int, perm: str, run) -> dict:
    found = _found(lambda: selectors.round_get_for(viewer=request.auth, round_id=round_id))
    if not request.auth.has_perm(perm, found):
        raise PermissionDenied()
    return _round(run(found))


@router.post(
    "/budgeting/rounds/{round_id}/open",
    response=RoundOut,
    summary=gettext_noop("开始征集项目"),
    openapi_extra=MAY_BE_MISSING_OR_FORBIDDEN,
)
def round_open(request, round_id: ApiId):
    return _round_moved(
        request, round_id, "budgeting.organise", lambda r: actions.round_open(actor=request.auth, round_=r)
    )


@router.post(
    "/budgeting/rounds/{round_id}/close",
    response=RoundOut,
    summary=gettext_noop("截止征集项目（交议事会排序）"),
    openapi_extra=MAY_BE_MISSING_OR_FORBIDDEN,
)
def round_close(request, round_id: ApiId):
    return _round_moved(
        request, round_id, "budgeting.organise", lambda r: actions.round_close(actor=request.auth, round_=r)
    )


@router.post(
    "/budgeting/rounds/{round_id}/projects",
    response={201: ProjectOut},
    summary=gettext_noop("提出项目（本村社区登记在册的居民，征集时间内）"),
    openapi_extra=MAY_BE_MISSING_OR_FORBIDDEN,
)
def project_create(request, round_id: ApiId, payload: ProjectIn, idempotency_key: IdempotencyKey = None):
    found = _found(lambda: selectors.round_get_for(viewer=request.auth, round_id=round_id))
    if not request.auth.has_perm("budgeting.propose", found):
        raise PermissionDenied()
    made = idempotent_create(
        request,
        idempotency_key,
        payload,
        lambda: actions.project_propose(actor=request.auth, round_=found, data=_data(payload)),
    )
    return Status(201, _project(made))


@router.post(
    "/budgeting/rounds/{round_id}/entered-projects",
    response={201: ProjectOut},
    summary=gettext_noop("代居民登记项目（居民当面提出，记录本人同意的方式）"),
    openapi_extra=MAY_BE_MISSING_OR_FORBIDDEN,
)
def project_enter(request, round_id: ApiId, payload: EnteredIn, idempotency_key: IdempotencyKey = None):
    found = _found(lambda: selectors.round_get_for(viewer=request.auth, round_id=round_id))
    if not request.auth.has_perm("budgeting.organise", found):
        raise PermissionDenied()
    resident = Resident.objects.filter(pk=payload.resident_id, community=found.community).first()
    made = idempotent_create(
        request,
        idempotency_key,
        payload,
        lambda: actions.project_enter(
            actor=request.auth, round_=found, resident=resident, consent=payload.consent, data=_data(payload)
        ),
    )
    return Status(201, _project(made))


@router.post(
    "/budgeting/rounds/{round_id}/rankings",
    response={201: RoundOut},
    summary=gettext_noop("议事会成员提交排序（每人一次）"),
    openapi_extra=MAY_BE_MISSING_OR_FORBIDDEN,
)
def ranking_create(request, round_id: ApiId, payload: RankingIn, idempotency_key: IdempotencyKey = None):
    found = _found(lambda: selectors.round_get_for(viewer=request.auth, round_id=round_id))
    if not request.auth.has_perm("budgeting.rank", found):
        raise PermissionDenied()
    # A retry with the same key gets the round as it stands, not a "ranked already" refusal.
    idempotent_create(
        request,
        idempotency_key,
        payload,
        lambda: actions.ranking_submit(actor=request.auth, round_=found, order=payload.order),
    )
    found.refresh_from_db()
    return Status(201, _round(found))


@router.post(
    "/budgeting/rounds/{round_id}/decide",
    response=RoundOut,
    summary=gettext_noop("记录议事会的表决并议定项目（立项为支出计划，结果上墙）"),
    openapi_extra=MAY_BE_MISSING_OR_FORBIDDEN,
)
def round_decide(request, round_id: ApiId, payload: DecideIn):
    vote = actions.CouncilVote(
        held_on=payload.held_on,
        present=payload.present,
        in_favour=payload.in_favour,
        against=payload.against,
        abstaining=payload.abstaining,
        place=payload.place,
    )
    return _round_moved(
        request,
        round_id,
        "budgeting.organise",
        lambda r: actions.round_decide(actor=request.auth, round_=r, vote=vote),
    )


@router.get("/budgeting/projects/{project_id}", response=ProjectOut, summary=gettext_noop("一个村公资金项目"))
def project_detail(request, project_id: ApiId):
    return _project(_found(lambda: selectors.project_get_for(viewer=request.auth, project_id=project_id)))


def _project_moved(request, project_id: int, perm: str, run) -> dict:
    found = _found(lambda: selectors.project_get_for(viewer=request.auth, project_id=project_id))
    if not request.auth.has_perm(perm, found):
        raise PermissionDenied()
    return _project(run(found))


@router.post(
    "/budgeting/projects/{project_id}/screen",
    response=ProjectOut,
    summary=gettext_noop("审查项目（不符合条件须说明理由，通知提出人）"),
    openapi_extra=MAY_BE_MISSING_OR_FORBIDDEN,
)
def project_screen(request, project_id: ApiId, payload: ScreenIn):
    return _project_moved(
        request,
        project_id,
        "budgeting.organise",
        lambda p: actions.project_screen(
            actor=request.auth, project=p, eligible=payload.eligible, reason=payload.reason
        ),
    )


@router.post(
    "/budgeting/projects/{project_id}/finish",
    response=ProjectOut,
    summary=gettext_noop("登记项目完工"),
    openapi_extra=MAY_BE_MISSING_OR_FORBIDDEN,
)
def project_finish(request, project_id: ApiId, payload: FinishIn):
    return _project_moved(
        request,
        project_id,
        "budgeting.organise",
        lambda p: actions.project_finish(actor=request.auth, project=p, finished_on=payload.finished_on),
    )


@router.post(
    "/budgeting/projects/{project_id}/ratings",
    response={201: RatingOut},
    summary=gettext_noop("为完工的项目评分（1至5星，每人一次）"),
    openapi_extra=MAY_BE_MISSING_OR_FORBIDDEN,
)
def project_rating_create(
    request, project_id: ApiId, payload: RatingIn, idempotency_key: IdempotencyKey = None
):
    try:
        found = selectors.project_public(project_id)
    except NotFound:
        raise Http404() from None
    if not request.auth.has_perm("budgeting.rate", found):
        raise PermissionDenied()
    made = idempotent_create(
        request,
        idempotency_key,
        payload,
        lambda: actions.project_rate(actor=request.auth, project=found, stars=payload.stars),
    )
    score = selectors.project_score(found)
    return Status(
        201, {"project_id": found.pk, "stars": made.stars, "mean": score.mean, "count": score.count}
    )
