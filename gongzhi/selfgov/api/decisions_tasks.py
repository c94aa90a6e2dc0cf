"""A decision's execution task (a case of kind decision_task) over the API, with its timeline: what the task's
page shows — its state, its time limit, the moves the viewer may make, and every move with its progress note.

Read by the same readers as the page (`selfgov.view_decisions`, scoped by `decision_task_get_for`: the
community's staff and supervisory committee, the township). Kept apart from api/decisions.py, which holds the
decisions' writes.
"""

import datetime as dt

from django.urls import reverse
from django.utils.translation import gettext_noop
from ninja import Router, Schema

from gongzhi.cases.selectors import case_moves_for, case_timeline
from gongzhi.core.api_input import MAY_BE_FORBIDDEN
from gongzhi.core.authz import can
from gongzhi.core.errors import NotPermitted
from gongzhi.core.ids import ApiId

from ..selectors.decisions import decision_task_get_for
from ..workflow.decisions import DECISION_TASK

router = Router(tags=["四议两公开 decisions"])


class TimelineRowOut(Schema):
    at: dt.datetime
    verb: str  # the move, as the page names it (开始, 记录进展, 完成 …)
    to: str  # the state it led to, or "" for a note that changed none
    who: str
    note: str


class MoveOut(Schema):
    verb: str
    label: str


class TaskDetailOut(Schema):
    id: int
    decision_id: int
    decision_title: str
    community_name: str
    title: str
    body: str
    state: str
    state_label: str
    due_at: dt.datetime | None
    url: str  # the task's page
    moves: list[MoveOut]  # what the viewer may do now (POST .../tasks/{task_id}/move)
    timeline: list[TimelineRowOut]  # oldest first


@router.get(
    "/selfgov/decisions/tasks/{task_id}",
    response=TaskDetailOut,
    summary=gettext_noop("实施任务详情及进展记录（时间线）"),
    openapi_extra=MAY_BE_FORBIDDEN,
)
def task_detail(request, task_id: ApiId):
    if not can(request.auth, "selfgov.view_decisions"):
        raise NotPermitted()
    task = decision_task_get_for(viewer=request.auth, task_id=task_id)
    case = task.case
    return {
        "id": task.pk,
        "decision_id": task.decision_id,
        "decision_title": task.decision.title,
        "community_name": task.decision.community.name,
        "title": case.title,
        "body": case.body,
        "state": case.state,
        "state_label": DECISION_TASK.state_label(case.state),
        "due_at": case.due_at,
        "url": reverse("selfgov:decision_task", args=[task.pk]),
        "moves": [
            {"verb": verb, "label": DECISION_TASK.verb_label(verb)}
            for verb in case_moves_for(task, request.auth)
        ],
        "timeline": [
            {
                "at": row["at"],
                "verb": str(row["verb"]),
                "to": str(row["to"]),
                "who": str(row["who"]),
                "note": row["note"],
            }
            for row in case_timeline(case)
        ],
    }
