"""The village service hall 便民服务: the catalogue of matters (事项目录) and the applications made for them.

前台受理、后台审批、统一出件: a resident applies online (or a window clerk or a
village 代办员 applies for them); the window checks the materials and accepts,
accepts with a promise (容缺受理), refuses, or sends one notice listing every
missing or faulty material (一次性告知); the deciding department's officers
approve or reject (in several steps where the matter needs it, the last one
possibly at a county office outside gongzhi); the window issues the result
with a verifiable PDF; the applicant rates the service (好差评).

An application is a case (gongzhi.cases, kind "application"): the case holds
the state, the timeline, the due time, the routing (area and department) and
the rating; `Application` holds what only applications have. The case type
(states, moves, who acts in each state) is in workflow.py.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class HandlingMode(models.TextChoices):
    VILLAGE_DIRECT = "village_direct", _("村级直接办结")
    VILLAGE_TO_TOWNSHIP = "village_to_township", _("村级受理·乡级办结")
    VILLAGE_TO_WINDOW = "village_to_window", _("村级受理·转乡级窗口")


class Level(models.TextChoices):
    VILLAGE = "village", _("村(社区)级")
    TOWNSHIP = "township", _("乡镇级")
    COUNTY = "county", _("县级")


class LimitUnit(models.TextChoices):
    WORKDAYS = "workdays", _("工作日")
    CALENDAR_DAYS = "calendar_days", _("自然日")


class Matter(models.Model):
    """One matter of a township's catalogue: a main item (主项) or one of its sub-items (子项).

    Applications are made for a sub-item, or for a main item without
    sub-items. The catalogue belongs to a township; its villages and
    communities all apply from it.
    """

    township = models.ForeignKey("areas.Area", on_delete=models.PROTECT, related_name="+")
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("主项"),
    )
    code = models.CharField(_("事项编码"), max_length=30)
    name = models.CharField(_("事项名称"), max_length=100)
    # The department that decides (back office); empty for matters the village settles itself.
    department = models.ForeignKey(
        "areas.Department",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("审批部门"),
    )
    levels = models.JSONField(_("行使层级"), default=list)  # [Level values]
    mode = models.CharField(_("办理方式"), max_length=24, choices=HandlingMode.choices)
    # A village review (初审, 民主评议) before the township decides.
    village_review = models.BooleanField(_("村级初审"), default=False)
    # The county office that decides last, outside gongzhi (a hand-off with dates); empty: none.
    county_office = models.CharField(_("县级审批部门"), max_length=100, blank=True)
    legal_basis = models.TextField(_("设定依据"), blank=True)
    conditions = models.TextField(_("受理条件"), blank=True)
    guide = models.TextField(_("办事指南"), blank=True)  # plain language: who, what, how
    where = models.CharField(_("办理地点"), max_length=200, blank=True)
    fee = models.CharField(_("收费标准"), max_length=100, blank=True)  # empty: free of charge (不收费)
    online = models.BooleanField(_("可网上申请"), default=True)
    proxy = models.BooleanField(_("可村级代办"), default=True)
    open311 = models.BooleanField(_("接受外部系统申请(Open311)"), default=False)
    # The village power list's item (小微权力清单编号, e.g. C01) an application of this matter follows: the
    # applicant's community's item of that code, through the kernel hook gongzhi.core.power_flows.
    power_code = models.CharField(_("小微权力清单事项"), max_length=10, blank=True)
    is_active = models.BooleanField(_("启用"), default=True)
    sort_order = models.PositiveIntegerField(_("排序"), default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("事项")
        verbose_name_plural = _("事项")
        ordering = ["township_id", "sort_order", "code"]
        constraints = [models.UniqueConstraint(fields=["township", "code"], name="matter_code_unique")]

    def __str__(self) -> str:
        return self.name

    @property
    def scope_path(self) -> str:
        return self.township.path


class MatterStep(models.Model):
    """One step of a matter's promised time limit (承诺时限), in order: "公示 7 自然日", then "审核 15 工作日".

    The steps chain from acceptance: each starts when the one before ends.
    """

    matter = models.ForeignKey(Matter, on_delete=models.CASCADE, related_name="steps")
    order = models.PositiveSmallIntegerField(_("顺序"), default=0)
    name = models.CharField(_("环节"), max_length=30)
    amount = models.PositiveSmallIntegerField(_("时限"))
    unit = models.CharField(_("单位"), max_length=14, choices=LimitUnit.choices, default=LimitUnit.WORKDAYS)

    class Meta:
        verbose_name = _("办理时限环节")
        verbose_name_plural = _("办理时限环节")
        ordering = ["matter_id", "order", "id"]

    def __str__(self) -> str:
        return f"{self.name} {self.amount}"


class MaterialForm(models.TextChoices):
    ORIGINAL = "original", _("原件")
    COPY = "copy", _("复印件")
    BOTH = "both", _("原件和复印件")
    ELECTRONIC = "electronic", _("电子材料")


class MaterialSource(models.TextChoices):
    APPLICANT = "applicant", _("申请人提供")
    # Produced from what gongzhi already knows (the register): never asked of the applicant again.
    REGISTER = "register", _("由系统根据登记信息生成")
    OFFICE = "office", _("由部门或村(社区)出具")


class Material(models.Model):
    """One line of a matter's materials checklist."""

    matter = models.ForeignKey(Matter, on_delete=models.CASCADE, related_name="materials")
    order = models.PositiveSmallIntegerField(_("顺序"), default=0)
    name = models.CharField(_("材料名称"), max_length=100)
    required = models.BooleanField(_("必要"), default=True)
    form = models.CharField(
        _("材料形式"), max_length=12, choices=MaterialForm.choices, default=MaterialForm.COPY
    )
    count = models.PositiveSmallIntegerField(_("份数"), default=1)
    source = models.CharField(
        _("来源"), max_length=12, choices=MaterialSource.choices, default=MaterialSource.APPLICANT
    )
    # For a register-sourced material: the register fact it comes from (see selectors' REGISTER_FACTS).
    register_fact = models.CharField(_("登记信息项"), max_length=30, blank=True)
    check_point = models.CharField(_("审查要点"), max_length=200, blank=True)  # e.g. 有效期内
    note = models.CharField(_("备注"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("申请材料")
        verbose_name_plural = _("申请材料")
        ordering = ["matter_id", "order", "id"]

    def __str__(self) -> str:
        return self.name


class Channel(models.TextChoices):
    ONLINE = "online", _("网上申请")
    WINDOW = "window", _("窗口代为录入")
    PROXY = "proxy", _("村级代办")
    OPEN311 = "open311", _("外部系统(Open311)")


class Decision(models.TextChoices):
    APPROVED = "approved", _("准予")
    REJECTED = "rejected", _("不予")


class Delivery(models.TextChoices):
    IN_PERSON = "in_person", _("本人现场领取")
    POST = "post", _("邮寄")
    AUTHORISED = "authorised", _("委托他人领取")


class UnreasonableKind(models.TextChoices):
    UNREASONABLE = "unreasonable", _("诉求不合理")
    OUTSIDE_POWERS = "outside_powers", _("超出职权范围")


class UnreasonableReview(models.TextChoices):
    UPHELD = "upheld", _("维持标记")
    OVERTURNED = "overturned", _("撤销标记")


class Application(models.Model):
    """An application for a matter, on its case (kind "application")."""

    case = models.OneToOneField(
        "cases.Case", on_delete=models.CASCADE, primary_key=True, related_name="application"
    )
    matter = models.ForeignKey(Matter, on_delete=models.PROTECT, related_name="applications")
    channel = models.CharField(_("申请渠道"), max_length=10, choices=Channel.choices)
    # The register facts filled in at application (name, household, address…): entered once, never asked again.
    facts = models.JSONField(_("登记信息"), default=dict, blank=True)
    phone = models.CharField(_("联系电话"), max_length=20, blank=True)
    # 受理编号, given at acceptance; the receipt carries it with the due date.
    number = models.CharField(_("受理编号"), max_length=30, blank=True)
    accepted_at = models.DateTimeField(_("受理时间"), null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    decision = models.CharField(_("审批结果"), max_length=10, choices=Decision.choices, blank=True)
    decision_reason = models.CharField(_("审批意见"), max_length=500, blank=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    # A hand-off to a county office outside gongzhi: when it left, when the answer came back.
    handed_off_at = models.DateTimeField(null=True, blank=True)
    handed_back_at = models.DateTimeField(null=True, blank=True)
    # 出件: the hand-over of the result.
    issued_at = models.DateTimeField(null=True, blank=True)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    delivery = models.CharField(_("出件方式"), max_length=12, choices=Delivery.choices, blank=True)
    delivery_note = models.CharField(_("出件说明"), max_length=200, blank=True)
    # Marked by the township as unreasonable or outside its powers (shown apart in the statistics).
    unreasonable_reason = models.CharField(_("不合理诉求说明"), max_length=500, blank=True)
    unreasonable_basis = models.CharField(_("依据"), max_length=200, blank=True)
    unreasonable_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    unreasonable_at = models.DateTimeField(null=True, blank=True)
    unreasonable_kind = models.CharField(
        _("标记类型"), max_length=16, choices=UnreasonableKind.choices, blank=True
    )
    # The supervisory committee's review of the mark (监委会复核): upheld or overturned, with its note.
    unreasonable_review = models.CharField(
        _("复核结论"), max_length=12, choices=UnreasonableReview.choices, blank=True
    )
    unreasonable_review_note = models.CharField(_("复核意见"), max_length=500, blank=True)
    unreasonable_reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    unreasonable_reviewed_at = models.DateTimeField(null=True, blank=True)
    # The promised due time given at acceptance (the receipt's 办结时限), kept for the on-time statistics
    # after the case's own due time has moved on to the next state's.
    promised_due_at = models.DateTimeField(_("承诺办结时间"), null=True, blank=True)
    visits = models.PositiveSmallIntegerField(_("到窗口次数"), default=0)  # for 最多跑一次

    class Meta:
        verbose_name = _("办件")
        verbose_name_plural = _("办件")
        constraints = [
            models.UniqueConstraint(
                fields=["number"], condition=~models.Q(number=""), name="application_number_once"
            )
        ]
        indexes = [
            models.Index(fields=["matter", "accepted_at"], name="application_matter"),
            # Open311's GET requests: the few that outside systems sent, among a county's million.
            models.Index(
                fields=["matter"], condition=models.Q(channel="open311"), name="application_open311"
            ),
        ]

    def __str__(self) -> str:
        return self.number or f"application {self.pk}"

    @property
    def scope_path(self) -> str:
        return self.case.area_path


class MaterialState(models.TextChoices):
    MISSING = "missing", _("未提交")
    PROVIDED = "provided", _("已提交")
    FROM_REGISTER = "from_register", _("系统已有")
    CHECKED = "checked", _("审查通过")
    FAULTY = "faulty", _("需补正")
    PROMISED = "promised", _("容缺后补")


class ApplicationMaterial(models.Model):
    """One checklist line on one application: its state and the window's note on it."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="materials")
    material = models.ForeignKey(Material, on_delete=models.PROTECT, related_name="+")
    state = models.CharField(
        _("状态"), max_length=14, choices=MaterialState.choices, default=MaterialState.MISSING
    )
    note = models.CharField(_("审查意见"), max_length=200, blank=True)
    # Which supply round last changed it (0: with the application); a later notice may name only what changed.
    round = models.PositiveSmallIntegerField(default=0)
    # 容缺受理: the applicant's promise to bring it by this date.
    promised_by = models.DateField(_("承诺补交日期"), null=True, blank=True)
    supplied_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["application_id", "material__order", "material_id"]
        constraints = [
            models.UniqueConstraint(fields=["application", "material"], name="application_material_once")
        ]

    def __str__(self) -> str:
        return f"{self.material_id} of {self.application_id}"


class ApplicationFile(models.Model):
    """A file handed in for a checklist line: a photo (re-encoded, EXIF stripped) or a checked PDF."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="files")
    line = models.ForeignKey(ApplicationMaterial, on_delete=models.CASCADE, related_name="files")
    photo = models.ForeignKey(
        "photos.Photo", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    path = models.CharField(max_length=200, blank=True)  # a PDF under the hall's storage
    name = models.CharField(_("文件名"), max_length=100, blank=True)
    size = models.PositiveIntegerField(default=0)
    sha256 = models.CharField(max_length=64, blank=True)
    round = models.PositiveSmallIntegerField(default=0)
    added_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    added_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["application_id", "added_at", "id"]

    def __str__(self) -> str:
        return self.name or f"file {self.pk}"


class SupplyNotice(models.Model):
    """一次性告知: one notice listing every missing or faulty material, in rounds (1, 2, …).

    A later round may only name problems in material supplied since the round before.
    """

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="notices")
    round = models.PositiveSmallIntegerField()
    sent_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    sent_at = models.DateTimeField(auto_now_add=True)
    note = models.CharField(_("说明"), max_length=500, blank=True)
    supplied_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["application_id", "round"]
        constraints = [
            models.UniqueConstraint(fields=["application", "round"], name="supply_notice_round_once")
        ]

    def __str__(self) -> str:
        return f"notice {self.round} of {self.application_id}"


class SupplyNoticeItem(models.Model):
    notice = models.ForeignKey(SupplyNotice, on_delete=models.CASCADE, related_name="items")
    line = models.ForeignKey(ApplicationMaterial, on_delete=models.PROTECT, related_name="+")
    problem = models.CharField(
        _("问题"), max_length=10, choices=[("missing", _("缺少")), ("faulty", _("不符合要求"))]
    )
    note = models.CharField(_("具体说明"), max_length=200, blank=True)

    class Meta:
        ordering = ["notice_id", "id"]

    def __str__(self) -> str:
        return f"{self.problem} {self.line_id}"


class IssuedDocument(models.Model):
    """The result notice issued for an application (a PDF), verifiable at /verify/<code> while it stands."""

    application = models.ForeignKey(Application, on_delete=models.PROTECT, related_name="documents")
    code = models.CharField(_("验证码"), max_length=20, unique=True)
    title = models.CharField(_("文书名称"), max_length=100)
    path = models.CharField(max_length=200)
    sha256 = models.CharField(max_length=64)
    issued_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    issued_at = models.DateTimeField(auto_now_add=True)
    # Revoked (superseded or withdrawn): verification then says it is no longer current.
    revoked_at = models.DateTimeField(null=True, blank=True)
    revoked_reason = models.CharField(max_length=200, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-issued_at", "-id"]

    def __str__(self) -> str:
        return self.code


class FollowUp(models.Model):
    """回访整改: the case a bad rating (不满意 or worse) opens for the township, on its own case (kind "followup")."""

    case = models.OneToOneField(
        "cases.Case", on_delete=models.CASCADE, primary_key=True, related_name="followup"
    )
    application = models.OneToOneField(Application, on_delete=models.PROTECT, related_name="followup")
    finding = models.CharField(_("回访情况"), max_length=500, blank=True)
    remedy = models.CharField(_("整改措施"), max_length=500, blank=True)

    def __str__(self) -> str:
        return f"follow-up of {self.application_id}"

    @property
    def scope_path(self) -> str:
        return self.case.area_path


class Open311Key(models.Model):
    """An API key of an outside system sending requests through Open311 GeoReport v2 (/open311/v2/).

    Issued by the township's admin in the browser; only a hash is stored (the key is shown once). Each key
    has its own account that stands for the system: it submits the applications the system sends (the
    case's `submitted_by`), so the trail says which system sent what. Revoking is immediate and final.
    """

    township = models.ForeignKey("areas.Area", on_delete=models.PROTECT, related_name="+")
    name = models.CharField(_("外部系统名称"), max_length=100)
    account = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="open311_key"
    )
    key_hash = models.CharField(max_length=64, unique=True)
    prefix = models.CharField(max_length=12)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("Open311接口密钥")
        verbose_name_plural = _("Open311接口密钥")
        ordering = ["township_id", "-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    @property
    def scope_path(self) -> str:
        return self.township.path

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None


class ReceiptCounter(models.Model):
    """The last receipt sequence (受理编号) given by one township on one day; its row is locked to take the next."""

    township = models.ForeignKey("areas.Area", on_delete=models.PROTECT, related_name="+")
    day = models.DateField()
    last = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["township", "day"], name="receipt_counter_once")]

    def __str__(self) -> str:
        return f"{self.township_id} {self.day} {self.last}"


class Handover(models.Model):
    """出件: how the result left the window — in person, by post (with its tracking note), or to an
    authorised person (their name and ID number, encrypted; shown masked)."""

    application = models.OneToOneField(
        Application, on_delete=models.CASCADE, primary_key=True, related_name="handover"
    )
    collector_name = models.CharField(_("受托人姓名"), max_length=50, blank=True)
    collector_id_enc = models.TextField(blank=True)  # core.crypto, context "hall.collector_id"
    collector_id_last4 = models.CharField(max_length=4, blank=True)

    class Meta:
        verbose_name = _("出件记录")
        verbose_name_plural = _("出件记录")

    def __str__(self) -> str:
        return f"handover of {self.application_id}"


class ApplicationStep(models.Model):
    """One step of the power-list flow an application follows (its item's 办理步骤, copied when the first
    step is recorded): verification, a meeting's verdict, a publication with its objection window, the
    chair's signature, the report to the township. Never deleted; fulfilled once, in order."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="flow_steps")
    order = models.PositiveSmallIntegerField()
    kind = models.CharField(max_length=10)  # gongzhi.core.power_flows.STEP_KINDS
    label = models.CharField(_("步骤"), max_length=30)
    body = models.CharField(max_length=20, blank=True)  # a meeting's body kind
    days = models.PositiveSmallIntegerField(default=0)  # a publication's days
    power_code = models.CharField(max_length=10)
    done_at = models.DateTimeField(null=True, blank=True)
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    note = models.CharField(_("办理情况"), max_length=500, blank=True)
    meeting = models.ForeignKey(
        "meetings.Meeting", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    passed = models.BooleanField(null=True, blank=True)  # the meeting's verdict
    disclosure = models.ForeignKey(
        "disclosures.Disclosure", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    ends_at = models.DateTimeField(null=True, blank=True)  # the publication's end (objections until then)

    class Meta:
        ordering = ["application_id", "order"]
        constraints = [models.UniqueConstraint(fields=["application", "order"], name="application_step_once")]

    def __str__(self) -> str:
        return self.label

    @property
    def scope_path(self) -> str:
        return self.application.case.area_path


class ApplicationObjection(models.Model):
    """An objection received during a publication step's window (in writing, at the window or by phone):
    entered by staff, answered by staff; the flow does not go on while one is unanswered."""

    step = models.ForeignKey(ApplicationStep, on_delete=models.PROTECT, related_name="objections")
    text = models.CharField(_("异议内容"), max_length=500)
    received_at = models.DateTimeField()
    received_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    answer = models.CharField(_("答复"), max_length=500, blank=True)
    answered_at = models.DateTimeField(null=True, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["step_id", "received_at", "id"]

    def __str__(self) -> str:
        return self.text[:20]
