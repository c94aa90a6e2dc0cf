"""公示 on the community's public board, objections and their answers, the board, withdrawing."""

import datetime as dt

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gongzhi.accounts.models import User
from gongzhi.core.authz import authorize
from gongzhi.core.errors import Conflict, DomainError, NotFound
from gongzhi.core.text import text_clean

from ..models import (
    Nomination,
    NominationState,
    Objection,
)
from ..selectors import publicity_days_of
from .common import (
    LIVE_STATES,
    REASON_MAX,
    TEXT_MAX,
    _audit,
    _consent_required,
    _locked,
    _notify,
)


def publicity_end(start: dt.datetime, days: int) -> dt.datetime:
    """The end of a 公示 of `days` calendar days that starts at `start`: the day it starts is not counted and
    the last day ends at 24:00 (民法典 第二百零一条、第二百零三条), in the local time zone."""
    first = timezone.localtime(start).date()
    last = first + dt.timedelta(days=days)
    return dt.datetime.combine(
        last + dt.timedelta(days=1), dt.time.min, tzinfo=timezone.get_current_timezone()
    )


def _day(moment: dt.datetime) -> str:
    return timezone.localtime(moment).strftime("%Y-%m-%d")


@transaction.atomic
def nomination_publicise(*, actor: User, nomination: Nomination) -> Nomination:
    """Post a nomination the 道德评议会 passed on the community's public board for objections (公示)."""
    authorize(actor, "merit.keep", nomination)
    nomination = _locked(nomination)
    _consent_required(nomination)
    if nomination.state != NominationState.PASSED:
        raise Conflict(
            _("只有通过道德评议会评议的提名才能公示；这项提名现在是“%(state)s”。")
            % {"state": nomination.get_state_display()},
            code="not_passed",
        )
    from gongzhi.disclosures.actions import disclosure_publish
    from gongzhi.disclosures.models import DisclosureCategory

    now = timezone.now()
    days = publicity_days_of(nomination.community)
    ends = publicity_end(now, days)
    last_day = ends - dt.timedelta(days=1)
    body = "\n".join(
        [
            _("%(name)s（%(category)s）：%(title)s") % {"name": nomination.display_name,
                                                      "category": nomination.category.name, "title": nomination.title},
            nomination.story,
            _("经本人同意，并经村(社区)道德评议会评议通过，拟列入积德榜，现予公示。公示期%(days)d天，自%(start)s至"
              "%(end)s。对公示内容有异议的，请在公示期内登录后在公示页面提出，或向村(社区)反映。")
            % {"days": days, "start": _day(now + dt.timedelta(days=1)), "end": _day(last_day)},
        ]
    )  # fmt: skip
    disclosure = disclosure_publish(
        actor=actor,
        community=nomination.community,
        category=DisclosureCategory.AFFAIRS,
        title=(_("积德榜公示：%(name)s") % {"name": nomination.display_name})[:100],
        body=body,
        owner=nomination,
        purpose="merit_publicity",
        perm="merit.keep",
        perm_obj=nomination,
    )
    nomination.state, nomination.disclosure = NominationState.PUBLICISED, disclosure
    nomination.publicity_days, nomination.publicity_starts_at, nomination.publicity_ends_at = days, now, ends
    nomination.save()
    _audit(
        actor,
        "merit.publicised",
        nomination,
        {"days": days, "ends": _day(last_day), "disclosure": disclosure.pk},
    )
    _notify(nomination.nominated_by, _("积德榜提名已公示"), nomination)
    _notify(nomination.consenter.user, _("积德榜提名已公示"), nomination)
    return nomination


@transaction.atomic
def objection_record(*, actor: User, nomination: Nomination, text: str) -> Objection:
    """Anyone signed in objects during the 公示, once, with the reason."""
    authorize(actor, "merit.object", nomination)
    nomination = _locked(nomination)
    if nomination.state != NominationState.PUBLICISED or nomination.publicity_ends_at is None:
        raise Conflict(_("这项提名现在不在公示期内，不能提出异议。"), code="not_publicised")
    if timezone.now() >= nomination.publicity_ends_at:
        raise Conflict(
            _("公示期已于%(day)s结束，不能再提出异议。")
            % {"day": _day(nomination.publicity_ends_at - dt.timedelta(days=1))},
            code="publicity_over",
        )
    text = text_clean(text, label=_("异议理由"), field="text", minimum=5, maximum=TEXT_MAX)
    try:
        with transaction.atomic():
            objection = Objection.objects.create(
                nomination=nomination, by=actor, text=text, at=timezone.now()
            )
    except IntegrityError:
        raise Conflict(_("您已经对这项提名提出过异议了，工作人员会答复您。"), code="objected") from None
    _audit(actor, "merit.objected", nomination, {"objection": objection.pk, "characters": len(text)})
    return objection


@transaction.atomic
def objection_answer(
    *, actor: User, nomination: Nomination, objection_id: int, upheld: bool | None, answer: str
) -> Objection:
    """Staff answer an objection: upheld withdraws the nomination (and its 公示) with the answer as the
    reason; dismissed records the answer. Each objection is answered once."""
    authorize(actor, "merit.keep", nomination)
    nomination = _locked(nomination)
    objection = Objection.objects.select_for_update().filter(pk=objection_id, nomination=nomination).first()
    if objection is None:
        raise NotFound(_("未找到这条异议。"))
    if objection.answered:
        raise Conflict(_("这条异议已经答复过了。"), code="objection_answered")
    if not isinstance(upheld, bool):
        raise DomainError(_("请选择异议是否成立。"), field="upheld")
    answer = text_clean(answer, label=_("答复"), field="answer", minimum=2, maximum=TEXT_MAX)
    if upheld and nomination.state not in LIVE_STATES:
        raise Conflict(_("这项提名已经结束了。"), code="ended")
    now = timezone.now()
    objection.answer, objection.upheld, objection.answered_at, objection.answered_by = (
        answer,
        upheld,
        now,
        actor,
    )
    objection.save(update_fields=["answer", "upheld", "answered_at", "answered_by"])
    _audit(actor, "merit.objection_answered", nomination, {"objection": objection.pk, "upheld": upheld})
    if upheld:
        _withdraw(actor, nomination, _("异议成立：%(answer)s") % {"answer": answer})
    _notify(objection.by, _("您对积德榜公示的异议已答复"), nomination)
    return objection


@transaction.atomic
def nomination_place(*, actor: User, nomination: Nomination) -> Nomination:
    """Put the entry on the board: the 公示 period over and every objection answered."""
    authorize(actor, "merit.keep", nomination)
    nomination = _locked(nomination)
    _consent_required(nomination)
    if nomination.state != NominationState.PUBLICISED or nomination.publicity_ends_at is None:
        raise Conflict(
            _("只有公示期满的提名才能上榜；这项提名现在是“%(state)s”。")
            % {"state": nomination.get_state_display()},
            code="not_publicised",
        )
    now = timezone.now()
    if now < nomination.publicity_ends_at:
        raise Conflict(
            _("公示期到%(day)s结束，期满后才能上榜。")
            % {"day": _day(nomination.publicity_ends_at - dt.timedelta(days=1))},
            code="publicity_running",
        )
    open_objections = Objection.objects.filter(nomination=nomination, answered_at__isnull=True).count()
    if open_objections:
        raise Conflict(
            _("还有 %(n)d 条异议没有答复，答复后才能上榜。") % {"n": open_objections}, code="objections_open"
        )
    nomination.state, nomination.placed_at, nomination.placed_by = NominationState.ON_BOARD, now, actor
    nomination.save(update_fields=["state", "placed_at", "placed_by", "updated_at"])
    _audit(actor, "merit.placed", nomination, {"display_name": nomination.display_name})
    _notify(nomination.nominated_by, _("积德榜提名已上榜"), nomination)
    _notify(nomination.consenter.user, _("您的事迹已上积德榜"), nomination)
    return nomination


def _withdraw(
    actor: User,
    nomination: Nomination,
    reason: str,
    *,
    perm: str = "merit.keep",
    verb: str = "merit.withdrawn",
) -> None:
    former = nomination.state
    nomination.state, nomination.withdrawn_at, nomination.withdrawn_reason = (
        NominationState.WITHDRAWN,
        timezone.now(),
        reason[:300],
    )
    nomination.save(update_fields=["state", "withdrawn_at", "withdrawn_reason", "updated_at"])
    if nomination.disclosure_id is not None:
        from gongzhi.disclosures.actions import disclosure_withdraw
        from gongzhi.disclosures.models import Disclosure

        disclosure = Disclosure.objects.get(pk=nomination.disclosure_id)
        if not disclosure.is_withdrawn:
            disclosure_withdraw(
                actor=actor,
                disclosure=disclosure,
                reason=reason[:200],
                perm=perm,
                perm_obj=nomination,
            )
    _audit(actor, verb, nomination, {"from": former, "reason": reason[:300]})
    _notify(nomination.nominated_by, _("积德榜提名已撤回"), nomination)
    _notify(nomination.consenter.user, _("积德榜提名已撤回"), nomination)


@transaction.atomic
def nomination_withdraw(*, actor: User, nomination: Nomination, reason: str) -> Nomination:
    """Staff end a live nomination or take an entry off the board, with the reason (kept, never deleted)."""
    authorize(actor, "merit.keep", nomination)
    nomination = _locked(nomination)
    if nomination.state not in LIVE_STATES:
        raise Conflict(_("这项提名已经结束了。"), code="ended")
    reason = text_clean(reason, label=_("撤回理由"), field="reason", minimum=2, maximum=REASON_MAX)
    _withdraw(actor, nomination, reason)
    return nomination


@transaction.atomic
def nomination_consent_withdraw(*, actor: User, nomination: Nomination, reason: str = "") -> Nomination:
    """The nominee (or the household's head) takes back their consent by their own account, at any point after
    giving it (in review, passed, in 公示, on the board): the nomination ends as withdrawn, its 公示 is taken
    down, and the nominator and the keepers' record keep the reason. Consent given may always be taken back
    (个人信息保护法 第十五条)."""
    authorize(actor, "merit.consent", nomination)
    nomination = _locked(nomination)
    if nomination.state not in LIVE_STATES or nomination.state == NominationState.AWAITING_CONSENT:
        raise Conflict(
            _("这项提名现在是“%(state)s”，没有可以撤回的同意。") % {"state": nomination.get_state_display()},
            code="not_consented",
        )
    reason = text_clean(reason, label=_("撤回理由"), field="reason", minimum=0, maximum=REASON_MAX) or _(
        "本人撤回同意"
    )
    _withdraw(actor, nomination, reason, perm="merit.consent", verb="merit.consent_withdrawn")
    return nomination
