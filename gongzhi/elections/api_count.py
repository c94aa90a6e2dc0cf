"""Candidates, election day, the count, the result and recall over the API (token): the same actions as the pages.

An election, a nomination, a poll or a box outside the token user's reach is 404, as one that does not exist;
a reader who may not run the election is refused (403, `elections.run` checked by the actions). Creations (a
nomination, a poll, a box, a clerk's sheet, a recall) take an `Idempotency-Key`. A clerk reads and corrects
only their own sheet: the other clerk's figures are never served, and the board shows both figures of a box
only where they disagree once both sheets are in (`selectors.sheet_visible`). A nomination names its
candidate in full to those who run the election and masked (张**) to the other readers; the published
candidates, like the announced result, carry their names.
"""

import datetime as dt

from django.http import Http404
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from ninja import Router, Schema, Status

from gongzhi.core.authz import can
from gongzhi.core.errors import DomainError, NotFound
from gongzhi.core.idempotency import IdempotencyKey, idempotent_create
from gongzhi.core.ids import ApiId
from gongzhi.core.masking import mask_name

from . import selectors
from .actions import candidates as candidate_actions
from .actions import count as count_actions
from .actions import results as result_actions

router = Router(tags=["换届选举 elections"])


def _found(get):
    try:
        return get()
    except NotFound:
        raise Http404() from None


# --- Schemas ---------------------------------------------------------------------------------------------


class IdOut(Schema):
    id: int


class NominationIn(Schema):
    candidate_id: ApiId  # a line of the roll (voter id)
    nominator_ids: list[ApiId]


class DecisionIn(Schema):
    accept: bool
    reason: str = ""


class NominationOut(Schema):
    id: int
    candidate_voter_id: int
    candidate: str
    status: str
    nominators: int
    reason: str
    nominated_at: dt.datetime
    decided_at: dt.datetime | None


class CandidateOut(Schema):
    nomination_id: int
    name: str


class CandidatesOut(Schema):
    election_id: int
    seats: int
    published_at: dt.datetime | None
    candidates: list[CandidateOut]


class PollIn(Schema):
    kind: str
    held_on: dt.date
    meeting_place: str
    recall_id: ApiId | None = None


class PollOut(Schema):
    id: int
    election_id: int
    kind: str
    seats: int
    held_on: dt.date
    meeting_place: str
    signed_off_at: dt.datetime | None
    announced_at: dt.datetime | None
    result: dict | None


class BoxIn(Schema):
    kind: str
    place: str
    staff: str


class PaperIn(Schema):
    issued: int
    returned: int
    spoiled: int


class BoxOut(Schema):
    id: int
    kind: str
    place: str
    staff: str
    issued: int | None
    returned: int | None
    spoiled: int | None


class DisagreementOut(Schema):
    candidate: str  # empty for a recall's "for"
    first: int
    second: int


class BoardBoxOut(BoxOut):
    sheets: int
    mine: bool
    disagreements: list[DisagreementOut]


class ChoiceOut(Schema):
    nomination_id: int
    name: str


class BoardOut(Schema):
    poll: PollOut
    choices: list[ChoiceOut]  # empty for a recall: its sheets count "for" only
    boxes: list[BoardBoxOut]


class VoteIn(Schema):
    nomination_id: ApiId
    votes: int


class SheetIn(Schema):
    votes: list[VoteIn] = []
    recall_for: int | None = None  # a recall's votes for recalling


class VoteOut(Schema):
    nomination_id: int
    votes: int


class SheetOut(Schema):
    id: int
    box_id: int
    entered_at: dt.datetime
    corrected_at: dt.datetime | None
    votes: list[VoteOut]
    recall_for: int | None


class SignOffIn(Schema):
    scrutineer_ids: list[ApiId]


class FiledOut(Schema):
    id: int
    result_filed_at: dt.datetime | None


class PostIn(Schema):
    nomination_id: ApiId
    post: str


class InstallIn(Schema):
    posts: list[PostIn]
    started_on: dt.date


class MemberOut(Schema):
    id: int
    name: str
    post: str
    term: str
    started_on: dt.date


class RecallIn(Schema):
    membership_id: ApiId
    reason: str
    supporter_ids: list[ApiId]
    proposed_on: dt.date


class RowOut(Schema):
    candidate: str
    votes: int
    elected: bool


class RoundOut(Schema):
    poll_id: int
    kind: str
    held_on: dt.date
    announced_at: dt.datetime | None
    valid: bool
    roll: int
    cast: int
    unfilled: int
    rows: list[RowOut]


class ResultOut(Schema):
    election_id: int
    community: str
    rounds: list[RoundOut]
    elected: list[str]
    without_woman: bool
    unfilled: int
    # Every round's stored result (figures of every box) for those who read the election; null for others.
    results: list[dict] | None


# --- Helpers ---------------------------------------------------------------------------------------------


def _poll_out(poll) -> dict:
    return {
        "id": poll.pk,
        "election_id": poll.election_id,
        "kind": poll.kind,
        "seats": poll.seats,
        "held_on": poll.held_on,
        "meeting_place": poll.meeting_place,
        "signed_off_at": poll.signed_off_at,
        "announced_at": poll.announced_at,
        "result": poll.result,
    }


def _box_out(box) -> dict:
    return {
        "id": box.pk,
        "kind": box.kind,
        "place": box.place,
        "staff": box.staff,
        "issued": box.issued,
        "returned": box.returned,
        "spoiled": box.spoiled,
    }


def _sheet_out(sheet) -> dict:
    lines = list(sheet.lines.all())
    return {
        "id": sheet.pk,
        "box_id": sheet.box_id,
        "entered_at": sheet.entered_at,
        "corrected_at": sheet.corrected_at,
        "votes": [
            {"nomination_id": line.nomination_id, "votes": line.votes} for line in lines if line.nomination_id
        ],
        "recall_for": next((line.votes for line in lines if line.nomination_id is None), None),
    }


def _votes(payload: SheetIn) -> dict[int | None, int]:
    """The sheet's figures as the action takes them: nomination id → votes, None → the recall's "for"."""
    votes: dict[int | None, int] = {}
    for line in payload.votes:
        if line.nomination_id in votes:
            raise DomainError(_("同一位候选人填写了两次。"), field="votes")
        votes[line.nomination_id] = line.votes
    if payload.recall_for is not None:
        votes[None] = payload.recall_for
    return votes


def _candidates_out(election) -> dict:
    published = election.candidates_published_at is not None
    return {
        "election_id": election.pk,
        "seats": election.seats,
        "published_at": election.candidates_published_at,
        "candidates": [
            {"nomination_id": nomination.pk, "name": nomination.candidate.resident.name}
            for nomination in (selectors.candidates_of(election) if published else [])
        ],
    }


# --- Candidates ------------------------------------------------------------------------------------------


@router.get(
    "/elections/{election_id}/nominations",
    response=list[NominationOut],
    summary=gettext_noop("候选人提名（状态、提名人数、审核理由）"),
)
def elections_nominations(request, election_id: ApiId):
    election = _found(lambda: selectors.election_get_for(request.auth, election_id))
    runs = can(request.auth, "elections.run", election)
    return [
        {
            "id": nomination.pk,
            "candidate_voter_id": nomination.candidate_id,
            "candidate": nomination.candidate.resident.name if runs else mask_name(nomination.candidate.resident.name),
            "status": nomination.status,
            "nominators": len(nomination.nominators.all()),
            "reason": nomination.reason,
            "nominated_at": nomination.nominated_at,
            "decided_at": nomination.decided_at,
        }
        for nomination in selectors.nominations_of(election)
    ]  # fmt: skip


@router.post(
    "/elections/{election_id}/nominations",
    response={201: IdOut},
    summary=gettext_noop("登记候选人提名（个人提名或联名提名）"),
)
def elections_nomination_submit(
    request, election_id: ApiId, payload: NominationIn, idempotency_key: IdempotencyKey = None
):
    election = _found(lambda: selectors.election_get_for(request.auth, election_id))
    candidate = _found(lambda: selectors.election_voters(election, [payload.candidate_id]))[0]
    nominators = _found(lambda: selectors.election_voters(election, payload.nominator_ids))
    nomination = idempotent_create(
        request,
        idempotency_key,
        payload,
        lambda: candidate_actions.nomination_submit(
            actor=request.auth, election=election, candidate=candidate, nominators=nominators
        ),
    )
    return Status(201, {"id": nomination.pk})


@router.post(
    "/elections/nominations/{nomination_id}/decide",
    response=IdOut,
    summary=gettext_noop("审核候选人提名（确认，或写明理由不予确认）"),
)
def elections_nomination_decide(request, nomination_id: ApiId, payload: DecisionIn):
    nomination = _found(lambda: selectors.nomination_get_for(request.auth, nomination_id))
    decided = candidate_actions.nomination_decide(
        actor=request.auth, nomination=nomination, accept=payload.accept, reason=payload.reason
    )
    return {"id": decided.pk}


@router.post(
    "/elections/{election_id}/candidates/publish",
    response=CandidatesOut,
    summary=gettext_noop("公布候选人名单（差额，选举日前）"),
)
def elections_candidates_publish(request, election_id: ApiId):
    election = _found(lambda: selectors.election_get_for(request.auth, election_id))
    return _candidates_out(candidate_actions.candidates_publish(actor=request.auth, election=election))


@router.get(
    "/elections/{election_id}/candidates",
    response=CandidatesOut,
    summary=gettext_noop("已公布的候选人名单"),
)
def elections_candidates(request, election_id: ApiId):
    election = _found(lambda: selectors.election_get_for_voter(request.auth, election_id))
    return _candidates_out(election)


# --- Election day: polls, boxes, paper ------------------------------------------------------------------


@router.post(
    "/elections/{election_id}/polls",
    response={201: PollOut},
    summary=gettext_noop("登记投票（选举、另行选举或罢免投票）"),
)
def elections_poll_open(request, election_id: ApiId, payload: PollIn, idempotency_key: IdempotencyKey = None):
    election = _found(lambda: selectors.election_get_for(request.auth, election_id))
    recall = _found(lambda: selectors.recall_of(election, payload.recall_id)) if payload.recall_id else None
    poll = idempotent_create(
        request,
        idempotency_key,
        payload,
        lambda: count_actions.poll_open(
            actor=request.auth, election=election, kind=payload.kind, held_on=payload.held_on,
            meeting_place=payload.meeting_place, recall=recall,
        ),
    )  # fmt: skip
    return Status(201, _poll_out(poll))


@router.get(
    "/elections/polls/{poll_id}",
    response=BoardOut,
    summary=gettext_noop("计票进度（票箱、选票张数、录入人数、两份录入的不一致之处）"),
)
def elections_poll_board(request, poll_id: ApiId):
    poll = _found(lambda: selectors.poll_get_for(request.auth, poll_id))
    return {
        "poll": _poll_out(poll),
        "choices": [
            {"nomination_id": choice.pk, "name": choice.candidate.resident.name}
            for choice in selectors.poll_choices(poll)
            if choice is not None
        ],
        "boxes": [
            {**_box_out(row["box"]), "sheets": row["sheets"], "mine": row["mine"],
             "disagreements": [{"candidate": d["choice"], "first": d["first"], "second": d["second"]}
                               for d in row["disagreements"]]}
            for row in selectors.count_board(poll, request.auth)
        ],
    }  # fmt: skip


@router.post(
    "/elections/polls/{poll_id}/boxes",
    response={201: BoxOut},
    summary=gettext_noop("登记票箱（中心会场、投票站或流动票箱）"),
)
def elections_box_add(request, poll_id: ApiId, payload: BoxIn, idempotency_key: IdempotencyKey = None):
    poll = _found(lambda: selectors.poll_get_for(request.auth, poll_id))
    box = idempotent_create(
        request,
        idempotency_key,
        payload,
        lambda: count_actions.box_add(
            actor=request.auth, poll=poll, kind=payload.kind, place=payload.place, staff=payload.staff
        ),
    )
    return Status(201, _box_out(box))


@router.post(
    "/elections/boxes/{box_id}/paper",
    response=BoxOut,
    summary=gettext_noop("登记票箱的发出、收回和无效选票张数"),
)
def elections_box_paper(request, box_id: ApiId, payload: PaperIn):
    box = _found(lambda: selectors.box_get_for(request.auth, box_id))
    recorded = count_actions.box_paper_record(
        actor=request.auth, box=box, issued=payload.issued, returned=payload.returned, spoiled=payload.spoiled
    )
    return _box_out(recorded)


# --- The double entry ------------------------------------------------------------------------------------


@router.post(
    "/elections/boxes/{box_id}/sheets",
    response={201: SheetOut},
    summary=gettext_noop("录入一个票箱的计票（本人一份，两人分别录入）"),
)
def elections_sheet_enter(request, box_id: ApiId, payload: SheetIn, idempotency_key: IdempotencyKey = None):
    box = _found(lambda: selectors.box_get_for(request.auth, box_id))
    votes = _votes(payload)
    sheet = idempotent_create(
        request,
        idempotency_key,
        payload,
        lambda: count_actions.sheet_enter(actor=request.auth, box=box, votes=votes),
    )
    return Status(201, _sheet_out(sheet))


@router.get(
    "/elections/boxes/{box_id}/sheets/mine",
    response=SheetOut,
    summary=gettext_noop("本人录入的计票"),
)
def elections_sheet_mine(request, box_id: ApiId):
    box = _found(lambda: selectors.box_get_for(request.auth, box_id))
    return _sheet_out(_found(lambda: selectors.own_sheet_get(request.auth, box)))


@router.post(
    "/elections/boxes/{box_id}/sheets/mine",
    response=SheetOut,
    summary=gettext_noop("更正本人录入的计票"),
)
def elections_sheet_correct(request, box_id: ApiId, payload: SheetIn):
    box = _found(lambda: selectors.box_get_for(request.auth, box_id))
    sheet = _found(lambda: selectors.own_sheet_get(request.auth, box))
    votes = _votes(payload)
    corrected = count_actions.sheet_correct(actor=request.auth, sheet=sheet, votes=votes)
    return _sheet_out(selectors.own_sheet_get(request.auth, corrected.box))


# --- Sign-off, the result, the new committee, recall -----------------------------------------------------


@router.post(
    "/elections/polls/{poll_id}/sign-off",
    response=PollOut,
    summary=gettext_noop("监票人签字，计算结果"),
)
def elections_poll_sign_off(request, poll_id: ApiId, payload: SignOffIn):
    poll = _found(lambda: selectors.poll_get_for(request.auth, poll_id))
    scrutineers = _found(lambda: selectors.election_voters(poll.election, payload.scrutineer_ids))
    return _poll_out(count_actions.poll_sign_off(actor=request.auth, poll=poll, scrutineers=scrutineers))


@router.post(
    "/elections/polls/{poll_id}/announce",
    response=PollOut,
    summary=gettext_noop("当场宣布结果"),
)
def elections_poll_announce(request, poll_id: ApiId):
    poll = _found(lambda: selectors.poll_get_for(request.auth, poll_id))
    return _poll_out(result_actions.poll_announce(actor=request.auth, poll=poll))


@router.post(
    "/elections/{election_id}/file",
    response=FiledOut,
    summary=gettext_noop("向乡镇报备选举结果"),
)
def elections_result_file(request, election_id: ApiId):
    election = _found(lambda: selectors.election_get_for(request.auth, election_id))
    filed = result_actions.result_file(actor=request.auth, election=election)
    return {"id": filed.pk, "result_filed_at": filed.result_filed_at}


@router.post(
    "/elections/{election_id}/install",
    response=list[MemberOut],
    summary=gettext_noop("登记新一届村(居)民委员会（当选人及职务）"),
)
def elections_committee_install(request, election_id: ApiId, payload: InstallIn):
    election = _found(lambda: selectors.election_get_for(request.auth, election_id))
    posts: dict[int, str] = {}
    for line in payload.posts:
        if line.nomination_id in posts:
            raise DomainError(_("同一位当选人填写了两次。"), field="posts")
        posts[line.nomination_id] = line.post
    installed = result_actions.committee_install(
        actor=request.auth, election=election, posts=posts, started_on=payload.started_on
    )
    return [
        {"id": m.pk, "name": m.resident.name, "post": m.post, "term": m.term, "started_on": m.started_on}
        for m in installed
    ]


@router.post(
    "/elections/{election_id}/recalls",
    response={201: IdOut},
    summary=gettext_noop("登记罢免要求（五分之一以上选民或三分之一以上代表联名）"),
)
def elections_recall_propose(
    request, election_id: ApiId, payload: RecallIn, idempotency_key: IdempotencyKey = None
):
    election = _found(lambda: selectors.election_get_for(request.auth, election_id))
    membership = _found(lambda: selectors.community_membership(election, payload.membership_id))
    supporters = _found(lambda: selectors.election_voters(election, payload.supporter_ids))
    recall = idempotent_create(
        request,
        idempotency_key,
        payload,
        lambda: result_actions.recall_propose(
            actor=request.auth, election=election, membership=membership, reason=payload.reason,
            supporters=supporters, proposed_on=payload.proposed_on,
        ),
    )  # fmt: skip
    return Status(201, {"id": recall.pk})


@router.get(
    "/elections/{election_id}/result",
    response=ResultOut,
    summary=gettext_noop("已宣布的选举结果（当选人、各候选人得票）"),
)
def elections_result(request, election_id: ApiId):
    election = _found(lambda: selectors.election_announced_get(election_id))
    notice = selectors.public_notice(election)
    assert notice is not None  # an announced election has a notice
    reader = can(request.auth, "elections.view", election)
    return {
        "election_id": election.pk,
        "community": election.community.name,
        "rounds": [
            {
                "poll_id": item["poll"].pk,
                "kind": item["poll"].kind,
                "held_on": item["poll"].held_on,
                "announced_at": item["poll"].announced_at,
                "valid": bool(item["result"].get("valid")),
                "roll": item["result"].get("roll", 0),
                "cast": item["result"].get("cast", 0),
                "unfilled": item["result"].get("unfilled", 0),
                "rows": [{"candidate": name, "votes": votes, "elected": elected} for name, votes, elected in item["rows"]],
            }
            for item in notice["rounds"]
        ],
        "elected": notice["elected"],
        "without_woman": notice["without_woman"],
        "unfilled": notice["unfilled"],
        "results": [item["result"] for item in notice["rounds"]] if reader else None,
    }  # fmt: skip
