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

from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from ninja import Router, Schema, Status

from gongzhi.cases.actions import AlreadySubmitted
from gongzhi.cases.selectors import case_moves_for, case_timeline
from gongzhi.core.api_input import Limit, Offset
from gongzhi.core.authz import authorize, can
from gongzhi.core.errors import DomainError
from gongzhi.core.idempotency import IdempotencyKey, idempotent_create, submission_key_for
from gongzhi.core.ids import ApiId

from . import actions, selectors
from .models import Dispute
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
        community = next(
            (
                c
                for c in selectors.intake_communities_for(viewer=request.auth)
                if c.pk == payload.community_id
            ),
            None,
        )
        if community is None:
            from gongzhi.areas.models import Area

            found = Area.objects.filter(pk=payload.community_id, kind="community").first()
            if found is None:
                raise DomainError(_("请选择您负责的村(社区)。"), field="community_id")
            community = found  # the action refuses it with its own message (outside the opener's scope)

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
