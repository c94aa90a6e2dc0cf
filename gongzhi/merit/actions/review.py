"""The review by the community's 道德评议会: one opinion per current member, passed by more than half of them."""

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gongzhi.accounts.models import User
from gongzhi.core.authz import authorize
from gongzhi.core.errors import Conflict, DomainError, NotPermitted
from gongzhi.core.quorum import meeting_check
from gongzhi.core.text import text_clean

from ..models import (
    Nomination,
    NominationState,
    ReviewOpinion,
)
from ..selectors import review_body, review_members
from .common import (
    REASON_MAX,
    _audit,
    _consent_required,
    _locked,
    _notify,
    _recused_ids,
)


def review_tally(nomination: Nomination):
    """(members due, agree, disagree, core.quorum's result or None) of the review as it stands today."""
    recused = _recused_ids(nomination)
    due = [member for member in review_members(nomination.community) if member.pk not in recused]
    due_ids = {member.pk for member in due}
    opinions = [o for o in ReviewOpinion.objects.filter(nomination=nomination) if o.member_id in due_ids]
    agree = sum(1 for o in opinions if o.agrees)
    disagree = len(opinions) - agree
    if not due:
        return 0, agree, disagree, None
    result = meeting_check(
        "body_meeting", present=len(opinions), in_favour=agree, against=disagree, members=len(due),
        majority="members",
    )  # fmt: skip
    return len(due), agree, disagree, result


def review_blocker(nomination: Nomination) -> str:
    """Why the community's 道德评议会 cannot review now ("" when it can): no body, or no members with accounts."""
    body = review_body(nomination.community)
    if body is None:
        return _(
            "本村(社区)还没有登记道德评议会。请工作人员在“组织机构”页面登记道德评议会并录入成员（须关联账号），"
            "评议会成员才能评议。"
        )
    members = [m for m in review_members(nomination.community) if m.pk not in _recused_ids(nomination)]
    if not members:
        return _("道德评议会目前没有在任成员，请在“组织机构”页面录入成员。")
    if not any(member.user_id for member in members):
        return _("道德评议会的成员都还没有关联账号，无法在线评议；请在居民登记中为成员关联账号。")
    return ""


@transaction.atomic
def review_opinion_record(
    *, actor: User, nomination: Nomination, agrees: bool | None, reason: str
) -> ReviewOpinion:
    """A member of the 道德评议会 agrees or disagrees, with the reason; the nomination passes when more than
    half of the body's current members agree, and fails when that can no longer happen."""
    authorize(actor, "merit.review", nomination)
    nomination = _locked(nomination)
    _consent_required(nomination)
    if nomination.state != NominationState.IN_REVIEW:
        raise Conflict(
            _("这项提名现在是“%(state)s”，不在评议中。") % {"state": nomination.get_state_display()},
            code="not_in_review",
        )
    member = next((m for m in review_members(nomination.community) if m.user_id == actor.pk), None)
    if member is None:
        raise NotPermitted(_("只有本村(社区)道德评议会的在任成员可以评议。"))
    if member.pk in _recused_ids(nomination):
        raise DomainError(_("您是被提名人或其家庭成员，请回避，不参加这项评议。"), code="recused")
    if not isinstance(agrees, bool):
        raise DomainError(_("请选择同意或不同意。"), field="agrees")
    reason = text_clean(reason, label=_("理由"), field="reason", minimum=2, maximum=REASON_MAX)
    now = timezone.now()
    try:
        with transaction.atomic():
            opinion = ReviewOpinion.objects.create(
                nomination=nomination, member=member, by=actor, agrees=agrees, reason=reason, at=now
            )
    except IntegrityError:
        raise Conflict(_("您已经评议过这项提名了。"), code="reviewed") from None
    due, agree, disagree, result = review_tally(nomination)
    outcome = ""
    if result is not None and result.passed:
        outcome = NominationState.PASSED
    elif result is not None:
        remaining = due - agree - disagree
        best = meeting_check(
            "body_meeting", present=due, in_favour=agree + remaining, against=disagree, members=due,
            majority="members",
        )  # fmt: skip
        if not best.passed:
            outcome = NominationState.NOT_PASSED
    if outcome:
        nomination.state, nomination.reviewed_at = outcome, now
        nomination.review_reason = (result.vote_reason if result else "")[:300]
        nomination.save(update_fields=["state", "reviewed_at", "review_reason", "updated_at"])
    _audit(actor, "merit.reviewed", nomination,
           {"agrees": agrees, "members": due, "agree": agree, "disagree": disagree, "outcome": outcome})  # fmt: skip
    if outcome == NominationState.PASSED:
        _notify(nomination.nominated_by, _("积德榜提名已通过道德评议会评议，待公示"), nomination)
    elif outcome == NominationState.NOT_PASSED:
        _notify(nomination.nominated_by, _("积德榜提名未通过道德评议会评议"), nomination)
        _notify(nomination.consenter.user, _("积德榜提名未通过道德评议会评议"), nomination)
    return opinion
