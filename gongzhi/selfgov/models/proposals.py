"""Residents' proposals (提案), their co-signers and their discussion (议事厅).

- `Proposal`: a resident (or a resident group, through the representative it chose)
  asks the community for a villagers'/residents' meeting, a representatives'
  meeting, or an answer. Its lifecycle (gongzhi.selfgov.workflow.proposals):
  draft → gathering (signatures) → submitted (by the author, or by reaching
  the statutory threshold) → accepted into 四议两公开 / answered with reasons
  → closed; withdrawn by its author before an answer.
- `ProposalSignature`: one co-signer (a resident of the register, active, 18
  or over, of the same community), once per proposal — a unique constraint.
  Signed by the resident themselves, or by a grid worker / window clerk for
  them with their consent recorded (who, when, channel).
- `ProposalPost`: a message of the proposal's moderated thread (议事厅), by a
  resident of the community, community staff, or a social organisation
  taking part (协同参与); hidden by staff with a reason, never deleted.
- `ProposalEvent`: the proposal's timeline (every move, with who and a note).
- `ProposalSetting`: a township's own rule: the days within which a meeting a proposal made due is held.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

__all__ = [
    "AuthorShown",
    "Proposal",
    "ProposalAsk",
    "ProposalEvent",
    "ProposalPost",
    "ProposalSetting",
    "ProposalSignature",
    "ProposalState",
]


class ProposalState(models.TextChoices):
    DRAFT = "draft", _("草稿")
    GATHERING = "gathering", _("征集联名")
    SUBMITTED = "submitted", _("已提交，待党组织答复")
    ACCEPTED = "accepted", _("已纳入“四议两公开”")
    ANSWERED = "answered", _("已答复")
    CLOSED = "closed", _("已办结")
    WITHDRAWN = "withdrawn", _("已撤回")


class ProposalAsk(models.TextChoices):
    ASSEMBLY = "assembly", _("召集村(居)民会议")
    REPRESENTATIVES = "representatives", _("召集村(居)民代表会议")
    ANSWER = "answer", _("请党组织研究答复")


class AuthorShown(models.TextChoices):
    MASKED = "masked", _("只显示姓氏（如 王**）")
    NAME = "name", _("显示我的姓名")
    GROUP = "group", _("只显示“某组居民”")


class Proposal(models.Model):
    community = models.ForeignKey("areas.Area", on_delete=models.PROTECT, related_name="+")
    area_path = models.CharField(max_length=120, db_index=True, editable=False)  # the community's
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    author_resident = models.ForeignKey("residents.Resident", on_delete=models.PROTECT, related_name="+")
    # A resident group's proposal: the representative the group chose proposes for it.
    group = models.ForeignKey("areas.Area", on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    author_shown = models.CharField(
        _("公开页如何显示提议人"), max_length=8, choices=AuthorShown.choices, default=AuthorShown.MASKED
    )
    title = models.CharField(_("标题"), max_length=60)
    text = models.TextField(_("提案内容"), max_length=3000)
    asks = models.CharField(_("提议事项"), max_length=20, choices=ProposalAsk.choices)
    state = models.CharField(
        _("状态"), max_length=12, choices=ProposalState.choices, default=ProposalState.DRAFT
    )
    opened_at = models.DateTimeField(null=True, blank=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    # The statutory threshold reached: which route (adults, households, groups, representatives), with the
    # count and the base on the day, frozen for the record; and by when the meeting is due.
    reached_at = models.DateTimeField(null=True, blank=True)
    reached_route = models.CharField(max_length=20, blank=True)
    reached_count = models.PositiveIntegerField(null=True, blank=True)
    reached_base = models.PositiveIntegerField(null=True, blank=True)
    meeting_due_on = models.DateField(null=True, blank=True)
    # The meeting convened on it (a record of gongzhi.meetings), once staff link it.
    meeting = models.ForeignKey(
        "meetings.Meeting", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    answer = models.TextField(_("党组织答复"), max_length=2000, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    answered_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["community", "state"], name="proposal_community_state")]

    def __str__(self) -> str:
        return self.title

    @property
    def scope_path(self) -> str:
        return self.area_path

    @property
    def audit_area(self):
        return self.community


class ProposalSignature(models.Model):
    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="signatures")
    resident = models.ForeignKey("residents.Resident", on_delete=models.PROTECT, related_name="+")
    # Who pressed the button: the resident's own account, or the assister acting for them.
    signed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    assisted = models.BooleanField(default=False)
    consent_channel = models.CharField(max_length=12, blank=True)  # gongzhi.cases.models.ConsentChannel
    consent_note = models.CharField(max_length=200, blank=True)
    # A group's representative signing for the group (城市居民委员会组织法 art. 9: 三分之一以上的居民小组).
    for_group = models.ForeignKey(
        "areas.Area", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    signed_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["proposal", "signed_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["proposal", "resident"], name="proposal_signed_once"),
        ]

    def __str__(self) -> str:
        return f"{self.proposal_id} {self.resident_id}"

    @property
    def scope_path(self) -> str:
        return self.resident.area_path

    @property
    def audit_area(self):
        return self.proposal.community


class ProposalEvent(models.Model):
    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="events")
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+")
    verb = models.CharField(max_length=20)
    from_state = models.CharField(max_length=12, blank=True)
    to_state = models.CharField(max_length=12)
    note = models.CharField(max_length=500, blank=True)
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["proposal", "at", "id"]

    def __str__(self) -> str:
        return f"{self.proposal_id} {self.verb}"


class ProposalPost(models.Model):
    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="posts")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    # How the author takes part: a resident of the community, the community's staff, or a social
    # organisation (协同参与), named as the organisation.
    capacity = models.CharField(max_length=12)  # resident, staff, organisation
    organisation = models.CharField(_("社会组织名称"), max_length=60, blank=True)  # its name when it spoke
    # The registered organisation (gongzhi.orgs) a representative spoke for.
    org = models.ForeignKey(
        "orgs.Organisation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("社会组织"),
    )
    body = models.TextField(_("留言"), max_length=1000)
    created_at = models.DateTimeField(auto_now_add=True)
    hidden_at = models.DateTimeField(null=True, blank=True)
    hidden_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    hidden_reason = models.CharField(_("隐藏理由"), max_length=200, blank=True)

    class Meta:
        ordering = ["proposal", "created_at", "id"]

    def __str__(self) -> str:
        return f"{self.proposal_id} #{self.pk}"

    @property
    def scope_path(self) -> str:
        return self.proposal.area_path

    @property
    def audit_area(self):
        return self.proposal.community


class ProposalSetting(models.Model):
    """A township's own rule for proposals: within how many days a meeting a proposal made due must be held
    (the statute gives no time limit; gongzhi.selfgov.proposal_thresholds.MEETING_DUE_DAYS when unset)."""

    township = models.OneToOneField("areas.Area", on_delete=models.PROTECT, related_name="+")
    meeting_due_days = models.PositiveSmallIntegerField(_("联名达到法定人数后应在多少天内召集会议"))
    changed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    changed_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"{self.township_id} meeting_due_days={self.meeting_due_days}"
