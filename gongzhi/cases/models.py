"""Cases: the one lifecycle mechanism behind the feature apps' requests, notes, applications and disputes.

A case carries what every kind shares — who it is for, who typed it (and the
consent of the person it is for, when a grid worker or clerk typed it),
where it belongs, its state, its privacy tier, who handles it, when it is
due, and the author's rating at the end. Each kind's own facts live in its
feature app (a `Wish` has its category and its claimer) on a one-to-one row.
States and transitions are data (gongzhi.cases.workflow), and every move
writes a `CaseEvent`: the case's honest history.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class PrivacyTier(models.TextChoices):
    PUBLIC = "public", _("公开")
    ANONYMISED = "anonymised", _("公开页匿名")
    # Off the public pages; the helpers of the community see the title to claim it, the claimer the rest.
    RESTRICTED = "restricted", _("仅工作人员和认领人")
    STAFF_ONLY = "staff_only", _("仅工作人员可见")


# Shown on public pages (wall, public detail, public API); the others never are.
PUBLIC_TIERS = frozenset({PrivacyTier.PUBLIC, PrivacyTier.ANONYMISED})


class ConsentChannel(models.TextChoices):
    IN_PERSON = "in_person", _("当面")
    PHONE = "phone", _("电话")
    WRITTEN = "written", _("书面")


class DueBasis(models.TextChoices):
    OFFICIAL = "official", _("按国家节假日安排")
    ENTERED = "entered", _("按镇里录入的节假日安排")
    WEEKENDS_ONLY = "weekends_only", _("节假日安排未知，仅按周末计算")


class Case(models.Model):
    kind = models.CharField(_("类型"), max_length=30, db_index=True)
    state = models.CharField(_("状态"), max_length=30)
    title = models.CharField(_("标题"), max_length=60)
    body = models.TextField(_("内容"), max_length=2000)
    # Who it is for: a resident of the register (their account, when they have one).
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    resident = models.ForeignKey(
        "residents.Resident", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    # Who typed it, and, in assisted mode, the consent of the person it is for.
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    assisted = models.BooleanField(_("代办"), default=False)
    consent_channel = models.CharField(
        _("同意方式"), max_length=12, choices=ConsentChannel.choices, blank=True
    )
    consent_at = models.DateTimeField(_("同意时间"), null=True, blank=True)
    consent_note = models.CharField(_("同意说明"), max_length=200, blank=True)
    # Where it belongs (scope), and where it happened, in words.
    community = models.ForeignKey("areas.Area", on_delete=models.PROTECT, related_name="+")
    area_path = models.CharField(max_length=120, db_index=True)
    place = models.CharField(_("地点"), max_length=100, blank=True)
    # The township department the case belongs to, if any: it is then routed to that department's staff.
    department = models.ForeignKey(
        "areas.Department", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    privacy = models.CharField(
        _("公开范围"), max_length=12, choices=PrivacyTier.choices, default=PrivacyTier.PUBLIC
    )
    # About health, disability, living alone, hardship or 三留守: public pages never name a surname.
    sensitive = models.BooleanField(_("涉及敏感情况"), default=False)
    # Why staff published personal numbers unredacted (empty: public pages redact them).
    pii_released = models.CharField(_("保留个人信息公开的理由"), max_length=200, blank=True)
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    due_at = models.DateTimeField(_("办理时限"), null=True, blank=True)
    due_limit = models.CharField(_("时限"), max_length=20, blank=True)  # "3 workdays" as entered, for display
    due_basis = models.CharField(max_length=16, choices=DueBasis.choices, blank=True)
    due_note = models.CharField(max_length=100, blank=True)
    rating = models.PositiveSmallIntegerField(_("评价"), null=True, blank=True)
    rating_comment = models.CharField(_("评价意见"), max_length=200, blank=True)
    rated_at = models.DateTimeField(null=True, blank=True)
    # One form submission makes one case however often it is sent (double-submit guard).
    submission_key = models.CharField(max_length=64, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    closed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["kind", "state", "area_path"], name="case_kind_state_scope"),
            models.Index(fields=["community", "kind", "state", "-created_at"], name="case_wall"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["submitted_by", "kind", "submission_key"],
                condition=~models.Q(submission_key=""),
                name="case_submission_once",
            ),
            models.CheckConstraint(
                condition=models.Q(rating__isnull=True) | models.Q(rating__gte=1, rating__lte=5),
                name="case_rating_1_to_5",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kind}#{self.pk} {self.title}"

    @property
    def scope_path(self) -> str:
        return self.area_path


class CaseEvent(models.Model):
    """One line of a case's history: who moved it, when, from which state to which, and why."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="events")
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+")
    verb = models.CharField(max_length=30)
    from_state = models.CharField(max_length=30, blank=True)
    to_state = models.CharField(max_length=30, blank=True)
    note = models.CharField(max_length=500, blank=True)
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.verb}: {self.from_state} → {self.to_state}"


class CaseMessage(models.Model):
    """One message in a case's private thread: between the people the case concerns (for a wish:
    the wisher or whoever typed it for them, the claimer, and the community's staff). Never public."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="messages")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    body = models.TextField(_("留言"), max_length=1000)
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["at", "id"]
        indexes = [models.Index(fields=["case", "at"], name="case_message_thread")]

    def __str__(self) -> str:
        return f"message {self.pk} on case {self.case_id}"


class CaseAttachment(models.Model):
    """A photo on a case: with the post itself, or as proof of what was done."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="attachments")
    photo = models.ForeignKey("photos.Photo", on_delete=models.PROTECT, related_name="+")
    stage = models.CharField(max_length=20)  # "post", "fulfilment", "reply"
    added_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    added_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"{self.stage} photo of case {self.case_id}"


class DigestSent(models.Model):
    """One staff digest per person per day, however often the periodic runner comes by."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    day = models.DateField()
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "day"], name="digest_once_a_day")]

    def __str__(self) -> str:
        return f"{self.user_id} {self.day}"


class Escalation(models.Model):
    """吹哨: a case sent up from its village or community to one or more departments of its township
    (several at once: the township's joint handling), with its own due time in workdays.

    Each department's reply is recorded on its `EscalationTarget` and on the
    case's timeline, and goes back down to whoever raised it. The case stays
    the community's all along: when every department has replied the
    escalation is answered, and the community closes it and carries on.
    """

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="escalations")
    raised_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    reason = models.CharField(_("吹哨事由"), max_length=500)
    due_at = models.DateTimeField(_("答复时限"))
    due_limit = models.CharField(_("时限"), max_length=20, blank=True)
    due_basis = models.CharField(max_length=16, choices=DueBasis.choices, blank=True)
    due_note = models.CharField(max_length=100, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    answered_at = models.DateTimeField(null=True, blank=True)  # every department has replied
    closed_at = models.DateTimeField(null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    closing_note = models.CharField(_("结束说明"), max_length=200, blank=True)

    class Meta:
        ordering = ["created_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["case"], condition=models.Q(closed_at=None), name="escalation_one_open"
            )
        ]

    def __str__(self) -> str:
        return f"escalation {self.pk} of case {self.case_id}"

    @property
    def is_open(self) -> bool:
        return self.closed_at is None

    @property
    def scope_path(self) -> str:
        return self.case.area_path


class EscalationTarget(models.Model):
    """One department called by an escalation, and its reply (once)."""

    escalation = models.ForeignKey(Escalation, on_delete=models.CASCADE, related_name="targets")
    department = models.ForeignKey("areas.Department", on_delete=models.PROTECT, related_name="+")
    reply = models.CharField(_("部门答复"), max_length=500, blank=True)
    replied_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    replied_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["escalation_id", "id"]
        constraints = [
            models.UniqueConstraint(fields=["escalation", "department"], name="escalation_department_once")
        ]
        indexes = [models.Index(fields=["department", "replied_at"], name="escalation_department_queue")]

    def __str__(self) -> str:
        return f"{self.department_id} on escalation {self.escalation_id}"

    @property
    def scope_path(self) -> str:
        return self.escalation.case.area_path
