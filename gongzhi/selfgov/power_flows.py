"""The power list's flows (办理步骤): each item's procedure as ordered steps of the kernel's vocabulary
(`gongzhi.core.power_flows`), the standard's flows, the text form the pages edit, and the provider the hall
asks through the kernel hook (decision 0044)."""

import re

from django.utils.translation import gettext as _

from gongzhi.bodies.models import BodyKind
from gongzhi.core.errors import DomainError
from gongzhi.core.power_flows import (
    MEETING,
    PUBLISH,
    PUBLISH_DAYS_DEFAULT,
    PUBLISH_DAYS_MAX,
    REPORT,
    SIGN,
    STEP_KINDS,
    STEPS_MAX,
    VERIFY,
    FlowStep,
    PowerFlow,
)

from .models import PowerItem

LABEL_MAX = 30
# The bodies whose meeting a step may call for (the supervisory committee supervises, it does not decide).
MEETING_BODIES = (
    BodyKind.REPRESENTATIVES,
    BodyKind.ASSEMBLY,
    BodyKind.JOINT,
    BodyKind.COMMITTEE,
    BodyKind.PARTY_ORG,
    BodyKind.PARTY_MEMBERS,
    BodyKind.GROUP,
)

# The standard's flows, by item code (the procedure of power_standard.STANDARD as steps).
_RECOMMEND = (
    FlowStep(VERIFY, "入户调查"),
    FlowStep(MEETING, "民主评议", body=BodyKind.REPRESENTATIVES),
    FlowStep(PUBLISH, "评议结果公示", days=PUBLISH_DAYS_DEFAULT),
    FlowStep(REPORT, "报镇审核"),
)
STANDARD_FLOWS: dict[str, tuple[FlowStep, ...]] = {
    "C01": _RECOMMEND,
    "C02": _RECOMMEND,
    "C03": _RECOMMEND,
    "C04": (
        FlowStep(VERIFY, "核实申报信息"),
        FlowStep(MEETING, "两委会商议", body=BodyKind.JOINT),
        FlowStep(PUBLISH, "补贴对象公示", days=PUBLISH_DAYS_DEFAULT),
    ),
    "C05": (
        FlowStep(VERIFY, "核实申请条件"),
        FlowStep(MEETING, "村民小组讨论", body=BodyKind.GROUP),
        FlowStep(MEETING, "村民代表会议审议", body=BodyKind.REPRESENTATIVES),
        FlowStep(PUBLISH, "申请公示", days=PUBLISH_DAYS_DEFAULT),
        FlowStep(REPORT, "报镇审批"),
    ),
    "C06": (FlowStep(VERIFY, "核实情况"), FlowStep(SIGN, "主任签字盖章")),
    "C07": (FlowStep(VERIFY, "审核"), FlowStep(REPORT, "代办上报")),
    "C08": (FlowStep(VERIFY, "核实流转合同"), FlowStep(SIGN, "村委会备案"), FlowStep(REPORT, "报镇备案")),
}


def standard_flow(code: str) -> list[dict]:
    return [step.as_dict() for step in STANDARD_FLOWS.get(code, ())]


def _kind_of(token: str) -> str | None:
    for key, label in STEP_KINDS.items():
        if token in (key, str(label)):
            return key
    return None


def _body_of(token: str) -> str | None:
    for kind in MEETING_BODIES:
        if token in (kind.value, str(kind.label)):
            return kind.value
    return None


def flow_clean(steps: list[dict]) -> list[dict]:
    """Check a flow given as data; the cleaned list, or a clear refusal."""
    if len(steps) > STEPS_MAX:
        raise DomainError(_("办理步骤最多%(n)d步。") % {"n": STEPS_MAX}, field="flow")
    cleaned = []
    for number, raw in enumerate(steps, start=1):
        if not isinstance(raw, dict):
            raise DomainError(_("第%(n)d步的格式不对。") % {"n": number}, field="flow")
        kind = _kind_of(str(raw.get("kind", "")))
        if kind is None:
            raise DomainError(
                _("第%(n)d步的类型应为核实、会议、公示、签批或报送之一。") % {"n": number}, field="flow"
            )
        label = str(raw.get("label") or "").strip()
        if len(label) > LABEL_MAX:
            raise DomainError(_("第%(n)d步的名称过长。") % {"n": number}, field="flow")
        body, days = "", 0
        if kind == MEETING:
            body = _body_of(str(raw.get("body") or "")) or ""
            if not body:
                raise DomainError(_("第%(n)d步是会议，请写明由哪个会议（如村(居)民代表会议、两委联席会议）。")
                                  % {"n": number}, field="flow")  # fmt: skip
        if kind == PUBLISH:
            given = raw.get("days") or PUBLISH_DAYS_DEFAULT
            # whole days only: 3.7, 1e999, true or "x" are refused, never cut or overflowed
            days = given if isinstance(given, int) and not isinstance(given, bool) else -1
            if isinstance(given, str) and given.strip().isascii() and given.strip().isdigit():
                days = int(given.strip()) if len(given.strip()) <= 3 else -1
            if not 1 <= days <= PUBLISH_DAYS_MAX:
                raise DomainError(_("第%(n)d步的公示天数应在1到%(max)d天之间。") % {"n": number, "max": PUBLISH_DAYS_MAX},
                                  field="flow")  # fmt: skip
        cleaned.append(FlowStep(kind, label or str(STEP_KINDS[kind]), body=body, days=days).as_dict())
    return cleaned


def flow_parse(text: str) -> list[dict]:
    """The pages' text form, one step a line: "核实 入户调查", "会议 村(居)民代表会议 民主评议", "公示 7 评议结果公示"."""
    steps = []
    for line in (text or "").splitlines():
        tokens = [t for t in re.split(r"[\s,，、：:]+", line.strip()) if t]
        if not tokens:
            continue
        raw: dict = {"kind": tokens[0]}
        rest = tokens[1:]
        kind = _kind_of(tokens[0])
        if kind == MEETING and rest:
            raw["body"], rest = rest[0], rest[1:]
        if kind == PUBLISH and rest and re.fullmatch(r"\d+天?", rest[0]):
            raw["days"], rest = rest[0].rstrip("天"), rest[1:]
        raw["label"] = " ".join(rest)
        steps.append(raw)
    return flow_clean(steps)


def flow_text(steps: list[dict]) -> str:
    lines = []
    for raw in steps:
        step = FlowStep.of(raw)
        parts = [str(STEP_KINDS.get(step.kind, step.kind))]
        if step.kind == MEETING:
            parts.append(str(BodyKind(step.body).label) if step.body in BodyKind.values else step.body)
        if step.kind == PUBLISH:
            parts.append(str(step.days))
        if step.label:
            parts.append(step.label)
        lines.append(" ".join(parts))
    return "\n".join(lines)


def power_flow_of(community, code: str) -> PowerFlow | None:
    """The kernel hook's provider: the community's own item of this code, else its township's template's."""
    if not code or community is None:
        return None
    item = PowerItem.objects.filter(area=community, code=code, active=True).first()
    if item is None and getattr(community, "parent_id", None):
        item = PowerItem.objects.filter(area_id=community.parent_id, code=code, active=True).first()
    if item is None:
        return None
    return PowerFlow(
        code=item.code,
        name=item.name,
        basis=item.basis,
        steps=tuple(FlowStep.of(raw) for raw in item.flow or ()),
    )
