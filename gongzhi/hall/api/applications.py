"""Applications (办件) over the API, the reads: the staff queue routed by stage, the applicant's own, one
(its moves: api/desk.py and api/office.py), and the downloads of its issued result notices and handed-in files
(a staff member's read goes into the audit trail, as on the pages; the applicant's own does not).

A client sees what its token's user would see on the pages: the queue of their stage (the window, the
village review, the deciding department's back office), the applications they made (or made for someone),
and one application they may see — someone else's answers 404 like a missing one. The applicant's name is
masked (王**) unless the user may read it (hall.see_names); a phone is never shown.
"""

import datetime as dt
from collections.abc import Callable

from django.http import Http404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, gettext_noop
from ninja import Query, Router, Schema

from gongzhi.cases.selectors import case_moves_for, case_timeline
from gongzhi.core.api_input import MAY_BE_FORBIDDEN, Limit, Offset
from gongzhi.core.authz import authorize, can
from gongzhi.core.errors import NotFound
from gongzhi.core.ids import ApiId

from ..downloads import document_response, handed_in_response
from ..models import Application, ApplicationFile
from ..selectors import applications as selectors
from ..selectors import issued
from ..selectors.desk import application_file_get
from ..selectors.flow import application_flow_for
from ..selectors.followups import followup_of
from ..selectors.issued import documents_of
from ..workflow import APPLICATION

router = Router(tags=["便民服务 applications"])


class ApplicationOut(Schema):
    id: int
    number: str
    matter_code: str
    matter_name: str
    channel: str
    state: str
    state_label: str
    community_id: int
    community_name: str
    department: str
    applicant: str
    due_at: dt.datetime | None
    due_limit: str
    colour: str
    created_at: dt.datetime
    updated_at: dt.datetime
    closed_at: dt.datetime | None


class HandedInOut(Schema):
    """A file handed in for a line (no file name: it may name a person)."""

    id: int
    kind: str  # photo | pdf
    size: int  # bytes
    round: int  # 0: with the application; n: the n-th 补正
    added_at: dt.datetime
    url: str  # its page (signed-in browser session)
    api_url: str  # GET over the API with the token: the file itself


class MaterialLineOut(Schema):
    id: int  # the line: what accept, notify, supply's ready lines and a promised material name
    material_id: int  # the checklist item: what an uploaded file is for (file_materials)
    name: str
    required: bool
    state: str
    state_label: str
    note: str
    promised_by: dt.date | None  # 容缺受理: the date the applicant promised to bring it
    files: list[HandedInOut]


class DocumentOut(Schema):
    """An issued result notice (PDF): `url` is its download page (signed-in browser session), `api_url` the
    same PDF over the API with the token."""

    id: int
    code: str  # the verification code (/verify/<code>/)
    title: str
    url: str
    revoked_at: dt.datetime | None  # 撤销: no longer current (verification says so)
    revoked_reason: str
    api_url: str


class TimelineOut(Schema):
    at: dt.datetime
    verb: str
    to: str
    who: str
    note: str


class ApplicationDetailOut(ApplicationOut):
    decision: str
    decision_reason: str
    accepted_at: dt.datetime | None
    issued_at: dt.datetime | None
    rating: int | None  # 好差评 on the named scale: 5 非常满意 … 1 非常不满意
    rating_label: str
    followup_id: int | None  # the follow-up (回访整改) of a bad rating, to whoever handles it
    materials: list[MaterialLineOut]
    documents: list[DocumentOut]
    timeline: list[TimelineOut]
    allowed_moves: list[str]
    # The village power list's flow it follows (its matter bound to an item): code, name, basis, steps
    # (order, kind, label, state, done_at, note, meeting_id, passed, disclosure_id, ends_at, objections), next.
    flow: dict | None = None


class ApplicationPage(Schema):
    count: int
    items: list[ApplicationOut]


class QueueFilters(Schema):
    state: str | None = None
    matter_id: ApiId | None = None


def _out(application: Application, viewer, now: dt.datetime) -> dict:
    case, matter = application.case, application.matter
    return {
        "id": application.pk,
        "number": application.number,
        "matter_code": matter.code,
        "matter_name": matter.name,
        "channel": application.channel,
        "state": case.state,
        "state_label": str(APPLICATION.state_label(case.state)),
        "community_id": case.community_id,
        "community_name": case.community.name,
        "department": matter.department.name if matter.department else "",
        "applicant": selectors.applicant_label(application, full=can(viewer, "hall.see_names", application)),
        "due_at": case.due_at,
        "due_limit": case.due_limit,
        "colour": selectors.colour_of(application, now=now),
        "created_at": case.created_at,
        "updated_at": case.updated_at,
        "closed_at": case.closed_at,
    }


@router.get(
    "/hall/applications/queue",
    response=ApplicationPage,
    summary=gettext_noop("办件队列：按办理环节（窗口、村级审核、审批部门）路由给我的办件，时限最早的在前"),
    openapi_extra=MAY_BE_FORBIDDEN,
)
def queue(request, filters: Query[QueueFilters], limit: Limit = 30, offset: Offset = 0):
    authorize(request.auth, "hall.view_queue")
    state = filters.state if filters.state in APPLICATION.waiting_states else None
    query = selectors.queue_for(viewer=request.auth, state=state, matter_id=filters.matter_id)
    now = timezone.now()
    rows = query[offset : offset + limit]
    return {"count": query.count(), "items": [_out(a, request.auth, now) for a in rows]}


@router.get(
    "/hall/applications/mine",
    response=ApplicationPage,
    summary=gettext_noop("我的办件（本人申请或代为申请的）"),
)
def mine(request, limit: Limit = 30, offset: Offset = 0):
    query = selectors.mine_for(viewer=request.auth).select_related("case__author", "case__resident")
    now = timezone.now()
    return {
        "count": query.count(),
        "items": [_out(a, request.auth, now) for a in query[offset : offset + limit]],
    }


@router.get(
    "/hall/applications/{application_id}",
    response=ApplicationDetailOut,
    summary=gettext_noop("办件详情：材料清单、办理记录和我能做的操作"),
)
def detail(request, application_id: ApiId):
    return application_detail(request, application_get(request, application_id))


def application_get(request, application_id: int) -> Application:
    """The application the token's user may see; another's answers 404 like a missing one."""
    try:
        return selectors.application_get_for(viewer=request.auth, application_id=application_id)
    except NotFound:
        raise Http404() from None


def application_move(request, application_id: int, run: Callable[[Application], object]) -> dict:
    """Run a move on the application the caller may see (404 otherwise); answer the fresh application, read
    again through the selector (api/desk.py and api/office.py)."""
    run(application_get(request, application_id))
    return application_detail(request, application_get(request, application_id))


def application_detail(request, application: Application) -> dict:
    """What ApplicationDetailOut shows of `application` to the token's user (the detail, and every move's answer)."""
    viewer = request.auth
    case = application.case
    lines = application.materials.select_related("material").prefetch_related("files")
    names = can(viewer, "hall.see_names", application)
    followup = followup_of(application)
    return {
        **_out(application, viewer, timezone.now()),
        "decision": application.decision,
        "decision_reason": application.decision_reason,
        "accepted_at": application.accepted_at,
        "issued_at": application.issued_at,
        "rating": case.rating,
        "rating_label": APPLICATION.rating_label(case.rating) if case.rating else "",
        "followup_id": followup.pk
        if followup is not None and can(viewer, "hall.view_followups", followup)
        else None,
        "materials": [
            {
                "id": line.pk,
                "material_id": line.material_id,
                "name": line.material.name,
                "required": line.material.required,
                "state": line.state,
                "state_label": line.get_state_display(),
                "note": line.note,
                "promised_by": line.promised_by,
                "files": [_handed_in_out(request, application, handed_in) for handed_in in line.files.all()],
            }
            for line in lines
        ],
        "documents": [
            {
                "id": document.pk,
                "code": document.code,
                "title": document.title,
                "revoked_at": document.revoked_at,
                "revoked_reason": document.revoked_reason,
                "url": request.build_absolute_uri(
                    reverse("hall:document", args=[application.pk, document.pk])
                ),
                "api_url": request.build_absolute_uri(
                    reverse("api:hall_document", args=[application.pk, document.pk])
                ),
            }
            for document in documents_of(application)
        ],
        "timeline": case_timeline(case, private=names, author_alias=_("申请人")),
        "allowed_moves": case_moves_for(application, viewer),
        "flow": application_flow_for(application, viewer),
    }


def _handed_in_out(request, application: Application, handed_in: ApplicationFile) -> dict:
    return {
        "id": handed_in.pk,
        "kind": "photo" if handed_in.photo_id else "pdf",
        "size": handed_in.size,
        "round": handed_in.round,
        "added_at": handed_in.added_at,
        "url": request.build_absolute_uri(reverse("hall:file", args=[application.pk, handed_in.pk])),
        "api_url": request.build_absolute_uri(reverse("api:hall_file", args=[application.pk, handed_in.pk])),
    }


# --- Downloads: the issued result notices and the files handed in ------------------------------------


PDF_ANSWER = {
    "responses": {
        200: {
            "description": gettext_lazy("文件本身"),
            "content": {"application/pdf": {"schema": {"type": "string", "format": "binary"}}},
        }
    }
}


@router.get(
    "/hall/applications/{application_id}/documents/{document_id}",
    url_name="hall_document",
    summary=gettext_noop("下载结果文书 PDF（能查看该办件的人；工作人员下载记入审计日志）"),
    openapi_extra=PDF_ANSWER,
)
def document(request, application_id: ApiId, document_id: ApiId):
    application = application_get(request, application_id)
    found = issued.document_get(application, document_id)
    return document_response(actor=request.auth, application=application, document=found)


@router.get(
    "/hall/applications/{application_id}/files/{file_id}",
    url_name="hall_file",
    summary=gettext_noop(
        "下载申请人交来的材料文件：照片或 PDF（能查看该办件的人；工作人员下载记入审计日志）"
    ),
    openapi_extra={
        "responses": {
            200: {
                "description": gettext_lazy("文件本身"),
                "content": {
                    "application/pdf": {"schema": {"type": "string", "format": "binary"}},
                    "image/jpeg": {"schema": {"type": "string", "format": "binary"}},
                },
            }
        }
    },
)
def handed_in_file(request, application_id: ApiId, file_id: ApiId):
    application = application_get(request, application_id)
    handed_in = application_file_get(application, file_id)
    return handed_in_response(actor=request.auth, application=application, handed_in=handed_in)
