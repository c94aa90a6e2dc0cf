"""双亮 (亮身份, 亮承诺) and 党员先锋岗: party members' public pledge cards.

- `VanguardPost`: a pioneer post 党员先锋岗 (政策宣传岗, 环境卫生岗, …), data kept by the township's office.
- `Pledge`: one party member's pledge card for one year (once per member and year): their post, their 党小组,
  the pledge itself (承诺事项, a few lines), who wrote it (the member by their own account, or the party
  organisation's staff for them, with the member's consent recorded), the party organisation's approval,
  and at the year's end the short account of how it was kept (践诺). Who is a party member is the register's
  answer (the political status the party organisation's staff entered), never the member's own.
- `PledgeVersion`: every text the card ever had (a revision adds one); the public page shows the last
  version the party organisation approved, never one awaiting approval.
- `MemberPrivacy`: each member's choices for the public page — whether they appear at all, the name shown,
  whether what they did is shown. No row: not public.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class VanguardPost(models.Model):
    name = models.CharField(_("先锋岗"), max_length=20, unique=True)
    description = models.CharField(_("说明"), max_length=200, blank=True)
    order = models.PositiveSmallIntegerField(_("排序"), default=100)
    active = models.BooleanField(_("在用"), default=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["order", "id"]
        verbose_name = _("党员先锋岗")
        verbose_name_plural = _("党员先锋岗")

    def __str__(self) -> str:
        return self.name


class PledgeState(models.TextChoices):
    SUBMITTED = "submitted", _("待党组织审核")
    RETURNED = "returned", _("退回修改")
    APPROVED = "approved", _("已审核公开")
    CLOSED = "closed", _("年度践诺已总结")


class ConsentChannel(models.TextChoices):
    IN_PERSON = "in_person", _("本人当面同意")
    PHONE = "phone", _("本人电话同意")
    PAPER = "paper", _("本人签字的纸质材料")


class Pledge(models.Model):
    community = models.ForeignKey("areas.Area", on_delete=models.PROTECT, related_name="+")
    area_path = models.CharField(max_length=120, db_index=True, editable=False)  # the member's
    resident = models.ForeignKey("residents.Resident", on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField(_("年度"))
    post = models.ForeignKey(VanguardPost, on_delete=models.PROTECT, related_name="pledges")
    party_group = models.CharField(_("党小组"), max_length=30, blank=True)
    text = models.TextField(_("承诺事项"))  # the latest version's
    state = models.CharField(
        _("状态"), max_length=12, choices=PledgeState.choices, default=PledgeState.SUBMITTED
    )
    version = models.PositiveSmallIntegerField(default=1)
    written_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    assisted = models.BooleanField(default=False)
    consent_channel = models.CharField(max_length=10, choices=ConsentChannel.choices, blank=True)
    # The version the public page shows: the last one the party organisation approved.
    public_version = models.ForeignKey(
        "PledgeVersion", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    return_reason = models.CharField(_("退回原因"), max_length=200, blank=True)
    closing_account = models.TextField(_("践诺情况"), blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-year", "id"]
        verbose_name = _("党员承诺")
        verbose_name_plural = _("党员承诺")
        constraints = [models.UniqueConstraint(fields=["resident", "year"], name="pledge_once_a_year")]
        indexes = [models.Index(fields=["community", "year", "state"], name="pledge_board")]

    def __str__(self) -> str:
        return f"{self.resident_id} {self.year}"

    @property
    def scope_path(self) -> str:
        return self.area_path

    @property
    def audit_area(self):
        return self.community

    @property
    def audit_label(self) -> str:
        return f"党员承诺 #{self.pk}（{self.year}年）"


class PledgeVersion(models.Model):
    pledge = models.ForeignKey(Pledge, on_delete=models.PROTECT, related_name="versions")
    number = models.PositiveSmallIntegerField()
    post = models.ForeignKey(VanguardPost, on_delete=models.PROTECT, related_name="+")
    party_group = models.CharField(max_length=30, blank=True)
    text = models.TextField()
    written_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    assisted = models.BooleanField(default=False)
    consent_channel = models.CharField(max_length=10, choices=ConsentChannel.choices, blank=True)
    written_at = models.DateTimeField()
    approved_at = models.DateTimeField(null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["pledge", "number"]
        constraints = [models.UniqueConstraint(fields=["pledge", "number"], name="pledge_version_once")]

    def __str__(self) -> str:
        return f"{self.pledge_id} v{self.number}"


class NameDisplay(models.TextChoices):
    FULL = "full", _("全名")
    SURNAME = "surname", _("姓+某某")


class MemberPrivacy(models.Model):
    resident = models.OneToOneField("residents.Resident", on_delete=models.PROTECT, related_name="+")
    public = models.BooleanField(_("在公开页面上亮身份、亮承诺"), default=False)
    name_display = models.CharField(
        _("公开页面上的署名"), max_length=10, choices=NameDisplay.choices, default=NameDisplay.SURNAME
    )
    deeds_shown = models.BooleanField(_("公开页面上显示做了什么"), default=False)
    # Set by the member's own account, or by staff from the member's signed paper consent.
    paper_consent = models.BooleanField(default=False)
    changed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    changed_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"{self.resident_id} {self.public}"
