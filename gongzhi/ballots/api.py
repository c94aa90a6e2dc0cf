"""The ballot box over the API: the same actions, rules and selectors as the pages.

A cast is safe to retry: with the same `Idempotency-Key`, a retry of a cast that was counted (its answer lost
on a weak signal, or the server restarted) is answered 200 "already counted", never a second ballot. The guard
is a hash of the key on the voter's participation row (actions.ballot_cast), not the idempotency cache, which
would remember the ballot slot beside the voter (decision 0038). The receipt code is in the first answer only.
"""

import datetime as dt
from typing import Annotated

from django.http import Http404
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, gettext_noop
from ninja import Header, Router, Schema, Status

from gongzhi.core.errors import Conflict, NotFound
from gongzhi.core.idempotency import HEADER
from gongzhi.core.ids import ApiId

from . import actions, selectors
from .models import BallotBox

router = Router(tags=["无记名投票 ballots"])

CastKey = Annotated[
    str | None,
    Header(
        None,
        alias=HEADER,
        min_length=1,
        max_length=255,
        pattern=r"^[\x21-\x7e]+$",
        description=(
            "建议填写。客户端为每次投票生成的唯一值（如 UUID），没收到答复时原样重发：同一令牌用户、同一投票、同一键的重试"
            "（24 小时内或更久）都答复 200“已计入”，不会多计一票；回执码只在第一次答复中给出。"
            "不带键或换了键的第二次投票答复 409 already_voted。"
        ),
    ),
]
NOT_CLOSED: dict = {
    "responses": {"409": {"description": gettext_lazy("投票尚未结束：结果和回执清单在结束后公布")}}
}


class OptionOut(Schema):
    key: str
    label: str


class QuestionOut(Schema):
    key: str
    text: str
    options: list[OptionOut]


class BoxOut(Schema):
    id: int
    title: str
    area_id: int
    area_name: str
    purpose: str
    state: str
    opens_at: dt.datetime
    closes_at: dt.datetime
    closed_at: dt.datetime | None
    eligible: bool
    voted: bool


class BoxDetailOut(BoxOut):
    questions: list[QuestionOut]


class CastIn(Schema):
    answers: dict[str, str]


class CastOut(Schema):
    counted: bool
    already_counted: bool
    receipt: str | None
    fingerprint: str | None
    message: str


class TallyOut(Schema):
    key: str
    label: str
    votes: int


class QuestionResultOut(Schema):
    key: str
    text: str
    total: int
    options: list[TallyOut]


class ResultsOut(Schema):
    box_id: int
    eligible: int
    participated: int
    ballots: int
    quorate: bool
    quorum_needed: int
    turnout: str
    questions: list[QuestionResultOut]


class ReceiptsOut(Schema):
    box_id: int
    fingerprints: list[str]


class ReceiptCheckIn(Schema):
    code: str


class ReceiptCheckOut(Schema):
    included: bool
    fingerprint: str


def _get(request, box_id: int) -> BallotBox:
    try:
        return selectors.ballot_box_get_for(viewer=request.auth, box_id=box_id)
    except NotFound:
        raise Http404() from None


def _out(box: BallotBox, user, *, voted: bool | None = None) -> dict:
    eligible = selectors.is_eligible(box, user)
    return {
        "id": box.pk,
        "title": box.title,
        "area_id": box.area_id,
        "area_name": box.area.name,
        "purpose": box.purpose,
        "state": selectors.box_state(box),
        "opens_at": box.opens_at,
        "closes_at": box.closes_at,
        "closed_at": box.closed_at,
        "eligible": eligible,
        "voted": voted if voted is not None else eligible and selectors.has_voted(box, user),
    }


def _closed(box: BallotBox) -> None:
    if box.closed_at is None:
        raise Conflict(_("投票尚未结束，结束后才公布结果和回执清单。"), code="ballot_not_closed")


@router.get(
    "/ballots/mine", response=list[BoxOut], summary=gettext_noop("我可以参加的、正在进行的无记名投票")
)
def mine(request):
    return [
        _out(box, request.auth, voted=getattr(box, "voted", None))  # annotated by the selector
        for box in selectors.ballot_boxes_open_for(viewer=request.auth)[:200]
    ]


@router.get(
    "/ballots/{box_id}",
    response=BoxDetailOut,
    summary=gettext_noop(
        "投票详情：问题和选项、状态、我是否有资格、是否已投（投票人和本村社区工作人员、监委会、镇）"
    ),
)
def detail(request, box_id: ApiId):
    box = _get(request, box_id)
    return {**_out(box, request.auth), "questions": box.questions}


@router.post(
    "/ballots/{box_id}/cast",
    response={200: CastOut, 201: CastOut},
    summary=gettext_noop(
        "投票（投票人本人，每人一票）：201 附回执码；同一 Idempotency-Key 的重试 200“已计入”"
    ),
)
def cast(request, box_id: ApiId, payload: CastIn, idempotency_key: CastKey = None):
    box = _get(request, box_id)
    done = actions.ballot_cast(
        actor=request.auth, box=box, answers=payload.answers, key=idempotency_key or ""
    )
    if done.already_counted:
        return Status(
            200,
            {
                "counted": True,
                "already_counted": True,
                "receipt": None,
                "fingerprint": None,
                "message": _("这张选票已经计入（重试）。回执码只在第一次答复中给出。"),
            },
        )
    return Status(
        201,
        {
            "counted": True,
            "already_counted": False,
            "receipt": done.receipt,
            "fingerprint": selectors.receipt_fingerprint(selectors.receipt_hash(done.receipt or "")),
            "message": _("投票成功。请保存回执码，它只给出这一次。"),
        },
    )


@router.get(
    "/ballots/{box_id}/results",
    response=ResultsOut,
    summary=gettext_noop("投票结果：各问题各选项的票数、参加人数和法定人数（结束后）"),
    openapi_extra=NOT_CLOSED,
)
def results(request, box_id: ApiId):
    box = _get(request, box_id)
    _closed(box)
    outcome = selectors.ballot_box_results(box)
    return {
        "box_id": box.pk,
        "eligible": outcome.eligible,
        "participated": outcome.participated,
        "ballots": outcome.filled,
        "quorate": outcome.turnout.quorate,
        "quorum_needed": outcome.turnout.needed,
        "turnout": outcome.turnout.reason,
        "questions": [
            {
                "key": q.key,
                "text": q.text,
                "total": q.total,
                "options": [{"key": k, "label": label, "votes": n} for k, label, n in q.counts],
            }
            for q in outcome.questions
        ],
    }


@router.get(
    "/ballots/{box_id}/receipts",
    response=ReceiptsOut,
    summary=gettext_noop("已计入选票的回执指纹清单（排序，不含投票内容；结束后）"),
    openapi_extra=NOT_CLOSED,
)
def receipts(request, box_id: ApiId):
    box = _get(request, box_id)
    _closed(box)
    return {"box_id": box.pk, "fingerprints": selectors.ballot_box_receipts(box)}


@router.post(
    "/ballots/{box_id}/receipt-check",
    response=ReceiptCheckOut,
    summary=gettext_noop("核对回执码：这张选票是否已计入（不记录谁核对了什么）"),
)
def receipt_check(request, box_id: ApiId, payload: ReceiptCheckIn):
    box = _get(request, box_id)
    return {
        "included": selectors.ballot_receipt_included(box, payload.code),
        "fingerprint": selectors.receipt_fingerprint(selectors.receipt_hash(payload.code)),
    }
