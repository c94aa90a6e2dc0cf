"""The lifecycle of a 四议两公开 decision and the case type of its execution's tasks, as data.

    proposal ──propose──▶ consultation ──consult──▶ review ──review──▶ resolution ──resolve──▶ disclosure
       │ (一肩挑: propose_merged, one joint meeting) ──────▲                                        │ disclose
       └──▶ not_adopted ◀── a failing vote at any of the four meetings                            ▼
                                         done ◀──publish_result── result ◀──accept── executing (tasks)

The state is the next stage the decision waits for. Each of the four
meeting stages moves by its own verb once its meeting has been recorded
with a passing verdict; a failing verdict ends the decision (`fail`: 未通过
— the matter is not carried out; the party organisation may propose it
again, changed, as a new decision). A stage the decision's flow does not
need (its power item's procedure) is passed by the system (`skip_*`, never
offered), and never for the matter types that must go through all six.
Accepting the execution is the supervisory committee's; every other move
is the community staff's.

A task of the execution is a case (kind "decision_task"): open → working
(progress notes on the timeline) → done, or cancelled.
"""

from django.utils.translation import gettext_lazy as _

from gongzhi.bodies.models import BodyKind
from gongzhi.cases.workflow import CaseType, Limit, case_type_register
from gongzhi.core.errors import DomainError
from gongzhi.core.lifecycle import Lifecycle, Move, Refusal, lifecycle_register

from ..models import Decision, DecisionEvent, DecisionState, Stage
from ..roles.decisions import KEEPERS

S = DecisionState

# The body that meets at each meeting stage; the resolution's is the whole meeting or the representatives'.
STAGE_BODY = {
    Stage.PROPOSAL: BodyKind.PARTY_ORG,
    Stage.CONSULTATION: BodyKind.JOINT,
    Stage.REVIEW: BodyKind.PARTY_MEMBERS,
}
RESOLUTION_BODIES = (BodyKind.ASSEMBLY, BodyKind.REPRESENTATIVES)
MEETING_VERBS = {
    "proposal": "propose",
    "consultation": "consult",
    "review": "review",
    "resolution": "resolve",
}
SKIP_VERBS = {
    "proposal": "skip_proposal",
    "consultation": "skip_consultation",
    "review": "skip_review",
    "resolution": "skip_resolution",
}
NEXT_STATE = {
    S.PROPOSAL: S.CONSULTATION,
    S.CONSULTATION: S.REVIEW,
    S.REVIEW: S.RESOLUTION,
    S.RESOLUTION: S.DISCLOSURE,
}


def decision_event_write(
    decision: Decision, *, actor, verb: str, from_state: str, to_state: str, note: str = ""
) -> DecisionEvent:
    return DecisionEvent.objects.create(
        decision=decision, actor=actor, verb=verb, from_state=from_state, to_state=to_state, note=note[:1000]
    )


_STAGE_MOVES = tuple(
    Move(
        MEETING_VERBS[stage],
        frozenset({stage}),
        NEXT_STATE[stage],
        label,
        permission="selfgov.keep_decision",
        refused=Refusal(
            _("这项决策现在是“%(state)s”，须按顺序完成，不能跳到“%(verb)s”。"), "stage_out_of_order"
        ),
    )
    for stage, label in (
        (S.PROPOSAL, _("党组织提议")),
        (S.CONSULTATION, _("两委会商议")),
        (S.REVIEW, _("党员大会审议")),
        (S.RESOLUTION, _("村(居)民会议决议")),
    )
)
_SKIPS = tuple(
    Move(
        SKIP_VERBS[stage],
        frozenset({stage}),
        NEXT_STATE[stage],
        _("本事项流程不经此环节"),
        manual=False,
    )
    for stage in (S.PROPOSAL, S.CONSULTATION, S.REVIEW, S.RESOLUTION)
)

DECISION = lifecycle_register(
    Lifecycle(
        model="selfgov.Decision",
        states=dict(DecisionState.choices),
        initial=S.PROPOSAL,
        closed=frozenset({S.DONE, S.NOT_ADOPTED}),
        closed_at_field="closed_at",
        touch=("updated_at",),
        event=decision_event_write,
        error=DomainError,
        moves=(
            *_STAGE_MOVES,
            Move(
                "propose_merged",
                frozenset({S.PROPOSAL}),
                S.REVIEW,
                _("党组织提议并经两委会商议（一肩挑）"),
                permission="selfgov.keep_decision",
                refused=Refusal(_("这项决策现在是“%(state)s”，不能再提议。"), "stage_out_of_order"),
            ),
            *_SKIPS,
            Move(
                "fail",
                frozenset({S.PROPOSAL, S.CONSULTATION, S.REVIEW, S.RESOLUTION}),
                S.NOT_ADOPTED,
                _("表决未通过"),
                permission="selfgov.keep_decision",
                refused=Refusal(_("这项决策现在是“%(state)s”，没有待表决的环节。"), "no_vote_pending"),
            ),
            Move(
                "disclose",
                frozenset({S.DISCLOSURE}),
                S.EXECUTING,
                _("决议公开"),
                permission="selfgov.keep_decision",
                refused=Refusal(
                    _("这项决策现在是“%(state)s”，还没有可以公开的决议。"), "nothing_to_disclose"
                ),
            ),
            Move(
                "accept",
                frozenset({S.EXECUTING}),
                S.RESULT,
                _("监委会验收"),
                permission="selfgov.supervise_decision",
                refused=Refusal(_("这项决策现在是“%(state)s”，不在实施中，不能验收。"), "not_executing"),
            ),
            Move(
                "publish_result",
                frozenset({S.RESULT}),
                S.DONE,
                _("实施结果公开"),
                permission="selfgov.keep_decision",
                refused=Refusal(
                    _("这项决策现在是“%(state)s”，须经监委会验收后才能公开实施结果。"), "not_accepted"
                ),
            ),
        ),
    )
)

DECISION_TASK = case_type_register(
    CaseType(
        kind="decision_task",
        label=_("决议实施任务"),
        states={"open": _("待开始"), "working": _("实施中"), "done": _("已完成"), "cancelled": _("已取消")},
        initial="open",
        moves=(
            Move("start", frozenset({"open"}), "working", _("开始实施"), permission="selfgov.keep_decision"),
            Move(
                "progress",
                frozenset({"working"}),
                "working",
                _("记录进展"),
                permission="selfgov.keep_decision",
            ),
            Move("finish", frozenset({"working"}), "done", _("完成"), permission="selfgov.keep_decision"),
            Move(
                "cancel",
                frozenset({"open", "working"}),
                "cancelled",
                _("取消"),
                permission="selfgov.keep_decision",
            ),
        ),
        closed=frozenset({"done", "cancelled"}),
        limits={"open": Limit(5, "workdays")},
        staff_roles=KEEPERS,
        waiting_states=frozenset({"open", "working"}),
        queue_url="selfgov:decisions",
        detail_url="selfgov:decision_task",
    )
)
