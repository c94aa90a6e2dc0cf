"""The village power list's flow on an application (小微权力清单, decision 0044).

A matter of the catalogue bound to a power-list code (`Matter.power_code`, e.g. C01 低保民主评议和推荐)
is handled, for each application, by the flow of the applicant's community's item of that code (else its
township's template's), asked through the kernel hook `gongzhi.core.power_flows` — the hall never imports
the power list's app. The flow is copied onto the application (`ApplicationStep`) when its first step is
recorded, so a later edit of the list does not change an application under way.

    village_review:  核实 ─▶ 会议 (verdict) ─▶ 公示 (N days, objections answered) ─▶ 签批 ─▶ … ─▶ pass_up / approve_village
                     (each step once, in order, while the village reviews)        报送 = pass_up (初审通过，报乡镇)

The gate (`flow_gate`, called by guard.application_locked_for under the case's lock, before any write):
the moves that carry the application past the village — approve_village, pass_up (its 报送 steps are what
it does), approve, hand_off, hand_back_approved and issuing an approval — are refused, with the step that
is missing and nothing changed, until every step before them holds: a meeting's verdict recorded and
passed, a publication's period over with every objection answered. Refusing, rejecting, returning and
withdrawing are never held up: stopping is not skipping. An application that had left the village before its
matter was bound (no step recorded, past village review) is not held: its flow cannot be recorded any more;
returned to the village, it follows the flow from there.

Who records steps: the community's cadres who review it (`hall.keep_flow`). A meeting step records the
body's meeting through the meetings kernel (`meeting_record`: quorum by `core.quorum`, nothing stored when
inquorate); a publication goes on the community's public board through the disclosures kernel
(`disclosure_publish`). Rows: hall.step_fulfilled, hall.step_objection_received, hall.step_objection_answered.
"""

import datetime as dt
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gongzhi.accounts.models import User
from gongzhi.audit.actions import audit_event_record
from gongzhi.bodies.models import BodyKind
from gongzhi.bodies.selectors import body_of_kind, body_roll
from gongzhi.cases.actions import case_row_lock
from gongzhi.core.authz import authorize
from gongzhi.core.errors import Conflict, DomainError, NotFound, NotPermitted
from gongzhi.core.power_flows import MEETING, PUBLISH, REPORT, STEP_KINDS, FlowStep, power_flow_for
from gongzhi.core.quorum import RULES
from gongzhi.core.text import text_clean
from gongzhi.disclosures.actions import disclosure_publish
from gongzhi.disclosures.models import AFFAIRS
from gongzhi.meetings.actions.recording import ItemVote, meeting_record

from ..models import Application, ApplicationObjection, ApplicationStep, Decision, HandlingMode, Matter

NOTE_MAX = 500
FLOW_STATES = frozenset({"village_review"})
# Where an application still is, or will yet be, at the village: its flow can still be followed there.
BEFORE_THE_VILLAGE_LEFT = frozenset({"submitted", "supplementing", "township_window", "village_review"})
# The moves that carry an application past the village: each needs every step of its flow to hold.
GATED = frozenset({"approve_village", "pass_up", "approve", "hand_off", "hand_back_approved", "issue"})


def flow_of_matter(matter: Matter, community) -> tuple[str, tuple[FlowStep, ...]] | None:
    """(item name, steps) of the flow an application of `matter` in `community` follows, or None."""
    if not matter.power_code:
        return None
    flow = power_flow_for(community, matter.power_code)
    if flow is None:
        return None
    return f"{flow.code} {flow.name}", flow.steps


def flow_steps(application: Application) -> list[ApplicationStep]:
    return list(ApplicationStep.objects.filter(application=application).order_by("order"))


def _steps_ensure(application: Application) -> list[ApplicationStep]:
    """The application's copy of its flow, made on first use (under the caller's lock)."""
    steps = flow_steps(application)
    if steps:
        return steps
    flow = flow_of_matter(application.matter, application.case.community)
    if flow is None:
        return []
    code = application.matter.power_code
    return ApplicationStep.objects.bulk_create(
        [
            ApplicationStep(
                application=application,
                order=number,
                kind=step.kind,
                label=step.label,
                body=step.body,
                days=step.days,
                power_code=code,
            )  # fmt: skip
            for number, step in enumerate(flow[1], start=1)
        ]
    )


def step_holds(step: ApplicationStep, now: dt.datetime) -> bool:
    if step.done_at is None:
        return False
    if step.kind == MEETING:
        return bool(step.passed)
    if step.kind == PUBLISH:
        if step.ends_at is not None and now < step.ends_at:
            return False
        return not step.objections.filter(answered_at__isnull=True).exists()
    return True


def _when(moment: dt.datetime) -> str:
    return timezone.localtime(moment).strftime("%Y-%m-%d %H:%M")


def _blocker(step: ApplicationStep, code: str, now: dt.datetime, doing: str) -> Conflict:
    """Why the flow stops at `step` (which does not hold): the refusal, in Chinese, with a stable code."""
    names = {"code": code, "step": step.label, "n": step.order, "kind": STEP_KINDS.get(step.kind, step.kind)}
    if step.done_at is None:
        return Conflict(
            _("按小微权力清单“%(code)s”，须先完成第%(n)d步“%(step)s”（%(kind)s），不能跳过。") % names
            + doing,
            code="flow_step_pending",
        )
    if step.kind == MEETING:
        return Conflict(_("第%(n)d步“%(step)s”会议未通过，只能不予批准。") % names, code="flow_not_passed")
    if step.ends_at is not None and now < step.ends_at:
        return Conflict(
            _("第%(n)d步“%(step)s”公示期至%(end)s结束，公示期满前不能进行下一步。")
            % {**names, "end": _when(step.ends_at)},
            code="flow_publishing",
        )
    return Conflict(
        _("第%(n)d步“%(step)s”公示期间收到的异议尚未全部答复，答复后才能进行下一步。") % names,
        code="flow_objection_open",
    )


def flow_gate(application: Application, verb: str) -> None:
    """Refuse `verb` when it would skip a step of the application's flow (see the module's docstring)."""
    if verb not in GATED or not application.matter.power_code:
        return
    if verb == "issue" and application.decision != Decision.APPROVED:
        return
    flow = flow_of_matter(application.matter, application.case.community)
    steps = flow_steps(application)
    if not steps:
        if flow is None:
            return
        if application.case.state not in BEFORE_THE_VILLAGE_LEFT:
            # It left the village with no step recorded: its matter was bound after that (a bound matter's
            # moves out of village review are gated, and recording the first step copies the flow), so the
            # flow did not govern it. Steps cannot be recorded past the village: holding it would strand it.
            return
        steps = [
            ApplicationStep(order=number, kind=step.kind, label=step.label, body=step.body, days=step.days)
            for number, step in enumerate(flow[1], start=1)
        ]
    code = application.matter.power_code
    now = timezone.now()
    for step in steps:
        if (
            verb == "pass_up"
            and step.kind == REPORT
            and all(later.kind == REPORT for later in steps if later.order >= step.order)
        ):
            return  # the report to the township is this very move
        holds = step_holds(step, now) if step.pk else False
        if not holds:
            raise _blocker(step, code, now, _("（现在要%(verb)s）") % {"verb": _verb_label(verb)})


def _verb_label(verb: str) -> str:
    from ..workflow import APPLICATION

    return str(APPLICATION.verb_label(verb))


def flow_after_move(*, actor: User, application: Application, verb: str) -> None:
    """pass_up is the report to the township: its 报送 steps are fulfilled by it (one row each)."""
    if verb != "pass_up" or not application.matter.power_code:
        return
    now = timezone.now()
    for step in _steps_ensure(application):
        if step.kind == REPORT and step.done_at is None:
            step.done_at, step.done_by, step.note = now, actor, _("初审通过，已报乡镇")
            step.save(update_fields=["done_at", "done_by", "note"])
            _audit(actor, application, "hall.step_fulfilled", step, {})


def _audit(actor: User, application: Application, verb: str, step: ApplicationStep, extra: dict) -> None:
    audit_event_record(
        actor=actor,
        verb=verb,
        target=application,
        area=application.case.community,
        summary={
            "matter": application.matter.name,
            "code": step.power_code,
            "step": step.order,
            "kind": step.kind,
            "label": step.label,
            **extra,
        },  # fmt: skip
    )


@dataclass(frozen=True)
class StepMeeting:
    """A meeting step's record: the day, who came, the show of hands."""

    held_on: dt.date | None
    present: int | None
    in_favour: int | None
    against: int = 0
    abstaining: int = 0
    place: str = ""


def _locked(actor: User, application: Application) -> Application:
    authorize(actor, "hall.keep_flow", application)
    if application.case.author_id == actor.pk:  # 回避, as every staff move of the hall
        raise NotPermitted(_("这是您本人的申请，请由其他工作人员办理。"), code="own_application")
    locked = case_row_lock(application)
    if not locked.matter.power_code:
        raise DomainError(_("该事项没有对应的小微权力清单事项，无需按步骤办理。"), code="no_flow")
    return locked


def _count(value: int | None, field: str, label: str) -> int:
    if value is None or value < 0:
        raise DomainError(_("请填写%(label)s。") % {"label": label}, field=field)
    return value


@transaction.atomic
def application_step_fulfil(
    *,
    actor: User,
    application: Application,
    note: str = "",
    meeting: StepMeeting | None = None,
) -> ApplicationStep:
    """Record the next step of the application's flow: a verification, signature or report with its note,
    a meeting with its counts (the verdict by core.quorum), a publication with its text (on the board)."""
    locked = _locked(actor, application)
    if locked.case.state not in FLOW_STATES:
        raise Conflict(
            _("村级审核期间才能办理小微权力清单的步骤（受理后、报乡镇或准予前）。"), code="flow_not_now"
        )
    steps = _steps_ensure(locked)
    now = timezone.now()
    pending = [step for step in steps if step.done_at is None]
    if not pending:
        raise Conflict(_("小微权力清单的步骤已全部完成。"), code="flow_complete")
    step = pending[0]
    for earlier in steps[: step.order - 1]:
        if not step_holds(earlier, now):
            raise _blocker(earlier, locked.matter.power_code, now, "")
    note = text_clean(note, label=_("办理情况"), field="note", minimum=0 if step.kind == MEETING else 2,
                      maximum=NOTE_MAX)  # fmt: skip
    extra: dict = {}
    if step.kind == MEETING:
        extra = _meeting(actor, locked, step, meeting)
    elif step.kind == PUBLISH:
        disclosure = disclosure_publish(
            actor=actor,
            community=locked.case.community,
            category=AFFAIRS,
            title=_("公示：%(matter)s（%(step)s）") % {"matter": locked.matter.name, "step": step.label},
            body=note
            + "\n"
            + _("公示期%(days)d天，自%(start)s至%(end)s。对公示内容有异议的，请在公示期内向村(社区)提出。")
            % {"days": step.days, "start": _when(now), "end": _when(now + dt.timedelta(days=step.days))},
            owner=locked,
            purpose="hall_step",
            perm="hall.keep_flow",
            perm_obj=locked,
        )
        step.disclosure, step.ends_at = disclosure, now + dt.timedelta(days=step.days)
        extra = {"disclosure": disclosure.pk, "ends_at": step.ends_at.isoformat()}
    step.done_at, step.done_by, step.note = now, actor, note
    step.save(update_fields=["done_at", "done_by", "note", "meeting", "passed", "disclosure", "ends_at"])
    _audit(actor, locked, "hall.step_fulfilled", step, extra)
    return step


def _meeting(actor: User, application: Application, step: ApplicationStep, data: StepMeeting | None) -> dict:
    if data is None:
        raise DomainError(_("这一步是会议，请填写会议日期、到会人数和表决结果。"), field="held_on")
    community = application.case.community
    body = body_of_kind(community, step.body)
    kind_label = BodyKind(step.body).label if step.body in BodyKind.values else step.body
    if body is None:
        raise DomainError(
            _("本村(社区)还没有登记“%(body)s”，请先在组织机构中登记。") % {"body": kind_label}, code="no_body"
        )
    roll = body_roll(body, data.held_on)
    if roll.adults is None and not roll.seats:
        raise DomainError(
            _("“%(body)s”还没有登记成员，无法计算应到人数。") % {"body": body.name}, code="no_members"
        )
    rule = RULES[body.meeting_rule]
    recorded = meeting_record(
        actor=actor,
        area=community,
        body_kind=body.meeting_rule,
        held_on=data.held_on,
        present=_count(data.present, "present", _("实到人数")),
        members=len(roll.seats) if roll.adults is None else None,
        adults=roll.adults,
        households=roll.households,
        place=data.place,
        purpose="hall_step",
        owner=application,
        items=[
            ItemVote(
                f"{step.label}：{application.matter.name}",
                in_favour=_count(data.in_favour, "in_favour", _("赞成人数")),
                against=_count(data.against, "against", _("反对人数")),
                abstaining=_count(data.abstaining, "abstaining", _("弃权人数")),
                majority=rule.default_majority,
            )
        ],
        perm="hall.keep_flow",
        perm_obj=application,
    )
    item = recorded.items.get()
    step.meeting, step.passed = recorded, bool(item.passed)
    return {"meeting": recorded.pk, "body": body.name, "present": recorded.present, "in_favour": item.in_favour,
            "against": item.against, "abstaining": item.abstaining, "passed": step.passed}  # fmt: skip


def _publishing(locked: Application) -> ApplicationStep:
    now = timezone.now()
    for step in flow_steps(locked):
        if (
            step.kind == PUBLISH
            and step.done_at is not None
            and step.ends_at is not None
            and now < step.ends_at
        ):
            return step
    raise Conflict(_("现在不在公示期内，不能登记异议。"), code="flow_not_publishing")


@transaction.atomic
def application_objection_record(*, actor: User, application: Application, text: str) -> ApplicationObjection:
    """An objection received during the publication (the resident's words, as staff took them down)."""
    locked = _locked(actor, application)
    text = text_clean(text, label=_("异议内容"), field="text", minimum=2, maximum=NOTE_MAX)
    step = _publishing(locked)
    objection = ApplicationObjection.objects.create(
        step=step, text=text, received_at=timezone.now(), received_by=actor
    )
    _audit(actor, locked, "hall.step_objection_received", step, {"objection": objection.pk})
    return objection


@transaction.atomic
def application_objection_answer(
    *, actor: User, application: Application, objection_id: int, answer: str
) -> ApplicationObjection:
    locked = _locked(actor, application)
    objection = (
        ApplicationObjection.objects.select_for_update()
        .filter(pk=objection_id, step__application=locked)
        .select_related("step")
        .first()
    )
    if objection is None:
        raise NotFound(_("未找到这条异议。"))
    if objection.answered_at is not None:
        raise Conflict(_("这条异议已经答复过了。"), code="objection_answered")
    objection.answer = text_clean(answer, label=_("答复"), field="answer", minimum=2, maximum=NOTE_MAX)
    objection.answered_at, objection.answered_by = timezone.now(), actor
    objection.save(update_fields=["answer", "answered_at", "answered_by"])
    _audit(actor, locked, "hall.step_objection_answered", objection.step, {"objection": objection.pk})
    return objection


def power_code_check(township, code: str, *, mode: str, village_review: bool) -> None:
    """A power-list code a matter may be bound to: its township's template has the item, and the village
    settles or first reviews the matter (where the flow's steps are recorded). "" (unbound) always may."""
    if not code:
        return
    if not (mode == HandlingMode.VILLAGE_DIRECT or village_review):
        raise DomainError(
            _("按小微权力清单办理的事项须由村(社区)办理或初审，请先设为村级办结或村级初审。"),
            field="power_code",
        )
    if power_flow_for(township, code) is None:
        raise DomainError(
            _("乡镇的小微权力清单模板中没有编号为“%(code)s”的在用事项。") % {"code": code}, field="power_code"
        )


@transaction.atomic
def matter_power_bind(*, actor: User, matter: Matter, code: str) -> Matter:
    """Bind a matter of the catalogue to a power-list code ("" unbinds): its township's template must have
    the item, and the matter must be reviewed by the village (where the flow's steps are recorded)."""
    authorize(actor, "hall.catalogue_manage", matter)
    matter = Matter.objects.select_for_update().select_related("township").get(pk=matter.pk)
    code = (code or "").strip().upper()
    power_code_check(matter.township, code, mode=matter.mode, village_review=matter.village_review)
    if code == matter.power_code:
        return matter
    before = matter.power_code
    matter.power_code = code
    matter.save(update_fields=["power_code", "updated_at"])
    audit_event_record(actor=actor, verb="hall.matter_power_bound", target=matter, area=matter.township,
                       summary={"matter": matter.name, "from": before, "to": code})  # fmt: skip
    return matter
