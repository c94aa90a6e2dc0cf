"""Applications (办件) over the API, after the front desk: the back office decides (or hands off to the county
and records its answer), the window issues the result, the applicant rates it (好差评), the township marks an
unreasonable request and the supervisory committee reviews the mark, and the township's 社治办 follows up a
bad rating (回访整改; its queue and one follow-up are read here too). The same actions and selectors the pages
call; answers and refusals as in api/desk.py.

The back office's verbs share `POST /api/v1/hall/applications/{id}/decide` with `{verb, opinion}`: they
are one action (`office.application_decide`) taking the verb and the same opinion, the page is one route
(`office/<verb>/`) too, and `allowed_moves` names the verb to send — seven routes would repeat one body
seven times. The county hand-off and hand-back take dates, so they are operations of their own
(`/hand-off`, `/hand-back` with `approved`).

The pages' gates before the object are the operations' too, so the API answers what the page answers: the
back office's moves and issuing need the queue (hall.view_queue), the follow-ups the township's 社治办
(hall.view_followups) — 403 without, then 404 for an application or follow-up the caller may not see.
"""

import datetime as dt
from collections.abc import Callable

from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from ninja import Router, Schema

from gongzhi.cases.selectors import case_moves_for, case_timeline
from gongzhi.core.api_input import MAY_BE_FORBIDDEN, Limit, Offset
from gongzhi.core.authz import authorize, can
from gongzhi.core.errors import DomainError, NotFound
from gongzhi.core.ids import ApiId

from ..actions import flow, followups, issuing, office, rating, unreasonable
from ..limits import due_colour
from ..models import FollowUp
from ..selectors import followups as followup_selectors
from ..selectors import issued
from ..selectors.applications import applicant_label
from ..workflow import APPLICATION, FOLLOWUP
from .applications import ApplicationDetailOut, TimelineOut, application_move

router = Router(tags=["便民服务 applications"])


# --- Payloads -------------------------------------------------------------------------------


class DecideIn(Schema):
    verb: str  # pass_up, approve_village, reject_village, approve, reject, return, return_window
    opinion: str = ""  # required to reject or return


class HandOffIn(Schema):
    sent_on: dt.date | None = None  # the day the file went to the county office
    opinion: str = ""


class HandBackIn(Schema):
    approved: bool  # the county office's answer
    answered_on: dt.date | None = None
    opinion: str = ""  # the county's opinion or document number; required when it did not approve


class IssueIn(Schema):
    delivery: str  # in_person | post | authorised
    delivery_note: str = ""  # by post: the carrier and tracking number
    collector_name: str = ""  # authorised: who collects it
    collector_id: str = ""  # authorised: their ID number (stored encrypted)


class RevokeIn(Schema):
    reason: str  # 4–200 characters, shown to the applicant


class RateIn(Schema):
    rating: int  # 5 非常满意, 4 满意, 3 基本满意, 2 不满意, 1 非常不满意 (2 or worse opens a follow-up)
    comment: str = ""


class MarkIn(Schema):
    kind: str  # unreasonable | outside_powers
    reason: str
    basis: str  # the law, regulation or policy clause


class ReviewIn(Schema):
    decision: str  # upheld | overturned
    note: str


class FindingIn(Schema):
    finding: str


class RemedyIn(Schema):
    remedy: str


class FollowUpRowOut(Schema):
    id: int
    application_id: int
    matter_name: str
    community_name: str
    state: str
    state_label: str
    due_at: dt.datetime | None


class FollowUpPage(Schema):
    count: int
    items: list[FollowUpRowOut]


class FollowUpOut(FollowUpRowOut):
    application_number: str
    application_state: str
    application_state_label: str
    applicant: str  # masked (王**) unless the caller may read it (hall.see_names)
    rating: int | None  # the bad rating it follows up: 2 不满意, 1 非常不满意
    rating_label: str
    colour: str  # how near its due time: green, amber, red
    finding: str
    remedy: str
    timeline: list[TimelineOut]
    allowed_moves: list[str]


# --- The back office and issuing ------------------------------------------------------------


@router.post(
    "/hall/applications/{application_id}/decide",
    response=ApplicationDetailOut,
    summary=gettext_noop(
        "审批（审批部门或村级初审）：初审通过报乡镇、准予、不予批准或退回窗口；不予批准和退回须写明理由"
    ),
)
def decide(request, application_id: ApiId, payload: DecideIn):
    authorize(request.auth, "hall.view_queue")
    return application_move(
        request,
        application_id,
        lambda a: office.application_decide(
            actor=request.auth, application=a, verb=payload.verb, opinion=payload.opinion
        ),
    )


@router.post(
    "/hall/applications/{application_id}/hand-off",
    response=ApplicationDetailOut,
    summary=gettext_noop("报县级部门（审批部门）：登记报送日期"),
)
def hand_off(request, application_id: ApiId, payload: HandOffIn):
    authorize(request.auth, "hall.view_queue")
    return application_move(
        request,
        application_id,
        lambda a: office.application_hand_off(
            actor=request.auth, application=a, sent_on=payload.sent_on, opinion=payload.opinion
        ),
    )


@router.post(
    "/hall/applications/{application_id}/hand-back",
    response=ApplicationDetailOut,
    summary=gettext_noop("登记县级部门的答复（审批部门）：准予或不予批准及答复日期"),
)
def hand_back(request, application_id: ApiId, payload: HandBackIn):
    authorize(request.auth, "hall.view_queue")
    return application_move(
        request,
        application_id,
        lambda a: office.application_hand_back(
            actor=request.auth,
            application=a,
            approved=payload.approved,
            answered_on=payload.answered_on,
            opinion=payload.opinion,
        ),
    )


@router.post(
    "/hall/applications/{application_id}/issue",
    response=ApplicationDetailOut,
    summary=gettext_noop("出件（申请人所在村(社区)的窗口）：生成结果文书 PDF 并登记交付方式"),
)
def issue(request, application_id: ApiId, payload: IssueIn):
    authorize(request.auth, "hall.view_queue")
    return application_move(
        request,
        application_id,
        lambda a: issuing.application_issue(
            actor=request.auth,
            application=a,
            delivery=payload.delivery,
            delivery_note=payload.delivery_note,
            collector_name=payload.collector_name,
            collector_id=payload.collector_id,
            site_url=request.build_absolute_uri("/"),
        ),
    )


@router.post(
    "/hall/applications/{application_id}/documents/{document_id}/revoke",
    response=ApplicationDetailOut,
    summary=gettext_noop("撤销结果文书（审批部门或乡镇社治办，须写明理由）：核验时显示“已撤销”，通知申请人"),
)
def document_revoke(request, application_id: ApiId, document_id: ApiId, payload: RevokeIn):
    def run(application):
        found = issued.document_get(application, document_id)
        issuing.document_revoke(
            actor=request.auth, application=application, document=found, reason=payload.reason
        )

    return application_move(request, application_id, run)


# --- 好差评 and the unreasonable marks ------------------------------------------------------


@router.post(
    "/hall/applications/{application_id}/rate",
    response=ApplicationDetailOut,
    summary=gettext_noop(
        "好差评（申请人本人，办结后一次）：5 非常满意 … 1 非常不满意；不满意及以下镇里回访整改"
    ),
)
def rate(request, application_id: ApiId, payload: RateIn):
    return application_move(
        request,
        application_id,
        lambda a: rating.application_rate(
            actor=request.auth, application=a, rating=payload.rating, comment=payload.comment
        ),
    )


@router.post(
    "/hall/applications/{application_id}/unreasonable",
    response=ApplicationDetailOut,
    summary=gettext_noop("标记为不合理诉求或超出职权范围（乡镇，须写明理由和依据）"),
)
def mark_unreasonable(request, application_id: ApiId, payload: MarkIn):
    return application_move(
        request,
        application_id,
        lambda a: unreasonable.application_mark_unreasonable(
            actor=request.auth, application=a, kind=payload.kind, reason=payload.reason, basis=payload.basis
        ),
    )


@router.post(
    "/hall/applications/{application_id}/unreasonable/review",
    response=ApplicationDetailOut,
    summary=gettext_noop("复核不合理诉求标记（村(社区)监委会）：维持或撤销"),
)
def review_unreasonable(request, application_id: ApiId, payload: ReviewIn):
    return application_move(
        request,
        application_id,
        lambda a: unreasonable.application_review_unreasonable(
            actor=request.auth, application=a, decision=payload.decision, note=payload.note
        ),
    )


# --- Follow-ups of bad ratings (回访整改) -----------------------------------------------------


def _followup_get(request, followup_id: int) -> FollowUp:
    try:
        return followup_selectors.followup_get_for(viewer=request.auth, followup_id=followup_id)
    except NotFound:
        raise Http404() from None


def _followup_row(followup: FollowUp) -> dict:
    case, application = followup.case, followup.application
    return {
        "id": followup.pk,
        "application_id": application.pk,
        "matter_name": application.matter.name,
        "community_name": case.community.name,
        "state": case.state,
        "state_label": str(FOLLOWUP.state_label(case.state)),
        "due_at": case.due_at,
    }


def _followup_out(request, followup: FollowUp) -> dict:
    """What the follow-up's page shows (views/followups.py `followup`)."""
    case, application = followup.case, followup.application
    rating = application.case.rating
    return {
        **_followup_row(followup),
        "application_number": application.number,
        "application_state": application.case.state,
        "application_state_label": str(APPLICATION.state_label(application.case.state)),
        "applicant": applicant_label(application, full=can(request.auth, "hall.see_names", application)),
        "rating": rating,
        "rating_label": APPLICATION.rating_label(rating) if rating else "",
        "colour": due_colour(case.updated_at, case.due_at, timezone.now()),
        "finding": followup.finding,
        "remedy": followup.remedy,
        "timeline": case_timeline(case, private=True),
        "allowed_moves": case_moves_for(followup, request.auth),
    }


def _followup_move(request, followup_id: int, run: Callable[[FollowUp], object]) -> dict:
    authorize(request.auth, "hall.view_followups")
    run(_followup_get(request, followup_id))
    return _followup_out(request, _followup_get(request, followup_id))


@router.get(
    "/hall/followups",
    response=FollowUpPage,
    summary=gettext_noop("回访整改（乡镇社治办）：差评待回访和整改中的，时限最早的在前"),
    openapi_extra=MAY_BE_FORBIDDEN,
)
def followup_list(request, limit: Limit = 30, offset: Offset = 0):
    authorize(request.auth, "hall.view_followups")
    query = followup_selectors.followup_queue_for(viewer=request.auth)
    return {"count": query.count(), "items": [_followup_row(f) for f in query[offset : offset + limit]]}


@router.get(
    "/hall/followups/{followup_id}",
    response=FollowUpOut,
    summary=gettext_noop("回访整改详情：差评的办件、回访情况、整改措施和我能做的操作"),
    openapi_extra=MAY_BE_FORBIDDEN,
)
def followup_detail(request, followup_id: ApiId):
    authorize(request.auth, "hall.view_followups")
    return _followup_out(request, _followup_get(request, followup_id))


@router.post(
    "/hall/followups/{followup_id}/visit",
    response=FollowUpOut,
    summary=gettext_noop("记录回访情况（乡镇社治办），进入整改"),
)
def followup_visit(request, followup_id: ApiId, payload: FindingIn):
    return _followup_move(
        request,
        followup_id,
        lambda f: followups.followup_visit(actor=request.auth, followup=f, finding=payload.finding),
    )


@router.post(
    "/hall/followups/{followup_id}/rectify",
    response=FollowUpOut,
    summary=gettext_noop("整改完成（乡镇社治办），告知申请人"),
)
def followup_rectify(request, followup_id: ApiId, payload: RemedyIn):
    return _followup_move(
        request,
        followup_id,
        lambda f: followups.followup_rectify(actor=request.auth, followup=f, remedy=payload.remedy),
    )


class FlowIn(Schema):
    """The power list's flow (actions/flow.py): `op` "step" records the next step (its `note`; a meeting's
    `held_on`, `present`, `in_favour`, `against`, `abstaining`, `place`; a publication's text in `note`),
    "objection" takes down an objection received during the publication (`text`), "answer" answers one
    (`objection`, `answer`)."""

    op: str = "step"
    note: str = ""
    held_on: dt.date | None = None
    present: int | None = None
    in_favour: int | None = None
    against: int = 0
    abstaining: int = 0
    place: str = ""
    text: str = ""
    objection: ApiId | None = None
    answer: str = ""


@router.post(
    "/hall/applications/{application_id}/flow",
    response=ApplicationDetailOut,
    summary=gettext_noop("按小微权力清单办理：完成下一步、登记或答复公示异议（村级初审人员）"),
)
def application_flow(request, application_id: ApiId, payload: FlowIn):
    def run(application):
        if payload.op == "step":
            meeting = None
            if payload.held_on is not None or payload.present is not None or payload.in_favour is not None:
                meeting = flow.StepMeeting(held_on=payload.held_on, present=payload.present,
                                           in_favour=payload.in_favour, against=payload.against,
                                           abstaining=payload.abstaining, place=payload.place)  # fmt: skip
            return flow.application_step_fulfil(
                actor=request.auth, application=application, note=payload.note, meeting=meeting
            )
        if payload.op == "objection":
            return flow.application_objection_record(
                actor=request.auth, application=application, text=payload.text
            )
        if payload.op == "answer":
            return flow.application_objection_answer(actor=request.auth, application=application,
                                                     objection_id=payload.objection or 0, answer=payload.answer)  # fmt: skip
        raise DomainError(_("未知的操作。"), code="unknown_op")

    return application_move(request, application_id, run)
