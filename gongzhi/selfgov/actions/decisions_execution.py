"""The execution of a decision: its tasks on the case engine, the supervisory committee's objections (answered within
7 days) and its acceptance (then the result is due on the public board)."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gongzhi.accounts.models import User
from gongzhi.audit.actions import audit_event_record
from gongzhi.cases.actions import case_move, case_open
from gongzhi.cases.models import Case, PrivacyTier
from gongzhi.core.authz import authorize
from gongzhi.core.errors import DomainError
from gongzhi.core.lifecycle import lifecycle_check, lifecycle_move
from gongzhi.core.text import text_clean
from gongzhi.workdays.selectors import due_for

from ..models import (
    Decision,
    DecisionObjection,
    DecisionState,
    DecisionTask,
    Stage,
)
from ..workflow.decisions import DECISION_TASK
from .decisions_common import (
    NOTE_MAX,
    OBJECTION_BASIS,
    OBJECTION_DAYS,
    _concerned,
    _keepers,
    _lock,
    _publication_due,
    _supervisors,
    _tell,
    decision_url,
)

# --- Execution: tasks on the case engine ---------------------------------------------------------------


@transaction.atomic
def decision_task_add(*, actor: User, decision: Decision, title: str, body: str = "") -> DecisionTask:
    """A task of the execution (a case of kind decision_task), while the decision is being carried out."""
    authorize(actor, "selfgov.keep_decision", decision)
    decision = _lock(decision)
    if decision.state != DecisionState.EXECUTING:
        raise DomainError(
            _("决议公开后才能安排实施任务（现在是“%(state)s”）。") % {"state": decision.get_state_display()},
            code="not_executing",
        )
    title = text_clean(title, label=_("任务名称"), field="title", minimum=2, maximum=60)
    body = text_clean(body, label=_("任务说明"), field="body", minimum=0, maximum=2000)
    case = case_open(
        case=Case(
            kind=DECISION_TASK.kind,
            title=title,
            body=body or title,
            author=actor,
            community=decision.community,
            area_path=decision.area_path,
            privacy=PrivacyTier.STAFF_ONLY,
        ),
        actor=actor,
        note=decision.title,
    )
    return DecisionTask.objects.create(case=case, decision=decision)


@transaction.atomic
def decision_task_move(*, actor: User, task: DecisionTask, verb: str, note: str = "") -> DecisionTask:
    """Start, note progress on, finish or cancel a task; the note lands on its timeline."""
    authorize(actor, "selfgov.keep_decision", task)
    decision = _lock(task.decision)
    if decision.state != DecisionState.EXECUTING:
        raise DomainError(_("这项决策已不在实施中，任务不能再变动。"), code="not_executing")
    note = text_clean(note, label=_("进展说明"), field="note", minimum=0, maximum=500)
    if verb == "progress" and not note:
        raise DomainError(_("请填写进展说明。"), field="note")
    if verb not in {move.verb for move in DECISION_TASK.moves}:
        raise DomainError(_("未知的操作。"), field="verb")
    case_move(case=task.case, verb=verb, actor=actor, note=note, url=decision_url(decision))
    return DecisionTask.objects.select_related("case").get(pk=task.pk)


# --- Supervision ---------------------------------------------------------------------------------


@transaction.atomic
def decision_object(*, actor: User, decision: Decision, text: str) -> DecisionObjection:
    """The supervisory committee objects to the execution; the committee must answer within 7 days."""
    authorize(actor, "selfgov.supervise_decision", decision)
    decision = _lock(decision)
    if decision.state != DecisionState.EXECUTING:
        raise DomainError(
            _("这项决策现在是“%(state)s”，不在实施中。") % {"state": decision.get_state_display()},
            code="not_executing",
        )
    text = text_clean(text, label=_("监督意见"), field="text", minimum=5, maximum=NOTE_MAX)
    due = due_for(timezone.now(), OBJECTION_DAYS, "calendar_days")
    objection = DecisionObjection.objects.create(
        decision=decision, text=text, raised_by=actor, due_at=due.at, due_basis=OBJECTION_BASIS
    )
    audit_event_record(
        actor=actor,
        verb="decision.objected",
        target=decision,
        area=decision.community,
        summary={"title": decision.title, "due": timezone.localtime(due.at).date().isoformat()},
    )
    _tell(
        _keepers(decision),
        actor=actor,
        title=_("监委会对「%(title)s」的实施提出意见") % {"title": decision.title},
        body=_("请在 %(due)s 前答复：%(text)s")
        % {"due": timezone.localtime(due.at).date().isoformat(), "text": text[:200]},
        url=decision_url(decision),
    )
    return objection


@transaction.atomic
def decision_objection_answer(*, actor: User, objection: DecisionObjection, answer: str) -> DecisionObjection:
    """The committee answers an objection (once)."""
    authorize(actor, "selfgov.keep_decision", objection.decision)
    objection = (
        DecisionObjection.objects.select_for_update(of=("self",))
        .select_related("decision__community", "raised_by")
        .get(pk=objection.pk)
    )
    if objection.answered_at is not None:
        raise DomainError(_("这条监督意见已经答复过了。"), code="already_answered")
    answer = text_clean(answer, label=_("答复"), field="answer", minimum=5, maximum=NOTE_MAX)
    now = timezone.now()
    objection.answer, objection.answered_by, objection.answered_at = answer, actor, now
    objection.save(update_fields=["answer", "answered_by", "answered_at"])
    audit_event_record(
        actor=actor,
        verb="decision.objection_answered",
        target=objection.decision,
        area=objection.decision.community,
        summary={"title": objection.decision.title, "overdue": now > objection.due_at},
    )
    _tell(
        [objection.raised_by, *_supervisors(objection.decision)],
        actor=actor,
        title=_("「%(title)s」的监督意见已答复") % {"title": objection.decision.title},
        body=answer[:200],
        url=decision_url(objection.decision),
    )
    return objection


@transaction.atomic
def decision_accept(*, actor: User, decision: Decision, note: str = "") -> Decision:
    """The supervisory committee accepts the execution: every task closed (one at least done), every objection
    answered. The result is then due for publication."""
    authorize(actor, "selfgov.supervise_decision", decision)
    decision = _lock(decision)
    lifecycle_check(decision, "accept")
    note = text_clean(note, label=_("验收意见"), field="note", minimum=0, maximum=NOTE_MAX)
    states = list(decision.tasks.values_list("case__state", flat=True))
    if "done" not in states:
        raise DomainError(_("还没有完成的实施任务，不能验收。"), code="no_task_done")
    if any(state not in DECISION_TASK.closed for state in states):
        raise DomainError(_("还有未完成的实施任务，不能验收。"), code="tasks_open")
    if decision.objections.filter(answered_at=None).exists():
        raise DomainError(_("还有未答复的监督意见，答复后才能验收。"), code="objection_open")
    lifecycle_move(
        decision,
        "accept",
        actor=actor,
        note=note,
        audit_verb="decision.accepted",
        area=decision.community,
        summary={"title": decision.title, "tasks": len(states), "note": note},
    )
    _publication_due(decision, actor=actor, stage=Stage.RESULT)
    _tell(
        _concerned(decision),
        actor=actor,
        title=_("「%(title)s」的实施已经监委会验收") % {"title": decision.title},
        body=_("请公开实施结果。"),
        url=decision_url(decision),
    )
    return decision
