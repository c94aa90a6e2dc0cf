"""People's mediation over the API: the same selectors, actions and rules as the pages.

A client sees what its token's user would see: the cases in which the user
is a party, an assigned mediator or the committee's chair — never another
case, which answers 404 like a missing one. The facts, the positions and the
terms are left out where the pages leave them out (a family dispute's chair
once mediators are assigned); a party's phone is masked, an ID number never
sent. The papers (agreement, scan, referral record) are downloaded from the
case's page, which audits each download.
"""

import datetime as dt
from decimal import Decimal

from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from ninja import File, Router, Schema, Status, UploadedFile

from gongzhi.cases.actions import AlreadySubmitted
from gongzhi.cases.selectors import case_moves_for, case_timeline
from gongzhi.core.api_input import MAY_BE_FORBIDDEN, Limit, Offset
from gongzhi.core.authz import authorize, can
from gongzhi.core.errors import DomainError
from gongzhi.core.idempotency import IdempotencyKey, idempotent_create, submission_key_for
from gongzhi.core.ids import ApiId

from . import actions, selectors
from .models import Dispute, Screening, Training
from .workflow import DISPUTE

router = Router(tags=["人民调解 mediation"])


class PartyOut(Schema):
    id: int
    side: str
    name: str
    in_register: bool
    phone: str  # masked: 139****5678


class PositionOut(Schema):
    party_id: int
    text: str


class SessionOut(Schema):
    id: int
    held_on: dt.date
    place: str
    attendees: str
    next_steps: str
    positions: list[PositionOut]


class FollowUpOut(Schema):
    due_on: dt.date
    visited_on: dt.date | None
    outcome: str


class TimelineOut(Schema):
    at: dt.datetime
    verb: str
    to: str
    who: str
    note: str


class DisputeOut(Schema):
    id: int
    code: str
    category: str
    category_label: str
    source: str
    state: str
    state_label: str
    community_id: int
    community_name: str
    created_at: dt.datetime
    updated_at: dt.datetime


class DisputeDetailOut(DisputeOut):
    facts: str  # empty where the viewer may not read the substance (family dispute, chair, once assigned)
    parties: list[PartyOut]
    mediators: list[str]
    sessions: list[SessionOut]
    outcome: str
    referral_to: str
    terms: str
    effective_on: dt.date | None
    confirmation_wanted: bool
    confirmation_due: dt.date | None
    agreement_signed: bool
    followups: list[FollowUpOut]
    timeline: list[TimelineOut]
    moves: list[str]


class DisputePage(Schema):
    count: int
    items: list[DisputeOut]


class PartyIn(Schema):
    side: str
    name: str
    id_number: str = ""  # a resident of the community, checked against the register
    phone: str = ""  # an outsider


class IntakeIn(Schema):
    community_id: ApiId | None = None  # a grid worker's or mediator's community; a resident: their own
    category: str
    facts: str
    parties: list[PartyIn] = []
    screening_id: ApiId | None = None  # a dispute the committee's monthly screening found (its community)
    submission_key: str = ""


class NoteIn(Schema):
    note: str = ""


class AssignIn(Schema):
    mediator_id: ApiId


class PositionIn(Schema):
    party_id: ApiId
    text: str


class SessionIn(Schema):
    held_on: dt.date
    place: str
    attendees: str
    positions: list[PositionIn]
    next_steps: str = ""


class CloseIn(Schema):
    outcome: str  # agreement, failed, withdrawn
    terms: str = ""
    performance: str = ""
    effective_on: dt.date | None = None
    confirmation_wanted: bool = False
    referral_to: str = ""
    reason: str = ""


class FollowUpIn(Schema):
    visited_on: dt.date
    outcome: str  # kept, not_kept
    note: str


def _out(dispute: Dispute) -> dict:
    case = dispute.case
    return {
        "id": dispute.pk,
        "code": dispute.code,
        "category": dispute.category,
        "category_label": dispute.get_category_display(),
        "source": dispute.source,
        "state": case.state,
        "state_label": DISPUTE.state_label(case.state),
        "community_id": case.community_id,
        "community_name": case.community.name,
        "created_at": case.created_at,
        "updated_at": case.updated_at,
    }


def _detail(request, dispute_id: int) -> dict:
    viewer = request.auth
    dispute = selectors.dispute_get_for(viewer=viewer, dispute_id=dispute_id)
    substance = can(viewer, "mediation.view_facts", dispute)
    sessions = selectors.sessions_of(dispute) if substance else []
    return {
        **_out(dispute),
        "facts": dispute.facts if substance else "",
        "parties": [
            {
                "id": p.pk,
                "side": p.side,
                "name": p.name,
                "in_register": p.resident_id is not None,
                "phone": p.phone_masked,
            }
            for p in selectors.parties_of(dispute)
        ],
        "mediators": [a.mediator.label for a in selectors.assignments_of(dispute)],
        "sessions": [
            {
                "id": s.pk,
                "held_on": s.held_on,
                "place": s.place,
                "attendees": s.attendees,
                "next_steps": s.next_steps,
                "positions": [{"party_id": p.party_id, "text": p.text} for p in s.positions.all()],
            }
            for s in sessions
        ],
        "outcome": dispute.outcome,
        "referral_to": dispute.referral_to,
        "terms": dispute.terms if substance else "",
        "effective_on": dispute.effective_on,
        "confirmation_wanted": dispute.confirmation_wanted,
        "confirmation_due": dispute.confirmation_due,
        "agreement_signed": bool(dispute.scan_path),
        "followups": [
            {"due_on": f.due_on, "visited_on": f.visited_on, "outcome": f.outcome}
            for f in selectors.followups_of(dispute)
        ],
        "timeline": [
            {**row, "note": row["note"] if substance else ""} for row in case_timeline(dispute.case)
        ],
        "moves": case_moves_for(dispute, viewer),
    }


def _get(request, dispute_id: int) -> Dispute:
    return selectors.dispute_get_for(viewer=request.auth, dispute_id=dispute_id)


@router.get(
    "/mediation/cases",
    response=DisputePage,
    summary=gettext_noop("我能查看的调解案件（当事人、承办调解员、调委会主任）"),
)
def case_list(request, state: str = "", limit: Limit = 30, offset: Offset = 0):
    state = state if state in DISPUTE.states else ""
    query = selectors.dispute_list_for(viewer=request.auth, state=state)
    return {"count": query.count(), "items": [_out(d) for d in query[offset : offset + limit]]}


@router.get(
    "/mediation/cases/{dispute_id}",
    response=DisputeDetailOut,
    summary=gettext_noop("调解案件详情、调解记录和我能做的操作"),
)
def case_detail(request, dispute_id: ApiId):
    return _detail(request, dispute_id)


@router.post(
    "/mediation/cases",
    response={201: DisputeDetailOut},
    summary=gettext_noop("登记纠纷（当事人本人、网格员、调解员）；不能查看的案件只返回案件编号"),
)
def case_intake(request, payload: IntakeIn, idempotency_key: IdempotencyKey = None):
    authorize(request.auth, "mediation.intake")
    community = None
    if payload.community_id is not None:
        # Scoped: a community the user brings disputes in for (or their own, as a resident); else 404.
        community = selectors.intake_community_get_for(viewer=request.auth, community_id=payload.community_id)
    screening = None
    if payload.screening_id is not None:
        screening = selectors.screening_get_for(viewer=request.auth, screening_id=payload.screening_id)
        community = screening.community

    def create() -> Dispute:
        try:
            return actions.dispute_intake(
                actor=request.auth,
                community=community,
                category=payload.category,
                facts=payload.facts,
                parties=[
                    actions.PartyInput(side=p.side, name=p.name, id_number=p.id_number, phone=p.phone)
                    for p in payload.parties
                ],
                source="screening" if screening is not None else "",
                source_ref=screening.pk if screening is not None else None,
                submission_key=payload.submission_key or submission_key_for(idempotency_key),
            )
        except AlreadySubmitted as exc:
            if payload.submission_key:
                raise
            return Dispute.objects.get(pk=exc.case.pk)

    dispute = idempotent_create(request, idempotency_key, payload, create)
    if not can(request.auth, "mediation.view", dispute):
        # A grid worker's intake: they hear the code and nothing more (mediation is not theirs to read).
        return Status(201, {**_out(dispute), **_EMPTY})
    return Status(201, _detail(request, dispute.pk))


_EMPTY: dict = {
    "facts": "",
    "parties": [],
    "mediators": [],
    "sessions": [],
    "outcome": "",
    "referral_to": "",
    "terms": "",
    "effective_on": None,
    "confirmation_wanted": False,
    "confirmation_due": None,
    "agreement_signed": False,
    "followups": [],
    "timeline": [],
    "moves": [],
}


def _move(request, dispute_id: int, run) -> dict:
    run(_get(request, dispute_id))
    return _detail(request, dispute_id)


@router.post(
    "/mediation/cases/{dispute_id}/accept",
    response=DisputeDetailOut,
    summary=gettext_noop("受理（调委会主任）"),
)
def case_accept(request, dispute_id: ApiId, payload: NoteIn):
    return _move(
        request,
        dispute_id,
        lambda d: actions.dispute_accept(actor=request.auth, dispute=d, note=payload.note),
    )


@router.post(
    "/mediation/cases/{dispute_id}/assign",
    response=DisputeDetailOut,
    summary=gettext_noop("指派调解员（调委会主任；当事人的近亲属不能指派）"),
)
def case_assign(request, dispute_id: ApiId, payload: AssignIn):
    return _move(
        request,
        dispute_id,
        lambda d: actions.dispute_assign(actor=request.auth, dispute=d, mediator_id=payload.mediator_id),
    )


@router.post(
    "/mediation/cases/{dispute_id}/sessions",
    response=DisputeDetailOut,
    summary=gettext_noop("记录一次调解（承办调解员）"),
)
def case_session(request, dispute_id: ApiId, payload: SessionIn):
    return _move(
        request,
        dispute_id,
        lambda d: actions.session_record(
            actor=request.auth,
            dispute=d,
            held_on=payload.held_on,
            place=payload.place,
            attendees=payload.attendees,
            positions={p.party_id: p.text for p in payload.positions},
            next_steps=payload.next_steps,
        ),
    )


@router.post(
    "/mediation/cases/{dispute_id}/close",
    response=DisputeDetailOut,
    summary=gettext_noop("结案：达成协议（生成协议书）、调解不成（引导）或撤回"),
)
def case_close(request, dispute_id: ApiId, payload: CloseIn):
    def run(dispute: Dispute) -> None:
        if payload.outcome == "agreement":
            actions.dispute_agree(
                actor=request.auth,
                dispute=dispute,
                terms=payload.terms,
                performance=payload.performance,
                effective_on=payload.effective_on,
                confirmation_wanted=payload.confirmation_wanted,
            )
        elif payload.outcome == "failed":
            actions.dispute_fail(
                actor=request.auth, dispute=dispute, referral_to=payload.referral_to, reason=payload.reason
            )
        elif payload.outcome == "withdrawn":
            actions.dispute_withdraw(actor=request.auth, dispute=dispute, reason=payload.reason)
        else:
            raise DomainError(_("结案方式须为 agreement、failed 或 withdrawn。"), field="outcome")

    return _move(request, dispute_id, run)


@router.post(
    "/mediation/cases/{dispute_id}/followup",
    response=DisputeDetailOut,
    summary=gettext_noop("记录回访（达成协议后；承办调解员或调委会主任）"),
)
def case_followup(request, dispute_id: ApiId, payload: FollowUpIn):
    return _move(
        request,
        dispute_id,
        lambda d: actions.followup_record(
            actor=request.auth,
            dispute=d,
            visited_on=payload.visited_on,
            outcome=payload.outcome,
            note=payload.note,
        ),
    )


class ReasonIn(Schema):
    reason: str = ""


class RecusedOut(Schema):
    id: int
    code: str  # the case leaves the recused mediator's reach: only its code is answered


@router.post(
    "/mediation/cases/{dispute_id}/decline",
    response=DisputeDetailOut,
    summary=gettext_noop("不予受理（调委会主任，须写明理由并告知当事人）"),
)
def case_decline(request, dispute_id: ApiId, payload: ReasonIn):
    return _move(
        request,
        dispute_id,
        lambda d: actions.dispute_decline(actor=request.auth, dispute=d, reason=payload.reason),
    )


@router.post(
    "/mediation/cases/{dispute_id}/recuse",
    response=RecusedOut,
    summary=gettext_noop("回避（承办调解员；此后不再能查看本案）"),
)
def case_recuse(request, dispute_id: ApiId, payload: ReasonIn):
    dispute = _get(request, dispute_id)
    actions.dispute_recuse(actor=request.auth, dispute=dispute, reason=payload.reason)
    return {"id": dispute.pk, "code": dispute.code}


@router.post(
    "/mediation/cases/{dispute_id}/parties",
    response={201: DisputeDetailOut},
    summary=gettext_noop("添加当事人（调委会主任或承办调解员；受理至调解中）"),
)
def case_party_add(request, dispute_id: ApiId, payload: PartyIn, idempotency_key: IdempotencyKey = None):
    dispute = _get(request, dispute_id)

    def create():
        return actions.party_add(
            actor=request.auth,
            dispute=dispute,
            party=actions.PartyInput(
                side=payload.side, name=payload.name, id_number=payload.id_number, phone=payload.phone
            ),
        )

    idempotent_create(request, idempotency_key, payload, create)
    return Status(201, _detail(request, dispute_id))


@router.post(
    "/mediation/cases/{dispute_id}/scan",
    response=DisputeDetailOut,
    summary=gettext_noop("上传签字盖章的调解协议书扫描件（PDF，multipart 字段 scan；承办调解员）"),
)
def case_scan(request, dispute_id: ApiId, scan: File[UploadedFile]):
    return _move(
        request,
        dispute_id,
        lambda d: actions.agreement_scan_upload(actor=request.auth, dispute=d, upload=scan),
    )


@router.post(
    "/mediation/cases/{dispute_id}/reopen",
    response=DisputeDetailOut,
    summary=gettext_noop("回访发现未履行时重新调解（调委会主任）"),
)
def case_reopen(request, dispute_id: ApiId, payload: ReasonIn):
    return _move(
        request,
        dispute_id,
        lambda d: actions.dispute_reopen(actor=request.auth, dispute=d, reason=payload.reason),
    )


# --- The committee: its roster and training records, the monthly screening ----------------------------


class TrainingOut(Schema):
    id: int
    held_on: dt.date
    course: str
    hours: Decimal
    given_by: str


class SeatOut(Schema):
    id: int  # the seat (membership): where a training is recorded
    name: str
    post: str
    post_label: str
    started_on: dt.date
    training_hours: Decimal
    trainings: list[TrainingOut]


class CommitteeOut(Schema):
    community_id: int
    community_name: str
    name: str  # blank: the community has no committee registered yet
    is_chair: bool
    seats: list[SeatOut]


class TrainingIn(Schema):
    held_on: dt.date
    course: str
    hours: Decimal
    given_by: str


class FindingOut(Schema):
    code: str
    dispute_id: int | None  # only where the user may read the case


class ScreeningOut(Schema):
    id: int
    month: dt.date
    none_found: bool
    note: str
    findings: list[FindingOut]


class ScreeningIn(Schema):
    month: dt.date  # any day of the month
    none_found: bool = False
    note: str = ""


def _training_out(training: Training) -> dict:
    return {
        "id": training.pk,
        "held_on": training.held_on,
        "course": training.course,
        "hours": training.hours,
        "given_by": training.given_by,
    }


@router.get(
    "/mediation/committees/{community_id}",
    response=CommitteeOut,
    summary=gettext_noop("人民调解委员会名单和委员的培训记录（委员、村社区干部、镇）"),
    openapi_extra=MAY_BE_FORBIDDEN,
)
def committee(request, community_id: ApiId):
    authorize(request.auth, "mediation.roster")
    community = selectors.roster_community_get_for(viewer=request.auth, community_id=community_id)
    body = selectors.committee_of(community)
    return {
        "community_id": community.pk,
        "community_name": community.name,
        "name": body.name if body is not None else "",
        "is_chair": selectors.is_chair_of(request.auth, community),
        "seats": [
            {
                "id": seat.pk,
                "name": seat.resident.name,
                "post": seat.post,
                "post_label": seat.get_post_display(),
                "started_on": seat.started_on,
                "training_hours": seat.training_hours,  # type: ignore[attr-defined]
                "trainings": [_training_out(t) for t in seat.trainings],  # type: ignore[attr-defined]
            }
            for seat in selectors.committee_roster(community)
        ],
    }


@router.post(
    "/mediation/committee/seats/{membership_id}/trainings",
    response={201: TrainingOut},
    summary=gettext_noop("记录委员的一次培训（本调委会主任）"),
)
def training_create(
    request, membership_id: ApiId, payload: TrainingIn, idempotency_key: IdempotencyKey = None
):
    authorize(request.auth, "mediation.train")
    seat = selectors.seat_get_for_chair(viewer=request.auth, membership_id=membership_id)
    training = idempotent_create(
        request,
        idempotency_key,
        payload,
        lambda: actions.training_record(
            actor=request.auth,
            membership=seat,
            held_on=payload.held_on,
            course=payload.course,
            hours=payload.hours,
            given_by=payload.given_by,
        ),
    )
    return Status(201, _training_out(training))


def _screening_out(request, screening: Screening) -> dict:
    visible = set(selectors.dispute_list_for(viewer=request.auth).values_list("pk", flat=True))
    return {
        "id": screening.pk,
        "month": screening.month,
        "none_found": screening.none_found,
        "note": screening.note,
        "findings": [
            {"code": d.code, "dispute_id": d.pk if d.pk in visible else None}
            for d in selectors.screening_findings(screening)
        ],
    }


@router.get(
    "/mediation/screenings/{community_id}",
    response=list[ScreeningOut],
    summary=gettext_noop("本村(社区)每月矛盾纠纷排查记录（本调委会调解员；发现的纠纷只给案件编号）"),
    openapi_extra=MAY_BE_FORBIDDEN,
)
def screening_list(request, community_id: ApiId):
    authorize(request.auth, "mediation.cases")
    community = selectors.screening_community_get_for(viewer=request.auth, community_id=community_id)
    return [_screening_out(request, row) for row in selectors.screenings_of(community)[:24]]


@router.post(
    "/mediation/screenings/{community_id}",
    response={201: ScreeningOut},
    summary=gettext_noop("登记本月矛盾纠纷排查（本调委会调解员；发现的纠纷随后以排查来源登记）"),
)
def screening_create(
    request, community_id: ApiId, payload: ScreeningIn, idempotency_key: IdempotencyKey = None
):
    authorize(request.auth, "mediation.cases")
    community = selectors.screening_community_get_for(viewer=request.auth, community_id=community_id)
    screening = idempotent_create(
        request,
        idempotency_key,
        payload,
        lambda: actions.screening_record(
            actor=request.auth,
            community=community,
            month=payload.month,
            none_found=payload.none_found,
            note=payload.note,
        ),
    )
    return Status(201, _screening_out(request, screening))
