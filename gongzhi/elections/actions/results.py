"""The result: announced on the spot, filed with the township, the new committee into the bodies; recall.

    poll (signed) ── poll_announce ──▶ public notice (names of the elected, votes per candidate) + PDF record
        └─ result_file ──▶ election.result_filed_at (the township's board)
        └─ committee_install ──▶ gongzhi.bodies: the elected hold the committee's posts from the day, term 第N届;
                                 the previous term's members end the day before (the bodies' own actions)
    recall_propose (a fifth of the voters or a third of the representatives, 第十六条) ── poll_open(recall) …
        └─ poll_announce: recalled ──▶ the member's membership ends (membership_end)

Who may: `elections.run` over the election; installing the committee and ending a recalled member's post
also need `bodies.manage` (the bodies' actions check it: the community's staff, the township office). The
election committee presides over the vote and its members run the count (`elections.run` through their seat),
but recording the new committee on the register of bodies is the community's staff's (or the township
office's) work: `committee_install` checks `bodies.manage` over the community first, so a committee member
without it is refused before anything is read or written, and the page offers the form only to those who
hold both.
"""

import datetime as dt
from collections.abc import Mapping, Sequence

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gongzhi.accounts.models import User
from gongzhi.audit.actions import audit_event_record
from gongzhi.bodies.actions import membership_add, membership_end
from gongzhi.bodies.models import Body, BodyKind, Membership, Post
from gongzhi.bodies.selectors import body_of_kind, memberships_current
from gongzhi.core.authz import authorize
from gongzhi.core.errors import Conflict, DomainError
from gongzhi.core.text import text_clean

from .. import tally
from ..models import Election, Nomination, Poll, PollKind, Recall, Voter
from ..selectors import roll_of

REASON_MAX = 300
DIGITS = "零一二三四五六七八九"


def term_numeral(term: int) -> str:
    """11 → 十一, 20 → 二十, 3 → 三 (the 届次 as written: 第十一届)."""
    tens, ones = divmod(term, 10)
    if term < 10:
        return DIGITS[term]
    return (DIGITS[tens] if tens > 1 else "") + "十" + (DIGITS[ones] if ones else "")


INSTALL_POSTS = frozenset({Post.CHAIR, Post.DEPUTY_CHAIR, Post.MEMBER})


@transaction.atomic
def poll_announce(*, actor: User, poll: Poll) -> Poll:
    """Announce the signed result on the spot (当场公布); a recalled member's post ends the day of the vote."""
    authorize(actor, "elections.run", poll.election)
    locked = (
        Poll.objects.select_for_update(of=("self",))
        .select_related("election__community", "recall")
        .get(pk=poll.pk)
    )
    if locked.result is None:
        raise DomainError(_("监票人签字后才能宣布结果。"), code="unsigned")
    if locked.announced_at is not None:
        raise Conflict(_("结果已经宣布过了。"), code="announced")
    locked.announced_at = timezone.now()
    locked.save(update_fields=["announced_at"])
    audit_event_record(
        actor=actor,
        verb="elections.result_announced",
        target=locked,
        area=locked.election.community,
        summary={
            "kind": locked.kind,
            "valid": locked.result["valid"],
            "elected": len(locked.result.get("elected", [])),
        },
    )
    if locked.kind == PollKind.RECALL and locked.result["recalled"]:
        assert locked.recall is not None
        membership_end(
            actor=actor,
            membership=locked.recall.membership,
            ended_on=locked.held_on,
            reason=_("经村(居)民投票罢免"),
        )
    return locked


@transaction.atomic
def result_file(*, actor: User, election: Election) -> Election:
    """File the result with the township: every round held is announced, no second round still due."""
    authorize(actor, "elections.run", election)
    locked = Election.objects.select_for_update(of=("self",)).select_related("community").get(pk=election.pk)
    if locked.result_filed_at is not None:
        raise Conflict(_("结果已经报备过了。"), code="filed")
    polls = {poll.kind: poll for poll in Poll.objects.filter(election=locked, recall=None)}
    first = polls.get(PollKind.FIRST)
    if first is None or first.announced_at is None:
        raise DomainError(_("选举结果宣布后才能报备。"), code="unannounced")
    second = polls.get(PollKind.SECOND)
    if second is not None and second.announced_at is None:
        raise DomainError(_("另行选举的结果宣布后才能报备。"), code="unannounced")
    last = (second or first).result or {}
    locked.result_filed_at = timezone.now()
    locked.save(update_fields=["result_filed_at"])
    audit_event_record(
        actor=actor,
        verb="elections.result_filed",
        target=locked,
        area=locked.community,
        summary={
            "elected": len(last.get("elected_all", [])),
            "seats": locked.seats,
            "without_woman": bool(last.get("without_woman")),
        },
    )
    return locked


def elected_of(election: Election) -> list[Nomination]:
    polls = Poll.objects.filter(election=election, recall=None).exclude(announced_at=None)
    last = max(polls, key=lambda poll: poll.kind == PollKind.SECOND, default=None)
    ids = (last.result or {}).get("elected_all", []) if last else []
    return list(Nomination.objects.filter(pk__in=ids).select_related("candidate__resident"))


@transaction.atomic
def committee_install(
    *, actor: User, election: Election, posts: Mapping[int, str], started_on: dt.date
) -> list[Membership]:
    """The elected take their posts on the committee (no retyping); the previous term ends the day before."""
    authorize(actor, "elections.run", election)
    authorize(actor, "bodies.manage", election.community)
    locked = (
        Election.objects.select_for_update(of=("self",))
        .select_related("community", "round")
        .get(pk=election.pk)
    )
    if locked.result_filed_at is None:
        raise DomainError(_("选举结果报备后才能登记新一届村(居)民委员会。"), code="unfiled")
    elected = {nomination.pk: nomination for nomination in elected_of(locked)}
    if set(posts) != set(elected):
        raise DomainError(_("请为每一位当选人选择职务。"), field="posts")
    if any(post not in INSTALL_POSTS for post in posts.values()):
        raise DomainError(_("村(居)民委员会没有这个职务。"), field="posts")
    if list(posts.values()).count(Post.CHAIR) > 1:
        raise DomainError(_("村(居)民委员会只有一位主任。"), field="posts")
    body = body_of_kind(locked.community, BodyKind.COMMITTEE)
    if body is None:
        raise DomainError(_("请先在组织中登记本村(社区)的村(居)民委员会。"), code="no_committee")
    body = Body.objects.select_for_update(of=("self",)).get(pk=body.pk)
    term = f"第{term_numeral(locked.round.term)}届"  # data, as written on the register (never translated)
    if memberships_current(body).filter(term=term).exists():
        raise Conflict(_("本届村(居)民委员会已经登记过了。"), code="installed")
    # Those still in office; one whose leaving is recorded already (today, a takeover) is left as it is.
    for membership in memberships_current(body).filter(ended_on=None):
        membership_end(
            actor=actor,
            membership=membership,
            ended_on=max(started_on - dt.timedelta(days=1), membership.started_on),
            reason=_("换届，%(term)s村(居)民委员会产生") % {"term": term},
        )
    installed = [
        membership_add(
            actor=actor,
            body=body,
            resident=elected[pk].candidate.resident,
            post=post,
            started_on=started_on,
            term=term,
        )
        for pk, post in sorted(posts.items(), key=lambda item: item[1] != Post.CHAIR)
    ]
    audit_event_record(
        actor=actor,
        verb="elections.committee_installed",
        target=locked,
        area=locked.community,
        summary={"term": term, "members": len(installed), "from": started_on.isoformat()},
    )
    return installed


@transaction.atomic
def recall_propose(
    *,
    actor: User,
    election: Election,
    membership: Membership,
    reason: str,
    supporters: Sequence[Voter],
    proposed_on: dt.date,
) -> Recall:
    """A recall proposal with its supporters: a fifth of the roll, or a third of the representatives (第十六条)."""
    authorize(actor, "elections.run", election)
    locked = Election.objects.select_for_update(of=("self",)).select_related("community").get(pk=election.pk)
    if membership.body.area_id != locked.community_id or membership.body.kind != BodyKind.COMMITTEE:
        raise DomainError(_("只能罢免本村(社区)村(居)民委员会的成员。"), field="membership")
    if membership.ended_on is not None:
        raise DomainError(_("这位成员已经离任。"), field="membership")
    if len({voter.pk for voter in supporters}) != len(supporters):
        raise DomainError(_("同一位联名人填写了两次。"), field="supporters")
    for voter in supporters:
        if voter.election_id != locked.pk or voter.removed_at is not None:
            raise DomainError(
                _("%(name)s不在本村(社区)的选民名单上。") % {"name": voter.resident.name}, field="supporters"
            )
    reason = text_clean(reason, label=_("罢免理由"), field="reason", minimum=4, maximum=REASON_MAX)
    roll = roll_of(locked).count()
    representatives_body = body_of_kind(locked.community, BodyKind.REPRESENTATIVES)
    representatives = (
        set(memberships_current(representatives_body).values_list("resident_id", flat=True))
        if representatives_body
        else set()
    )
    signed = sum(1 for voter in supporters if voter.resident_id in representatives)
    if not tally.recall_proposal_enough(
        roll=roll, voters=len(supporters), representatives=signed, representatives_total=len(representatives)
    ):
        raise DomainError(
            _(
                "联名人数不足：须本村(社区)五分之一以上的选民（%(roll)s人中至少%(voters)s人）"
                "或三分之一以上的村(居)民代表联名（村民委员会组织法第十六条）。"
            )
            % {"roll": roll, "voters": -(-roll // 5)},
            field="supporters",
            code="too_few",
        )
    recall = Recall.objects.create(
        election=locked,
        membership=membership,
        reason=reason,
        proposed_on=proposed_on,
        representatives=signed,
        created_by=actor,
    )
    recall.supporters.set(supporters)
    audit_event_record(
        actor=actor,
        verb="elections.recall_proposed",
        target=recall,
        area=locked.community,
        summary={"member": membership.resident.name, "supporters": len(supporters), "roll": roll},
    )
    return recall
