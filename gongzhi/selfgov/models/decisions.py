"""四议两公开 decisions and the village power list (小微权力清单).

- `PowerItem`: one small power (小微权力) of a list: its name, the matter type
  it belongs to, its basis (依据), who decides, and its procedure as an
  executable flow — which stages of 四议两公开 it needs (`stages`), which
  meeting resolves it, what must be published. A township's items (area = the
  township) are the template its communities copy; a community's items
  (area = the community, `template` = the township item it came from) are its
  own list, edited by its staff. Items of the matter types that must go
  through every stage (`MANDATORY_TYPES`) always carry all six.
- `Decision`: one matter of a community decided by 四议两公开: what it is
  about, its matter type and power item, where it came from (an origin kind
  and a generic link to the record that started it — a proposal, an
  escalated wish or situation note, a township assignment — as app label,
  model and id, like gongzhi.meetings.Meeting's owner: no feature imports
  another), the flow it follows (the stages, copied from its power item when
  it starts), and its state: the next stage it waits for.
- `DecisionStage`: the record of one stage done: the meeting that held it
  (stages 1–4, a gongzhi.meetings Meeting with the verdict), or the
  publication (stages 5 and 6: the item on the community's public board,
  gongzhi.disclosures, with its date, text and who), or the note that the flow
  skips it. The six 登记表 are generated from these rows.
- `DecisionTask`: a task of the execution, on the case engine (a Case of
  kind "decision_task", its timeline holds the progress notes).
- `DecisionObjection`: the supervisory committee's objection to the
  execution, and the committee's answer, due within 7 days.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

__all__ = [
    "MANDATORY_TYPES",
    "MEETING_STAGES",
    "PUBLIC_STAGES",
    "STAGES",
    "Decision",
    "DecisionEvent",
    "DecisionObjection",
    "DecisionStage",
    "DecisionState",
    "DecisionTask",
    "MatterType",
    "OriginKind",
    "PowerItem",
    "ResolutionBody",
    "Stage",
]


class Stage(models.TextChoices):
    PROPOSAL = "proposal", _("党组织提议")
    CONSULTATION = "consultation", _("两委会商议")
    REVIEW = "review", _("党员大会审议")
    RESOLUTION = "resolution", _("村(居)民会议或代表会议决议")
    DISCLOSURE = "disclosure", _("决议公开")
    RESULT = "result", _("实施结果公开")


STAGES: tuple[str, ...] = tuple(Stage.values)
MEETING_STAGES: tuple[str, ...] = STAGES[:4]
PUBLIC_STAGES: tuple[str, ...] = STAGES[4:]


class MatterType(models.TextChoices):
    LAND_ASSETS = "land_assets", _("集体土地和资产")
    PROJECTS = "projects", _("工程项目和合同")
    WELFARE_FUNDS = "welfare_funds", _("公益事业经费和筹资筹劳")
    CHARTER = "charter", _("自治章程和村规民约")
    FINANCE = "finance", _("财务管理")
    SUBSIDIES = "subsidies", _("补助和救助推荐")
    LAND_USE = "land_use", _("宅基地和用地")
    SERVICES = "services", _("便民服务")
    PERSONNEL = "personnel", _("人事和用工")
    OTHER = "other", _("其他事项")


# The matter types that must go through all six stages, whatever a list says (四议两公开 工作法: 凡村级重大事项).
MANDATORY_TYPES = frozenset(
    {MatterType.LAND_ASSETS, MatterType.PROJECTS, MatterType.WELFARE_FUNDS, MatterType.CHARTER}
)


class ResolutionBody(models.TextChoices):
    EITHER = "either", _("村(居)民会议或村(居)民代表会议")
    ASSEMBLY = "assembly", _("村(居)民会议")


class PowerItem(models.Model):
    area = models.ForeignKey(
        "areas.Area", on_delete=models.PROTECT, related_name="+"
    )  # township or community
    area_path = models.CharField(max_length=120, db_index=True, editable=False)
    template = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="copies"
    )  # a community's item: the township's item it was copied from
    code = models.CharField(_("编号"), max_length=10)
    name = models.CharField(_("权力事项"), max_length=60)
    matter_type = models.CharField(_("事项类型"), max_length=16, choices=MatterType.choices)
    basis = models.CharField(_("依据"), max_length=300)
    decider = models.CharField(_("决策主体"), max_length=100)
    stages = models.JSONField(_("决策环节"), default=list)  # stage keys in STAGES order; [] = no decision
    resolution_body = models.CharField(
        _("决议会议"), max_length=10, choices=ResolutionBody.choices, default=ResolutionBody.EITHER
    )
    procedure = models.CharField(_("办理流程"), max_length=500)
    publish = models.CharField(_("公开内容"), max_length=300)
    # The procedure as steps of gongzhi.core.power_flows' vocabulary ({kind, label, body, days}); an
    # application in the service hall of a matter bound to this item follows it (decision 0044).
    flow = models.JSONField(_("办理步骤"), default=list, blank=True)
    active = models.BooleanField(_("在用"), default=True)
    changed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    changed_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["area_path", "code", "id"]
        constraints = [models.UniqueConstraint(fields=["area", "code"], name="power_item_code_once")]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"

    @property
    def scope_path(self) -> str:
        return self.area_path

    @property
    def audit_area(self):
        return self.area

    @property
    def mandatory(self) -> bool:
        return self.matter_type in MANDATORY_TYPES

    @property
    def flow_line(self) -> str:
        """The 办理步骤 in one line: "核实·入户调查 → 会议·民主评议 → 公示·评议结果公示（7天） → 报送·报镇审核"."""
        from django.utils.translation import gettext

        from gongzhi.core.power_flows import PUBLISH, STEP_KINDS

        parts = []
        for step in self.flow or ():
            kind = str(STEP_KINDS.get(step.get("kind", ""), step.get("kind", "")))
            part = f"{kind}·{step['label']}" if step.get("label") and step["label"] != kind else kind
            if step.get("kind") == PUBLISH:
                part += gettext("（%(days)s天）") % {"days": step.get("days")}
            parts.append(part)
        return " → ".join(parts)

    @property
    def decided(self) -> bool:
        """Whether a matter of this kind is decided by 四议两公开 at all (证明出具 is a service, not a decision)."""
        return bool(self.stages)


class OriginKind(models.TextChoices):
    RESIDENT_PROPOSAL = "resident_proposal", _("居民提案")
    CADRE_PROPOSAL = "cadre_proposal", _("干部提议")
    TOWNSHIP = "township", _("镇里交办")
    WISH = "wish", _("微心愿转办")
    SITUATION = "situation", _("微民情转办")


class DecisionState(models.TextChoices):
    PROPOSAL = "proposal", _("待党组织提议")
    CONSULTATION = "consultation", _("待两委会商议")
    REVIEW = "review", _("待党员大会审议")
    RESOLUTION = "resolution", _("待村(居)民会议决议")
    DISCLOSURE = "disclosure", _("待决议公开")
    EXECUTING = "executing", _("实施中")
    RESULT = "result", _("待实施结果公开")
    DONE = "done", _("已完成")
    NOT_ADOPTED = "not_adopted", _("未通过")


class Decision(models.Model):
    community = models.ForeignKey("areas.Area", on_delete=models.PROTECT, related_name="+")
    area_path = models.CharField(max_length=120, db_index=True, editable=False)
    title = models.CharField(_("事项名称"), max_length=60)
    body = models.TextField(_("事项内容"), max_length=3000)
    matter_type = models.CharField(_("事项类型"), max_length=16, choices=MatterType.choices)
    power_item = models.ForeignKey(
        PowerItem, on_delete=models.PROTECT, null=True, blank=True, related_name="decisions"
    )
    stages = models.JSONField(default=list)  # the flow it follows, fixed when it starts
    state = models.CharField(_("状态"), max_length=16, choices=DecisionState.choices)
    origin_kind = models.CharField(_("来源"), max_length=20, choices=OriginKind.choices)
    origin_app = models.CharField(max_length=40, blank=True)  # the record that started it: app, model, id
    origin_model = models.CharField(max_length=40, blank=True)
    origin_id = models.PositiveBigIntegerField(null=True, blank=True)
    origin_title = models.CharField(_("来源事项"), max_length=120, blank=True)
    # Who hears of every stage besides the staff (the author of the proposal that started it).
    watchers = models.ManyToManyField(settings.AUTH_USER_MODEL, blank=True, related_name="+")
    started_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    started_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    closed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-started_at", "-id"]
        indexes = [models.Index(fields=["origin_app", "origin_model", "origin_id"], name="decision_origin")]

    def __str__(self) -> str:
        return self.title

    @property
    def scope_path(self) -> str:
        return self.area_path

    @property
    def audit_area(self):
        return self.community

    @property
    def mandatory(self) -> bool:
        return self.matter_type in MANDATORY_TYPES


class DecisionEvent(models.Model):
    """The decision's history: every move, with who and a note."""

    decision = models.ForeignKey(Decision, on_delete=models.CASCADE, related_name="events")
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    verb = models.CharField(max_length=30)
    from_state = models.CharField(max_length=16, blank=True)
    to_state = models.CharField(max_length=16)
    note = models.CharField(max_length=1000, blank=True)
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.decision_id} {self.verb}"


class DecisionStage(models.Model):
    decision = models.ForeignKey(Decision, on_delete=models.CASCADE, related_name="stage_records")
    stage = models.CharField(_("环节"), max_length=16, choices=Stage.choices)
    meeting = models.ForeignKey(
        "meetings.Meeting", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    # The agenda item's vote of a meeting convened in gongzhi (gongzhi.meetings) that decided the stage; none for
    # a meeting recorded after the fact (held before the matter was registered) or a publication.
    item = models.ForeignKey(
        "meetings.MeetingItem", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    passed = models.BooleanField(default=True)
    merged = models.BooleanField(default=False)  # 一肩挑: held with the proposal at one joint meeting
    skipped = models.BooleanField(default=False)  # the flow of its power item does not need it
    opinion = models.CharField(_("意见"), max_length=1000, blank=True)
    published_on = models.DateField(_("公开日期"), null=True, blank=True)
    published_text = models.TextField(_("公开内容"), max_length=3000, blank=True)
    published_where = models.CharField(_("公开方式"), max_length=100, blank=True)
    # The item on the community's public board (gongzhi.disclosures) that published it.
    disclosure = models.ForeignKey(
        "disclosures.Disclosure", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["decision", "recorded_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["decision", "stage"], name="decision_stage_once"),
            # one vote decides one stage of one decision (一肩挑's merged 商议 shares the 提议's vote)
            models.UniqueConstraint(
                fields=["item"],
                condition=Q(merged=False, item__isnull=False),
                name="decision_stage_item_once",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.decision_id} {self.stage}"


class DecisionTask(models.Model):
    case = models.OneToOneField(
        "cases.Case", on_delete=models.CASCADE, primary_key=True, related_name="decision_task"
    )
    decision = models.ForeignKey(Decision, on_delete=models.PROTECT, related_name="tasks")

    def __str__(self) -> str:
        return self.case.title

    @property
    def scope_path(self) -> str:
        return self.case.area_path


class DecisionObjection(models.Model):
    decision = models.ForeignKey(Decision, on_delete=models.PROTECT, related_name="objections")
    text = models.CharField(_("监督意见"), max_length=1000)
    raised_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    raised_at = models.DateTimeField(auto_now_add=True)
    due_at = models.DateTimeField(_("答复期限"))
    due_basis = models.CharField(max_length=200, blank=True)
    answer = models.CharField(_("答复"), max_length=1000, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    answered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["raised_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(answered_at=None) | ~Q(answer=""), name="decision_objection_answer_text"
            )
        ]

    def __str__(self) -> str:
        return f"{self.decision_id} {self.raised_at}"

    @property
    def scope_path(self) -> str:
        return self.decision.area_path

    @property
    def audit_area(self):
        return self.decision.community
