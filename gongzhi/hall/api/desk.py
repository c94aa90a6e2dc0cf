"""Applications (办件) over the API, applying and the front desk: a resident applies online (or asks the village
to do it, 代办), a window clerk, cadre or grid worker applies for a resident of the register; the window accepts
(容缺受理 on a promise), tells once what to supply (一次性告知), refuses or forwards; the applicant supplies,
brings a promised material or withdraws. The same actions the pages call, the same rules; the back office's,
issuing's, 好差评's and the follow-ups' moves are in api/office.py.

Every move answers with the fresh application (`ApplicationDetailOut`, read again through the selector: its
state, materials, issued documents, timeline and the moves now open to the caller). Refusals are the API's
error JSON from the action's DomainError: 400 bad input, 403 not the caller's step (the message says whose),
409 the state has moved on; an application the caller may not see answers 404 like a missing one. Applying
has the page's gate first (the resident role: 403), then the matter (404).

The URL scheme: one operation per move of the page, under the application —
`POST /api/v1/hall/applications/{id}/accept | forward | notify | refuse | supply | promised | withdraw`
here, `decide | hand-off | hand-back | issue | rate | unreasonable | unreasonable/review` and
`/api/v1/hall/followups/{id}/visit | rectify` in api/office.py — and applying as
`POST /api/v1/hall/applications` (online), `…/applications/for` (for a resident of the register: the proxies'
role first, 403, then the resident within the caller's register reach, 404; the consent channel recorded)
and `…/applications/proxy-request` (代办: the resident's consent, the village's proxies told), each with
`Idempotency-Key`.

Lines and files: `materials[].id` (a line of the application's checklist) is what accept, notify, supply's
ready lines and a promised material name; an uploaded file is for a checklist item, `materials[].material_id`
(what the actions store files by — applying has no lines yet). Uploads are multipart (`files`, with
`file_materials` naming each file's item in the same order), checked by content as on the pages
(`uploads_check`): supply, promised and applying take multipart form fields; every other move takes JSON.
"""

import datetime as dt
import hashlib

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, gettext_noop
from ninja import File, Form, Router, Schema, UploadedFile

from gongzhi.accounts.roles import REGISTER_READERS
from gongzhi.cases.actions import AlreadySubmitted
from gongzhi.core.authz import authorize
from gongzhi.core.errors import DomainError
from gongzhi.core.idempotency import IdempotencyKey, idempotent_create, submission_key_for
from gongzhi.core.ids import ApiId

from ..actions import desk
from ..actions.applying import (
    application_apply,
    application_apply_for,
    application_proxy_request,
    uploads_check,
)
from ..models import Application
from ..selectors.desk import matter_get_for_applying
from .applications import ApplicationDetailOut, application_detail, application_get, application_move

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


class ApplyIn(Schema):
    """Multipart form fields of applying online (the files come as `files`)."""

    matter_id: ApiId
    phone: str = ""
    file_materials: list[ApiId] = []  # the checklist item of each file, in the order of `files`


class ApplyForIn(Schema):
    """Multipart form fields of applying for a resident of the register (the files come as `files`)."""

    matter_id: ApiId
    resident_id: ApiId  # a resident of the register in the caller's area
    consent_channel: str = ""  # how the resident agreed: in_person | phone | written
    consent_note: str = ""
    phone: str = ""
    at_window: bool = False  # the resident came to the window in person (a window clerk's first visit)
    file_materials: list[ApiId] = []  # the checklist item of each file, in the order of `files`


class ProxyRequestIn(Schema):
    matter_id: ApiId
    phone: str = ""
    note: str = ""  # to the village's 代办员
    consent: bool = False  # the resident agrees that the village's 代办员 collect the materials and apply


# --- Helpers --------------------------------------------------------------------------------


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

    application = idempotent_create(
        request, idempotency_key, _fingerprint_of(payload, files) if idempotency_key else None, create
    )
    return 201, application_detail(request, application_get(request, application.pk))


@router.post(
    "/hall/applications/for",
    response={201: ApplicationDetailOut},
    summary=gettext_noop(
        "代居民申请（窗口、村干部、网格员）：登记在册的居民，记录其同意方式；表单字段和材料文件以 multipart 上传"
    ),
    # resident_id is a form field, not a path parameter: a resident outside the caller's register is 404.
    openapi_extra={
        "responses": {
            "404": {"description": gettext_lazy("居民不存在，或不在您的登记范围内（两者不作区分）")}
        }
    },
)
def apply_for(
    request,
    payload: Form[ApplyForIn],
    files: File[list[UploadedFile]] = None,  # type: ignore[assignment]
    idempotency_key: IdempotencyKey = None,
):
    from gongzhi.residents.selectors import resident_get_for

    authorize(request.auth, "hall.apply_for")
    matter = matter_get_for_applying(matter_id=payload.matter_id)
    resident = resident_get_for(viewer=request.auth, resident_id=payload.resident_id, roles=REGISTER_READERS)
    checked = uploads_check(_files_by_material(files, payload.file_materials))

    def create() -> Application:
        try:
            return application_apply_for(
                actor=request.auth,
                matter=matter,
                resident=resident,
                consent_channel=payload.consent_channel,
                consent_note=payload.consent_note,
                phone=payload.phone,
                files=checked,
                submission_key=submission_key_for(idempotency_key),
                at_window=payload.at_window,
            )
        except AlreadySubmitted as exc:
            return exc.case.application

    application = idempotent_create(
        request, idempotency_key, _fingerprint_of(payload, files) if idempotency_key else None, create
    )
    return 201, application_detail(request, application_get(request, application.pk))


@router.post(
    "/hall/applications/proxy-request",
    response={201: ApplicationDetailOut},
    summary=gettext_noop(
        "请村(社区)代办（居民本人）：同意由代办员代为收取材料、办理，村里的代办员会收到通知"
    ),
)
def proxy_request(request, payload: ProxyRequestIn, idempotency_key: IdempotencyKey = None):
    authorize(request.auth, "hall.apply")
    matter = matter_get_for_applying(matter_id=payload.matter_id)

    def create() -> Application:
        try:
            return application_proxy_request(
                actor=request.auth,
                matter=matter,
                phone=payload.phone,
                note=payload.note,
                consent=payload.consent,
                submission_key=submission_key_for(idempotency_key),
            )
        except AlreadySubmitted as exc:
            return exc.case.application

    application = idempotent_create(request, idempotency_key, payload, create)
    return 201, application_detail(request, application_get(request, application.pk))


# --- The front desk -------------------------------------------------------------------------


@router.post(
    "/hall/applications/{application_id}/accept",
    response=ApplicationDetailOut,
    summary=gettext_noop("受理（窗口）：勾选已审核的材料，非必要材料可容缺受理并承诺补交日期"),
)
def accept(request, application_id: ApiId, payload: AcceptIn):
    promises = {p.line_id: p.promised_by for p in payload.promises}
    return application_move(
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
    return application_move(
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
    return application_move(
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
    return application_move(
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
    def run(application: Application) -> object:
        # As on the page: the files are checked once the application is known to be the caller's to see.
        checked = uploads_check(_files_by_material(files, payload.file_materials))
        return desk.application_supply(
            actor=request.auth,
            application=application,
            files=checked,
            ready=set(payload.ready),
            note=payload.note,
            came=payload.came,
        )

    return application_move(request, application_id, run)


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
    return application_move(
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
    return application_move(
        request,
        application_id,
        lambda a: desk.application_withdraw(actor=request.auth, application=a, reason=payload.reason),
    )
