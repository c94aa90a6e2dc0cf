"""One guard for every move on an application: lock it, then say why the move is not the actor's, or which it is.

Every move of the hall (the front desk's, the applicant's, the back office's, the window's issuing) starts
here, so that its refusals are alike wherever it is made, on a page or over the API:

- 404 when the actor may not see the application at all;
- 403 when it is the actor's own application and the move is staff's (回避: the case type's `recusal`,
  applied by `case_moves_for`), said as such;
- the first of `verbs` the actor may make now (`case_moves_for` on the locked row: routing by stage and
  department, the matter's handling mode, each move's permission);
- else 409 when the state allows none of them — naming who moved it last where a decision or an issue
  was beaten to it ("已由…处理，无需重复办理"), or the current state;
- else 403 when the application is routed to someone else, naming who handles it;
- else 409 when the matter's handling mode has no such step;
- and, for a move the actor may make, 409 when it would skip a step of the village power list's flow the
  application follows (flow.py: `flow_gate`).

The lock is the case row's (`case_row_lock`): of two people making a move at once, the second waits and
then finds the state the first left.
"""

from collections.abc import Iterable

from django.utils import timezone
from django.utils.translation import gettext as _

from gongzhi.accounts.models import User
from gongzhi.cases.actions import case_row_lock
from gongzhi.cases.models import CaseEvent
from gongzhi.cases.selectors import case_moves_for, case_routed_to
from gongzhi.core.authz import can
from gongzhi.core.errors import Conflict, NotFound, NotPermitted

from ..models import Application
from ..workflow import APPLICATION
from .flow import flow_gate

# What a move is, for the refusals' wording: the front desk's, the applicant's, a decision, the issue.
KINDS = ("desk", "applicant", "decide", "issue")


def _who(user: User | None) -> str:
    return (user.display_name or user.username) if user is not None else _("系统")


def _last_move(case) -> str | None:
    """ "已由张三于2026-12-06 10:00受理" of the case's last move, or None before any."""
    last = CaseEvent.objects.filter(case=case).select_related("actor").order_by("-at", "-id").first()
    if last is None or last.verb == "open":
        return None
    verbs = {move.verb for move in APPLICATION.moves}
    return _("已由%(who)s于%(when)s%(verb)s") % {
        "who": _who(last.actor),
        "when": timezone.localtime(last.at).strftime("%Y-%m-%d %H:%M"),
        "verb": APPLICATION.verb_label(last.verb) if last.verb in verbs else last.verb,
    }


def application_locked_for(
    *, actor: User, application: Application, verbs: Iterable[str], kind: str
) -> tuple[Application, str]:
    """Lock `application` (its case first) and return it with the first of `verbs` the actor may make now."""
    assert kind in KINDS, kind
    verbs = list(verbs)
    if not can(actor, "hall.view", application):
        raise NotFound(_("未找到该办件，或您无权查看。"))
    locked = case_row_lock(application)
    case = locked.case
    allowed = case_moves_for(locked, actor)
    for verb in verbs:
        if verb in allowed:
            flow_gate(locked, verb)  # the power list's flow: no step skipped (flow.py)
            return locked, verb
    state = APPLICATION.state_label(case.state)
    possible = [verb for verb in verbs if APPLICATION.move(verb, case.state) is not None]
    routed = case_routed_to(actor, case)
    if possible and kind != "applicant" and case.author_id == actor.pk and routed:
        raise NotPermitted(
            _("这是您本人的申请，请由其他审批人员办理。")
            if kind == "decide"
            else _("这是您本人的申请，请由其他工作人员办理。"),
            code="own_application",
        )
    if not possible:
        if kind == "issue" and case.state not in APPLICATION.closed:
            raise Conflict(
                _("审批通过或不予批准后才能出件（现为“%(state)s”）。") % {"state": state}, code="not_decided"
            )
        last = _last_move(case) if kind in {"decide", "issue"} else None
        if last is not None:
            raise Conflict(
                _("该办件%(last)s（现为“%(state)s”），无需重复办理。") % {"last": last, "state": state},
                code="already_handled",
            )
        raise Conflict(
            _("办件当前为“%(state)s”，不能%(verb)s。")
            % {"state": state, "verb": APPLICATION.verb_label(verbs[0])},
            code="wrong_state",
        )
    if kind == "applicant" or not routed:
        raise NotPermitted(_routed_elsewhere(locked, kind))
    raise Conflict(
        _("该事项的办理方式不适用“%(verb)s”。") % {"verb": APPLICATION.verb_label(verbs[0])},
        code="not_for_mode",
    )


def _routed_elsewhere(application: Application, kind: str) -> str:
    case = application.case
    if kind == "applicant":
        return _("这一步由申请人或代为申请的人办理。")
    if kind == "issue":
        return _("出件由申请人所在村(社区)的窗口办理，您不能出件。")
    if kind == "desk":
        return _("这一步由申请人所在村(社区)或乡镇的窗口办理，您不能办理。")
    if case.state == "village_review":
        return _("该办件由%(community)s村(社区)初审，您不能办理。") % {"community": case.community.name}
    department = (
        application.matter.department.name if application.matter.department is not None else _("审批部门")
    )
    return _("该办件由%(department)s审批，只有该部门的审批人员可以办理。") % {"department": department}
