"""Applications (办件) over the API, every move: applying, the front desk, the back office, issuing, 好差评,
the unreasonable marks and the follow-ups of bad ratings — the same actions the pages call, the same rules.

Each move answers with the fresh application (`ApplicationDetailOut`, read again through the selector: its
state, materials, issued documents, timeline and the moves now open to the caller); a follow-up's moves
with the fresh follow-up. Refusals are the API's error JSON from the action's DomainError: 400 bad input,
403 not routed to the caller (the message names who decides), 409 the state has moved on (another officer
decided first); an application the caller may not see answers 404 like a missing one. Where the page has a
gate before the object (the back office's and the window's issuing pages need the queue, the follow-ups the
township's 社治办 role, applying the resident role), the operation has the same gate, so the API answers what
the page answers.

The URL scheme: one operation per move of the page, under the application —
`POST /api/v1/hall/applications/{id}/accept | forward | notify | refuse | supply | promised | withdraw |
decide | hand-off | hand-back | issue | rate | unreasonable | unreasonable/review`, the follow-ups under
`/api/v1/hall/followups/{id}/visit | rectify`, and applying as `POST /api/v1/hall/applications`.
The back office's verbs share `/decide` with `{verb, opinion}`: they are one action
(`office.application_decide`) taking the verb and the same opinion, the page is one route
(`office/<verb>/`) too, and `allowed_moves` names the verb to send — seven routes would repeat one body
seven times. The county hand-off and hand-back take dates, so they are routes of their own.

Lines and files: `materials[].id` (a line of the application's checklist) is what accept, notify, supply's
ready lines and a promised material name; an uploaded file is for a checklist item, `materials[].material_id`
(what the actions store files by — applying has no lines yet). Uploads are multipart (`files`, with
`file_materials` naming each file's item in the same order), checked by content as on the pages
(`uploads_check`): supply, promised and applying take multipart form fields; every other move takes JSON.
"""

import datetime as dt
import hashlib
from collections.abc import Callable

from django.http import Http404
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from ninja import File, Form, Router, Schema, UploadedFile

from gongzhi.cases.actions import AlreadySubmitted
from gongzhi.cases.selectors import case_moves_for, case_timeline
from gongzhi.core.authz import authorize
from gongzhi.core.errors import DomainError, NotFound
from gongzhi.core.idempotency import IdempotencyKey, idempotent_create, submission_key_for
from gongzhi.core.ids import ApiId

from ..actions import desk, followups, issuing, office, rating, unreasonable
from ..actions.applying import application_apply, uploads_check
from ..models import Application, FollowUp
from ..selectors import followups as followup_selectors
from ..selectors.desk import matter_get_for_applying
from ..workflow import FOLLOWUP
from .applications import ApplicationDetailOut, TimelineOut, application_detail, application_get

router = Router(tags=["便民服务 applications"])


# --- Payloads -------------------------------------------------------------------------------


class PromiseIn(Schema):
    line_id: ApiId  # an optional material accepted on a promise (容缺受理)
    promised_by: dt.date | None = None  # today … 90 days on


class AcceptIn(Schema):
    checked: list[
        ApiId
    ] = []  # the lines checked at the window (every required one, unless from the register)
    promises: list[PromiseIn] = []
    came: bool = False  # the applicant came to the window in person (最多跑一次 counts it)
    note: str = ""


class NoteIn(Schema):
    note: str = ""


class NoticeItemIn(Schema):
    line_id: ApiId
    problem: str  # missing | faulty
    note: str = ""  # what exactly is wanted (required by the action)


class NotifyIn(Schema):
    items: list[NoticeItemIn] = []  # 一次性告知: every material to supply, at once
    note: str = ""
    came: bool = False


class ReasonIn(Schema):
    reason: str = ""


class SupplyIn(Schema):
    """Multipart form fields of 补正 (the files come as `files`)."""

    ready: list[ApiId] = []  # lines whose paper original the applicant will bring (no file)
    file_materials: list[ApiId] = []  # the checklist item (material_id) of each file, in the order of `files`
    note: str = ""
    came: bool = False


class PromisedIn(Schema):
    """Multipart form fields of a promised material arriving (the files come as `files`)."""

    line_id: ApiId
    brought: bool = False  # handed in at the window instead of uploaded


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


class ApplyIn(Schema):
    """Multipart form fields of applying online (the files come as `files`)."""

    matter_id: ApiId
    phone: str = ""
    file_materials: list[ApiId] = []  # the checklist item of each file, in the order of `files`


class FollowUpOut(Schema):
    id: int
    application_id: int
    matter_name: str
    community_name: str
    state: str
    state_label: str
    due_at: dt.datetime | None
    finding: str
    remedy: str
    timeline: list[TimelineOut]
    allowed_moves: list[str]


# --- Helpers --------------------------------------------------------------------------------


def _move(request, application_id: int, run: Callable[[Application], object]) -> dict:
    """Run the move on the application the caller may see (404 otherwise); answer the fresh application."""
    run(application_get(request, application_id))
    return application_detail(request, application_get(request, application_id))


def _files_by_material(files: list[UploadedFile] | None, materials: list[int]) -> dict[int, list]:
    """{material id: [uploads]}, the i-th file for the i-th of `materials`."""
    files = list(files or [])
    if len(files) != len(materials):
        raise DomainError(
            _("请为每个文件注明对应的材料：file_materials 与 files 的个数应相同、顺序一致。"),
            field="file_materials",
        )
    by_material: dict[int, list] = {}
    for material_id, upload in zip(materials, files, strict=True):
        by_material.setdefault(material_id, []).append(upload)
    return by_material


def _fingerprint_of(payload: Schema, files: list[UploadedFile] | None) -> dict:
    """The form fields and the files' content, for Idempotency-Key: a retry must send the same files."""
    digests = []
    for upload in files or []:
        upload.seek(0)
        digests.append(hashlib.sha256(upload.read()).hexdigest())
        upload.seek(0)
    return {**payload.dict(), "files": digests}


# --- Applying -------------------------------------------------------------------------------


@router.post(
    "/hall/applications",
    response={201: ApplicationDetailOut},
    summary=gettext_noop("网上申请（居民本人）：表单字段和材料文件以 multipart 上传"),
)
def apply(
    request,
    payload: Form[ApplyIn],
    files: File[list[UploadedFile]] = None,  # type: ignore[assignment]
    idempotency_key: IdempotencyKey = None,
):
    authorize(request.auth, "hall.apply")
    matter = matter_get_for_applying(matter_id=payload.matter_id)
    checked = uploads_check(_files_by_material(files, payload.file_materials))

    def create() -> Application:
        try:
            return application_apply(
                actor=request.auth,
                matter=matter,
                phone=payload.phone,
                files=checked,
                submission_key=submission_key_for(idempotency_key),
            )
        except AlreadySubmitted as exc:
            return exc.case.application  # the header's key raced past the cache: the first application

    application = idempotent_create(request, idempotency_key, _fingerprint_of(payload, files), create)
    return 201, application_detail(request, application_get(request, application.pk))


# --- The front desk -------------------------------------------------------------------------


@router.post(
    "/hall/applications/{application_id}/accept",
    response=ApplicationDetailOut,
    summary=gettext_noop("受理（窗口）：勾选已审核的材料，非必要材料可容缺受理并承诺补交日期"),
)
def accept(request, application_id: ApiId, payload: AcceptIn):
    promises = {p.line_id: p.promised_by for p in payload.promises}
    return _move(
        request,
        application_id,
        lambda a: desk.application_accept(
            actor=request.auth,
            application=a,
            checked=set(payload.checked),
            promises=promises,
            came=payload.came,
            note=payload.note,
        ),
    )


@router.post(
    "/hall/applications/{application_id}/forward",
    response=ApplicationDetailOut,
    summary=gettext_noop("转乡镇窗口（村级受理·转乡级窗口的事项）"),
)
def forward(request, application_id: ApiId, payload: NoteIn):
    return _move(
        request,
        application_id,
        lambda a: desk.application_forward(actor=request.auth, application=a, note=payload.note),
    )


@router.post(
    "/hall/applications/{application_id}/notify",
    response=ApplicationDetailOut,
    summary=gettext_noop("一次性告知（窗口）：一次列出所有需要补正的材料及具体要求"),
)
def notify(request, application_id: ApiId, payload: NotifyIn):
    items = [(item.line_id, item.problem, item.note) for item in payload.items]
    return _move(
        request,
        application_id,
        lambda a: desk.application_notify(
            actor=request.auth, application=a, items=items, note=payload.note, came=payload.came
        ),
    )


@router.post(
    "/hall/applications/{application_id}/refuse",
    response=ApplicationDetailOut,
    summary=gettext_noop("不予受理（窗口，须写明理由）"),
)
def refuse(request, application_id: ApiId, payload: ReasonIn):
    return _move(
        request,
        application_id,
        lambda a: desk.application_refuse(actor=request.auth, application=a, reason=payload.reason),
    )


@router.post(
    "/hall/applications/{application_id}/supply",
    response=ApplicationDetailOut,
    summary=gettext_noop("补正材料（申请人）：按告知书上传文件或确认将交原件，multipart 上传"),
)
def supply(
    request,
    application_id: ApiId,
    payload: Form[SupplyIn],
    files: File[list[UploadedFile]] = None,  # type: ignore[assignment]
):
    checked = uploads_check(_files_by_material(files, payload.file_materials))
    return _move(
        request,
        application_id,
        lambda a: desk.application_supply(
            actor=request.auth,
            application=a,
            files=checked,
            ready=set(payload.ready),
            note=payload.note,
            came=payload.came,
        ),
    )


@router.post(
    "/hall/applications/{application_id}/promised",
    response=ApplicationDetailOut,
    summary=gettext_noop("补交容缺受理的材料（申请人上传，或窗口确认已交原件），multipart 上传"),
)
def promised(
    request,
    application_id: ApiId,
    payload: Form[PromisedIn],
    files: File[list[UploadedFile]] = None,  # type: ignore[assignment]
):
    return _move(
        request,
        application_id,
        lambda a: desk.application_promise_keep(
            actor=request.auth,
            application=a,
            line_id=payload.line_id,
            files=list(files or []),
            brought=payload.brought,
        ),
    )


@router.post(
    "/hall/applications/{application_id}/withdraw",
    response=ApplicationDetailOut,
    summary=gettext_noop("撤回申请（申请人或代为申请的人）"),
)
def withdraw(request, application_id: ApiId, payload: ReasonIn):
    return _move(
        request,
        application_id,
        lambda a: desk.application_withdraw(actor=request.auth, application=a, reason=payload.reason),
    )


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
    return _move(
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
    return _move(
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
    return _move(
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
    return _move(
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


# --- 好差评 and the unreasonable marks ------------------------------------------------------


@router.post(
    "/hall/applications/{application_id}/rate",
    response=ApplicationDetailOut,
    summary=gettext_noop(
        "好差评（申请人本人，办结后一次）：5 非常满意 … 1 非常不满意；不满意及以下镇里回访整改"
    ),
)
def rate(request, application_id: ApiId, payload: RateIn):
    return _move(
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
    return _move(
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
    return _move(
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


def _followup_out(request, followup: FollowUp) -> dict:
    case, application = followup.case, followup.application
    return {
        "id": followup.pk,
        "application_id": application.pk,
        "matter_name": application.matter.name,
        "community_name": case.community.name,
        "state": case.state,
        "state_label": str(FOLLOWUP.state_label(case.state)),
        "due_at": case.due_at,
        "finding": followup.finding,
        "remedy": followup.remedy,
        "timeline": case_timeline(case, private=True),
        "allowed_moves": case_moves_for(followup, request.auth),
    }


def _followup_move(request, followup_id: int, run: Callable[[FollowUp], object]) -> dict:
    authorize(request.auth, "hall.view_followups")
    run(_followup_get(request, followup_id))
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
