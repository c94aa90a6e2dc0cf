"""四议两公开 decisions and the power list over the API: the same actions, selectors and rules as the pages.

As on the pages: a user who may not do this anywhere gets 403; a decision outside their scope is 404 (as a
missing one); a refusal (a stage out of order, a meeting short of its quorum) is 400 with its Chinese message,
nothing changed.
"""

import datetime as dt

from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from ninja import Router, Schema

from gongzhi.core.api_input import MAY_BE_FORBIDDEN, Limit, Offset
from gongzhi.core.authz import can
from gongzhi.core.errors import DomainError, NotFound, NotPermitted
from gongzhi.core.idempotency import IdempotencyKey, idempotent_create
from gongzhi.core.ids import ApiId
from gongzhi.core.lifecycle import lifecycle_moves_for

from ..actions import decisions as actions
from ..models import STAGES, Decision, PowerItem
from ..selectors import decisions as selectors
from ..workflow.decisions import DECISION_TASK

router = Router(tags=["四议两公开 decisions"])
NOT_FOUND = {
    "responses": {**MAY_BE_FORBIDDEN["responses"], "404": {"description": ""}}
}  # a community_id not one's own


def _gate(request, perm: str, obj=None) -> None:
    if not can(request.auth, perm, obj):
        raise NotPermitted()


class StageOut(Schema):
    stage: str
    label: str
    needed: bool
    done: bool
    skipped: bool
    merged: bool
    passed: bool | None
    meeting_body: str
    held_on: dt.date | None
    members: int | None
    present: int | None
    in_favour: int | None
    against: int | None
    abstaining: int | None
    verdict: str
    meeting_id: (
        int | None
    )  # the meeting convened in gongzhi (/api/v1/meetings/{id}); null when recorded after the fact
    agenda_item: int | None  # its agenda item's number
    published_on: dt.date | None
    published_text: str
    register_url: str


class TaskOut(Schema):
    id: int
    title: str
    state: str
    state_label: str
    due_at: dt.datetime | None


class ObjectionOut(Schema):
    id: int
    text: str
    raised_at: dt.datetime
    due_at: dt.datetime
    due_basis: str
    overdue: bool
    answer: str
    answered_at: dt.datetime | None


class DecisionOut(Schema):
    id: int
    title: str
    community_id: int
    community_name: str
    matter_type: str
    mandatory: bool
    power_item_code: str
    state: str
    state_label: str
    origin_kind: str
    origin_title: str
    started_at: dt.datetime


class DecisionDetailOut(DecisionOut):
    body: str
    stages: list[StageOut]
    tasks: list[TaskOut]
    objections: list[ObjectionOut]
    allowed_moves: list[str]


class DecisionPage(Schema):
    count: int
    items: list[DecisionOut]


def _out(d: Decision) -> dict:
    return {
        "id": d.pk,
        "title": d.title,
        "community_id": d.community_id,
        "community_name": d.community.name,
        "matter_type": d.matter_type,
        "mandatory": d.mandatory,
        "power_item_code": d.power_item.code if d.power_item else "",
        "state": d.state,
        "state_label": d.get_state_display(),
        "origin_kind": d.origin_kind,
        "origin_title": d.origin_title,
        "started_at": d.started_at,
    }


def _detail(d: Decision, user) -> dict:
    from django.urls import reverse

    from ..models import Stage

    records = selectors.decision_stages_of(d)
    stages = []
    for stage in STAGES:
        r = records.get(stage)
        voted = selectors.stage_items_of(r)
        item = voted[0] if voted else None
        convened = r is not None and r.meeting is not None and r.meeting.body_id is not None
        stages.append(
            {
                "stage": stage,
                "label": str(Stage(stage).label),
                "needed": stage in d.stages,
                "done": r is not None,
                "skipped": bool(r and r.skipped),
                "merged": bool(r and r.merged),
                "passed": r.passed if r and not r.skipped else None,
                "meeting_body": r.meeting.body_label if r and r.meeting else "",
                "held_on": r.meeting.held_on if r and r.meeting else None,
                "members": r.meeting.members if r and r.meeting else None,
                "present": r.meeting.present if r and r.meeting else None,
                "in_favour": item.in_favour if item else None,
                "against": item.against if item else None,
                "abstaining": item.abstaining if item else None,
                "verdict": item.vote_reason if item else "",
                "meeting_id": r.meeting_id if convened and r else None,
                "agenda_item": item.number if convened and item else None,
                "published_on": r.published_on if r else None,
                "published_text": r.published_text if r else "",
                "register_url": reverse("selfgov:decision_register", args=[d.pk, stage])
                if r and not r.skipped
                else "",
            }
        )
    return {
        **_out(d),
        "body": d.body,
        "stages": stages,
        "tasks": [
            {
                "id": t.pk,
                "title": t.case.title,
                "state": t.case.state,
                "state_label": DECISION_TASK.state_label(t.case.state),
                "due_at": t.case.due_at,
            }
            for t in selectors.decision_tasks_of(d)
        ],
        "objections": [
            {
                "id": o.pk,
                "text": o.text,
                "raised_at": o.raised_at,
                "due_at": o.due_at,
                "due_basis": o.due_basis,
                "overdue": selectors.objection_overdue(o),
                "answer": o.answer,
                "answered_at": o.answered_at,
            }
            for o in selectors.decision_objections_of(d)
        ],
        "allowed_moves": [m.verb for m in lifecycle_moves_for(d, user)],
    }


def _get(request, decision_id: int) -> Decision:
    return selectors.decision_get_for(viewer=request.auth, decision_id=decision_id)


@router.get(
    "/selfgov/decisions",
    response=DecisionPage,
    summary=gettext_noop("决策事项（本人管辖范围）"),
    openapi_extra=MAY_BE_FORBIDDEN,
)
def decision_list(request, state: str = "", limit: Limit = 20, offset: Offset = 0):
    _gate(request, "selfgov.view_decisions")
    found = selectors.decisions_for(viewer=request.auth, state=state)
    return {"count": found.count(), "items": [_out(d) for d in found[offset : offset + limit]]}


@router.get(
    "/selfgov/decisions/{decision_id}",
    response=DecisionDetailOut,
    summary=gettext_noop("决策事项详情：六个环节、会议表决结果、实施任务和监督意见"),
    openapi_extra=MAY_BE_FORBIDDEN,
)
def decision_detail(request, decision_id: ApiId):
    _gate(request, "selfgov.view_decisions")
    return _detail(_get(request, decision_id), request.auth)


class DecisionIn(Schema):
    community_id: ApiId
    title: str
    body: str
    origin_kind: str
    matter_type: str = ""
    power_item_id: ApiId | None = None
    origin_case_id: ApiId | None = None
    origin_title: str = ""


@router.post(
    "/selfgov/decisions",
    response={201: DecisionDetailOut},
    summary=gettext_noop("登记决策事项（村社区干部、镇社治办）"),
    openapi_extra=NOT_FOUND,
)
def decision_create(request, payload: DecisionIn, idempotency_key: IdempotencyKey = None):
    _gate(request, "selfgov.start_decision")
    community = (
        selectors.communities_to_start_for(viewer=request.auth).filter(pk=payload.community_id).first()
    )
    if community is None:
        raise NotFound()
    item = None
    if payload.power_item_id is not None:
        item = PowerItem.objects.filter(pk=payload.power_item_id, area=community).first()
        if item is None:
            raise DomainError(_("请从本村(社区)的权力清单中选择事项。"), field="power_item")
    origin = None
    if payload.origin_case_id is not None:
        origin = selectors.origin_case_get_for(
            viewer=request.auth, community=community, case_id=payload.origin_case_id
        )

    def create() -> Decision:
        return actions.decision_start(
            actor=request.auth,
            community=community,
            title=payload.title,
            body=payload.body,
            origin_kind=payload.origin_kind,
            matter_type=payload.matter_type,
            power_item=item,
            origin=origin,
            origin_title=payload.origin_title or (origin.title if origin is not None else ""),
            tell=[origin.author] if origin is not None and origin.author_id else [],
        )

    decision = idempotent_create(request, idempotency_key, payload, create)
    return 201, _detail(_get(request, decision.pk), request.auth)


class StageIn(Schema):
    held_on: dt.date | None = None
    present: int | None = None
    in_favour: int | None = None
    against: int = 0
    abstaining: int = 0
    present_residents: list[int] | None = None
    households_present: int | None = None
    resolution_kind: str = ""
    opinion: str = ""
    place: str = ""


@router.post(
    "/selfgov/decisions/{decision_id}/stage",
    response=DecisionDetailOut,
    summary=gettext_noop(
        "补录事项登记前已召开的当前环节会议（不足法定人数不记录；未通过则事项终止；登记后的会议须召集）"
    ),
)
def decision_stage(request, decision_id: ApiId, payload: StageIn):
    _gate(request, "selfgov.keep_decision")
    decision = _get(request, decision_id)
    actions.decision_stage_record(
        actor=request.auth,
        decision=decision,
        meeting=actions.StageMeeting(
            held_on=payload.held_on,
            present=payload.present,
            in_favour=payload.in_favour,
            against=payload.against,
            abstaining=payload.abstaining,
            present_residents=tuple(payload.present_residents)
            if payload.present_residents is not None
            else None,
            households_present=payload.households_present,
            resolution_kind=payload.resolution_kind,
            opinion=payload.opinion,
            place=payload.place,
        ),
    )
    return _detail(_get(request, decision_id), request.auth)


class StageMeetingOut(Schema):
    meeting_id: int
    title: str
    body: str
    held_on: dt.date
    place: str
    state: str
    quorate: bool
    quorum_reason: str


class StageVoteOut(StageMeetingOut):
    agenda_item_id: int
    agenda_number: int
    agenda_title: str
    in_favour: int
    against: int
    abstaining: int
    passed: bool
    confirmed: bool  # a show of hands' counts confirmed by a second person (needed before it may be taken)


class StageMeetingsOut(Schema):
    stage: str
    usable: list[StageVoteOut]
    waiting: list[StageMeetingOut]
    short: list[StageMeetingOut]


def _meeting_out(m) -> dict:
    return {
        "meeting_id": m.pk,
        "title": m.title,
        "body": m.body.name if m.body_id else m.body_label,
        "held_on": m.held_on,
        "place": m.place,
        "state": m.state,
        "quorate": m.quorate,
        "quorum_reason": m.quorum_reason,
    }


@router.get(
    "/selfgov/decisions/{decision_id}/stage/meetings",
    response=StageMeetingsOut,
    summary=gettext_noop("当前环节的会议：可采用的表决、待召开的会议、未达法定人数的会议"),
    openapi_extra=MAY_BE_FORBIDDEN,
)
def decision_stage_meetings(request, decision_id: ApiId):
    _gate(request, "selfgov.keep_decision")
    decision = _get(request, decision_id)
    if not can(request.auth, "selfgov.keep_decision", decision):
        raise NotPermitted()
    found = selectors.decision_stage_meetings(decision)
    return {
        "stage": decision.state,
        "usable": [
            {
                **_meeting_out(a.meeting),
                "agenda_item_id": a.pk,
                "agenda_number": a.number,
                "agenda_title": a.title,
                "in_favour": a.vote.in_favour,
                "against": a.vote.against,
                "abstaining": a.vote.abstaining,
                "passed": a.vote.passed,
                "confirmed": a.vote.method != "show_of_hands" or a.vote.confirmed_by_id is not None,
            }
            for a in found["usable"]
        ],
        "waiting": [_meeting_out(m) for m in found["waiting"]],
        "short": [_meeting_out(m) for m in found["short"]],
    }


class StageConveneIn(Schema):
    held_on: dt.date | None = None
    place: str = ""
    starts_at: dt.time | None = None
    urgency_reason: str = ""
    method: str = "show_of_hands"
    resolution_kind: str = ""


class StageConvenedOut(StageMeetingOut):
    agenda_item_id: int


@router.post(
    "/selfgov/decisions/{decision_id}/stage/convene",
    response={201: StageConvenedOut},
    summary=gettext_noop("召集当前环节的会议（提前通知；不足规定天数须说明紧急理由），本事项列入议程"),
)
def decision_stage_convene(
    request, decision_id: ApiId, payload: StageConveneIn, idempotency_key: IdempotencyKey = None
):
    _gate(request, "selfgov.keep_decision")
    decision = _get(request, decision_id)

    def create():
        return actions.decision_stage_convene(
            actor=request.auth,
            decision=decision,
            held_on=payload.held_on,
            place=payload.place,
            starts_at=payload.starts_at,
            urgency_reason=payload.urgency_reason,
            method=payload.method,
            resolution_kind=payload.resolution_kind,
        )

    meeting = idempotent_create(request, idempotency_key, payload, create)
    meeting = type(meeting).objects.select_related("body").get(pk=meeting.pk)
    return 201, {**_meeting_out(meeting), "agenda_item_id": meeting.agenda.get().pk}


class StageTakeIn(Schema):
    agenda_item_id: ApiId
    opinion: str = ""


@router.post(
    "/selfgov/decisions/{decision_id}/stage/take",
    response=DecisionDetailOut,
    summary=gettext_noop("采用已召开会议的表决结果作为当前环节（须达到法定人数、已表决、举手表决已核对）"),
)
def decision_stage_take(request, decision_id: ApiId, payload: StageTakeIn):
    _gate(request, "selfgov.keep_decision")
    decision = _get(request, decision_id)
    actions.decision_stage_take(
        actor=request.auth,
        decision=decision,
        agenda_item=selectors.stage_agenda_item_get(decision, payload.agenda_item_id),
        opinion=payload.opinion,
    )
    return _detail(_get(request, decision_id), request.auth)


class PublishIn(Schema):
    text: str
    published_on: dt.date | None = None
    where: str = ""


@router.post(
    "/selfgov/decisions/{decision_id}/publish",
    response=DecisionDetailOut,
    summary=gettext_noop("决议公示，或验收后的实施结果公示（发布到村务栏）"),
)
def decision_publish(request, decision_id: ApiId, payload: PublishIn):
    _gate(request, "selfgov.keep_decision")
    decision = _get(request, decision_id)
    actions.decision_publish(
        actor=request.auth,
        decision=decision,
        text=payload.text,
        published_on=payload.published_on,
        where=payload.where,
    )
    return _detail(_get(request, decision_id), request.auth)


class TaskIn(Schema):
    title: str
    body: str = ""


@router.post(
    "/selfgov/decisions/{decision_id}/tasks",
    response={201: TaskOut},
    summary=gettext_noop("安排实施任务（决议公示后）"),
)
def task_add(request, decision_id: ApiId, payload: TaskIn, idempotency_key: IdempotencyKey = None):
    _gate(request, "selfgov.keep_decision")
    decision = _get(request, decision_id)
    task = idempotent_create(
        request,
        idempotency_key,
        payload,
        lambda: actions.decision_task_add(
            actor=request.auth, decision=decision, title=payload.title, body=payload.body
        ),
    )
    return 201, {
        "id": task.pk,
        "title": task.case.title,
        "state": task.case.state,
        "state_label": DECISION_TASK.state_label(task.case.state),
        "due_at": task.case.due_at,
    }


class TaskMoveIn(Schema):
    verb: str  # start, progress, finish, cancel
    note: str = ""


@router.post(
    "/selfgov/decisions/tasks/{task_id}/move",
    response=TaskOut,
    summary=gettext_noop("实施任务：开始、记录进展、完成或取消"),
)
def task_move(request, task_id: ApiId, payload: TaskMoveIn):
    _gate(request, "selfgov.keep_decision")
    task = selectors.decision_task_get_for(viewer=request.auth, task_id=task_id)
    task = actions.decision_task_move(actor=request.auth, task=task, verb=payload.verb, note=payload.note)
    return {
        "id": task.pk,
        "title": task.case.title,
        "state": task.case.state,
        "state_label": DECISION_TASK.state_label(task.case.state),
        "due_at": task.case.due_at,
    }


class NoteIn(Schema):
    note: str = ""


@router.post(
    "/selfgov/decisions/{decision_id}/accept",
    response=DecisionDetailOut,
    summary=gettext_noop("监委会验收实施情况（监委会成员）"),
)
def decision_accept(request, decision_id: ApiId, payload: NoteIn):
    _gate(request, "selfgov.supervise_decision")
    decision = _get(request, decision_id)
    actions.decision_accept(actor=request.auth, decision=decision, note=payload.note)
    return _detail(_get(request, decision_id), request.auth)


class ObjectionIn(Schema):
    text: str


@router.post(
    "/selfgov/decisions/{decision_id}/objections",
    response={201: ObjectionOut},
    summary=gettext_noop("监委会对实施提出监督意见（7日内答复）"),
)
def decision_object(
    request, decision_id: ApiId, payload: ObjectionIn, idempotency_key: IdempotencyKey = None
):
    _gate(request, "selfgov.supervise_decision")
    decision = _get(request, decision_id)
    o = idempotent_create(
        request,
        idempotency_key,
        payload,
        lambda: actions.decision_object(actor=request.auth, decision=decision, text=payload.text),
    )
    return 201, _objection(o)


def _objection(o) -> dict:
    return {
        "id": o.pk,
        "text": o.text,
        "raised_at": o.raised_at,
        "due_at": o.due_at,
        "due_basis": o.due_basis,
        "overdue": selectors.objection_overdue(o),
        "answer": o.answer,
        "answered_at": o.answered_at,
    }


class AnswerIn(Schema):
    answer: str


@router.post(
    "/selfgov/decisions/objections/{objection_id}/answer",
    response=ObjectionOut,
    summary=gettext_noop("答复监委会的监督意见"),
)
def objection_answer(request, objection_id: ApiId, payload: AnswerIn):
    _gate(request, "selfgov.keep_decision")
    objection = selectors.decision_objection_get_for(viewer=request.auth, objection_id=objection_id)
    return _objection(
        actions.decision_objection_answer(actor=request.auth, objection=objection, answer=payload.answer)
    )
