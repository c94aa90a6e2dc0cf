"""The round, the committee and the roll over the API (token): the same selectors and actions as the pages.

A round or an election outside the token user's reach is 404, as one that does not exist; a reader who may not
make the move is refused (403). Creations (a community's election, a committee seat, a voter, an objection, a
proxy) take an `Idempotency-Key`. The roll's lines carry names and resident groups, never an ID number.
"""

import datetime as dt

from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext_noop
from ninja import Router, Schema, Status

from gongzhi.areas.models import Area, AreaKind
from gongzhi.core.errors import NotFound
from gongzhi.core.idempotency import IdempotencyKey, idempotent_create
from gongzhi.core.ids import ApiId

from . import selectors
from .actions import roll as actions
from .actions import rounds as round_actions

router = Router(tags=["换届选举 elections"])


def _found(get):
    try:
        return get()
    except NotFound:
        raise Http404() from None


class StepOut(Schema):
    key: str
    done_on: dt.date | None
    due_on: dt.date | None
    overdue: bool


class BoardRowOut(Schema):
    election_id: int
    community: str
    election_day: dt.date
    seats: int
    voters: int
    objections_open: int
    shoulder_one: bool
    steps: list[StepOut]


class BoardOut(Schema):
    id: int
    name: str
    term: int
    shoulder_one_percent: int
    shoulder_one_target: int
    cross_holding_percent: int
    cross_holding_target: int
    rows: list[BoardRowOut]


class ElectionIn(Schema):
    community_id: int
    election_day: dt.date
    seats: int


class ElectionOut(Schema):
    id: int
    community: str
    election_day: dt.date
    seats: int
    committee_formed_on: dt.date | None
    roll_published_at: dt.datetime | None


class SeatIn(Schema):
    resident_id: int
    post: str
    joined_on: dt.date


class IdOut(Schema):
    id: int


class VoterIn(Schema):
    resident_id: int
    basis: str
    requested_on: dt.date | None = None
    admitted_on: dt.date | None = None
    minute_ref: str = ""
    reason: str = ""


class LineOut(Schema):
    id: int
    name: str
    group: str
    basis: str


class RollOut(Schema):
    published_at: dt.datetime | None
    total: int
    lines: list[LineOut]


class GeneratedOut(Schema):
    added: int


class ReasonIn(Schema):
    reason: str


class ObjectionIn(Schema):
    author_id: int
    subject_id: int
    kind: str
    basis: str = ""
    reason: str


class AnswerIn(Schema):
    upheld: bool
    answer: str


class ProxyIn(Schema):
    grantor_id: int
    holder_id: int
    signed_on: dt.date


def _election_out(election) -> dict:
    return {
        "id": election.pk,
        "community": election.community.name,
        "election_day": election.election_day,
        "seats": election.seats,
        "committee_formed_on": election.committee_formed_on,
        "roll_published_at": election.roll_published_at,
    }


@router.get("/elections/rounds/{round_id}", response=BoardOut, summary=gettext_noop("换届进度表"))
def elections_round_board(request, round_id: ApiId):
    round_ = _found(lambda: selectors.round_get_for(request.auth, round_id))
    rows = selectors.round_board(round_)
    shares = selectors.round_shares(round_, rows)
    today = timezone.localdate()
    return {
        "id": round_.pk,
        "name": round_.name,
        "term": round_.term,
        "shoulder_one_percent": shares.shoulder_one_percent,
        "shoulder_one_target": shares.shoulder_one_target,
        "cross_holding_percent": shares.cross_holding_percent,
        "cross_holding_target": shares.cross_holding_target,
        "rows": [
            {
                "election_id": row.election.pk,
                "community": row.election.community.name,
                "election_day": row.election.election_day,
                "seats": row.election.seats,
                "voters": row.voters,
                "objections_open": row.objections_open,
                "shoulder_one": row.shoulder_one,
                "steps": [
                    {"key": s.key, "done_on": s.done_on, "due_on": s.due_on, "overdue": s.overdue(today)}
                    for s in row.steps
                ],
            }
            for row in rows
        ],
    }


@router.post(
    "/elections/rounds/{round_id}/elections",
    response={201: ElectionOut},
    summary=gettext_noop("安排村(社区)选举（选举日、应选名额）"),
)
def elections_election_add(
    request, round_id: ApiId, payload: ElectionIn, idempotency_key: IdempotencyKey = None
):
    round_ = _found(lambda: selectors.round_get_for(request.auth, round_id))
    community = Area.objects.filter(pk=payload.community_id, kind=AreaKind.COMMUNITY).first()
    if community is None:
        raise Http404()
    election = idempotent_create(
        request,
        idempotency_key,
        payload,
        lambda: round_actions.election_add(
            actor=request.auth, round_=round_, community=community, election_day=payload.election_day,
            seats=payload.seats,
        ),
    )  # fmt: skip
    return Status(201, _election_out(election))


@router.post(
    "/elections/{election_id}/committee",
    response={201: IdOut},
    summary=gettext_noop("登记选举委员会成员"),
)
def elections_committee_add(
    request, election_id: ApiId, payload: SeatIn, idempotency_key: IdempotencyKey = None
):
    election = _found(lambda: selectors.election_get_for(request.auth, election_id))
    resident = _found(lambda: selectors.community_resident(election, payload.resident_id))
    seat = idempotent_create(
        request,
        idempotency_key,
        payload,
        lambda: round_actions.committee_member_add(
            actor=request.auth,
            election=election,
            resident=resident,
            post=payload.post,
            joined_on=payload.joined_on,
        ),
    )
    return Status(201, {"id": seat.pk})


@router.get("/elections/{election_id}/roll", response=RollOut, summary=gettext_noop("选民名单"))
def elections_roll(request, election_id: ApiId):
    election = _found(lambda: selectors.election_get_for(request.auth, election_id))
    lines = [
        {"id": v.pk, "name": v.resident.name, "group": v.resident.area.parent.name if v.resident.area.parent else "",
         "basis": v.basis}
        for v in selectors.roll_lines(election)
    ]  # fmt: skip
    return {"published_at": election.roll_published_at, "total": len(lines), "lines": lines}


@router.post(
    "/elections/{election_id}/roll/generate",
    response=GeneratedOut,
    summary=gettext_noop("从户籍登记生成选民名单"),
)
def elections_roll_generate(request, election_id: ApiId):
    election = _found(lambda: selectors.election_get_for(request.auth, election_id))
    return {"added": actions.roll_generate(actor=request.auth, election=election)}


@router.post(
    "/elections/{election_id}/roll/publish",
    response=ElectionOut,
    summary=gettext_noop("公布选民名单（选举日二十日以前）"),
)
def elections_roll_publish(request, election_id: ApiId):
    election = _found(lambda: selectors.election_get_for(request.auth, election_id))
    return _election_out(actions.roll_publish(actor=request.auth, election=election))


@router.post(
    "/elections/{election_id}/voters",
    response={201: IdOut},
    summary=gettext_noop("登记选民（本人表示参加或经会议同意）"),
)
def elections_voter_add(
    request, election_id: ApiId, payload: VoterIn, idempotency_key: IdempotencyKey = None
):
    election = _found(lambda: selectors.election_get_for(request.auth, election_id))
    resident = _found(lambda: selectors.community_resident(election, payload.resident_id))
    voter = idempotent_create(
        request,
        idempotency_key,
        payload,
        lambda: actions.voter_add(
            actor=request.auth, election=election, resident=resident, basis=payload.basis,
            requested_on=payload.requested_on, admitted_on=payload.admitted_on, minute_ref=payload.minute_ref,
            reason=payload.reason,
        ),
    )  # fmt: skip
    return Status(201, {"id": voter.pk})


@router.post(
    "/elections/voters/{voter_id}/remove", response=IdOut, summary=gettext_noop("选民除名（写明原因）")
)
def elections_voter_remove(request, voter_id: ApiId, payload: ReasonIn):
    voter = _found(lambda: selectors.voter_get_for(request.auth, voter_id))
    return {"id": actions.voter_remove(actor=request.auth, voter=voter, reason=payload.reason).pk}


@router.post(
    "/elections/{election_id}/objections",
    response={201: IdOut},
    summary=gettext_noop("对选民名单提出异议（公布之日起五日内）"),
)
def elections_objection_file(
    request, election_id: ApiId, payload: ObjectionIn, idempotency_key: IdempotencyKey = None
):
    election = _found(lambda: selectors.election_get_for_voter(request.auth, election_id))
    author = _found(lambda: selectors.community_resident(election, payload.author_id))
    subject = _found(lambda: selectors.community_resident(election, payload.subject_id))
    objection = idempotent_create(
        request,
        idempotency_key,
        payload,
        lambda: actions.objection_file(
            actor=request.auth, election=election, author=author, subject=subject, kind=payload.kind,
            basis=payload.basis, reason=payload.reason,
        ),
    )  # fmt: skip
    return Status(201, {"id": objection.pk})


@router.post(
    "/elections/objections/{objection_id}/answer",
    response=IdOut,
    summary=gettext_noop("处理选民名单异议（三日内）"),
)
def elections_objection_answer(request, objection_id: ApiId, payload: AnswerIn):
    objection = _found(lambda: selectors.objection_get_for(request.auth, objection_id))
    answered = actions.objection_answer(
        actor=request.auth, objection=objection, upheld=payload.upheld, answer=payload.answer
    )
    return {"id": answered.pk}


@router.post(
    "/elections/{election_id}/proxies",
    response={201: IdOut},
    summary=gettext_noop("登记委托投票（近亲属，每人最多受托三人）"),
)
def elections_proxy_add(
    request, election_id: ApiId, payload: ProxyIn, idempotency_key: IdempotencyKey = None
):
    election = _found(lambda: selectors.election_get_for(request.auth, election_id))
    grantor = _found(lambda: selectors.voter_get(election, payload.grantor_id))
    holder = _found(lambda: selectors.voter_get(election, payload.holder_id))
    proxy = idempotent_create(
        request,
        idempotency_key,
        payload,
        lambda: actions.proxy_authorise(
            actor=request.auth, election=election, grantor=grantor, holder=holder, signed_on=payload.signed_on
        ),
    )
    return Status(201, {"id": proxy.pk})
