"""好差评: the applicant rates an application once it ends; a bad rating opens a follow-up (回访整改).

    issued | refused ──rate (the applicant, once, 1–5)──▶ rated
                                   └── rating ≤ 不满意 ──▶ FollowUp case "open" for the township (see followups.py)

Only the applicant (the case's author) rates, only once, and only after the
application ended (the case type's `rate_states`); the engine's `case_rate`
stores the rating on the case. A rating at or below `FOLLOWUP_AT_OR_BELOW`
opens a follow-up case in the same transaction: routed to the township
admin at township level, over the application's community, with its own
due time (the follow-up type's limits).
"""

from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _

from gongzhi.accounts.models import User
from gongzhi.audit.actions import audit_event_record
from gongzhi.cases.actions import case_open, case_rate, case_row_lock
from gongzhi.cases.models import Case, PrivacyTier
from gongzhi.cases.selectors import case_moves_for, case_routed_users
from gongzhi.core.authz import can
from gongzhi.core.errors import Conflict, DomainError, NotPermitted
from gongzhi.notices.actions import notice_send

from ..models import Application, FollowUp
from ..workflow import APPLICATION, FOLLOWUP_AT_OR_BELOW, FOLLOWUP_KIND, RATINGS
from .applying import application_url


@transaction.atomic
def application_rate(*, actor: User, application: Application, rating: int, comment: str = "") -> Application:
    """The applicant's 好差评 of an ended application, once; 不满意 or worse opens a follow-up."""
    if not can(actor, "hall.rate", application):
        raise NotPermitted(_("只有申请人本人可以评价这件办件。"))
    application = case_row_lock(application)
    case = application.case
    if "rate" not in case_moves_for(application, actor):
        if case.rating is not None:
            raise Conflict(_("这件办件已经评价过了，每件只能评价一次。"), code="already_rated")
        raise Conflict(
            _("办件办结后才能评价（现在是“%(state)s”）。") % {"state": APPLICATION.state_label(case.state)},
            code="not_ended",
        )
    if rating not in RATINGS:
        raise DomainError(_("请选择评价等级（非常满意到非常不满意）。"), field="rating")
    case = case_rate(case=case, actor=actor, rating=rating, comment=comment, url=application_url(application))
    followup = None
    if rating <= FOLLOWUP_AT_OR_BELOW:
        followup = _followup_open(application, case, actor, rating)
    audit_event_record(
        actor=actor,
        verb="hall.rated",
        target=case,
        area=case.community,
        summary={
            "rating": rating,
            "label": str(RATINGS[rating]),
            "followup": followup.pk if followup else None,
        },
    )
    return Application.objects.select_related("case", "matter").get(pk=application.pk)


def _followup_open(application: Application, case: Case, actor: User, rating: int) -> FollowUp:
    """The follow-up case of a bad rating: the township's, over the application's community, due per its type."""
    followup_case = case_open(
        case=Case(
            kind=FOLLOWUP_KIND,
            title=_("回访：%(matter)s") % {"matter": application.matter.name[:50]},
            body=case.rating_comment,
            author=case.author,
            resident=case.resident,
            community=case.community,
            area_path=case.area_path,
            privacy=PrivacyTier.STAFF_ONLY,
        ),
        actor=actor,
        note=_("评价“%(label)s”") % {"label": RATINGS[rating]},
    )
    followup = FollowUp.objects.create(case=followup_case, application=application)
    # Whoever the follow-up is routed to hears of it now, not only in tomorrow's digest.
    for user in case_routed_users(followup_case):
        notice_send(
            recipient=user,
            kind=f"case.{FOLLOWUP_KIND}",
            title=_("差评待回访：%(matter)s（%(community)s）")
            % {"matter": application.matter.name[:40], "community": case.community.name},
            body=_("申请人评价“%(label)s”，请按时回访整改。") % {"label": RATINGS[rating]},
            url=reverse("hall:followup", args=[followup.pk]),
        )
    return followup
