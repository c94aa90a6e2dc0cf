"""Residents' proposals (提案权): proposing, co-signing, the party organisation's answer, the thread.

    draft ──open──▶ gathering ──submit / reach──▶ submitted ──accept──▶ accepted ──close──▶ closed
                                                       └──answer──▶ answered ──close──▶ closed
    draft, gathering, submitted ──withdraw──▶ withdrawn
    (declared in gongzhi.selfgov.workflow.proposals)

A resident with an account proposes for themselves, or a resident group's
leader for the group. Opening it for signatures records the author's own
signature. Each co-signer signs themselves (signed in, an active resident of
the register, 18 or over, of the same community — villagers registered here
but working away from home sign online like anyone), once per proposal (a
unique constraint; the proposal's row is locked, so concurrent signatures
count one by one), and may withdraw before submission. A grid worker, window
clerk or community staff member signs for an elderly or offline resident of
their area with the resident's consent recorded (channel, note, who, when).
The signature that brings the count to the statute's threshold
(gongzhi.selfgov.proposal_thresholds) submits the proposal by the system move
`reach`, freezes the figures and, for a meeting, makes it due. The
community's staff record the party organisation's answer: accepted into
四议两公开 (`proposal_decision_start`: a decision of the decisions half starts at its
first stage, with the proposal as its origin) or answered with reasons; a proposal that reached a meeting threshold stays due
until a meeting of the right body is linked. The author hears every step,
the co-signers hear the answer. The thread (议事厅) is open to the
community's residents, its staff and social organisations (协同参与); staff
hide a post with a reason, never delete it.
"""

import datetime as dt

from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from gongzhi.accounts.models import RoleAssignment, User
from gongzhi.areas.models import Area
from gongzhi.audit.actions import audit_event_record
from gongzhi.cases.models import ConsentChannel
from gongzhi.core.authz import authorize, can
from gongzhi.core.errors import Conflict, DomainError
from gongzhi.core.lifecycle import lifecycle_move
from gongzhi.core.text import text_clean
from gongzhi.meetings.models import Meeting
from gongzhi.notices.actions import notice_send
from gongzhi.orgs.models import Organisation
from gongzhi.orgs.selectors import organisation_voice_check
from gongzhi.residents.models import Resident

from .. import proposal_thresholds as th
from ..models import (
    AuthorShown,
    Decision,
    MatterType,
    OriginKind,
    Proposal,
    ProposalAsk,
    ProposalPost,
    ProposalSignature,
    ProposalState,
)
from ..roles.proposals import ANSWERERS
from ..selectors.proposals import (
    THREAD_STATES,
    adult_born_by,
    group_led_by,
    proposal_count,
    representatives_of,
    resident_of,
)
from ..selectors.proposals_settings import meeting_due_days
from .decisions import decision_start

TITLE_MAX, TEXT_MAX, ANSWER_MAX, POST_MAX, REASON_MAX = 60, 3000, 2000, 1000, 200
NOTICE_KIND = "selfgov.proposal"
# The meeting each ask needs (core.quorum rule keys by community type), for linking the convened meeting.
MEETING_RULES: dict[tuple[str, str], str] = {
    ("village", ProposalAsk.ASSEMBLY): "villagers_meeting",
    ("village", ProposalAsk.REPRESENTATIVES): "village_representatives_meeting",
    ("urban", ProposalAsk.ASSEMBLY): "residents_meeting",
    ("urban", ProposalAsk.REPRESENTATIVES): "residents_representatives_meeting",
}


def proposal_url(proposal: Proposal) -> str:
    return reverse("selfgov:proposal", args=[proposal.pk])


def proposal_title_clean(title: str | None) -> str:
    return text_clean(title, label=_("标题"), field="title", minimum=4, maximum=TITLE_MAX)


def proposal_text_clean(text: str | None) -> str:
    return text_clean(text, label=_("提案内容"), field="text", minimum=10, maximum=TEXT_MAX)


def _tell(proposal: Proposal, users, *, what: str, actor: User | None = None) -> None:
    told: set[int] = set()
    for user in users:
        if (
            user is None
            or user.pk in told
            or not user.is_active
            or (actor is not None and user.pk == actor.pk)
        ):
            continue
        told.add(user.pk)
        notice_send(
            recipient=user,
            kind=NOTICE_KIND,
            title=(_("提案「%(t)s」%(what)s") % {"t": proposal.title, "what": what})[:120],
            url=proposal_url(proposal),
        )


def _staff_of(community: Area) -> list[User]:
    return [
        ra.user
        for ra in RoleAssignment.objects.filter(role__in=ANSWERERS, area=community).select_related("user")
    ]


def _cosigners(proposal: Proposal) -> list[User | None]:
    return [
        signature.resident.user
        for signature in proposal.signatures.select_related("resident__user")
        if signature.resident.user_id is not None
    ]


def _locked(proposal: Proposal) -> Proposal:
    return (
        Proposal.objects.select_for_update(of=("self",))
        .select_related("community", "author_resident", "group")
        .get(pk=proposal.pk)
    )


@transaction.atomic
def proposal_create(
    *,
    actor: User,
    title: str,
    text: str,
    asks: str,
    author_shown: str = AuthorShown.MASKED,
    for_group: bool = False,
) -> Proposal:
    """A draft proposal of the actor's own community (their register entry); a group leader may propose
    for their resident group. Nobody sees a draft but its author and the community's staff."""
    authorize(actor, "proposals.propose")
    resident = resident_of(actor)
    if resident is None:
        raise DomainError(
            _("您的账号还没有关联到居民登记信息，不能提案。请到村(社区)窗口核对登记。"), code="not_registered"
        )
    if resident.birth_date > adult_born_by(timezone.localdate()):
        raise DomainError(_("年满十八周岁的居民才能提案。"), code="under_age")
    title, text = proposal_title_clean(title), proposal_text_clean(text)
    if asks not in ProposalAsk.values:
        raise DomainError(_("请选择提议事项。"), field="asks")
    if author_shown not in AuthorShown.values:
        raise DomainError(_("请选择公开页如何显示提议人。"), field="author_shown")
    community = resident.community
    group = None
    if for_group:
        group = group_led_by(resident, community)
        if group is None:
            raise DomainError(
                _("只有村(居)民小组推选的代表才能以小组名义提案。"),
                field="for_group",
                code="not_group_leader",
            )
    proposal = Proposal.objects.create(
        community=community,
        area_path=community.path,
        author=actor,
        author_resident=resident,
        group=group,
        author_shown=author_shown,
        title=title,
        text=text,
        asks=asks,
    )
    audit_event_record(
        actor=actor,
        verb="proposal.created",
        target=proposal,
        area=community,
        summary={"asks": asks, "group": bool(group)},
    )
    return proposal


@transaction.atomic
def proposal_open(*, actor: User, proposal: Proposal) -> Proposal:
    """The author makes the draft public and starts gathering signatures; theirs is the first."""
    authorize(actor, "proposals.author", proposal)
    proposal = _locked(proposal)
    lifecycle_move(
        proposal,
        "open",
        actor=actor,
        audit_verb="proposal.opened",
        area=proposal.community,
        summary={"asks": proposal.asks},
        changes={"opened_at": timezone.now()},
    )
    ProposalSignature.objects.create(
        proposal=proposal,
        resident=proposal.author_resident,
        signed_by=actor,
        for_group=proposal.group,
    )
    _tell(proposal, [proposal.author], what=_("已公开，开始征集联名"))
    _reach_if_due(proposal, actor=actor)
    return Proposal.objects.get(pk=proposal.pk)


def _check_signer(proposal: Proposal, resident: Resident | None, *, yourself: bool) -> None:
    who = _("您") if yourself else _("该居民")
    if proposal.state != ProposalState.GATHERING:
        raise Conflict(
            _("这项提案现在不征集联名（%(state)s）。") % {"state": ProposalState(proposal.state).label},
            code="not_gathering",
        )
    if resident is None:
        raise DomainError(
            _("您的账号还没有关联到居民登记信息，不能联名。请到村(社区)窗口核对登记。"), code="not_registered"
        )
    if resident.status != "active":
        raise DomainError(_("只有在册居民才能联名。"), code="not_active")
    if resident.community_id != proposal.community_id:
        raise DomainError(
            _("%(who)s不是%(community)s的居民，不能为这项提案联名。")
            % {"who": who, "community": proposal.community.name},
            code="other_community",
        )
    if resident.birth_date > adult_born_by(timezone.localdate()):
        raise DomainError(_("年满十八周岁的居民才能联名。"), code="under_age")
    if ProposalSignature.objects.filter(proposal=proposal, resident=resident).exists():
        raise Conflict(
            _("%(who)s已经联名过这项提案了，每人只能联名一次。") % {"who": who}, code="signed_twice"
        )


def _signature_create(proposal: Proposal, resident: Resident, **fields) -> ProposalSignature:
    try:
        with transaction.atomic():
            return ProposalSignature.objects.create(proposal=proposal, resident=resident, **fields)
    except IntegrityError:
        raise Conflict(_("已经联名过这项提案了，每人只能联名一次。"), code="signed_twice") from None


def _reach_if_due(proposal: Proposal, *, actor: User) -> None:
    """Submit the proposal (system move `reach`) once a route of the statute's threshold is reached."""
    count = proposal_count(proposal)
    line = count.progress.reached
    if line is None or proposal.state != ProposalState.GATHERING:
        return
    today = timezone.localdate()
    lifecycle_move(
        proposal,
        "reach",
        actor=actor,
        audit_verb="proposal.threshold_reached",
        area=proposal.community,
        summary={"route": line.route.base, "signed": line.signed, "needed": line.needed, "base": line.base},
        note=f"{count.law}",
        changes={
            "submitted_at": timezone.now(),
            "reached_at": timezone.now(),
            "reached_route": line.route.base,
            "reached_count": line.signed,
            "reached_base": line.base,
            # The township's own time limit (the statute gives none): gongzhi.selfgov.actions.proposals_settings.
            "meeting_due_on": today + dt.timedelta(days=meeting_due_days(proposal.community)),
        },
    )
    what = _("联名已达法定人数（%(law)s），应当召集%(meeting)s") % {
        "law": count.law,
        "meeting": th.meeting_name(proposal.community.community_type, proposal.asks),
    }
    _tell(proposal, [proposal.author, *_staff_of(proposal.community)], what=what)


@transaction.atomic
def proposal_sign(*, actor: User, proposal: Proposal, for_group: bool = False) -> ProposalSignature:
    """The actor co-signs as themselves; a representative chosen by a group may sign for the group."""
    authorize(actor, "proposals.sign", proposal)
    proposal = _locked(proposal)
    resident = resident_of(actor)
    _check_signer(proposal, resident, yourself=True)
    assert resident is not None
    group = None
    if for_group:
        group = group_led_by(resident, proposal.community)
        if group is None:
            raise DomainError(_("只有村(居)民小组推选的代表才能以小组名义联名。"), code="not_group_leader")
    signature = _signature_create(proposal, resident, signed_by=actor, for_group=group)
    audit_event_record(
        actor=actor,
        verb="proposal.signed",
        target=proposal,
        area=proposal.community,
        summary={"signatures": proposal.signatures.count(), "group": bool(group)},
    )
    _reach_if_due(proposal, actor=actor)
    return signature


@transaction.atomic
def proposal_sign_assisted(
    *, actor: User, proposal: Proposal, resident: Resident, consent_channel: str, consent_note: str = ""
) -> ProposalSignature:
    """A grid worker, window clerk or staff member signs for a resident of their area who agreed to it."""
    authorize(actor, "proposals.sign_for", proposal)
    if not can(actor, "proposals.sign_for", resident):
        raise DomainError(_("这位居民不在您负责的范围内。"), code="out_of_scope")
    if consent_channel not in ConsentChannel.values:
        raise DomainError(_("请选择居民同意的方式（当面、电话或书面）。"), field="consent_channel")
    consent_note = text_clean(consent_note, label=_("同意说明"), field="consent_note", minimum=0, maximum=200)
    proposal = _locked(proposal)
    _check_signer(proposal, resident, yourself=False)
    signature = _signature_create(
        proposal,
        resident,
        signed_by=actor,
        assisted=True,
        consent_channel=consent_channel,
        consent_note=consent_note,
    )
    audit_event_record(
        actor=actor,
        verb="proposal.signed_assisted",
        target=proposal,
        area=proposal.community,
        summary={
            "resident": resident.pk,
            "channel": str(ConsentChannel(consent_channel).label),
            "signatures": proposal.signatures.count(),
        },
    )
    _reach_if_due(proposal, actor=actor)
    return signature


@transaction.atomic
def proposal_unsign(*, actor: User, proposal: Proposal) -> Proposal:
    """A co-signer withdraws their signature while signatures are still gathered."""
    authorize(actor, "proposals.sign", proposal)
    proposal = _locked(proposal)
    resident = resident_of(actor)
    signature = (
        ProposalSignature.objects.filter(proposal=proposal, resident=resident).first() if resident else None
    )
    if signature is None:
        raise DomainError(_("您没有联名这项提案。"), code="not_signed")
    if proposal.state != ProposalState.GATHERING:
        raise Conflict(_("提案已经提交，联名不能再撤回。"), code="submitted")
    if proposal.author_resident_id == signature.resident_id:
        raise DomainError(_("您是提议人；如不再提议，请撤回提案。"), code="author_signature")
    signature.delete()
    audit_event_record(
        actor=actor,
        verb="proposal.unsigned",
        target=proposal,
        area=proposal.community,
        summary={"signatures": proposal.signatures.count()},
    )
    return proposal


@transaction.atomic
def proposal_submit(*, actor: User, proposal: Proposal) -> Proposal:
    """The author hands the proposal to the party organisation before (or without) a threshold."""
    authorize(actor, "proposals.author", proposal)
    proposal = _locked(proposal)
    lifecycle_move(
        proposal,
        "submit",
        actor=actor,
        audit_verb="proposal.submitted",
        area=proposal.community,
        summary={"signatures": proposal.signatures.count()},
        changes={"submitted_at": timezone.now()},
    )
    _tell(proposal, [proposal.author, *_staff_of(proposal.community)], what=_("已提交党组织，等待答复"))
    return proposal


@transaction.atomic
def proposal_withdraw(*, actor: User, proposal: Proposal, reason: str = "") -> Proposal:
    authorize(actor, "proposals.author", proposal)
    reason = text_clean(reason, label=_("撤回理由"), field="reason", minimum=0, maximum=REASON_MAX)
    proposal = _locked(proposal)
    was_public = proposal.state != ProposalState.DRAFT
    lifecycle_move(
        proposal,
        "withdraw",
        actor=actor,
        audit_verb="proposal.withdrawn",
        area=proposal.community,
        note=reason,
    )
    if was_public:
        _tell(proposal, [proposal.author, *_cosigners(proposal)], what=_("已由提议人撤回"))
    return proposal


def proposal_decision_start(
    *, actor: User, proposal: Proposal, matter_type: str = MatterType.OTHER
) -> Decision:
    """An accepted proposal starts a 四议两公开 decision at its first stage (党组织提议), with the proposal as
    its origin; its author and co-signers hear of every stage (gongzhi.selfgov.actions.decisions)."""
    return decision_start(
        actor=actor,
        community=proposal.community,
        title=proposal.title,
        body=proposal.text,
        origin_kind=OriginKind.RESIDENT_PROPOSAL,
        matter_type=matter_type or MatterType.OTHER,
        origin=proposal,
        origin_title=proposal.title,
        tell=[proposal.author, *_cosigners(proposal)],
    )


def _answer(*, actor: User, proposal: Proposal, verb: str, answer: str) -> Proposal:
    authorize(actor, "proposals.answer", proposal)
    answer = text_clean(answer, label=_("答复"), field="answer", minimum=5, maximum=ANSWER_MAX)
    proposal = _locked(proposal)
    lifecycle_move(
        proposal,
        verb,
        actor=actor,
        audit_verb=f"proposal.{verb}ed" if verb == "answer" else "proposal.accepted",
        area=proposal.community,
        summary={"length": len(answer)},
        note=answer[:500],
        changes={"answer": answer, "answered_by": actor, "answered_at": timezone.now()},
    )
    what = _("党组织已答复：纳入“四议两公开”程序") if verb == "accept" else _("党组织已答复")
    _tell(proposal, [proposal.author, *_cosigners(proposal)], what=what, actor=actor)
    return proposal


@transaction.atomic
def proposal_accept(
    *, actor: User, proposal: Proposal, answer: str, matter_type: str = MatterType.OTHER
) -> Proposal:
    """The party organisation accepts the proposal into 四议两公开 (its answer says how it goes on): a
    decision of the matter type it names starts at its first stage."""
    if matter_type not in MatterType.values:
        raise DomainError(_("请选择事项类型。"), field="matter_type")
    proposal = _answer(actor=actor, proposal=proposal, verb="accept", answer=answer)
    proposal_decision_start(actor=actor, proposal=proposal, matter_type=matter_type)
    return proposal


@transaction.atomic
def proposal_answer(*, actor: User, proposal: Proposal, answer: str) -> Proposal:
    """The party organisation answers with its reasons (not taken into 四议两公开)."""
    return _answer(actor=actor, proposal=proposal, verb="answer", answer=answer)


@transaction.atomic
def proposal_close(*, actor: User, proposal: Proposal, note: str = "") -> Proposal:
    authorize(actor, "proposals.answer", proposal)
    note = text_clean(note, label=_("办结说明"), field="note", minimum=0, maximum=REASON_MAX)
    proposal = _locked(proposal)
    if proposal.meeting_due_on is not None and proposal.meeting_id is None:
        raise Conflict(_("联名已达法定人数，须先召集会议并登记会议记录，才能办结。"), code="meeting_due")
    lifecycle_move(
        proposal, "close", actor=actor, audit_verb="proposal.closed", area=proposal.community, note=note
    )
    _tell(proposal, [proposal.author], what=_("已办结"), actor=actor)
    return proposal


@transaction.atomic
def proposal_meeting_link(*, actor: User, proposal: Proposal, meeting: Meeting) -> Proposal:
    """Staff link the meeting convened on a proposal that reached a meeting threshold: a meeting of the
    community's body the proposal asked for, held once the threshold was reached."""
    authorize(actor, "proposals.answer", proposal)
    proposal = _locked(proposal)
    if proposal.meeting_due_on is None:
        raise DomainError(_("这项提案没有达到召集会议的法定人数，无需登记会议。"), code="no_meeting_due")
    if proposal.meeting_id is not None:
        raise Conflict(_("这项提案已经登记了召集的会议。"), code="meeting_linked")
    rule = MEETING_RULES.get((proposal.community.community_type, proposal.asks))
    reached_on = timezone.localdate(proposal.reached_at) if proposal.reached_at else None
    if (
        meeting.area_id != proposal.community_id
        or meeting.body_kind != rule
        or (reached_on is not None and meeting.held_on < reached_on)
    ):
        raise DomainError(
            _("请选择本村(社区)在联名达到法定人数之后召开的%(meeting)s。")
            % {"meeting": th.meeting_name(proposal.community.community_type, proposal.asks)},
            field="meeting",
            code="wrong_meeting",
        )
    proposal.meeting = meeting
    proposal.save(update_fields=["meeting"])
    audit_event_record(
        actor=actor,
        verb="proposal.meeting_linked",
        target=proposal,
        area=proposal.community,
        summary={"meeting": meeting.pk, "held_on": meeting.held_on.isoformat()},
    )
    _tell(
        proposal,
        [proposal.author, *_cosigners(proposal)],
        what=_("已于 %(day)s 召开会议") % {"day": meeting.held_on.isoformat()},
        actor=actor,
    )
    return proposal


def _capacity(
    actor: User, proposal: Proposal, organisation_id: int | None
) -> tuple[str, Organisation | None]:
    if organisation_id is not None:
        # 协同参与: a representative of a registered organisation that serves this community (gongzhi.orgs).
        return "organisation", organisation_voice_check(actor, organisation_id, proposal.community)
    if can(actor, "proposals.moderate", proposal):
        return "staff", None
    resident = resident_of(actor)
    if resident is None or resident.community_id != proposal.community_id:
        raise DomainError(
            _("只有%(community)s的居民才能在议事厅留言。") % {"community": proposal.community.name},
            code="other_community",
        )
    return "resident", None


@transaction.atomic
def proposal_post(
    *, actor: User, proposal: Proposal, body: str, organisation_id: int | None = None
) -> ProposalPost:
    """A message in the proposal's thread (议事厅). The author hears of it (that there is one). With
    `organisation_id`, a representative speaks for that registered organisation (协同参与)."""
    authorize(actor, "proposals.post", proposal)
    body = text_clean(body, label=_("留言"), field="body", minimum=2, maximum=POST_MAX)
    proposal = _locked(proposal)
    if proposal.state not in THREAD_STATES:
        raise Conflict(_("这项提案的议事厅现在不开放留言。"), code="thread_closed")
    capacity, org = _capacity(actor, proposal, organisation_id)
    post = ProposalPost.objects.create(
        proposal=proposal,
        author=actor,
        capacity=capacity,
        organisation=org.name if org else "",
        org=org,
        body=body,
    )
    audit_event_record(
        actor=actor,
        verb="proposal.posted",
        target=proposal,
        area=proposal.community,
        summary={
            "post": post.pk,
            "capacity": capacity,
            "length": len(body),
            **({"organisation": org.name} if org else {}),
        },
    )
    _tell(proposal, [proposal.author], what=_("的议事厅有新留言"), actor=actor)
    return post


@transaction.atomic
def proposal_post_hide(*, actor: User, post: ProposalPost, reason: str) -> ProposalPost:
    """Staff hide a post with a reason; its text stays (never deleted), shown to moderators only."""
    authorize(actor, "proposals.moderate", post.proposal)
    reason = text_clean(reason, label=_("隐藏理由"), field="reason", minimum=2, maximum=REASON_MAX)
    post = (
        ProposalPost.objects.select_for_update(of=("self",))
        .select_related("proposal__community", "author")
        .get(pk=post.pk)
    )
    if post.hidden_at is not None:
        raise Conflict(_("这条留言已经隐藏了。"), code="already_hidden")
    post.hidden_at, post.hidden_by, post.hidden_reason = timezone.now(), actor, reason
    post.save(update_fields=["hidden_at", "hidden_by", "hidden_reason"])
    audit_event_record(
        actor=actor,
        verb="proposal.post_hidden",
        target=post.proposal,
        area=post.proposal.community,
        summary={"post": post.pk, "reason": reason},
    )
    notice_send(
        recipient=post.author,
        kind=NOTICE_KIND,
        title=(_("您在提案「%(t)s」议事厅的留言已被隐藏") % {"t": post.proposal.title})[:120],
        body=_("理由：%(reason)s") % {"reason": reason},
        url=proposal_url(post.proposal) + "#thread",
    )
    return post


__all__ = [
    "MEETING_RULES",
    "proposal_accept",
    "proposal_answer",
    "proposal_close",
    "proposal_create",
    "proposal_decision_start",
    "proposal_meeting_link",
    "proposal_open",
    "proposal_post",
    "proposal_post_hide",
    "proposal_sign",
    "proposal_sign_assisted",
    "proposal_submit",
    "proposal_unsign",
    "proposal_withdraw",
    "representatives_of",
]
