"""The public board over the API: what the pages show, in the API's words.

A community's board and an item with its 修改记录 are public (any token: the
API has no anonymous operations); publishing, revising and withdrawing are
community staff's over their community (`disclosures.publish`); what is
overdue is for those who read the staff pages (`disclosures.view`).
Publishing with an attachment (a photo of the paper board, or a PDF) is the
multipart twin of publishing (`POST /disclosures/with-attachment`): the same form
fields and the same checks as the pages (at most 5 MB; a PDF safe to open, a
photo cleaned of its metadata by the photos kernel; anything else refused).
"""

import datetime as dt
import hashlib

from django.http import Http404
from django.urls import reverse
from django.utils.translation import gettext_lazy, gettext_noop
from ninja import File, Form, Router, Schema, Status, UploadedFile

from gongzhi.areas.selectors import community_public_get
from gongzhi.core.api_input import MAY_BE_FORBIDDEN, Limit, Offset
from gongzhi.core.authz import can
from gongzhi.core.errors import NotFound, NotPermitted
from gongzhi.core.idempotency import IdempotencyKey, idempotent_create
from gongzhi.core.ids import ApiId

from . import actions, selectors
from .models import Disclosure
from .roles import PUBLISHERS

router = Router(tags=["公开栏 disclosures"])
MAY_BE_MISSING: dict = {
    "responses": {"404": {"description": gettext_lazy("记录不存在，或不在您的权限范围内（两者不作区分）")}}
}


class RevisionOut(Schema):
    number: int
    at: dt.datetime
    reason: str  # blank for the first publication


class DisclosureOut(Schema):
    id: int
    community_id: int
    community_name: str
    category: str  # party, affairs, finance
    category_label: str  # 党务公开, 村务公开 or 居务公开, 财务公开
    title: str
    body: str  # blank once withdrawn
    major: bool
    period: str  # "2026-Q3", "2026-11" or ""
    period_label: str  # "2026年第3季度", "2026年11月" or ""
    published_at: dt.datetime
    revision: int
    withdrawn_at: dt.datetime | None
    withdrawn_reason: str
    has_attachment: bool
    attachment_url: str | None  # the public page's address of the photo or PDF


class DisclosureDetailOut(DisclosureOut):
    revisions: list[RevisionOut]


class DisclosureList(Schema):
    count: int
    items: list[DisclosureOut]


class PublishIn(Schema):
    community_id: int
    category: str
    title: str
    body: str
    major: bool = False
    period: str = ""
    personal_data_reason: str = ""
    due_id: int | None = None  # an item due for publication (GET /disclosures/overdue): publishing fulfils it


class ReviseIn(Schema):
    title: str
    body: str
    reason: str
    personal_data_reason: str = ""


class WithdrawIn(Schema):
    reason: str


class GapOut(Schema):
    category: str
    category_label: str
    period: str
    period_label: str
    basis: str


class DueOut(Schema):
    id: int
    title: str
    category: str
    major: bool
    due_on: dt.date
    purpose: str


class OverdueOut(Schema):
    community_id: int
    community_name: str
    finance_monthly: bool
    gaps: list[GapOut]
    overdue: list[DueOut]


def _out(disclosure: Disclosure) -> dict:
    withdrawn = disclosure.is_withdrawn
    return {
        "id": disclosure.pk,
        "community_id": disclosure.area_id,
        "community_name": disclosure.area.name,
        "category": disclosure.category,
        "category_label": disclosure.category_label,
        "title": disclosure.title,
        "body": "" if withdrawn else disclosure.body,
        "major": disclosure.major,
        "period": disclosure.period,
        "period_label": disclosure.period_label,
        "published_at": disclosure.published_at,
        "revision": disclosure.revision_count,
        "withdrawn_at": disclosure.withdrawn_at,
        "withdrawn_reason": disclosure.withdrawn_reason,
        "has_attachment": disclosure.has_attachment and not withdrawn,
        "attachment_url": (
            reverse("disclosures:attachment", args=[disclosure.pk])
            if disclosure.has_attachment and not withdrawn
            else None
        ),
    }


def _detail(disclosure: Disclosure) -> dict:
    revisions = selectors.revisions_of(disclosure).values("number", "at", "reason")
    return {**_out(disclosure), "revisions": list(revisions)}


def _public(disclosure_id: int) -> Disclosure:
    try:
        return selectors.disclosure_public_get(disclosure_id)
    except NotFound:
        raise Http404() from None


def _staff(request, disclosure_id: int) -> Disclosure:
    try:
        return selectors.disclosure_get_for(
            viewer=request.auth, disclosure_id=disclosure_id, roles=PUBLISHERS
        )
    except NotFound:
        raise Http404() from None


@router.get(
    "/disclosures",
    response=DisclosureList,
    summary=gettext_noop("村(社区)的党务、村(居)务、财务公布事项，新的在前（需令牌，任何令牌用户可读）"),
)
def board(request, community_id: ApiId, category: str = "", limit: Limit = 50, offset: Offset = 0):
    try:
        community = community_public_get(community_id)
    except NotFound:
        raise Http404() from None
    found = selectors.board_public(community, category)
    return {"count": found.count(), "items": [_out(d) for d in found[offset : offset + limit]]}


@router.get(
    "/disclosures/overdue",
    response=list[OverdueOut],
    summary=gettext_noop("逾期未公布：上一期没有公布的类别和逾期的应公布事项（村社区干部、监委会、镇）"),
    openapi_extra=MAY_BE_FORBIDDEN,
)
def overdue(request, community_id: ApiId | None = None):
    if not can(request.auth, "disclosures.view"):
        raise NotPermitted()
    communities = selectors.communities_for(viewer=request.auth)
    if community_id:
        communities = communities.filter(pk=community_id)
        if not communities.exists():
            raise Http404()
    return [
        {
            "community_id": status.community.pk,
            "community_name": status.community.name,
            "finance_monthly": status.finance_monthly,
            "gaps": [
                {
                    "category": row["key"],
                    "category_label": row["label"],
                    "period": row["gap"].period.key,
                    "period_label": row["gap"].period.label,
                    "basis": row["gap"].basis,
                }
                for row in status.categories
                if row["gap"]
            ],
            "overdue": [
                {
                    "id": due.pk,
                    "title": due.title,
                    "category": due.category,
                    "major": due.major,
                    "due_on": due.due_on,
                    "purpose": due.purpose,
                }
                for due in status.overdue
            ],
        }
        for status in selectors.board_statuses(list(communities))
    ]


@router.post(
    "/disclosures/with-attachment",
    response={201: DisclosureDetailOut},
    summary=gettext_noop(
        "带附件发布（村社区干部）：表单字段和附件（照片或 PDF，不超过 5 MB）以 multipart 上传，字段同发布"
    ),
    openapi_extra=MAY_BE_MISSING,
)
def publish_with_attachment(
    request,
    payload: Form[PublishIn],
    attachment: File[UploadedFile],
    idempotency_key: IdempotencyKey = None,
):
    # Declared before GET /disclosures/{disclosure_id}, whose path would otherwise take this one.
    return _publish(request, payload, idempotency_key, attachment)


@router.get(
    "/disclosures/{disclosure_id}",
    response=DisclosureDetailOut,
    summary=gettext_noop("公布事项及其修改记录（已撤回的注明撤回日期和理由，不含内容）"),
)
def detail(request, disclosure_id: ApiId):
    return _detail(_public(disclosure_id))


@router.post(
    "/disclosures",
    response={201: DisclosureDetailOut},
    summary=gettext_noop("在本村(社区)公布栏发布（村社区干部）"),
    openapi_extra=MAY_BE_MISSING,
)
def publish(request, payload: PublishIn, idempotency_key: IdempotencyKey = None):
    return _publish(request, payload, idempotency_key, None)


def _fingerprint_of(payload: PublishIn, attachment: UploadedFile) -> dict:
    """The form fields and the file's content, for Idempotency-Key: a retry must send the same file."""
    attachment.seek(0)
    digest = hashlib.sha256(attachment.read()).hexdigest()
    attachment.seek(0)
    return {**payload.dict(), "attachment": digest}


def _publish(request, payload: PublishIn, idempotency_key: str | None, attachment: UploadedFile | None):
    if not can(request.auth, "disclosures.publish"):
        raise NotPermitted()
    try:
        community = selectors.community_get_for(
            viewer=request.auth, community_id=payload.community_id, roles=PUBLISHERS
        )
        due = selectors.due_get_for(viewer=request.auth, due_id=payload.due_id) if payload.due_id else None
    except NotFound:
        raise Http404() from None
    fingerprint = (
        _fingerprint_of(payload, attachment) if attachment is not None and idempotency_key else payload
    )
    disclosure = idempotent_create(
        request,
        idempotency_key,
        fingerprint,
        lambda: actions.disclosure_publish(
            actor=request.auth,
            community=community,
            category=payload.category,
            title=payload.title,
            body=payload.body,
            major=payload.major,
            period=payload.period,
            personal_data_reason=payload.personal_data_reason,
            due=due,
            attachment=attachment,
        ),
    )
    return Status(201, _detail(selectors.disclosure_public_get(disclosure.pk)))


@router.post(
    "/disclosures/{disclosure_id}/revise",
    response=DisclosureDetailOut,
    summary=gettext_noop("修改公布内容（写明理由，留有修改记录）"),
)
def revise(request, disclosure_id: ApiId, payload: ReviseIn):
    if not can(request.auth, "disclosures.publish"):
        raise NotPermitted()
    disclosure = actions.disclosure_revise(
        actor=request.auth,
        disclosure=_staff(request, disclosure_id),
        title=payload.title,
        body=payload.body,
        reason=payload.reason,
        personal_data_reason=payload.personal_data_reason,
    )
    return _detail(disclosure)


@router.post(
    "/disclosures/{disclosure_id}/withdraw",
    response=DisclosureDetailOut,
    summary=gettext_noop("撤回公布事项（写明理由；不删除，页面注明撤回）"),
)
def withdraw(request, disclosure_id: ApiId, payload: WithdrawIn):
    if not can(request.auth, "disclosures.publish"):
        raise NotPermitted()
    disclosure = actions.disclosure_withdraw(
        actor=request.auth, disclosure=_staff(request, disclosure_id), reason=payload.reason
    )
    return _detail(disclosure)
