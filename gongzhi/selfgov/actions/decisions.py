"""四议两公开 decisions, their execution and supervision, and the village power list.

    decision_start ─▶ proposal ─▶ consultation ─▶ review ─▶ resolution ─▶ disclosure ─▶ executing ─▶ result ─▶ done
                      (党组织)     (两委会)        (党员大会)  (村民会议/代表会议)  (决议公开)   tasks,      (验收后)  (实施结果公开)
                      └─ 一肩挑: one joint meeting records 提议 and 商议 ─┘                      objections

Each of the four meeting stages is recorded with gongzhi.meetings'
`meeting_record` for the community's body of that stage (gongzhi.bodies:
its rule of core.quorum, its roll): a meeting short of its quorum records
nothing and the decision stays where it was; a vote that fails is kept (the
meeting and its verdict) and ends the decision as not adopted (未通过 — the
matter is not carried out; the party organisation may propose it again as a
new decision). The stages must follow in order; a stage the decision's flow
does not need (its power item) is passed by the system with a note, never
for the matter types that must go through all six. Where the party
secretary is also the committee's chair (一肩挑, derived by
gongzhi.bodies.selectors.shoulder_one) the proposal is made at a joint
meeting that also consults (stages 1 and 2 merged).

Stages 5 and 6 are publications on the community's public board
(gongzhi.disclosures): a resolution is registered as due there as a major
matter the moment the decision waits for its publication
(`disclosure_due_register`, the board's statutory due date and overdue
mark), and the result the moment the supervisory committee accepts the
execution; publishing (`disclosure_publish`, owner = the decision, purpose
"decision_resolution" / "decision_result") fulfils the due and moves the
decision on. The execution's tasks are cases of kind
"decision_task" (progress notes on their timeline). The supervisory
committee accepts the execution — when every task is closed and every
objection answered — or objects; an objection is due for an answer within 7
calendar days (民法典第二百零一条: the day it is raised does not count; the
7th day ends at midnight), overdue shown on the page.

The power list: the township's 社治办 installs and edits its template (the
shipped standard, gongzhi.selfgov.power_standard); a community adopts a
copy and its staff edit it. An item of a matter type that must go through
all six stages keeps all six.

Every action authorizes first, locks what it reads to change, writes one
audit event (or the lifecycle's) in its transaction, and tells the people
concerned (never the actor).
"""

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gongzhi.accounts.models import User
from gongzhi.areas.models import Area, AreaKind
from gongzhi.audit.actions import audit_event_record
from gongzhi.bodies.models import Body
from gongzhi.bodies.selectors import body_of_kind, body_roll
from gongzhi.core.authz import authorize
from gongzhi.core.errors import Conflict, DomainError
from gongzhi.core.lifecycle import lifecycle_check, lifecycle_move
from gongzhi.core.quorum import RULES, meeting_check
from gongzhi.core.text import text_clean
from gongzhi.disclosures.actions import disclosure_publish
from gongzhi.meetings.actions import (
    AgendaEntry,
    ItemVote,
    RollEntry,
    meeting_agenda_vote_takeable,
    meeting_convene,
    meeting_record,
)
from gongzhi.meetings.models import Meeting, MeetingAgendaItem, MeetingItem, MeetingMethod

from ..models import (
    MANDATORY_TYPES,
    MEETING_STAGES,
    STAGES,
    Decision,
    DecisionStage,
    DecisionState,
    MatterType,
    OriginKind,
    PowerItem,
    Stage,
)
from ..selectors.decisions import decision_stage_kinds
from ..workflow.decisions import DECISION, MEETING_VERBS, SKIP_VERBS
from .decisions_common import (
    BODY_MAX,
    NOTE_MAX,
    PURPOSES,
    RESOLUTION_BODIES,
    TEXT_MAX,
    TITLE_MAX,
    WHERE_MAX,
    _category,
    _concerned,
    _lock,
    _publication_due,
    _tell,
    decision_url,
)

# --- Starting a decision ------------------------------------------------------------------------


@transaction.atomic
def decision_start(
    *,
    actor: User,
    community: Area,
    title: str,
    body: str,
    origin_kind: str,
    matter_type: str = "",
    power_item: PowerItem | None = None,
    origin=None,
    origin_title: str = "",
    tell: Iterable[User | None] = (),
) -> Decision:
    """Start a decision of a community at its first stage (党组织提议).

    `origin` is the record that started it (a proposal, a wish's or situation
    note's case, a township assignment), kept as a generic link; `tell` are
    the people who hear of every stage besides the staff (the proposal's
    author: the proposals half passes them). With a power item the matter type
    and the flow are the item's; without, the flow is all six stages."""
    authorize(actor, "selfgov.start_decision", community)
    if community.kind != AreaKind.COMMUNITY:
        raise DomainError(_("决策事项属于村(社区)。"), field="community")
    title = text_clean(title, label=_("事项名称"), field="title", minimum=2, maximum=TITLE_MAX)
    body = text_clean(body, label=_("事项内容"), field="body", minimum=5, maximum=BODY_MAX)
    if origin_kind not in OriginKind.values:
        raise DomainError(_("请选择事项来源。"), field="origin_kind")
    if power_item is not None:
        if power_item.area_id != community.pk:
            raise DomainError(_("请从本村(社区)的权力清单中选择事项。"), field="power_item")
        if not power_item.active:
            raise DomainError(_("这项权力已停用。"), field="power_item")
        if not power_item.decided:
            raise DomainError(
                _("“%(name)s”按办理流程办理，不经四议两公开决策：%(procedure)s")
                % {"name": power_item.name, "procedure": power_item.procedure},
                field="power_item",
            )
        matter_type, stages = power_item.matter_type, list(power_item.stages)
    else:
        if matter_type not in MatterType.values:
            raise DomainError(_("请选择权力清单事项或事项类型。"), field="matter_type")
        stages = list(STAGES)
    if matter_type in MANDATORY_TYPES:
        stages = list(STAGES)  # whatever an older list said
    origin_title = origin_title or (str(origin) if origin is not None else "")
    decision = Decision.objects.create(
        community=community,
        area_path=community.path,
        title=title,
        body=body,
        matter_type=matter_type,
        power_item=power_item,
        stages=stages,
        state=DECISION.initial,
        origin_kind=origin_kind,
        origin_app=origin._meta.app_label if origin is not None else "",
        origin_model=origin._meta.model_name if origin is not None else "",
        origin_id=origin.pk if origin is not None else None,
        origin_title=origin_title[:120],
        started_by=actor,
    )
    told = [user for user in tell if user is not None]
    if told:
        decision.watchers.add(*told)
    DECISION.event(decision, actor=actor, verb="start", from_state="", to_state=decision.state)  # type: ignore[misc]
    audit_event_record(
        actor=actor,
        verb="decision.started",
        target=decision,
        area=community,
        summary={
            "title": title,
            "matter_type": matter_type,
            "power_item": power_item.code if power_item else "",
            "origin": origin_kind,
            "stages": len(stages),
        },
    )
    _skip_unneeded(decision, actor=actor)
    _tell(
        _concerned(decision),
        actor=actor,
        title=_("新的决策事项「%(title)s」") % {"title": title},
        body=_("按四议两公开办理，现为“%(state)s”。") % {"state": DECISION.state_label(decision.state)},
        url=decision_url(decision),
    )
    return decision


def _skip_unneeded(decision: Decision, *, actor: User) -> None:
    """Pass the meeting stages the decision's flow does not need (never for a mandatory matter type)."""
    while decision.state in SKIP_VERBS and decision.state not in decision.stages:
        if decision.mandatory:  # pragma: no cover - decision_start gives these every stage
            raise DomainError(_("这类事项必须完整经过四议两公开，不能跳过任何环节。"))
        stage = decision.state
        DecisionStage.objects.create(decision=decision, stage=stage, skipped=True, recorded_by=actor)
        note = _("“%(item)s”的办理流程不经“%(stage)s”。") % {
            "item": decision.power_item.name if decision.power_item else decision.get_matter_type_display(),
            "stage": Stage(stage).label,
        }
        lifecycle_move(
            decision,
            SKIP_VERBS[stage],
            actor=actor,
            note=note,
            audit_verb="decision.stage_skipped",
            area=decision.community,
            summary={"stage": stage},
        )
    if decision.state == DecisionState.DISCLOSURE:
        _publication_due(decision, actor=actor, stage=Stage.DISCLOSURE)


# --- The meeting stages ----------------------------------------------------------------------------


def decision_stage_body(decision: Decision, *, resolution_kind: str = "") -> tuple[str, Body | None, bool]:
    """The stage to record now, its body and whether it merges 提议 and 商议 (一肩挑). For the resolution,
    `resolution_kind` picks the whole meeting or the representatives' where the matter allows either."""
    stage, kinds, merged = decision_stage_kinds(decision)
    if not kinds:
        return stage, None, False
    kind = (
        resolution_kind if resolution_kind in kinds else kinds[-1] if stage == Stage.RESOLUTION else kinds[0]
    )
    return stage, body_of_kind(decision.community, kind), merged


@dataclass(frozen=True)
class StageMeeting:
    held_on: dt.date | None
    present: int | None
    in_favour: int | None
    against: int = 0
    abstaining: int = 0
    present_residents: tuple[int, ...] | None = None  # a named roll: the residents of the body's roll present
    households_present: int | None = None
    resolution_kind: str = ""  # assembly / representatives, for the resolution
    opinion: str = ""
    place: str = ""


def _count(value, field: str) -> int | None:
    if value is None or value == "":
        return None
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise DomainError(_("人数请填写不小于0的整数。"), field=field)
    return value


@transaction.atomic
def decision_stage_record(
    *, actor: User, decision: Decision, meeting: StageMeeting, documents: Mapping | None = None
) -> Decision:
    """Record after the fact a meeting of the stage the decision waits for, held on paper on or before the day
    the matter was registered (a later meeting is convened in gongzhi: `decision_stage_convene`), with the
    scanned minutes and sign-in sheet (`documents`: {"minutes": upload, "sign_in": upload}). Refused if it was
    not quorate (nothing stored); a failing vote is kept and ends the decision as not adopted."""
    authorize(actor, "selfgov.keep_decision", decision)
    decision = _lock(decision)
    stage = decision.state
    if stage not in MEETING_STAGES:
        raise DomainError(
            _("这项决策现在是“%(state)s”，没有待召开的会议。") % {"state": decision.get_state_display()},
            code="no_meeting_pending",
        )
    if meeting.resolution_kind and meeting.resolution_kind not in RESOLUTION_BODIES:
        raise DomainError(_("请选择村(居)民会议或村(居)民代表会议。"), field="resolution_kind")
    stage, body, merged = decision_stage_body(decision, resolution_kind=meeting.resolution_kind)
    verb = "propose_merged" if merged else MEETING_VERBS[stage]
    lifecycle_check(decision, verb)
    if body is None:
        raise DomainError(
            _("本村(社区)还没有登记“%(stage)s”的会议组织，请先在组织机构中登记。")
            % {"stage": Stage(stage).label},
            code="no_body",
        )
    opinion = text_clean(meeting.opinion, label=_("意见"), field="opinion", minimum=0, maximum=NOTE_MAX)
    held_on = meeting.held_on
    registered_on = timezone.localdate(decision.started_at)
    if held_on and held_on > registered_on:
        raise DomainError(
            _(
                "%(day)s在本事项登记（%(registered)s）之后：请召集会议（发出通知，会上点名、表决），"
                "再采用会议的表决结果；补录只适用于事项登记前已经召开的会议。"
            )
            % {"day": held_on.isoformat(), "registered": registered_on.isoformat()},
            field="held_on",
            code="convene_instead",
        )
    _not_before_previous(decision, held_on)
    roll = body_roll(body, held_on)
    rule = RULES[body.meeting_rule]
    present = _count(meeting.present, "present")
    entries: list[RollEntry] = []
    if roll.adults is None:
        if not roll.seats:
            raise DomainError(
                _("“%(body)s”还没有登记成员，无法计算应到人数。请先在组织机构中登记。") % {"body": body.name},
                code="no_members",
            )
        if meeting.present_residents is not None:
            ids = set(meeting.present_residents)
            known = {seat.resident.pk for seat in roll.seats}
            if not ids <= known:
                raise DomainError(_("到会名单中有不属于“%(body)s”的人。") % {"body": body.name}, field="roll")
            entries = [
                RollEntry(
                    name=seat.resident.name,
                    resident=seat.resident,
                    post=seat.post,
                    present=seat.resident.pk in ids,
                )
                for seat in roll.seats
            ]
            present = len(ids)
    vote = ItemVote(
        f"{Stage(stage).label}：{decision.title}",
        in_favour=_count(meeting.in_favour, "in_favour"),  # type: ignore[arg-type]
        against=_count(meeting.against, "against") or 0,
        abstaining=_count(meeting.abstaining, "abstaining") or 0,
        majority=rule.default_majority,
    )
    recorded = meeting_record(
        actor=actor,
        area=decision.community,
        body_kind=body.meeting_rule,
        held_on=held_on,
        present=present,
        members=len(roll.seats) if roll.adults is None else None,
        adults=roll.adults,
        households=roll.households,
        households_present=_count(meeting.households_present, "households_present"),
        place=meeting.place,
        purpose=f"decision_{stage}",
        owner=decision,
        roll=entries,
        items=[vote],
        documents=documents,
        perm="selfgov.keep_decision",
        perm_obj=decision,
    )
    item = recorded.items.get()
    return _stage_conclude(
        decision,
        actor=actor,
        stage=stage,
        verb=verb,
        merged=merged,
        body=body,
        meeting=recorded,
        item=None,
        passed=item.passed,
        vote_reason=item.vote_reason,
        opinion=opinion,
    )


def _not_before_previous(decision: Decision, held_on: dt.date | None) -> None:
    previous = decision.stage_records.filter(meeting__isnull=False).order_by("-recorded_at").first()
    if held_on and previous and previous.meeting and held_on < previous.meeting.held_on:
        raise DomainError(_("会议日期不能早于上一环节的会议。"), field="held_on")


def _stage_conclude(
    decision: Decision,
    *,
    actor: User,
    stage: str,
    verb: str,
    merged: bool,
    body: Body,
    meeting: Meeting,
    item: MeetingItem | None,
    passed: bool,
    vote_reason: str,
    opinion: str,
) -> Decision:
    """Keep the stage's meeting and verdict; move the decision on, or end it as not adopted."""
    counts = item if item is not None else meeting.items.get()
    summary = {
        "stage": stage,
        "meeting": body.meeting_rule,
        "date": meeting.held_on.isoformat(),
        "present": meeting.present,
        "in_favour": counts.in_favour,
        "against": counts.against,
        "abstaining": counts.abstaining,
        "passed": passed,
        "merged": merged,
        **({"convened": meeting.pk} if item is not None else {}),
    }
    note = f"{body.name}：{meeting.quorum_reason}；{vote_reason}"
    DecisionStage.objects.create(
        decision=decision,
        stage=stage,
        meeting=meeting,
        item=item,
        passed=passed,
        opinion=opinion,
        recorded_by=actor,
    )
    if merged and passed:
        DecisionStage.objects.create(
            decision=decision,
            stage=Stage.CONSULTATION,
            meeting=meeting,
            item=item,
            passed=True,
            merged=True,
            opinion=opinion,
            recorded_by=actor,
        )
    if not passed:
        lifecycle_move(
            decision,
            "fail",
            actor=actor,
            note=note,
            audit_verb="decision.not_adopted",
            area=decision.community,
            summary=summary,
        )
        _tell(
            _concerned(decision),
            actor=actor,
            title=_("决策事项「%(title)s」未通过") % {"title": decision.title},
            body=_("%(stage)s未获通过：%(reason)s") % {"stage": Stage(stage).label, "reason": vote_reason},
            url=decision_url(decision),
        )
        return decision
    lifecycle_move(
        decision,
        verb,
        actor=actor,
        note=note,
        audit_verb="decision.stage_recorded",
        area=decision.community,
        summary=summary,
    )
    _skip_unneeded(decision, actor=actor)
    _tell(
        _concerned(decision),
        actor=actor,
        title=_("决策事项「%(title)s」：%(stage)s通过")
        % {"title": decision.title, "stage": Stage(stage).label},
        body=_("现为“%(state)s”。") % {"state": decision.get_state_display()},
        url=decision_url(decision),
    )
    return decision


# --- Meetings convened in gongzhi -------------------------------------------------------------------


def _meeting_stage(decision: Decision) -> None:
    if decision.state not in MEETING_STAGES:
        raise DomainError(
            _("这项决策现在是“%(state)s”，没有待召开的会议。") % {"state": decision.get_state_display()},
            code="no_meeting_pending",
        )


@transaction.atomic
def decision_stage_convene(
    *,
    actor: User,
    decision: Decision,
    held_on: dt.date | None,
    place: str,
    starts_at: dt.time | None = None,
    urgency_reason: str = "",
    method: str = MeetingMethod.SHOW_OF_HANDS,
    resolution_kind: str = "",
) -> Meeting:
    """Convene the meeting of the stage the decision waits for (gongzhi.meetings: the notice with the body's
    statutory lead time or an urgency reason, the roll, the members told), with the matter on its agenda to be
    voted by the stage's statutory majority. The meeting then runs on the meetings pages; its vote decides the
    stage once taken (`decision_stage_take`)."""
    authorize(actor, "selfgov.keep_decision", decision)
    decision = _lock(decision)
    _meeting_stage(decision)
    if resolution_kind and resolution_kind not in RESOLUTION_BODIES:
        raise DomainError(_("请选择村(居)民会议或村(居)民代表会议。"), field="resolution_kind")
    stage, body, merged = decision_stage_body(decision, resolution_kind=resolution_kind)
    lifecycle_check(decision, "propose_merged" if merged else MEETING_VERBS[stage])
    if body is None:
        raise DomainError(
            _("本村(社区)还没有登记“%(stage)s”的会议组织，请先在组织机构中登记。")
            % {"stage": Stage(stage).label},
            code="no_body",
        )
    if method not in MeetingMethod.values:
        raise DomainError(_("未知的表决方式。"), field="method")
    _not_before_previous(decision, held_on)
    label = _("提议并商议") if merged else Stage(stage).label
    meeting = meeting_convene(
        actor=actor,
        body=body,
        held_on=held_on,
        place=place,
        starts_at=starts_at,
        urgency_reason=urgency_reason,
        agenda=[AgendaEntry(f"{label}：{decision.title}", method=method)],
    )
    DECISION.event(  # type: ignore[misc]
        decision,
        actor=actor,
        verb="convene",
        from_state=decision.state,
        to_state=decision.state,
        note=_("已通知召开%(body)s：%(day)s，%(place)s")
        % {"body": body.name, "day": meeting.held_on, "place": meeting.place},
    )
    return meeting


@transaction.atomic
def decision_stage_take(
    *, actor: User, decision: Decision, agenda_item: MeetingAgendaItem, opinion: str = ""
) -> Decision:
    """Take the vote of a meeting convened in gongzhi as the stage's verdict: the meeting must be of the stage's
    body in this community, held with its quorum, the item voted (a show of hands' counts confirmed by a second
    person) and not taken before. The verdict is computed again with the stage's statutory majority (a party
    members' meeting: more than half of the members due, whatever the agenda said)."""
    authorize(actor, "selfgov.keep_decision", decision)
    decision = _lock(decision)
    _meeting_stage(decision)
    stage, kinds, merged = decision_stage_kinds(decision)
    verb = "propose_merged" if merged else MEETING_VERBS[stage]
    lifecycle_check(decision, verb)
    meeting, vote, agenda_item = meeting_agenda_vote_takeable(
        agenda_item.pk, area=decision.community, kinds=kinds
    )
    body = meeting.body
    assert body is not None
    if DecisionStage.objects.filter(item=vote, merged=False).exists():
        raise Conflict(_("这项表决已经作为决策环节的依据，不能再次采用。"))
    _not_before_previous(decision, meeting.held_on)
    opinion = text_clean(opinion, label=_("意见"), field="opinion", minimum=0, maximum=NOTE_MAX)
    rule = RULES[meeting.body_kind]
    verdict = meeting_check(
        meeting.body_kind,
        present=meeting.present,
        in_favour=vote.in_favour,
        against=vote.against,
        abstaining=vote.abstaining,
        members=meeting.members,
        adults=meeting.adults,
        households=meeting.households,
        households_present=meeting.households_present,
        majority=rule.default_majority,
    )
    passed = vote.passed and verdict.passed
    reason = (
        vote.vote_reason if not vote.passed or vote.majority == rule.default_majority else verdict.vote_reason
    )
    return _stage_conclude(
        decision,
        actor=actor,
        stage=stage,
        verb=verb,
        merged=merged,
        body=body,
        meeting=meeting,
        item=vote,
        passed=passed,
        vote_reason=reason,
        opinion=opinion,
    )


# --- The two publications -----------------------------------------------------------------------


@transaction.atomic
def decision_publish(
    *, actor: User, decision: Decision, text: str, published_on: dt.date | None, where: str = ""
) -> Decision:
    """Publish the resolution (决议公开, then the execution starts) or, once accepted, the result (实施结果公开)."""
    authorize(actor, "selfgov.keep_decision", decision)
    decision = _lock(decision)
    if decision.state == DecisionState.DISCLOSURE:
        stage, verb, audit_verb = Stage.DISCLOSURE, "disclose", "decision.disclosed"
    elif decision.state == DecisionState.RESULT:
        stage, verb, audit_verb = Stage.RESULT, "publish_result", "decision.result_published"
    else:
        lifecycle_check(decision, "disclose" if decision.state in MEETING_STAGES else "publish_result")
        raise DomainError(_("现在没有待公开的内容。"))  # pragma: no cover - lifecycle_check refused first
    text = text_clean(text, label=_("公开内容"), field="text", minimum=5, maximum=TEXT_MAX)
    where = text_clean(where, label=_("公开方式"), field="where", minimum=0, maximum=WHERE_MAX)
    if published_on is None:
        raise DomainError(_("请填写公开日期。"), field="published_on")
    today = timezone.localdate()
    if published_on > today:
        raise DomainError(_("公开日期不能晚于今天。"), field="published_on")
    last = decision.stage_records.filter(meeting__isnull=False).order_by("-recorded_at").first()
    if last and last.meeting and published_on < last.meeting.held_on:
        raise DomainError(_("公开日期不能早于作出决议的会议。"), field="published_on")
    disclosure = disclosure_publish(
        actor=actor,
        community=decision.community,
        category=_category(decision),
        title=f"{Stage(stage).label}：{decision.title}"[:100],
        body=text,
        major=True,
        owner=decision,
        purpose=PURPOSES[stage],
        perm="selfgov.keep_decision",
        perm_obj=decision,
    )
    DecisionStage.objects.create(
        decision=decision,
        stage=stage,
        published_on=published_on,
        published_text=disclosure.body,
        published_where=where or _("村(居)务公开栏"),
        disclosure=disclosure,
        recorded_by=actor,
    )
    lifecycle_move(
        decision,
        verb,
        actor=actor,
        note=text[:200],
        audit_verb=audit_verb,
        area=decision.community,
        summary={"date": published_on.isoformat(), "where": where, "characters": len(text)},
    )
    _tell(
        _concerned(decision),
        actor=actor,
        title=_("决策事项「%(title)s」：%(stage)s") % {"title": decision.title, "stage": Stage(stage).label},
        body=text[:200],
        url=decision_url(decision),
    )
    return decision


# The power list and the execution live beside this module; the pages, the API and the demo import them from here.
from .decisions_execution import (  # noqa: E402, F401
    decision_accept,
    decision_object,
    decision_objection_answer,
    decision_task_add,
    decision_task_move,
)
from .decisions_power import PowerItemInput, power_item_update, power_list_adopt, power_template_install  # noqa: E402, F401
