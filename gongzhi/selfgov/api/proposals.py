"""Residents' proposals over the API: the same lifecycle, rules and messages as the pages.

A client sees what its token's user would see on the pages: opened
proposals with their public count (co-signers counted, never named) and the
author as they chose to be shown; drafts only to their author and staff.
Signing takes an Idempotency-Key: a retry gets the first signature back.
"""

import datetime as dt

from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from ninja import Query, Router, Schema, Status

from gongzhi.areas.selectors import community_public_get
from gongzhi.core.api_input import Limit, Offset
from gongzhi.core.authz import authorize, can
from gongzhi.core.errors import DomainError, NotFound
from gongzhi.core.idempotency import IdempotencyKey, idempotent_create
from gongzhi.core.ids import ApiId
from gongzhi.core.lifecycle import lifecycle_verbs_for
from gongzhi.meetings.models import Meeting

from ..actions import proposals as actions
from ..models import Proposal
from ..selectors import proposals as selectors
from ..workflow.proposals import PROPOSAL

router = Router(tags=["居民提案 proposals"])


class CountOut(Schema):
    signed: int
    headline: str  # "已有 N 人联名，须 M 人"
    routes: list[str]  # each route of the statute with its count and need
    law: str
    reached: bool


class ProposalOut(Schema):
    id: int
    community_id: int
    community_name: str
    title: str
    text: str
    asks: str
    asks_label: str
    state: str
    state_label: str
    author: str  # as the author chose: masked name (default), name, or a resident of a group
    count: CountOut
    opened_at: dt.datetime | None
    reached_at: dt.datetime | None
    meeting_due_on: dt.date | None  # a meeting must be convened by then (the threshold was reached)
    meeting_overdue: bool  # due before today and no meeting linked yet
    meeting_held_on: dt.date | None
    answer: str
    answered_at: dt.datetime | None


class ProposalDetailOut(ProposalOut):
    signed_by_me: bool
    allowed_moves: list[str]


class ProposalIn(Schema):
    title: str
    text: str
    asks: str  # assembly, representatives, answer
    author_shown: str = "masked"  # masked, name, group
    for_group: bool = False  # a representative chosen by a resident group proposes for the group


class SignIn(Schema):
    for_group: bool = False


class SignatureOut(Schema):
    proposal_id: int
    signed_at: dt.datetime
    assisted: bool


class AssistedSignIn(Schema):
    resident_id: ApiId
    consent_channel: str  # in_person, phone, written
    consent_note: str = ""


class ReasonIn(Schema):
    reason: str = ""


class AnswerIn(Schema):
    decision: str  # accept (into 四议两公开) or answer (with reasons)
    answer: str
    matter_type: str = "other"  # with accept: the decision's matter type (the decisions' MatterType)


class PostIn(Schema):
    body: str
    # A representative speaks for a registered social organisation serving the community (协同参与): its id in
    # the registry (/api/v1/orgs).
    organisation_id: ApiId | None = None


class HideIn(Schema):
    reason: str


class PostOut(Schema):
    id: int
    at: dt.datetime
    who: str
    capacity: str  # resident, staff, organisation
    body: str  # empty when hidden, but to moderators
    hidden: bool
    hidden_reason: str
    mine: bool


class ListFilters(Schema):
    community_id: ApiId


def _count(proposal: Proposal, bases: dict[str, int] | None = None) -> dict:
    count = selectors.proposal_count(proposal, bases=bases)
    return {
        "signed": count.signed,
        "headline": count.headline,
        "routes": count.routes,
        "law": count.law,
        "reached": proposal.reached_at is not None,
    }


def _out(proposal: Proposal, bases: dict[str, int] | None = None) -> dict:
    return {
        "id": proposal.pk,
        "community_id": proposal.community_id,
        "community_name": proposal.community.name,
        "title": selectors.proposal_public_text(proposal.title),
        "text": selectors.proposal_public_text(proposal.text),
        "asks": proposal.asks,
        "asks_label": proposal.get_asks_display(),
        "state": proposal.state,
        "state_label": PROPOSAL.state_label(proposal.state),
        "author": selectors.author_label(proposal),
        "count": _count(proposal, bases),
        "opened_at": proposal.opened_at,
        "reached_at": proposal.reached_at,
        "meeting_due_on": proposal.meeting_due_on,
        "meeting_overdue": bool(
            proposal.meeting_due_on is not None
            and proposal.meeting_id is None
            and proposal.meeting_due_on < timezone.localdate()
        ),
        "meeting_held_on": proposal.meeting.held_on if proposal.meeting else None,
        "answer": proposal.answer,
        "answered_at": proposal.answered_at,
    }


def _detail(request, proposal_id: int) -> dict:
    proposal = _get(request, proposal_id)
    verbs = lifecycle_verbs_for(proposal, request.auth)
    return {
        **_out(proposal),
        "signed_by_me": selectors.signature_of(proposal, request.auth) is not None,
        "allowed_moves": sorted(verb for verb, allowed in verbs.items() if allowed),
    }


def _get(request, proposal_id: int) -> Proposal:
    try:
        return selectors.proposal_get_for(viewer=request.auth, proposal_id=proposal_id)
    except NotFound:
        raise Http404() from None


@router.get(
    "/selfgov/proposals",
    response=list[ProposalOut],
    summary=gettext_noop("一个村(社区)的居民提案及联名人数（公示用，不含联名人姓名）"),
)
def proposal_list(request, filters: Query[ListFilters], limit: Limit = 20, offset: Offset = 0):
    try:
        community = community_public_get(filters.community_id)
    except NotFound:
        raise Http404() from None
    bases = selectors.proposal_bases(community)
    return [_out(p, bases) for p in selectors.proposals_public(community)[offset : offset + limit]]


@router.get("/selfgov/proposals/{proposal_id}", response=ProposalDetailOut, summary=gettext_noop("一项提案"))
def proposal_detail(request, proposal_id: ApiId):
    return _detail(request, proposal_id)


@router.post(
    "/selfgov/proposals", response={201: ProposalDetailOut}, summary=gettext_noop("提出提案（保存为草稿）")
)
def proposal_create(request, payload: ProposalIn, idempotency_key: IdempotencyKey = None):
    def create():
        return actions.proposal_create(
            actor=request.auth,
            title=payload.title,
            text=payload.text,
            asks=payload.asks,
            author_shown=payload.author_shown,
            for_group=payload.for_group,
        )

    proposal = idempotent_create(request, idempotency_key, payload, create)
    return Status(201, _detail(request, proposal.pk))


def _move(request, proposal_id: int, run) -> dict:
    run(_get(request, proposal_id))
    return _detail(request, proposal_id)


@router.post(
    "/selfgov/proposals/{proposal_id}/open",
    response=ProposalDetailOut,
    summary=gettext_noop("开始征集联名（提议人）"),
)
def proposal_open(request, proposal_id: ApiId):
    return _move(request, proposal_id, lambda p: actions.proposal_open(actor=request.auth, proposal=p))


@router.post(
    "/selfgov/proposals/{proposal_id}/signatures",
    response={201: SignatureOut},
    summary=gettext_noop(
        "联名（本村(社区)年满十八周岁的在册居民本人；每人一次，带 Idempotency-Key 可安全重试）"
    ),
)
def proposal_sign(request, proposal_id: ApiId, payload: SignIn, idempotency_key: IdempotencyKey = None):
    proposal = _get(request, proposal_id)
    signature = idempotent_create(
        request,
        idempotency_key,
        payload,
        lambda: actions.proposal_sign(actor=request.auth, proposal=proposal, for_group=payload.for_group),
    )
    return Status(
        201, {"proposal_id": proposal.pk, "signed_at": signature.signed_at, "assisted": signature.assisted}
    )


@router.post(
    "/selfgov/proposals/{proposal_id}/signatures/assisted",
    response={201: SignatureOut},
    summary=gettext_noop("代居民联名（网格员、窗口人员、村社区干部；记录居民同意的方式）"),
)
def proposal_sign_assisted(
    request, proposal_id: ApiId, payload: AssistedSignIn, idempotency_key: IdempotencyKey = None
):
    authorize(request.auth, "proposals.sign_for")  # an assister somewhere (403), else …
    proposal = _get(request, proposal_id)
    if not can(request.auth, "proposals.sign_for", proposal):  # … not over this proposal's community (404)
        raise Http404()
    try:
        resident = selectors.resident_to_sign_for(
            viewer=request.auth, proposal=proposal, resident_id=payload.resident_id
        )
    except NotFound:
        raise Http404() from None
    signature = idempotent_create(
        request,
        idempotency_key,
        payload,
        lambda: actions.proposal_sign_assisted(
            actor=request.auth,
            proposal=proposal,
            resident=resident,
            consent_channel=payload.consent_channel,
            consent_note=payload.consent_note,
        ),
    )
    return Status(
        201, {"proposal_id": proposal.pk, "signed_at": signature.signed_at, "assisted": signature.assisted}
    )


@router.post(
    "/selfgov/proposals/{proposal_id}/signatures/withdraw",
    response=ProposalDetailOut,
    summary=gettext_noop("撤回自己的联名（提交前）"),
)
def proposal_unsign(request, proposal_id: ApiId):
    return _move(request, proposal_id, lambda p: actions.proposal_unsign(actor=request.auth, proposal=p))


@router.post(
    "/selfgov/proposals/{proposal_id}/submit",
    response=ProposalDetailOut,
    summary=gettext_noop("提交党组织（提议人）"),
)
def proposal_submit(request, proposal_id: ApiId):
    return _move(request, proposal_id, lambda p: actions.proposal_submit(actor=request.auth, proposal=p))


@router.post(
    "/selfgov/proposals/{proposal_id}/withdraw",
    response=ProposalDetailOut,
    summary=gettext_noop("撤回提案（提议人，答复前）"),
)
def proposal_withdraw(request, proposal_id: ApiId, payload: ReasonIn):
    return _move(
        request,
        proposal_id,
        lambda p: actions.proposal_withdraw(actor=request.auth, proposal=p, reason=payload.reason),
    )


@router.post(
    "/selfgov/proposals/{proposal_id}/answer",
    response=ProposalDetailOut,
    summary=gettext_noop("记录党组织答复：纳入“四议两公开”，或说明理由（村社区干部）"),
)
def proposal_answer(request, proposal_id: ApiId, payload: AnswerIn):
    if payload.decision not in ("accept", "answer"):
        raise DomainError(_("请选择纳入“四议两公开”（accept）或答复并说明理由（answer）。"), field="decision")
    if payload.decision == "accept":
        return _move(
            request,
            proposal_id,
            lambda p: actions.proposal_accept(
                actor=request.auth, proposal=p, answer=payload.answer, matter_type=payload.matter_type
            ),
        )
    return _move(
        request,
        proposal_id,
        lambda p: actions.proposal_answer(actor=request.auth, proposal=p, answer=payload.answer),
    )


@router.post(
    "/selfgov/proposals/{proposal_id}/meeting/{meeting_id}",
    response=ProposalDetailOut,
    summary=gettext_noop("登记联名达到法定人数后召集的会议（村社区干部）"),
)
def proposal_meeting(request, proposal_id: ApiId, meeting_id: ApiId):
    def run(proposal):
        meeting = Meeting.objects.filter(pk=meeting_id, area=proposal.community).first()
        if meeting is None:
            raise Http404()
        actions.proposal_meeting_link(actor=request.auth, proposal=proposal, meeting=meeting)

    return _move(request, proposal_id, run)


@router.post(
    "/selfgov/proposals/{proposal_id}/close",
    response=ProposalDetailOut,
    summary=gettext_noop("办结（村社区干部）"),
)
def proposal_close(request, proposal_id: ApiId, payload: ReasonIn):
    return _move(
        request,
        proposal_id,
        lambda p: actions.proposal_close(actor=request.auth, proposal=p, note=payload.reason),
    )


@router.get(
    "/selfgov/proposals/{proposal_id}/posts", response=list[PostOut], summary=gettext_noop("议事厅留言")
)
def proposal_posts(request, proposal_id: ApiId):
    proposal = _get(request, proposal_id)
    return [post.__dict__ for post in selectors.thread_of(viewer=request.auth, proposal=proposal)]


@router.post(
    "/selfgov/proposals/{proposal_id}/posts",
    response={201: PostOut},
    summary=gettext_noop("在议事厅留言（本村(社区)居民、工作人员、登记的社会组织）"),
)
def proposal_post(request, proposal_id: ApiId, payload: PostIn, idempotency_key: IdempotencyKey = None):
    proposal = _get(request, proposal_id)
    post = idempotent_create(
        request,
        idempotency_key,
        payload,
        lambda: actions.proposal_post(
            actor=request.auth, proposal=proposal, body=payload.body, organisation_id=payload.organisation_id
        ),
    )
    views = selectors.thread_of(viewer=request.auth, proposal=proposal)
    return Status(201, next(view.__dict__ for view in views if view.id == post.pk))


@router.post(
    "/selfgov/proposals/{proposal_id}/posts/{post_id}/hide",
    response=PostOut,
    summary=gettext_noop("隐藏议事厅留言并说明理由（村社区干部；原文保留）"),
)
def proposal_post_hide(request, proposal_id: ApiId, post_id: ApiId, payload: HideIn):
    proposal = _get(request, proposal_id)
    try:
        post = selectors.post_get_for(viewer=request.auth, proposal=proposal, post_id=post_id)
    except NotFound:
        raise Http404() from None
    actions.proposal_post_hide(actor=request.auth, post=post, reason=payload.reason)
    views = selectors.thread_of(viewer=request.auth, proposal=proposal)
    return next(view.__dict__ for view in views if view.id == post.pk)
