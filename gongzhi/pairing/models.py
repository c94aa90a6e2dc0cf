"""结对: party members paired with households (党小组 + 网格员 + 党员先锋岗; "x名党员和N名群众结对").

- `Aim`: what the township (or one community) wants paired — every household with a member carrying one of the
  aim's register tags (三留守, 低保, …) — and, optionally, at most how many households one party member takes
  (1+N). A community's own aim replaces its township's.
- `Pair`: one party member of the register (political status 中共党员 or 预备党员, never self-declared) with one
  household of the same community; from `started_on` until `ended_on` (None while active), with the reason it
  began and ended. One active pair per household (a partial unique index on both databases). Re-pairing ends
  the active pair and begins the next: the history stays.
- `Decline`: a household said it does not want a pair (recorded with its date; it counts as covered by its
  choice, never as a gap); undone by `undone_at`. One live decline per household.
- `Visit`: one visit or piece of help, briefly: the date, what (a short text without personal data), and
  whether something must follow up.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from gongzhi.core.masking import mask_name


class Aim(models.Model):
    area = models.OneToOneField("areas.Area", on_delete=models.CASCADE, related_name="+")
    area_path = models.CharField(max_length=120, db_index=True, editable=False)
    tags = models.ManyToManyField(
        "residents.Tag", related_name="+", verbose_name=_("须结对的户（按登记标签）")
    )
    per_member_max = models.PositiveSmallIntegerField(_("每名党员最多结对户数"), null=True, blank=True)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["area_path"]

    def __str__(self) -> str:
        return f"aim {self.area_id}"

    @property
    def scope_path(self) -> str:
        return self.area_path

    @property
    def audit_area(self):
        return self.area

    @property
    def audit_label(self) -> str:
        return f"{self.area.name}结对目标"


class PairOrigin(models.TextChoices):
    ASSIGNED = "assigned", _("村(社区)安排")
    CHOSEN = "chosen", _("农户自选")
    CHOSEN_ASSISTED = "chosen_assisted", _("农户自选（工作人员代为登记）")


class Pair(models.Model):
    community = models.ForeignKey("areas.Area", on_delete=models.PROTECT, related_name="+")
    area_path = models.CharField(max_length=120, db_index=True, editable=False)  # the household's
    household = models.ForeignKey("residents.Household", on_delete=models.PROTECT, related_name="+")
    member = models.ForeignKey("residents.Resident", on_delete=models.PROTECT, related_name="+")
    origin = models.CharField(_("结对方式"), max_length=16, choices=PairOrigin.choices)
    consent_channel = models.CharField(_("农户同意方式"), max_length=10, blank=True)
    started_on = models.DateField(_("结对日期"))
    start_reason = models.CharField(_("结对说明"), max_length=200, blank=True)
    ended_on = models.DateField(_("结束日期"), null=True, blank=True)
    end_reason = models.CharField(_("结束原因"), max_length=200, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    ended_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-started_on", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["household"], condition=Q(ended_on__isnull=True), name="pairing_one_active_pair"
            )
        ]
        indexes = [models.Index(fields=["member", "ended_on"], name="pairing_member_active")]

    def __str__(self) -> str:
        return f"pair {self.pk}"

    @property
    def scope_path(self) -> str:
        return self.area_path

    @property
    def audit_area(self):
        return self.community

    @property
    def audit_label(self) -> str:
        return f"户 {self.household.number} · 党员 {mask_name(self.member.name)}"

    @property
    def active(self) -> bool:
        return self.ended_on is None


class Decline(models.Model):
    community = models.ForeignKey("areas.Area", on_delete=models.PROTECT, related_name="+")
    area_path = models.CharField(max_length=120, db_index=True, editable=False)
    household = models.ForeignKey("residents.Household", on_delete=models.PROTECT, related_name="+")
    declined_on = models.DateField(_("谢绝日期"))
    reason = models.CharField(_("说明"), max_length=200, blank=True)
    consent_channel = models.CharField(_("农户表达方式"), max_length=10, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)
    undone_at = models.DateTimeField(null=True, blank=True)
    undone_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-declined_on", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["household"], condition=Q(undone_at__isnull=True), name="pairing_one_live_decline"
            )
        ]

    def __str__(self) -> str:
        return f"decline {self.pk}"

    @property
    def scope_path(self) -> str:
        return self.area_path

    @property
    def audit_area(self):
        return self.community

    @property
    def audit_label(self) -> str:
        return f"户 {self.household.number}"


class Visit(models.Model):
    pair = models.ForeignKey(Pair, on_delete=models.PROTECT, related_name="visits")
    visited_on = models.DateField(_("走访日期"))
    what = models.CharField(_("走访和帮扶内容"), max_length=200)
    follow_up = models.BooleanField(_("需要跟进"), default=False)
    follow_up_text = models.CharField(_("跟进事项"), max_length=200, blank=True)
    by_member = models.BooleanField(default=False)  # typed by the paired member themselves
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-visited_on", "-id"]

    def __str__(self) -> str:
        return f"visit {self.pk}"
