"""Legal rosters, coverage, consultations and 民主法治示范村 applications over the API: the same selectors, actions
and rules as the pages.

Names are masked (王**), an aide's phone is masked, and a consultation's topic is answered only to the resident
who booked it, the adviser and the community's staff. A community, record or slot outside the token user's
reach is 404, as one that does not exist. Applications are submitted and resubmitted as multipart forms (the
self-assessment a JSON object, the attachments PDF files checked as on the pages), listed and decided. As on the
pages: an aide leaves the roster, the township office sets the target of 法律明白人, a slot is withdrawn, a clerk
books a slot for a resident of the register (with the way the resident consented), and an aide is linked to an
account only among the people on the register or holding a role within the keeper's reach.
"""

import datetime as dt
import hashlib
import json
from decimal import Decimal

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.http.response import HttpResponseBase
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, gettext_noop
from ninja import File, Form, Router, Schema, Status, UploadedFile

from gongzhi.areas.models import Area
from gongzhi.core.api_input import MAY_BE_FORBIDDEN, Limit, Offset
from gongzhi.core.errors import DomainError, NotFound
from gongzhi.core.idempotency import IdempotencyKey, idempotent_create
from gongzhi.core.ids import ApiId
from gongzhi.core.masking import mask_name
from gongzhi.residents.selectors import resident_get_for, resident_home_of

from . import actions, selectors
from .files import attachment_response
from .models import Aide, Application, ApplicationState, Consultation, LawSavvy, Slot
from .standards import group_label

router = Router(tags=["法律顾问与法律明白人 legal"])

NOT_FOUND_IN_BODY = {
    "responses": {"404": {"description": gettext_lazy("记录不存在，或不在您的权限范围内（两者不作区分）")}}
}


class AideOut(Schema):
    id: int
    kind: str
    kind_label: str
    name: str  # masked: 李**
    unit: str
    phone: str  # masked: 138****8000
    term_start: dt.date
    term_end: dt.date | None
    duties: str
    has_account: bool


class SavvyOut(Schema):
    id: int
    name: str  # masked
    group: str
    group_label: str
    state: str
    state_label: str
    duties: str
    training_hours: Decimal
    assessed_on: dt.date | None
    assessment_passed: bool


class RosterOut(Schema):
    community_id: int
    community_name: str
    aides: list[AideOut]
    law_savvy: list[SavvyOut]


class CoverageOut(Schema):
    community_id: int
    community_name: str
    target: int
    law_savvy_active: int
    law_savvy_preparing: int
    short: int
    has_adviser: bool
    assistants: int
    police: int


class AideIn(Schema):
    kind: str
    name: str
    unit: str
    phone: str = ""
    term_start: dt.date
    term_end: dt.date | None = None
    duties: str = ""
    # The aide's own account, if they have one: an account of a person on the register within the keeper's reach.
    username: str = ""


class SavvyIn(Schema):
    resident_id: ApiId
    group: str
    duties: str = ""


class TrainingIn(Schema):
    held_on: dt.date
    course: str
    hours: str
    organiser: str


class AssessIn(Schema):
    assessed_on: dt.date
    passed: bool
    note: str = ""


class MoveIn(Schema):
    verb: str  # train, activate, end


class SlotOut(Schema):
    id: int
    community_id: int
    starts_at: dt.datetime
    minutes: int
    by_phone: bool
    place: str
    adviser: str  # masked
    booked: bool
    withdrawn: bool


class SlotIn(Schema):
    community_id: ApiId
    starts_at: dt.datetime
    minutes: int = 30
    by_phone: bool = False
    place: str = ""


class BookIn(Schema):
    topic: str


class ConsultationOut(Schema):
    id: int
    slot_id: int
    starts_at: dt.datetime
    topic: str
    state: str
    state_label: str
    mine: bool


class RecordIn(Schema):
    held: bool


class ApplicationOut(Schema):
    id: int
    community_id: int
    community_name: str
    year: int
    state: str
    state_label: str
    met: int
    assessment: dict
    summary: str
    attachments: int
    attachment_ids: list[int]  # GET .../attachments/{attachment_id}
    decision_note: str


class ApplyIn(Schema):
    year: int  # this year or last year
    summary: str
    # A JSON object: for every criterion key, {"met": true|false, "note": "..."} (the note required when met).
    assessment: str


class ResubmitIn(Schema):
    summary: str
    assessment: str  # as ApplyIn's


class DecideIn(Schema):
    verb: str  # approve, reject, return
    note: str = ""


def _aide(aide: Aide) -> dict:
    return {
        "id": aide.pk,
        "kind": aide.kind,
        "kind_label": aide.get_kind_display(),
        "name": aide.name_masked,
        "unit": aide.unit,
        "phone": aide.phone_masked,
        "term_start": aide.term_start,
        "term_end": aide.term_end,
        "duties": aide.duties,
        "has_account": aide.user_id is not None,
    }


def _savvy(savvy: LawSavvy) -> dict:
    return {
        "id": savvy.pk,
        "name": mask_name(savvy.resident.name),
        "group": savvy.group,
        "group_label": group_label(savvy.group),
        "state": savvy.state,
        "state_label": savvy.get_state_display(),
        "duties": savvy.duties,
        "training_hours": getattr(savvy, "training_hours", None) or selectors.training_hours(savvy),
        "assessed_on": savvy.assessed_on,
        "assessment_passed": savvy.assessment_passed,
    }


def _slot(slot: Slot) -> dict:
    return {
        "id": slot.pk,
        "community_id": slot.community_id,
        "starts_at": slot.starts_at,
        "minutes": slot.minutes,
        "by_phone": slot.by_phone,
        "place": slot.place,
        "adviser": slot.adviser.name_masked,
        "booked": bool(getattr(slot, "booked", False)),
        "withdrawn": slot.cancelled_at is not None,
    }


def _consultation(consultation: Consultation, viewer) -> dict:
    return {
        "id": consultation.pk,
        "slot_id": consultation.slot_id,
        "starts_at": consultation.slot.starts_at,
        "topic": consultation.topic,
        "state": consultation.state,
        "state_label": consultation.get_state_display(),
        "mine": consultation.booker_id == viewer.pk,
    }


def _application(application: Application) -> dict:
    attachment_ids = list(application.attachments.values_list("pk", flat=True))
    return {
        "id": application.pk,
        "community_id": application.community_id,
        "community_name": application.community.name,
        "year": application.year,
        "state": application.state,
        "state_label": application.get_state_display(),
        "met": application.met_count(),
        "assessment": application.assessment,
        "summary": application.summary,
        "attachments": len(attachment_ids),
        "attachment_ids": attachment_ids,
        "decision_note": application.decision_note,
    }


def _found(get):
    try:
        return get()
    except NotFound:
        raise Http404() from None


def _roster(area: Area) -> dict:
    return {
        "community_id": area.pk,
        "community_name": area.name,
        "aides": [_aide(a) for a in selectors.aides_of(area)],
        "law_savvy": [_savvy(s) for s in selectors.savvies_of(area)],
    }


# --- Rosters and coverage --------------------------------------------------------------------


@router.get(
    "/legal/communities/{community_id}/roster",
    response=RosterOut,
    summary=gettext_noop("村(社区)的法律顾问、法律助理、警务助理和法律明白人名册（姓名、电话部分隐藏）"),
)
def roster(request, community_id: ApiId):
    area = _found(lambda: selectors.community_get_for(viewer=request.auth, community_id=community_id))
    return _roster(area)


@router.post(
    "/legal/communities/{community_id}/aides",
    response={201: AideOut},
    summary=gettext_noop("加入法律顾问、法律助理或警务助理（每村(社区)在任法律顾问一名）"),
)
def aide_add(request, community_id: ApiId, payload: AideIn, idempotency_key: IdempotencyKey = None):
    area = _found(lambda: selectors.community_get_for(viewer=request.auth, community_id=community_id))
    made = idempotent_create(
        request,
        idempotency_key,
        payload,
        lambda: actions.aide_appoint(
            user=selectors.aide_account_get(viewer=request.auth, username=payload.username),
            actor=request.auth,
            community=area,
            kind=payload.kind,
            name=payload.name,
            unit=payload.unit,
            phone=payload.phone,
            term_start=payload.term_start,
            term_end=payload.term_end,
            duties=payload.duties,
        ),  # fmt: skip
    )
    return Status(201, _aide(made))


@router.post(
    "/legal/communities/{community_id}/law-savvy",
    response={201: SavvyOut},
    summary=gettext_noop("从重点人群中选定法律明白人（须经培训、考核合格后上岗）"),
)
def savvy_add(request, community_id: ApiId, payload: SavvyIn, idempotency_key: IdempotencyKey = None):
    area = _found(lambda: selectors.community_get_for(viewer=request.auth, community_id=community_id))
    if not request.auth.has_perm("legal.keep", area):
        raise PermissionDenied()
    resident = _found(
        lambda: selectors.savvy_candidate_get(
            viewer=request.auth, community=area, resident_id=payload.resident_id
        )
    )
    made = idempotent_create(
        request,
        idempotency_key,
        payload,
        lambda: actions.savvy_select(
            actor=request.auth, community=area, resident=resident, group=payload.group, duties=payload.duties
        ),
    )
    return Status(201, _savvy(made))


def _savvy_for(request, savvy_id: int) -> LawSavvy:
    return _found(lambda: selectors.savvy_get_for(viewer=request.auth, savvy_id=savvy_id))


@router.post(
    "/legal/law-savvy/{savvy_id}/training", response={201: SavvyOut}, summary=gettext_noop("记录培训")
)
def savvy_training(request, savvy_id: ApiId, payload: TrainingIn, idempotency_key: IdempotencyKey = None):
    found = _savvy_for(request, savvy_id)
    idempotent_create(
        request,
        idempotency_key,
        payload,
        lambda: actions.savvy_training_record(
            actor=request.auth,
            savvy=found,
            held_on=payload.held_on,
            course=payload.course,
            hours=payload.hours,
            organiser=payload.organiser,
        ),  # fmt: skip
    )
    return Status(201, _savvy(found))


@router.post("/legal/law-savvy/{savvy_id}/assess", response=SavvyOut, summary=gettext_noop("记录考核结果"))
def savvy_assess(request, savvy_id: ApiId, payload: AssessIn):
    found = _savvy_for(request, savvy_id)
    done = actions.savvy_assess(
        actor=request.auth,
        savvy=found,
        assessed_on=payload.assessed_on,
        passed=payload.passed,
        note=payload.note,
    )
    return _savvy(done)


@router.post(
    "/legal/law-savvy/{savvy_id}/move",
    response=SavvyOut,
    summary=gettext_noop("开始培训、上岗（须考核合格）或退出"),
)
def savvy_move(request, savvy_id: ApiId, payload: MoveIn):
    found = _savvy_for(request, savvy_id)
    return _savvy(actions.savvy_move(actor=request.auth, savvy=found, verb=payload.verb))


@router.get(
    "/legal/coverage",
    response=list[CoverageOut],
    summary=gettext_noop("各村(社区)法律顾问和法律明白人配备情况（对照目标数，按名册实时统计）"),
    openapi_extra=MAY_BE_FORBIDDEN,
)
def coverage(request):
    if not request.auth.has_perm("legal.view"):
        raise PermissionDenied()
    return [
        {
            "community_id": r.community.pk,
            "community_name": r.community.name,
            "target": r.target,
            "law_savvy_active": r.savvy_active,
            "law_savvy_preparing": r.savvy_preparing,
            "short": r.short,
            "has_adviser": r.has_adviser,
            "assistants": r.assistants,
            "police": r.police,
        }
        for r in selectors.coverage_for(viewer=request.auth)
    ]


# --- Slots and consultations -----------------------------------------------------------------


@router.get(
    "/legal/slots",
    response=list[SlotOut],
    summary=gettext_noop("法律咨询时段：居民看本村(社区)可预约的，法律顾问和工作人员看所服务村(社区)的"),
    openapi_extra=MAY_BE_FORBIDDEN,
)
def slot_list(request, limit: Limit = 100, offset: Offset = 0):
    user = request.auth
    if user.has_perm("legal.consultations"):
        found = selectors.slots_for(viewer=user)
    elif user.has_perm("legal.book"):
        try:
            home = resident_home_of(user).community
        except DomainError:
            return []
        found = selectors.open_slots_of(home)
    else:
        raise PermissionDenied()
    return [_slot(s) for s in found[offset : offset + limit]]


@router.post(
    "/legal/slots",
    response={201: SlotOut},
    summary=gettext_noop("发布法律咨询时段（法律顾问本人或村(社区)工作人员）"),
    openapi_extra=NOT_FOUND_IN_BODY,
)
def slot_create(request, payload: SlotIn, idempotency_key: IdempotencyKey = None):
    area = selectors.consult_communities_for(viewer=request.auth).filter(pk=payload.community_id).first()
    if area is None:
        raise Http404()
    made = idempotent_create(
        request,
        idempotency_key,
        payload,
        lambda: actions.slot_publish(
            actor=request.auth,
            community=area,
            starts_at=payload.starts_at,
            minutes=payload.minutes,
            by_phone=payload.by_phone,
            place=payload.place,
        ),  # fmt: skip
    )
    return Status(201, _slot(made))


@router.post(
    "/legal/slots/{slot_id}/book",
    response={201: ConsultationOut},
    summary=gettext_noop("预约本村(社区)法律顾问的咨询时段（一个时段一人）"),
)
def slot_book(request, slot_id: ApiId, payload: BookIn, idempotency_key: IdempotencyKey = None):
    if not request.auth.has_perm("legal.book"):
        raise PermissionDenied()
    slot = selectors.slot_any_get(slot_id)
    if slot is None:
        raise Http404()
    made = idempotent_create(
        request,
        idempotency_key,
        payload,
        lambda: actions.consultation_book(actor=request.auth, slot=slot, topic=payload.topic),
    )
    return Status(201, _consultation(made, request.auth))


@router.get(
    "/legal/consultations",
    response=list[ConsultationOut],
    summary=gettext_noop("法律咨询预约：本人的，以及法律顾问和村(社区)工作人员经手的（含咨询事项）"),
)
def consultation_list(request, limit: Limit = 100, offset: Offset = 0):
    found = selectors.consultations_for(viewer=request.auth)
    return [_consultation(c, request.auth) for c in found[offset : offset + limit]]


def _consultation_for(request, consultation_id: int) -> Consultation:
    return _found(
        lambda: selectors.consultation_get_for(viewer=request.auth, consultation_id=consultation_id)
    )


@router.post(
    "/legal/consultations/{consultation_id}/cancel",
    response=ConsultationOut,
    summary=gettext_noop("取消预约（咨询时间之前）"),
)
def consultation_cancel(request, consultation_id: ApiId):
    found = _consultation_for(request, consultation_id)
    return _consultation(actions.consultation_cancel(actor=request.auth, consultation=found), request.auth)


@router.post(
    "/legal/consultations/{consultation_id}/record",
    response=ConsultationOut,
    summary=gettext_noop("记录咨询已进行或预约人未到（法律顾问、村(社区)工作人员）"),
)
def consultation_record(request, consultation_id: ApiId, payload: RecordIn):
    found = _consultation_for(request, consultation_id)
    done = actions.consultation_record(actor=request.auth, consultation=found, held=payload.held)
    return _consultation(done, request.auth)


# --- Applications ----------------------------------------------------------------------------


@router.get(
    "/legal/applications",
    response=list[ApplicationOut],
    summary=gettext_noop("民主法治示范村(社区)申报（可按状态筛选）"),
    openapi_extra=MAY_BE_FORBIDDEN,
)
def application_list(request, state: str = "", limit: Limit = 100, offset: Offset = 0):
    if not request.auth.has_perm("legal.view"):
        raise PermissionDenied()
    state = state if state in ApplicationState.values else ""
    found = selectors.application_list_for(viewer=request.auth, state=state)
    return [_application(a) for a in found[offset : offset + limit]]


@router.get(
    "/legal/applications/{application_id}",
    response=ApplicationOut,
    summary=gettext_noop("民主法治示范村申报详情"),
)
def application_detail(request, application_id: ApiId):
    found = _found(lambda: selectors.application_get_for(viewer=request.auth, application_id=application_id))
    return _application(found)


@router.post(
    "/legal/applications/{application_id}/decide",
    response=ApplicationOut,
    summary=gettext_noop("审核申报：命名、不予命名（附理由）或退回补充材料（附意见）"),
)
def application_decide(request, application_id: ApiId, payload: DecideIn):
    found = _found(lambda: selectors.application_get_for(viewer=request.auth, application_id=application_id))
    done = actions.application_decide(
        actor=request.auth, application=found, verb=payload.verb, note=payload.note
    )
    return _application(done)


def _assessment(text: str) -> dict:
    """The self-assessment sent as a JSON object in a form field; the action checks every criterion."""
    try:
        found = json.loads(text)
    except ValueError:
        found = None
    if not isinstance(found, dict):
        raise DomainError(
            _("自评（assessment）应为 JSON 对象：每一项标准写明 met（true 或 false）和 note。"),
            field="assessment",
        )
    return found


def _fingerprint_of(payload: Schema, files: list[UploadedFile] | None) -> dict:
    """The form fields and the files' content, for Idempotency-Key: a retry must send the same files."""
    digests = []
    for upload in files or []:
        upload.seek(0)
        digests.append(hashlib.sha256(upload.read()).hexdigest())
        upload.seek(0)
    return {**payload.dict(), "files": digests}


@router.post(
    "/legal/communities/{community_id}/applications",
    response={201: ApplicationOut},
    summary=gettext_noop(
        "申报民主法治示范村(社区)（村社区干部）：年度、创建情况、自评（JSON）和佐证材料（PDF，最多5个）以 multipart 上传"
    ),
)
def application_submit(
    request,
    community_id: ApiId,
    payload: Form[ApplyIn],
    files: File[list[UploadedFile]] = None,  # type: ignore[assignment]
    idempotency_key: IdempotencyKey = None,
):
    if not request.auth.has_perm("legal.apply"):
        raise PermissionDenied()
    area = selectors.applying_communities_for(viewer=request.auth).filter(pk=community_id).first()
    if area is None:
        raise Http404()
    assessment = _assessment(payload.assessment)
    made = idempotent_create(
        request,
        idempotency_key,
        _fingerprint_of(payload, files) if idempotency_key else None,
        lambda: actions.application_submit(
            actor=request.auth,
            community=area,
            year=payload.year,
            assessment=assessment,
            summary=payload.summary,
            files=files or [],
        ),  # fmt: skip
    )
    return Status(201, _application(made))


@router.post(
    "/legal/applications/{application_id}/resubmit",
    response=ApplicationOut,
    summary=gettext_noop(
        "补充后重新报送被退回的申报（村社区干部）：创建情况、自评（JSON）和新增的佐证材料（PDF）以 multipart 上传"
    ),
)
def application_resubmit(
    request,
    application_id: ApiId,
    payload: Form[ResubmitIn],
    files: File[list[UploadedFile]] = None,  # type: ignore[assignment]
):
    if not request.auth.has_perm("legal.apply"):
        raise PermissionDenied()
    found = _found(lambda: selectors.application_get_for(viewer=request.auth, application_id=application_id))
    done = actions.application_resubmit(
        actor=request.auth, application=found, assessment=_assessment(payload.assessment),
        summary=payload.summary, files=files or [],
    )  # fmt: skip
    return _application(done)


# --- The pages' writes the API lacked: an aide's leaving, the township's target, withdrawing a slot, booking
# --- for a resident -------------------------------------------------------------------------------------------


class EndIn(Schema):
    reason: str


class TargetIn(Schema):
    target: int


class TargetOut(Schema):
    township_id: int
    township_name: str
    target: int


class AssistedBookIn(Schema):
    resident_id: ApiId
    topic: str
    consent_channel: str  # in_person, phone, written


@router.post(
    "/legal/aides/{aide_id}/end",
    response=AideOut,
    summary=gettext_noop("法律顾问(助理)离任（村(社区)工作人员，附原因）"),
)
def aide_end(request, aide_id: ApiId, payload: EndIn):
    if not request.auth.has_perm("legal.keep"):
        raise PermissionDenied()
    aide = _found(lambda: selectors.aide_get_for(viewer=request.auth, aide_id=aide_id))
    if not request.auth.has_perm("legal.keep", aide):
        raise PermissionDenied()
    return _aide(actions.aide_end(actor=request.auth, aide=aide, reason=payload.reason))


@router.post(
    "/legal/townships/{township_id}/target",
    response=TargetOut,
    summary=gettext_noop("设置本镇(街道)每村(社区)法律明白人的目标数（镇(街道)社治办）"),
)
def township_target(request, township_id: ApiId, payload: TargetIn):
    if not request.auth.has_perm("legal.set_target"):
        raise PermissionDenied()
    township = selectors.townships_for(viewer=request.auth).filter(pk=township_id).first()
    if township is None:
        raise Http404()
    actions.savvy_target_set(actor=request.auth, township=township, target=payload.target)
    return {
        "township_id": township.pk,
        "township_name": township.name,
        "target": selectors.savvy_target_for(township),
    }


@router.post(
    "/legal/slots/{slot_id}/withdraw",
    response=SlotOut,
    summary=gettext_noop("撤回未开始的咨询时段（法律顾问本人或村(社区)工作人员）"),
)
def slot_withdraw(request, slot_id: ApiId):
    if not request.auth.has_perm("legal.consult"):
        raise PermissionDenied()
    slot = _found(lambda: selectors.slot_get_for(viewer=request.auth, slot_id=slot_id))
    if not request.auth.has_perm("legal.consult", slot):
        raise PermissionDenied()
    return _slot(actions.slot_withdraw(actor=request.auth, slot=slot))


@router.post(
    "/legal/slots/{slot_id}/book-for",
    response={201: ConsultationOut},
    summary=gettext_noop("代居民预约咨询时段（窗口人员、网格员、村(社区)工作人员），须记录居民同意方式"),
)
def slot_book_assisted(
    request, slot_id: ApiId, payload: AssistedBookIn, idempotency_key: IdempotencyKey = None
):
    if not request.auth.has_perm("legal.book_assisted"):
        raise PermissionDenied()
    slot = _found(lambda: selectors.assisted_slot_get(viewer=request.auth, slot_id=slot_id))
    resident = _found(lambda: resident_get_for(viewer=request.auth, resident_id=payload.resident_id))
    made = idempotent_create(
        request,
        idempotency_key,
        payload,
        lambda: actions.consultation_book_assisted(
            actor=request.auth,
            slot=slot,
            resident=resident,
            topic=payload.topic,
            consent_channel=payload.consent_channel,
        ),
    )
    return Status(201, _consultation(made, request.auth))


# --- The pages' reads the API lacked: one 法律明白人 (its page), an application's attachment -------------------


class TrainingOut(Schema):
    held_on: dt.date
    course: str
    hours: Decimal
    organiser: str


class SavvyDetailOut(SavvyOut):
    community_id: int
    community_name: str
    assessment_note: str
    trainings: list[TrainingOut]


@router.get(
    "/legal/law-savvy/{savvy_id}",
    response=SavvyDetailOut,
    summary=gettext_noop("一名法律明白人：重点人群、职责、培训记录与学时、考核（姓名部分隐藏）"),
    openapi_extra=NOT_FOUND_IN_BODY,
)
def savvy_detail(request, savvy_id: ApiId):
    found = _savvy_for(request, savvy_id)
    trainings = list(selectors.trainings_of(found))
    return {
        **_savvy(found),
        "training_hours": selectors.training_hours(found, trainings),
        "community_id": found.community_id,
        "community_name": found.community.name,
        "assessment_note": found.assessment_note,
        "trainings": [
            {"held_on": t.held_on, "course": t.course, "hours": t.hours, "organiser": t.organiser}
            for t in trainings
        ],
    }


@router.get(
    "/legal/applications/{application_id}/attachments/{attachment_id}",
    summary=gettext_noop("民主法治示范村申报的一份附件（PDF）"),
    openapi_extra={
        "responses": {
            200: {
                "description": gettext_lazy("文件本身"),
                "content": {"application/pdf": {"schema": {"type": "string", "format": "binary"}}},
            },
            **NOT_FOUND_IN_BODY["responses"],
        }
    },
)
def attachment(request, application_id: ApiId, attachment_id: ApiId) -> HttpResponseBase:
    return _found(
        lambda: attachment_response(request.auth, application_id=application_id, attachment_id=attachment_id)
    )
