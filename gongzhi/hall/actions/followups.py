"""回访整改: the township follows up a bad rating — calls the applicant, then remedies what went wrong.

    open ──visit (what the follow-up call found)──▶ rectifying ──rectify (what was remedied)──▶ done

The follow-up case is routed to the township admin (社治办) at township
level over the application's community (workflow.FOLLOWUP); each move is
allowed only when `case_moves_for` offers it to the actor. Every move tells
the applicant (the follow-up case's author) what was found and remedied,
with a link to their application.
"""

from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _

from gongzhi.accounts.models import User
from gongzhi.audit.actions import audit_event_record
from gongzhi.cases.actions import case_move, case_row_lock
from gongzhi.cases.selectors import case_moves_for
from gongzhi.core.authz import authorize
from gongzhi.core.errors import Conflict
from gongzhi.core.text import text_clean

from ..models import FollowUp
from ..workflow import FOLLOWUP

TEXT_MAX = 500


def _move(*, actor: User, followup: FollowUp, verb: str, field: str, label: str, text: str) -> FollowUp:
    authorize(actor, "hall.view_followups", followup)
    text = text_clean(text, label=label, field=field, minimum=2, maximum=TEXT_MAX)
    followup = case_row_lock(followup)
    if verb not in case_moves_for(followup, actor):
        raise Conflict(
            _("回访整改当前为“%(state)s”，不能%(verb)s。")
            % {"state": FOLLOWUP.state_label(followup.case.state), "verb": FOLLOWUP.verb_label(verb)}
        )
    setattr(followup, field, text)
    followup.save(update_fields=[field])
    case = case_move(
        case=followup.case,
        verb=verb,
        actor=actor,
        note=text,
        url=reverse("hall:detail", args=[followup.application_id]),
    )
    audit_event_record(
        actor=actor,
        verb="hall.followup_visited" if verb == "visit" else "hall.followup_rectified",
        target=case,
        area=case.community,
        summary={field: text, "application": followup.application_id},
    )
    return FollowUp.objects.select_related("case", "application__matter").get(pk=followup.pk)


@transaction.atomic
def followup_visit(*, actor: User, followup: FollowUp, finding: str) -> FollowUp:
    """Record what the follow-up call found (回访情况); the rectification starts."""
    return _move(
        actor=actor, followup=followup, verb="visit", field="finding", label=_("回访情况"), text=finding
    )


@transaction.atomic
def followup_rectify(*, actor: User, followup: FollowUp, remedy: str) -> FollowUp:
    """Record what was remedied (整改措施); the follow-up ends and the applicant is told."""
    return _move(
        actor=actor, followup=followup, verb="rectify", field="remedy", label=_("整改措施"), text=remedy
    )
