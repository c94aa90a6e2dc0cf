"""Escalations (吹哨) over the API: a township department's calls to answer, and its reply.

A client sees what its token's user would see on `/cases/escalations/`: the
calls to the departments the user works in (a role held in a department).
One call shows a summary of its case with personal data masked (the
department needs the matter, not who raised it); a call to another
department, or another township's, answers 404 like a missing one. The
reply goes on the case's timeline and back to the community, once.
"""

import datetime as dt

from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext_noop
from ninja import Router, Schema

from gongzhi.core.api_input import MAY_BE_FORBIDDEN, Limit, Offset
from gongzhi.core.authz import authorize
from gongzhi.core.errors import NotFound
from gongzhi.core.ids import ApiId
from gongzhi.core.masking import mask_name
from gongzhi.core.pii import pii_redact

from . import actions, selectors
from .models import Case, EscalationTarget
from .workflow import case_type_of

router = Router(tags=["吹哨 escalations"])


class CaseSummaryOut(Schema):
    id: int
    kind: str
    kind_label: str
    title: str
    body: str
    place: str
    state: str
    state_label: str
    community_id: int
    community_name: str
    author: str
    created_at: dt.datetime
    url: str


class EscalationOut(Schema):
    id: int
    department_id: int
    department_name: str
    reason: str
    raised_by: str
    raised_at: dt.datetime
    due_at: dt.datetime
    due_limit: str
    overdue: bool
    open: bool
    reply: str
    replied_by: str
    replied_at: dt.datetime | None
    case_id: int
    case_title: str
    community_name: str


class EscalationDetailOut(EscalationOut):
    case: CaseSummaryOut
    may_reply: bool


class EscalationPage(Schema):
    count: int
    items: list[EscalationOut]


class ReplyIn(Schema):
    reply: str


def _masked(text: str) -> str:
    return pii_redact(text)


def _author(case: Case) -> str:
    """Who raised the matter, as 王**: the department deals with the matter through the community."""
    if case.resident is not None:
        return mask_name(case.resident.name)
    return mask_name(str(case.author)) if case.author is not None else ""


def _out(target: EscalationTarget) -> dict:
    escalation, case = target.escalation, target.escalation.case
    return {
        "id": target.pk,
        "department_id": target.department_id,
        "department_name": target.department.name,
        "reason": escalation.reason,
        "raised_by": str(escalation.raised_by),
        "raised_at": escalation.created_at,
        "due_at": escalation.due_at,
        "due_limit": escalation.due_limit,
        "overdue": target.replied_at is None and escalation.is_open and escalation.due_at < timezone.now(),
        "open": escalation.is_open,
        "reply": target.reply,
        "replied_by": str(target.replied_by) if target.replied_by_id else "",
        "replied_at": target.replied_at,
        "case_id": case.pk,
        "case_title": _masked(case.title),
        "community_name": case.community.name,
    }


def _detail(request, target_id: int) -> dict:
    try:
        target = selectors.escalation_target_for(viewer=request.auth, target_id=target_id)
    except NotFound:
        raise Http404() from None
    case = target.escalation.case
    case_type = case_type_of(case.kind)
    summary = {
        "id": case.pk,
        "kind": case.kind,
        "kind_label": str(case_type.label),
        "title": _masked(case.title),
        "body": _masked(case.body),
        "place": _masked(case.place),
        "state": case.state,
        "state_label": case_type.state_label(case.state),
        "community_id": case.community_id,
        "community_name": case.community.name,
        "author": _author(case),
        "created_at": case.created_at,
        "url": selectors.case_detail_url(case),
    }
    may_reply = target.replied_at is None and target.escalation.is_open
    return {**_out(target), "case": summary, "may_reply": may_reply}


@router.get(
    "/escalations",
    response=EscalationPage,
    openapi_extra=MAY_BE_FORBIDDEN,
    summary=gettext_noop("吹哨：等待本部门答复的（status=waiting，默认）、已答复的（answered）或全部（all）"),
)
def escalation_list(request, status: str = "waiting", limit: Limit = 30, offset: Offset = 0):
    authorize(request.auth, "cases.view_escalations")
    status = status if status in selectors.ESCALATION_STATUSES else "waiting"
    query = selectors.escalation_targets_for(viewer=request.auth, status=status)
    return {"count": query.count(), "items": [_out(t) for t in query[offset : offset + limit]]}


@router.get(
    "/escalations/{target_id}",
    response=EscalationDetailOut,
    summary=gettext_noop("一次吹哨：事由、时限、答复和事项摘要（个人信息已脱敏）"),
)
def escalation_detail(request, target_id: ApiId):
    return _detail(request, target_id)


@router.post(
    "/escalations/{target_id}/reply",
    response=EscalationDetailOut,
    summary=gettext_noop("答复吹哨（被叫到的部门，每个部门一次）"),
)
def escalation_reply(request, target_id: ApiId, payload: ReplyIn):
    try:
        target = selectors.escalation_target_for(viewer=request.auth, target_id=target_id)
    except NotFound:
        raise Http404() from None
    case = target.escalation.case
    actions.case_escalation_reply(
        target=target, actor=request.auth, reply=payload.reply, url=selectors.case_detail_url(case)
    )
    return _detail(request, target_id)
