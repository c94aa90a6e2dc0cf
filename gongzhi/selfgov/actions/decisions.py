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
from collections.abc import Iterable
from dataclasses import dataclass

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from gongzhi.accounts.models import User
from gongzhi.accounts.selectors import users_holding_over
from gongzhi.areas.models import Area, AreaKind
from gongzhi.audit.actions import audit_event_record
from gongzhi.bodies.models import Body, BodyKind
from gongzhi.bodies.selectors import body_of_kind, body_roll, memberships_current, shoulder_one
from gongzhi.cases.actions import case_move, case_open
from gongzhi.cases.models import Case, PrivacyTier
from gongzhi.core.authz import authorize
from gongzhi.core.errors import DomainError
from gongzhi.core.lifecycle import lifecycle_check, lifecycle_move
from gongzhi.core.quorum import RULES
from gongzhi.core.text import text_clean
from gongzhi.disclosures.actions import disclosure_due_register, disclosure_publish
from gongzhi.disclosures.models import DisclosureCategory
from gongzhi.meetings.actions import ItemVote, RollEntry, meeting_record
from gongzhi.notices.actions import notice_send
from gongzhi.workdays.selectors import due_for

from ..models import (
    MANDATORY_TYPES,
    MEETING_STAGES,
    STAGES,
    Decision,
    DecisionObjection,
    DecisionStage,
    DecisionState,
    DecisionTask,
    MatterType,
    OriginKind,
    PowerItem,
    ResolutionBody,
    Stage,
)
from ..power_standard import STANDARD
from ..roles.decisions import KEEPERS, SUPERVISORS
from ..workflow.decisions import DECISION, DECISION_TASK, MEETING_VERBS, SKIP_VERBS  # noqa: F401

TITLE_MAX, BODY_MAX, NOTE_MAX, TEXT_MAX, WHERE_MAX = 60, 3000, 1000, 3000, 100
NOTICE_KIND = "decision"
OBJECTION_DAYS = 7
OBJECTION_BASIS = "7日（自然日，提出当日不计入，民法典第二百零一条）"
PURPOSES = {Stage.DISCLOSURE: "decision_resolution", Stage.RESULT: "decision_result"}

# The body that meets at each meeting stage; the resolution's is the whole meeting or the representatives'.
STAGE_BODY = {
    Stage.PROPOSAL: BodyKind.PARTY_ORG,
    Stage.CONSULTATION: BodyKind.JOINT,
    Stage.REVIEW: BodyKind.PARTY_MEMBERS,
}
RESOLUTION_BODIES = (BodyKind.ASSEMBLY, BodyKind.REPRESENTATIVES)


def decision_url(decision: Decision) -> str:
    return reverse("selfgov:decision", args=[decision.pk])


def _tell(recipients: Iterable, *, actor: User | None, title: str, body: str = "", url: str = "") -> None:
    told: set[int] = set()
    for user in recipients:
        if (
            user is None
            or user.pk in told
            or (actor is not None and user.pk == actor.pk)
            or not user.is_active
        ):
            continue
        told.add(user.pk)
        notice_send(recipient=user, kind=NOTICE_KIND, title=title, body=body, url=url)


def _keepers(decision: Decision):
    return users_holding_over(KEEPERS, decision.area_path)


def _concerned(decision: Decision):
    """Who hears of every stage: the community's staff and whoever started or is told of it (the proposal's
    author)."""
    return [*_keepers(decision), *decision.watchers.all()]


def _supervisors(decision: Decision) -> list[User | None]:
    body = body_of_kind(decision.community, BodyKind.SUPERVISORY)
    if body is None:
        return []
    holders = set(users_holding_over(SUPERVISORS, decision.area_path).values_list("pk", flat=True))
    return [
        m.resident.user
        for m in memberships_current(body)
        if m.resident.user_id is not None and m.resident.user_id in holders
    ]


def _lock(decision: Decision) -> Decision:
    return Decision.objects.select_for_update(of=("self",)).select_related("community").get(pk=decision.pk)


# --- The power list ----------------------------------------------------------------------------


def _stages_clean(stages: Iterable[str], matter_type: str) -> list[str]:
    chosen = set(stages)
    unknown = chosen - set(STAGES)
    if unknown:
        raise DomainError(_("未知的决策环节。"), field="stages")
    ordered = [stage for stage in STAGES if stage in chosen]
    if matter_type in MANDATORY_TYPES and ordered != list(STAGES):
        raise DomainError(
            _("“%(type)s”类事项必须完整经过四议两公开的六个环节，不能去掉任何一个。")
            % {"type": MatterType(matter_type).label},
            field="stages",
        )
    if ordered and not {Stage.DISCLOSURE, Stage.RESULT} <= chosen:
        raise DomainError(_("经决策的事项必须公开决议和实施结果（两公开）。"), field="stages")
    if ordered and not chosen & set(MEETING_STAGES):
        raise DomainError(_("请至少选择一个由会议决定的环节。"), field="stages")
    return ordered


@transaction.atomic
def power_template_install(*, actor: User, township: Area) -> int:
    """Install the shipped standard as the township's template (the items it does not have yet, by code)."""
    authorize(actor, "selfgov.keep_power_template", township)
    if township.kind != AreaKind.TOWNSHIP:
        raise DomainError(_("权力清单模板由乡镇维护。"))
    Area.objects.select_for_update().filter(pk=township.pk).first()
    have = set(PowerItem.objects.filter(area=township).values_list("code", flat=True))
    created = [
        PowerItem(
            area=township,
            area_path=township.path,
            code=item.code,
            name=item.name,
            matter_type=item.matter_type,
            basis=item.basis,
            decider=item.decider,
            stages=list(item.stages),
            resolution_body=item.resolution_body,
            procedure=item.procedure,
            publish=item.publish,
            changed_by=actor,
        )
        for item in STANDARD
        if item.code not in have
    ]
    PowerItem.objects.bulk_create(created)
    audit_event_record(
        actor=actor,
        verb="power_list.template_installed",
        target=township,
        area=township,
        summary={"items": len(created)},
    )
    return len(created)


@transaction.atomic
def power_list_adopt(*, actor: User, community: Area) -> int:
    """A community adopts its township's template: a copy of every active item it does not have yet."""
    authorize(actor, "selfgov.keep_power_list", community)
    if community.kind != AreaKind.COMMUNITY:
        raise DomainError(_("只有村(社区)采用权力清单。"))
    Area.objects.select_for_update().filter(pk=community.pk).first()
    township = community.parent
    template = PowerItem.objects.filter(area=township, active=True) if township else PowerItem.objects.none()
    if not template.exists():
        raise DomainError(_("乡镇还没有权力清单模板，请联系镇社治办。"))
    have = set(PowerItem.objects.filter(area=community).values_list("code", flat=True))
    created = [
        PowerItem(
            area=community,
            area_path=community.path,
            template=item,
            code=item.code,
            name=item.name,
            matter_type=item.matter_type,
            basis=item.basis,
            decider=item.decider,
            stages=list(item.stages),
            resolution_body=item.resolution_body,
            procedure=item.procedure,
            publish=item.publish,
            changed_by=actor,
        )
        for item in template
        if item.code not in have
    ]
    PowerItem.objects.bulk_create(created)
    audit_event_record(
        actor=actor,
        verb="power_list.adopted",
        target=community,
        area=community,
        summary={"items": len(created)},
    )
    return len(created)


@dataclass(frozen=True)
class PowerItemInput:
    name: str
    basis: str
    decider: str
    stages: tuple[str, ...]
    procedure: str
    publish: str
    resolution_body: str = ResolutionBody.EITHER
    active: bool = True


@transaction.atomic
def power_item_update(*, actor: User, item: PowerItem, data: PowerItemInput) -> PowerItem:
    """Edit an item: the township's template by its 社治办, a community's copy by its staff."""
    township_item = item.area.kind == AreaKind.TOWNSHIP
    authorize(actor, "selfgov.keep_power_template" if township_item else "selfgov.keep_power_list", item)
    item = PowerItem.objects.select_for_update(of=("self",)).select_related("area").get(pk=item.pk)
    changes = {
        "name": text_clean(data.name, label=_("权力事项"), field="name", minimum=2, maximum=60),
        "basis": text_clean(data.basis, label=_("依据"), field="basis", minimum=2, maximum=300),
        "decider": text_clean(data.decider, label=_("决策主体"), field="decider", minimum=2, maximum=100),
        "procedure": text_clean(
            data.procedure, label=_("办理流程"), field="procedure", minimum=2, maximum=500
        ),
        "publish": text_clean(data.publish, label=_("公开内容"), field="publish", minimum=2, maximum=300),
        "stages": _stages_clean(data.stages, item.matter_type),
        "active": bool(data.active),
    }
    if data.resolution_body not in ResolutionBody.values:
        raise DomainError(_("未知的决议会议。"), field="resolution_body")
    if item.matter_type == MatterType.CHARTER and data.resolution_body != ResolutionBody.ASSEMBLY:
        raise DomainError(
            _("自治章程和村规民约须由村(居)民会议决议（村民委员会组织法第二十七条）。"),
            field="resolution_body",
        )
    changes["resolution_body"] = data.resolution_body
    changed = {k: v for k, v in changes.items() if getattr(item, k) != v}
    if not changed:
        return item
    for name, value in changed.items():
        setattr(item, name, value)
    item.changed_by = actor
    item.save(update_fields=[*changed, "changed_by", "changed_at"])
    audit_event_record(
        actor=actor,
        verb="power_item.changed",
        target=item,
        area=item.area,
        summary={"code": item.code, "name": item.name, "fields": sorted(changed)},
    )
    return item


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


def _category(decision: Decision) -> str:
    return (
        DisclosureCategory.FINANCE
        if decision.matter_type == MatterType.FINANCE
        else DisclosureCategory.AFFAIRS
    )


def _publication_due(decision: Decision, *, actor: User, stage: str) -> None:
    """Register on the public board that the resolution (or the result) of the decision is due, at once."""
    disclosure_due_register(
        actor=actor,
        community=decision.community,
        category=_category(decision),
        title=f"{Stage(stage).label}：{decision.title}"[:100],
        owner=decision,
        purpose=PURPOSES[Stage(stage)],
        major=True,
        perm="selfgov.keep_decision" if stage == Stage.DISCLOSURE else "selfgov.supervise_decision",
        perm_obj=decision,
    )


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
    """The stage to record now, its body and whether it merges 提议 and 商议 (一肩挑)."""
    stage = decision.state
    if stage not in MEETING_STAGES:
        return stage, None, False
    merged = stage == Stage.PROPOSAL and shoulder_one(decision.community) is not None
    kind: str
    if merged:
        kind = BodyKind.JOINT
    elif stage == Stage.RESOLUTION:
        wants_assembly = (
            decision.power_item is not None and decision.power_item.resolution_body == ResolutionBody.ASSEMBLY
        ) or decision.matter_type == MatterType.CHARTER
        kind = BodyKind.ASSEMBLY if wants_assembly else (resolution_kind or BodyKind.REPRESENTATIVES)
    else:
        kind = STAGE_BODY[Stage(stage)]
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
def decision_stage_record(*, actor: User, decision: Decision, meeting: StageMeeting) -> Decision:
    """Record the meeting of the stage the decision waits for: refused if it was not quorate (nothing stored);
    a failing vote is kept and ends the decision as not adopted."""
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
    previous = decision.stage_records.filter(meeting__isnull=False).order_by("-recorded_at").first()
    if held_on and previous and previous.meeting and held_on < previous.meeting.held_on:
        raise DomainError(_("会议日期不能早于上一环节的会议。"), field="held_on")
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
        perm="selfgov.keep_decision",
        perm_obj=decision,
    )
    item = recorded.items.get()
    summary = {
        "stage": stage,
        "meeting": body.meeting_rule,
        "date": recorded.held_on.isoformat(),
        "present": recorded.present,
        "in_favour": item.in_favour,
        "against": item.against,
        "abstaining": item.abstaining,
        "passed": item.passed,
        "merged": merged,
    }
    note = f"{body.name}：{recorded.quorum_reason}；{item.vote_reason}"
    DecisionStage.objects.create(
        decision=decision,
        stage=stage,
        meeting=recorded,
        passed=item.passed,
        opinion=opinion,
        recorded_by=actor,
    )
    if merged and item.passed:
        DecisionStage.objects.create(
            decision=decision,
            stage=Stage.CONSULTATION,
            meeting=recorded,
            passed=True,
            merged=True,
            opinion=opinion,
            recorded_by=actor,
        )
    if not item.passed:
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
            body=_("%(stage)s未获通过：%(reason)s")
            % {"stage": Stage(stage).label, "reason": item.vote_reason},
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
