"""The round, the committee and the roll over the API (token): the same selectors and actions as the pages.

A round or an election outside the token user's reach is 404, as one that does not exist; a reader who may not
make the move is refused (403). Creations (a community's election, a committee seat, a voter, an objection, a
proxy) take an `Idempotency-Key`. The roll's lines carry names and resident groups, never an ID number.
"""

import datetime as dt
import hashlib

from django.http import Http404
from django.http.response import HttpResponseBase
from django.utils import timezone
from django.utils.translation import gettext_lazy, gettext_noop
from ninja import File, Form, Router, Schema, Status, UploadedFile

from gongzhi.core.errors import NotFound
from gongzhi.core.idempotency import IdempotencyKey, idempotent_create
from gongzhi.core.ids import ApiId

from . import selectors
from .actions import roll as actions
from .actions import rounds as round_actions
from .files import proxy_scan_response

router = Router(tags=["换届选举 elections"])

MAY_BE_MISSING: dict = {
    "responses": {"404": {"description": gettext_lazy("记录不存在，或不在您的权限范围内（两者不作区分）")}}
}


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


class ProxyOut(Schema):
    id: int
    grantor: str
    holder: str
    signed_on: dt.date
    has_scan: bool
    withdrawn_at: dt.datetime | None


def _proxy_out(proxy) -> dict:
    return {
        "id": proxy.pk,
        "grantor": proxy.grantor.resident.name,
        "holder": proxy.holder.resident.name,
        "signed_on": proxy.signed_on,
        "has_scan": bool(proxy.scan_name),
        "withdrawn_at": proxy.withdrawn_at,
    }


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
    community = _found(lambda: selectors.round_community_get(round_, payload.community_id))
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


@router.post(
    "/elections/{election_id}/proxies-with-scan",
    response={201: IdOut},
    summary=gettext_noop("登记委托投票并附书面委托书扫描件（multipart 上传：PDF 或照片，照片去除 EXIF）"),
    openapi_extra=MAY_BE_MISSING,
)
def elections_proxy_add_with_scan(
    request,
    election_id: ApiId,
    payload: Form[ProxyIn],
    scan: File[UploadedFile] = None,  # type: ignore[assignment]
    idempotency_key: IdempotencyKey = None,
):
    election = _found(lambda: selectors.election_get_for(request.auth, election_id))
    grantor = _found(lambda: selectors.voter_get(election, payload.grantor_id))
    holder = _found(lambda: selectors.voter_get(election, payload.holder_id))
    digest = ""
    if scan is not None and idempotency_key:
        digest = hashlib.sha256(scan.read()).hexdigest()
        scan.seek(0)
    proxy = idempotent_create(
        request,
        idempotency_key,
        {**payload.dict(), "scan": digest} if idempotency_key else None,
        lambda: actions.proxy_authorise(
            actor=request.auth, election=election, grantor=grantor, holder=holder, signed_on=payload.signed_on,
            scan=actions.proxy_scan_check(scan),
        ),
    )  # fmt: skip
    return Status(201, {"id": proxy.pk})


@router.get(
    "/elections/{election_id}/proxies",
    response=list[ProxyOut],
    summary=gettext_noop("委托投票名单（已撤销的不在其中）"),
    openapi_extra=MAY_BE_MISSING,
)
def elections_proxies(request, election_id: ApiId):
    election = _found(lambda: selectors.election_get_for(request.auth, election_id))
    return [_proxy_out(proxy) for proxy in selectors.proxies_of(election)]


@router.post(
    "/elections/proxies/{proxy_id}/scan",
    response=ProxyOut,
    summary=gettext_noop("为委托投票附上（或更换）书面委托书扫描件（multipart 上传：PDF 或照片）"),
    openapi_extra=MAY_BE_MISSING,
)
def elections_proxy_scan_attach(
    request,
    proxy_id: ApiId,
    scan: File[UploadedFile] = None,  # type: ignore[assignment]
):
    proxy = _found(lambda: selectors.proxy_get_for(request.auth, proxy_id))
    done = actions.proxy_scan_attach(actor=request.auth, proxy=proxy, scan=actions.proxy_scan_check(scan))
    return _proxy_out(selectors.proxy_get_for(request.auth, done.pk))


@router.get(
    "/elections/proxies/{proxy_id}/scan",
    summary=gettext_noop("书面委托书扫描件（PDF 或照片；读得到这次选举的人）"),
    openapi_extra={
        "responses": {
            200: {
                "description": gettext_lazy("文件本身"),
                "content": {"*/*": {"schema": {"type": "string", "format": "binary"}}},
            },
            **MAY_BE_MISSING["responses"],
        }
    },
)
def elections_proxy_scan(request, proxy_id: ApiId) -> HttpResponseBase:
    return proxy_scan_response(_found(lambda: selectors.proxy_get_for(request.auth, proxy_id)))


@router.post(
    "/elections/proxies/{proxy_id}/withdraw",
    response=ProxyOut,
    summary=gettext_noop("撤销委托投票（从公布的委托名单中去掉）"),
    openapi_extra=MAY_BE_MISSING,
)
def elections_proxy_withdraw(request, proxy_id: ApiId):
    proxy = _found(lambda: selectors.proxy_get_for(request.auth, proxy_id))
    return _proxy_out(actions.proxy_withdraw(actor=request.auth, proxy=proxy))
