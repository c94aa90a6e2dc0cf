"""A body's meetings over the API: the same actions, selectors and rules as the pages.

A client sees what its token's user would see: the meetings of the bodies the user reads (community staff,
the supervisory committee, the township) and those the user is called to (their agenda, counts and results;
the roll's names only to the readers over the area). A meeting not theirs answers 404 like a missing one.
"""

import datetime as dt
import io
from typing import Annotated

from django.http import FileResponse
from django.utils import timezone
from django.utils.translation import gettext_lazy, gettext_noop
from ninja import Field, Query, Router, Schema, Status

from gongzhi.bodies.models import Body
from gongzhi.core.api_input import MAY_BE_FORBIDDEN, Limit, Offset
from gongzhi.core.authz import authorize, can
from gongzhi.core.errors import NotFound
from gongzhi.core.idempotency import IdempotencyKey, idempotent_create
from gongzhi.core.ids import ApiId
from gongzhi.core.lifecycle import lifecycle_verbs_for
from gongzhi.residents.models import Resident

from . import actions, selectors, statute
from .forms import COUNT_MAX
from .models import Meeting, MeetingMethod
from .printing import meeting_record_pdf

router = Router(tags=["会议 meetings"])
Count = Annotated[int, Field(ge=0, le=COUNT_MAX)]

BODY_404 = {
    "responses": {
        "404": {"description": gettext_lazy("组织或会议不存在，或不在您的权限范围内（两者不作区分）")}
    }
}


class AgendaIn(Schema):
    title: str
    method: str = MeetingMethod.SHOW_OF_HANDS
    majority: str | None = None


class ConveneIn(Schema):
    body_id: ApiId
    held_on: dt.date
    starts_at: dt.time | None = None
    place: str
    title: str = ""
    agenda: list[AgendaIn]
    urgency_reason: str = ""
    follows_id: ApiId | None = None


class MarkIn(Schema):
    member_id: ApiId
    attendance: str
    online: bool = False
    proxy_name: str = ""


class RollIn(Schema):
    marks: list[MarkIn]


class RollCloseIn(Schema):
    present: Count | None = None  # a whole or a group's meeting: those present, from the sign-in sheet
    households_present: Count | None = None
    remark: str = ""  # e.g. who sent apologies: kept in the audit row


class VoteIn(Schema):
    in_favour: Count = 0
    against: Count = 0
    abstaining: Count = 0
    votes: dict[int, str] = {}


class NoteIn(Schema):
    note: str = ""


class MinutesIn(Schema):
    minutes: str


class ReasonIn(Schema):
    reason: str = ""


class VoteOut(Schema):
    id: int
    in_favour: int
    against: int
    abstaining: int
    passed: bool
    vote_reason: str
    confirmed: bool


class AgendaOut(Schema):
    number: int
    title: str
    method: str
    majority: str
    vote: VoteOut | None
    ballot_box_id: int | None  # the online ballot (gongzhi.ballots) of a secret-ballot item, if opened


class MemberOut(Schema):
    id: int
    name: str
    post: str
    attendance: str
    online: bool
    proxy_name: str


class MeetingOut(Schema):
    id: int
    title: str
    body_id: int | None
    body_name: str
    community_id: int
    community_name: str
    state: str
    state_label: str
    held_on: dt.date
    starts_at: dt.time | None
    place: str


class MeetingDetailOut(MeetingOut):
    rule: str
    law: str
    noticed_at: dt.datetime | None
    notice_days: int | None
    urgency_reason: str
    members: int | None
    adults: int | None
    households: int | None
    present: int | None
    households_present: int | None
    quorate: bool | None
    quorum_reason: str
    agenda: list[AgendaOut]
    roll: list[MemberOut]
    witness: str
    witness_signed_at: dt.datetime | None
    minutes: str
    cancel_reason: str
    allowed_moves: list[str]


class MeetingPage(Schema):
    count: int
    items: list[MeetingOut]


class UpcomingOut(Schema):
    id: int
    title: str
    held_on: dt.date


class BoardRowOut(Schema):
    community_id: int
    community_name: str
    representatives: bool
    overdue: bool
    due_this_quarter: bool
    last_held: dt.date | None
    upcoming: list[UpcomingOut]


class BoardOut(Schema):
    quarter: str
    law: str
    rows: list[BoardRowOut]


def _out(meeting: Meeting) -> dict:
    return {
        "id": meeting.pk,
        "title": meeting.title,
        "body_id": meeting.body_id,
        "body_name": meeting.body.name if meeting.body else "",
        "community_id": meeting.area_id,
        "community_name": meeting.area.name,
        "state": meeting.state,
        "state_label": meeting.get_state_display(),
        "held_on": meeting.held_on,
        "starts_at": meeting.starts_at,
        "place": meeting.place,
    }


def _detail(request, meeting_id: int) -> dict:
    meeting = selectors.meeting_get_for(viewer=request.auth, meeting_id=meeting_id)
    full = selectors.meeting_reads_roll(request.auth, meeting)
    rule = meeting.body_label
    from gongzhi.core.quorum import RULES

    held = meeting.roll_closed_at is not None
    agenda = [
        {
            "number": a.number,
            "title": a.title,
            "method": a.method,
            "majority": a.majority,
            "ballot_box_id": (
                box.pk
                if a.method == MeetingMethod.SECRET_BALLOT and (box := actions.meeting_agenda_box_of(a))
                else None
            ),
            "vote": (
                {
                    "id": a.vote.pk,
                    "in_favour": a.vote.in_favour,
                    "against": a.vote.against,
                    "abstaining": a.vote.abstaining,
                    "passed": a.vote.passed,
                    "vote_reason": a.vote.vote_reason,
                    "confirmed": a.vote.confirmed_by_id is not None,
                }
                if a.vote
                else None
            ),
        }
        for a in selectors.meeting_agenda_of(meeting)
    ]
    roll = (
        [
            {
                "id": m.pk,
                "name": m.name,
                "post": m.post,
                "attendance": m.attendance,
                "online": m.online,
                "proxy_name": m.proxy_name,
            }
            for m in selectors.meeting_roll_of(meeting)
        ]
        if full
        else []
    )
    return {
        **_out(meeting),
        "rule": rule,
        "law": str(RULES[meeting.body_kind].law) if meeting.body_kind in RULES else "",
        "noticed_at": meeting.noticed_at,
        "notice_days": meeting.notice_days,
        "urgency_reason": meeting.urgency_reason,
        "members": meeting.members,
        "adults": meeting.adults,
        "households": meeting.households,
        "present": meeting.present if held else None,
        "households_present": meeting.households_present,
        "quorate": meeting.quorate if held else None,
        "quorum_reason": meeting.quorum_reason,
        "agenda": agenda,
        "roll": roll,
        "witness": meeting.witness.name if meeting.witness else "",
        "witness_signed_at": meeting.witness_signed_at,
        "minutes": meeting.minutes if full else "",
        "cancel_reason": meeting.cancel_reason,
        "allowed_moves": sorted(v for v, ok in lifecycle_verbs_for(meeting, request.auth).items() if ok),
    }


def _get(request, meeting_id: int) -> Meeting:
    return selectors.meeting_get_for(viewer=request.auth, meeting_id=meeting_id)


def _move(request, meeting_id: int, run) -> dict:
    run(_get(request, meeting_id))
    return _detail(request, meeting_id)


@router.get("/meetings", response=MeetingPage, summary=gettext_noop("会议：我能查看的和我应到的会议"))
def meeting_list(request, limit: Limit = 30, offset: Offset = 0):
    query = selectors.meeting_list_for(viewer=request.auth)
    return {"count": query.count(), "items": [_out(m) for m in query[offset : offset + limit]]}


@router.get(
    "/meetings/board",
    response=BoardOut,
    summary=gettext_noop("代表会议召开情况：每季度一次，逾期和即将召开的会议（不排名）"),
    openapi_extra=MAY_BE_FORBIDDEN,
)
def board(request):
    authorize(request.auth, "meetings.view")
    today = timezone.localdate()
    rows = selectors.meeting_board_for(viewer=request.auth, today=today)
    return {
        "quarter": statute.quarter_label(today),
        "law": str(statute.QUARTERLY_LAW),
        "rows": [
            {
                "community_id": r.community.pk,
                "community_name": r.community.name,
                "representatives": r.representatives is not None,
                "overdue": bool(r.status and r.status.overdue),
                "due_this_quarter": bool(r.status and r.status.due),
                "last_held": r.status.last_held if r.status else None,
                "upcoming": [{"id": m.pk, "title": m.title, "held_on": m.held_on} for m in r.upcoming],
            }
            for r in rows
        ],
    }


@router.post(
    "/meetings",
    response={201: MeetingDetailOut},
    summary=gettext_noop("召集会议：通知（提前天数不足须写明紧急理由）、议程，通知应到人员"),
    openapi_extra=BODY_404,
)
def convene(request, payload: ConveneIn, idempotency_key: IdempotencyKey = None):
    authorize(request.auth, "meetings.record")
    body = Body.objects.filter(pk=payload.body_id).select_related("area").first()
    if body is None or not can(request.auth, "meetings.record", body):
        raise NotFound()
    follows = None
    if payload.follows_id is not None:
        follows = selectors.meeting_list_for(viewer=request.auth).filter(pk=payload.follows_id).first()
        if follows is None:
            raise NotFound()

    def create() -> Meeting:
        return actions.meeting_convene(
            actor=request.auth,
            body=body,
            held_on=payload.held_on,
            starts_at=payload.starts_at,
            place=payload.place,
            title=payload.title,
            urgency_reason=payload.urgency_reason,
            agenda=[actions.AgendaEntry(a.title, a.method, a.majority) for a in payload.agenda],
            follows=follows,
        )

    meeting = idempotent_create(request, idempotency_key, payload, create)
    return Status(201, _detail(request, meeting.pk))


@router.get("/meetings/{meeting_id}", response=MeetingDetailOut, summary=gettext_noop("会议详情"))
def detail(request, meeting_id: ApiId):
    return _detail(request, meeting_id)


@router.post(
    "/meetings/{meeting_id}/roll",
    response=MeetingDetailOut,
    summary=gettext_noop("点名：到会、缺席或委托到会（组织允许时），线上或现场"),
)
def roll(request, meeting_id: ApiId, payload: RollIn):
    marks = [
        actions.RollMark(m.member_id, m.attendance, online=m.online, proxy_name=m.proxy_name)
        for m in payload.marks
    ]
    return _move(
        request, meeting_id, lambda m: actions.meeting_roll_mark(actor=request.auth, meeting=m, marks=marks)
    )


@router.post(
    "/meetings/{meeting_id}/roll/close",
    response=MeetingDetailOut,
    summary=gettext_noop("确认到会人数，按会议规则计算是否达到法定人数"),
)
def roll_close(request, meeting_id: ApiId, payload: RollCloseIn):
    return _move(
        request,
        meeting_id,
        lambda m: actions.meeting_roll_close(
            actor=request.auth,
            meeting=m,
            present=payload.present,
            households_present=payload.households_present,
        ),
    )


@router.post(
    "/meetings/{meeting_id}/agenda/{number}/vote",
    response=MeetingDetailOut,
    summary=gettext_noop("录入一项议程的表决结果（未达法定人数时拒绝）"),
)
def vote(request, meeting_id: ApiId, number: int, payload: VoteIn):
    def run(meeting: Meeting) -> None:
        item = selectors.meeting_agenda_item_of(meeting, number)
        actions.meeting_agenda_vote(
            actor=request.auth,
            agenda_item=item,
            in_favour=payload.in_favour,
            against=payload.against,
            abstaining=payload.abstaining,
            votes=payload.votes or None,
        )

    return _move(request, meeting_id, run)


@router.post(
    "/meetings/{meeting_id}/agenda/{number}/ballot",
    response=MeetingDetailOut,
    summary=gettext_noop(
        "为无记名投票的议程开启线上投票（线上参会人员，gongzhi.ballots 投票箱；结果在录入表决时并入）"
    ),
)
def ballot_open(request, meeting_id: ApiId, number: int, minutes: Annotated[int, Query(ge=5, le=1440)] = 30):
    return _move(
        request,
        meeting_id,
        lambda m: actions.meeting_agenda_ballot_open(
            actor=request.auth, agenda_item=selectors.meeting_agenda_item_of(m, number), minutes=minutes
        ),
    )


@router.post(
    "/meetings/{meeting_id}/items/{item_id}/confirm",
    response=MeetingDetailOut,
    summary=gettext_noop("复核票数（记录人以外的另一人）"),
)
def confirm(request, meeting_id: ApiId, item_id: ApiId):
    return _move(
        request,
        meeting_id,
        lambda m: actions.meeting_item_confirm(
            actor=request.auth, item=selectors.meeting_item_of(m, item_id)
        ),
    )


@router.post(
    "/meetings/{meeting_id}/witness/{resident_id}",
    response=MeetingDetailOut,
    summary=gettext_noop("确定见证人（本村(社区)监委会现任成员）"),
)
def witness(request, meeting_id: ApiId, resident_id: ApiId):
    def run(meeting: Meeting) -> None:
        authorize(request.auth, "meetings.record", meeting)
        resident = Resident.objects.filter(pk=resident_id, community_id=meeting.area_id).first()
        if resident is None:
            raise NotFound()
        actions.meeting_witness_name(actor=request.auth, meeting=meeting, resident=resident)

    return _move(request, meeting_id, run)


@router.post(
    "/meetings/{meeting_id}/sign",
    response=MeetingDetailOut,
    summary=gettext_noop("见证人签字见证（本人）"),
)
def sign(request, meeting_id: ApiId, payload: NoteIn):
    return _move(
        request,
        meeting_id,
        lambda m: actions.meeting_witness_sign(actor=request.auth, meeting=m, note=payload.note),
    )


@router.post(
    "/meetings/{meeting_id}/minutes",
    response=MeetingDetailOut,
    summary=gettext_noop("填写会议记录（已召开的会议）"),
)
def minutes(request, meeting_id: ApiId, payload: MinutesIn):
    return _move(
        request,
        meeting_id,
        lambda m: actions.meeting_minutes_record(actor=request.auth, meeting=m, minutes=payload.minutes),
    )


@router.post(
    "/meetings/{meeting_id}/close",
    response=MeetingDetailOut,
    summary=gettext_noop("结束会议（会议记录已填写，票数已复核）"),
)
def close(request, meeting_id: ApiId):
    return _move(request, meeting_id, lambda m: actions.meeting_close(actor=request.auth, meeting=m))


@router.post(
    "/meetings/{meeting_id}/cancel",
    response=MeetingDetailOut,
    summary=gettext_noop("取消会议（写明原因，通知应到人员）"),
)
def cancel(request, meeting_id: ApiId, payload: ReasonIn):
    return _move(
        request,
        meeting_id,
        lambda m: actions.meeting_cancel(actor=request.auth, meeting=m, reason=payload.reason),
    )


@router.get(
    "/meetings/{meeting_id}/record.pdf",
    summary=gettext_noop("会议记录 PDF：名单、法定人数、各项表决结果、见证人、会议记录（打印记入审计日志）"),
    openapi_extra={
        "responses": {
            200: {
                "description": gettext_lazy("文件本身"),
                "content": {"application/pdf": {"schema": {"type": "string", "format": "binary"}}},
            },
            "403": {"description": gettext_lazy("无权执行此操作")},
        }
    },
)
def record_pdf(request, meeting_id: ApiId):
    meeting = _get(request, meeting_id)
    response = FileResponse(  # streamed, as every file the API hands out
        io.BytesIO(meeting_record_pdf(actor=request.auth, meeting=meeting)),
        content_type="application/pdf",
        filename=f"meeting-{meeting.pk}.pdf",
    )
    response["Cache-Control"] = "private, no-store"
    return response
