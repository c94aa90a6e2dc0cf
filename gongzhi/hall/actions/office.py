"""后台审批: the back office's moves on an application, on the case engine.

    village_review ─pass_up─▶ township_review ─approve─▶ approved ─issue (issuing.py)─▶ issued
       │   │                    │  │  └─reject─▶ rejected ─issue──────────────────────┘
       │   └─approve_village─▶  │  └─hand_off─▶ external ─hand_back_approved─▶ approved
       │     reject_village     │                        └─hand_back_rejected─▶ rejected
       └─return─▶ submitted ◀───┘ return (return_window ─▶ township_window: 村级受理·转乡级窗口)

Who: whoever the case is routed to in its state — the village's cadres for a
village review, the officers of the matter's department (`Case.department`)
for the township's review and the county hand-off — as
`cases.selectors.case_moves_for` answers, which also applies the matter's
handling mode. Anyone else who may see the application gets a refusal that
names who decides (403); someone who may not see it gets 404.

Exactly one decision: every move locks the case row first and then asks
again which moves the actor may make in the state it finds, so of two
officers deciding at once the second waits for the first and is told who
already handled it (409), and nothing of theirs is written.

The opinion: optional to approve or pass up, required to reject or return
(行政许可法 第三十八条: a refusal states its reasons). Decisions are written
on the application (decision, decision_reason, decided_at/by).

The due time of the review states is the matter's promised limit chained
from acceptance (limits.promised_due), kept across pass_up and hand_off.

A hand-off to a county office outside gongzhi records the date it left; the
hand-back records the date the answer came and the county's decision. Dates
are entered by the officer (the paper may have gone days ago): never in the
future, never before acceptance (hand-off) or the hand-off (hand-back).
"""

import datetime as dt
from types import SimpleNamespace
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gongzhi.accounts.models import User
from gongzhi.audit.actions import audit_event_record
from gongzhi.cases.actions import case_move
from gongzhi.core.errors import DomainError
from gongzhi.core.text import text_clean

from ..limits import Step, promised_due
from ..models import Application, Decision
from ..workflow import APPLICATION
from .applying import application_url
from .flow import flow_after_move
from .guard import application_locked_for

OPINION_MAX = 500
REVIEW_STATES = frozenset({"village_review", "township_review", "external"})
# The moves of this module: verb → (decision written, opinion required).
DECISIONS: dict[str, tuple[str, bool]] = {
    "pass_up": ("", False),
    "approve_village": (Decision.APPROVED, False),
    "reject_village": (Decision.REJECTED, True),
    "approve": (Decision.APPROVED, False),
    "reject": (Decision.REJECTED, True),
    "return": ("", True),
    "return_window": ("", True),
}
OFFICE_VERBS = (*DECISIONS, "hand_off", "hand_back_approved", "hand_back_rejected")


def move_guard(*, actor: User, application: Application, verb: str, kind: str) -> Application:
    """Lock the application (its case first) and make sure `verb` is the actor's to make now (guard.py).

    `kind` words the refusals: "decide" (back office) or "issue" (the window)."""
    return application_locked_for(actor=actor, application=application, verbs=(verb,), kind=kind)[0]


def _review_due(application: Application) -> Any:
    """The promised due time of the review states: chained from acceptance, else the one the case has."""
    case = application.case
    if application.accepted_at is not None:
        steps = [Step(s.name, s.amount, s.unit) for s in application.matter.steps.all()]
        due = promised_due(application.accepted_at, steps)
        if due is not None:
            return due
    if case.due_at is None:
        return None
    return SimpleNamespace(
        at=case.due_at, limit_label=case.due_limit, basis=case.due_basis, basis_note=case.due_note
    )


def opinion_clean(opinion: str | None, *, required: bool) -> str:
    if required and not (opinion or "").strip():
        raise DomainError(_("不予批准或退回，请写明理由。"), field="opinion")
    return text_clean(opinion, label=_("审批意见"), field="opinion", minimum=2 if required else 0,
                      maximum=OPINION_MAX)  # fmt: skip


def _record(actor: User, application: Application, verb: str, summary: dict) -> None:
    audit_event_record(actor=actor, verb=verb, target=application, area=application.case.community,
                       summary={"matter": application.matter.name, **summary})  # fmt: skip


@transaction.atomic
def application_decide(*, actor: User, application: Application, verb: str, opinion: str = "") -> Application:
    """pass_up, approve(_village), reject(_village), return(_window): the officer's opinion on the timeline;
    a decision is written on the application."""
    if verb not in DECISIONS:
        raise DomainError(_("未知的审批操作。"), code="unknown_move")
    decision, required = DECISIONS[verb]
    opinion = opinion_clean(opinion, required=required)
    locked = move_guard(actor=actor, application=application, verb=verb, kind="decide")
    target = APPLICATION.move(verb, locked.case.state)
    assert target is not None
    due = _review_due(locked) if target.target in REVIEW_STATES else None
    case_move(case=locked.case, verb=verb, actor=actor, note=opinion, url=application_url(locked), due=due)
    fields = []
    if decision:
        locked.decision, locked.decision_reason = decision, opinion
        locked.decided_at, locked.decided_by = timezone.now(), actor
        fields = ["decision", "decision_reason", "decided_at", "decided_by"]
    elif verb in {"return", "return_window"}:
        locked.decision, locked.decision_reason, locked.decided_at, locked.decided_by = "", "", None, None
        fields = ["decision", "decision_reason", "decided_at", "decided_by"]
    if fields:
        locked.save(update_fields=fields)
    flow_after_move(actor=actor, application=locked, verb=verb)
    _record(actor, locked, "hall.decided" if decision else f"hall.{'passed_up' if verb == 'pass_up' else 'returned'}",
            {"move": verb, "decision": decision, "opinion": opinion})  # fmt: skip
    return Application.objects.select_related("case", "matter").get(pk=locked.pk)


def _date_checked(
    value: Any, *, field: str, label: str, not_before: dt.datetime | None, before_label: str
) -> dt.date:
    if not isinstance(value, dt.date) or isinstance(value, dt.datetime):
        raise DomainError(_("请填写%(label)s。") % {"label": label}, field=field)
    today = timezone.localdate()
    if value > today:
        raise DomainError(_("%(label)s不能晚于今天。") % {"label": label}, field=field)
    if not_before is not None and value < timezone.localtime(not_before).date():
        raise DomainError(
            _("%(label)s不能早于%(before)s（%(date)s）。")
            % {
                "label": label,
                "before": before_label,
                "date": timezone.localtime(not_before).strftime("%Y-%m-%d"),
            },
            field=field,
        )
    return value


def _moment(day: dt.date) -> dt.datetime:
    """The date an officer entered, as a moment: now if today, else that day's start (Asia/Shanghai)."""
    if day == timezone.localdate():
        return timezone.now()
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))


@transaction.atomic
def application_hand_off(
    *, actor: User, application: Application, sent_on: dt.date | None, opinion: str = ""
) -> Application:
    """The township's review is done; the file goes to the county office the matter names, on `sent_on`
    (missing: refused with 请填写报送日期)."""
    opinion = opinion_clean(opinion, required=False)
    locked = move_guard(actor=actor, application=application, verb="hand_off", kind="decide")
    sent_on = _date_checked(sent_on, field="sent_on", label=_("报送日期"), not_before=locked.accepted_at,
                            before_label=_("受理日期"))  # fmt: skip
    note = _("报%(office)s，%(date)s送出。") % {
        "office": locked.matter.county_office,
        "date": sent_on.isoformat(),
    }
    case_move(case=locked.case, verb="hand_off", actor=actor, note=f"{note}{opinion}", url=application_url(locked),
              due=_review_due(locked))  # fmt: skip
    locked.handed_off_at, locked.handed_back_at = _moment(sent_on), None
    locked.save(update_fields=["handed_off_at", "handed_back_at"])
    _record(actor, locked, "hall.handed_off",
            {"office": locked.matter.county_office, "sent_on": sent_on.isoformat(), "opinion": opinion})  # fmt: skip
    return Application.objects.select_related("case", "matter").get(pk=locked.pk)


@transaction.atomic
def application_hand_back(
    *, actor: User, application: Application, approved: bool, answered_on: dt.date | None, opinion: str = ""
) -> Application:
    """The county office answered (on `answered_on`, required): its decision is recorded as the application's."""
    verb = "hand_back_approved" if approved else "hand_back_rejected"
    opinion = opinion_clean(opinion, required=not approved)
    locked = move_guard(actor=actor, application=application, verb=verb, kind="decide")
    answered_on = _date_checked(answered_on, field="answered_on", label=_("县级答复日期"),
                                not_before=locked.handed_off_at, before_label=_("报送日期"))  # fmt: skip
    office = locked.matter.county_office
    note = _("%(office)s于%(date)s答复：%(decision)s。") % {
        "office": office, "date": answered_on.isoformat(),
        "decision": Decision.APPROVED.label if approved else Decision.REJECTED.label,
    }  # fmt: skip
    case_move(case=locked.case, verb=verb, actor=actor, note=f"{note}{opinion}", url=application_url(locked))
    locked.handed_back_at = _moment(answered_on)
    locked.decision = Decision.APPROVED if approved else Decision.REJECTED
    locked.decision_reason = opinion
    locked.decided_at, locked.decided_by = locked.handed_back_at, actor
    locked.save(update_fields=["handed_back_at", "decision", "decision_reason", "decided_at", "decided_by"])
    _record(actor, locked, "hall.handed_back",
            {"office": office, "answered_on": answered_on.isoformat(), "decision": locked.decision,
             "opinion": opinion})  # fmt: skip
    return Application.objects.select_related("case", "matter").get(pk=locked.pk)
