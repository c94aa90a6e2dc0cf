"""Village conventions 村规民约 / residents' conventions 居民公约, and the township's revision campaign.

- `Campaign`: a township's revision campaign of one year — deadline, the
  required topics (the township's defaults chosen, plus topics of its own),
  and its annual target of demonstration villages 示范村.
- `Revision`: one community's new version in one campaign, from drafting to
  filing (the lifecycle is in gongzhi.conventions.actions), with the meeting
  that adopted it; `RevisionEvent` is its history.
- `ConventionVersion`: a version a community has had in force; the one with
  no `superseded_at` is in force now and is on the community's public page.
  A community's version from before gongzhi is entered by its staff; a filed
  revision becomes the next one.
- `DemonstrationApplication`: a community applies to be a 村规民约示范村 with
  its evidence; the township decides.
- `DeadlineReminder`: which reminder (7 or 1 days before the deadline) went
  to which community, so the periodic job sends each once.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .checker import DEFAULT_TOPICS, Topic, keyword_topic


class Campaign(models.Model):
    township = models.ForeignKey("areas.Area", on_delete=models.PROTECT, related_name="+")
    area_path = models.CharField(max_length=120, db_index=True, editable=False)
    year = models.PositiveSmallIntegerField(_("年度"))
    title = models.CharField(_("名称"), max_length=100)
    deadline = models.DateField(_("完成期限"))
    topic_keys = models.JSONField(_("必备内容"), default=list)
    extra_topics = models.JSONField(
        _("本镇增加的内容"), default=list
    )  # [{"key", "label", "keywords": [...]}]
    demonstration_target = models.PositiveSmallIntegerField(_("示范村目标数"), default=0)
    launched_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    launched_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["township", "year"], name="campaign_township_year")]
        ordering = ["-year", "id"]

    def __str__(self) -> str:
        return self.title

    @property
    def scope_path(self) -> str:
        return self.area_path

    @property
    def audit_area(self):
        return self.township

    def topics(self) -> tuple[Topic, ...]:
        chosen = [t for t in DEFAULT_TOPICS if t.key in self.topic_keys]
        extra = [keyword_topic(t["key"], t["label"], t["keywords"]) for t in self.extra_topics]
        return (*chosen, *extra)


class RevisionState(models.TextChoices):
    DRAFTING = "drafting", _("起草中")
    UNDER_REVIEW = "under_review", _("合法性审查中")
    RETURNED = "returned", _("退回修改")
    APPROVED = "approved", _("审查通过，待会议表决")
    ADOPTED = "adopted", _("会议表决通过，待备案")
    FILED = "filed", _("已备案公布")


EDITABLE_STATES = (RevisionState.DRAFTING, RevisionState.RETURNED)


class Revision(models.Model):
    campaign = models.ForeignKey(Campaign, on_delete=models.PROTECT, related_name="revisions")
    community = models.ForeignKey("areas.Area", on_delete=models.PROTECT, related_name="+")
    area_path = models.CharField(max_length=120, db_index=True, editable=False)
    title = models.CharField(_("标题"), max_length=60)
    text = models.TextField(_("正文"), blank=True)
    state = models.CharField(
        _("状态"), max_length=14, choices=RevisionState.choices, default=RevisionState.DRAFTING
    )
    compliant = models.BooleanField(default=False)  # the checker's verdict on `text` when it was last saved
    problems = models.PositiveSmallIntegerField(default=0)  # missing topics + violations, same moment
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    review_comment = models.CharField(_("审查意见"), max_length=1000, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)
    # The meeting that adopted it (gongzhi.meetings: the roll, the vote and core.quorum's verdict).
    meeting = models.OneToOneField(
        "meetings.Meeting", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    adopted_at = models.DateTimeField(null=True, blank=True)
    filing_number = models.CharField(_("备案号"), max_length=40, blank=True)
    filed_at = models.DateTimeField(null=True, blank=True)
    acknowledged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    acknowledged_at = models.DateTimeField(
        null=True, blank=True
    )  # the township has received the filing (备案回执)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["campaign", "community"], name="revision_one_per_campaign")
        ]
        indexes = [models.Index(fields=["campaign", "state"], name="revision_campaign_state")]

    def __str__(self) -> str:
        return self.title

    @property
    def scope_path(self) -> str:
        return self.area_path

    @property
    def audit_area(self):
        return self.community

    @property
    def is_editable(self) -> bool:
        return self.state in EDITABLE_STATES


EVENT_VERBS = {
    "start": _("开始起草"),
    "submit": _("报送合法性审查"),
    "approve": _("合法性审查通过"),
    "return": _("退回修改"),
    "adopt": _("会议表决通过"),
    "file": _("报镇备案并公布"),
    "acknowledge": _("镇里确认收到备案"),
}


class RevisionEvent(models.Model):
    """One move of a revision: who, when, from, to, and a note (the review comment, the vote)."""

    revision = models.ForeignKey(Revision, on_delete=models.CASCADE, related_name="events")
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+")
    verb = models.CharField(max_length=20)
    from_state = models.CharField(max_length=14, blank=True)
    to_state = models.CharField(max_length=14)
    note = models.CharField(max_length=1000, blank=True)
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.revision_id} {self.verb}"

    def get_verb_label(self) -> str:
        return str(EVENT_VERBS.get(self.verb, self.verb))


class ConventionVersion(models.Model):
    community = models.ForeignKey("areas.Area", on_delete=models.PROTECT, related_name="+")
    area_path = models.CharField(max_length=120, db_index=True, editable=False)
    title = models.CharField(_("标题"), max_length=60)
    text = models.TextField(_("正文"))
    adopted_on = models.DateField(_("通过日期"), null=True, blank=True)
    revision = models.OneToOneField(
        Revision, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)
    superseded_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["community"], condition=Q(superseded_at__isnull=True), name="convention_one_in_force"
            )
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def scope_path(self) -> str:
        return self.area_path

    @property
    def audit_area(self):
        return self.community


class DemonstrationState(models.TextChoices):
    SUBMITTED = "submitted", _("待审核")
    APPROVED = "approved", _("已命名")
    REJECTED = "rejected", _("未通过")


class DemonstrationApplication(models.Model):
    campaign = models.ForeignKey(Campaign, on_delete=models.PROTECT, related_name="demonstrations")
    community = models.ForeignKey("areas.Area", on_delete=models.PROTECT, related_name="+")
    area_path = models.CharField(max_length=120, db_index=True, editable=False)
    evidence = models.TextField(_("创建成效与佐证材料"))
    state = models.CharField(
        _("状态"), max_length=10, choices=DemonstrationState.choices, default=DemonstrationState.SUBMITTED
    )
    applied_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    applied_at = models.DateTimeField(auto_now_add=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    decision_note = models.CharField(_("审核意见"), max_length=500, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["campaign", "community"],
                condition=Q(state__in=["submitted", "approved"]),
                name="demonstration_one_open",
            )
        ]

    def __str__(self) -> str:
        return f"{self.community} · {self.campaign.year}"

    @property
    def scope_path(self) -> str:
        return self.area_path

    @property
    def audit_area(self):
        return self.community


class DeadlineReminder(models.Model):
    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="+")
    community = models.ForeignKey("areas.Area", on_delete=models.CASCADE, related_name="+")
    days_before = models.PositiveSmallIntegerField()
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["campaign", "community", "days_before"], name="reminder_once")
        ]

    def __str__(self) -> str:
        return f"{self.campaign_id}/{self.community_id} -{self.days_before}d"
